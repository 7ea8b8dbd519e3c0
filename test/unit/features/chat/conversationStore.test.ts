import { strict as assert } from 'node:assert';
import { ConversationStore, titleFrom, type MementoLike, type StoredConversation } from '../../../../src/features/chat/conversationStore';

/** globalState stand-in that stores structured clones, like VS Code's JSON-backed Memento. */
class FakeMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  writes: string[] = [];
  get<T>(key: string): T | undefined {
    return this.data.has(key) ? (structuredClone(this.data.get(key)) as T) : undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes.push(key);
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
}

let time = 1000;
const clock = { now: () => time, setTimeout: () => 0, clearTimeout: () => undefined };

function withMessages(store: ConversationStore, n: number, text = 'x'): StoredConversation {
  const c = store.create({ providerId: 'openai', model: 'gpt-5-mini' });
  for (let i = 0; i < n; i++) c.messages.push({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: `${text}${i}`, status: 'done', createdAt: i });
  return c;
}

describe('chat: ConversationStore', () => {
  it('titles a conversation from the first line of its first message', () => {
    assert.equal(titleFrom('\n\n  How do I   parse JSON?\nmore'), 'How do I parse JSON?');
    assert.equal(titleFrom('   '), 'New chat');
    const long = titleFrom('a'.repeat(200));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
  });

  it('saves, lists (newest first), reads back, renames and deletes', async () => {
    const memento = new FakeMemento();
    const store = new ConversationStore(memento, clock);
    const a = withMessages(store, 2);
    a.title = 'A';
    a.updatedAt = 1;
    const b = withMessages(store, 4);
    b.title = 'B';
    b.updatedAt = 2;
    await store.save(a);
    await store.save(b);
    assert.deepEqual(store.list().map((s) => s.title), ['B', 'A']);
    assert.deepEqual(store.get(a.id), a);
    assert.notEqual(store.get(a.id), store.get(a.id), 'get returns copies');
    const renamed = await store.rename(a.id, '  Renamed  ');
    assert.equal(renamed?.title, 'Renamed');
    assert.equal(store.get(a.id)?.titled, true);
    await store.delete(b.id);
    assert.deepEqual(store.list().map((s) => s.id), [a.id]);
    assert.equal(store.get(b.id), undefined);
  });

  it('comes back after a "reload" (a new store on the same globalState), with unfinished answers marked interrupted', async () => {
    const memento = new FakeMemento();
    const first = new ConversationStore(memento, clock);
    const c = withMessages(first, 1);
    c.messages.push({ id: 'a', role: 'assistant', text: 'half an ans', status: 'streaming', createdAt: 2, progress: { attempt: 1 } });
    await first.save(c);
    await first.setActiveId(c.id);
    await first.setLastSelection({ providerId: 'anthropic', model: 'claude' });
    const second = new ConversationStore(memento, clock);
    assert.equal(second.activeId(), c.id);
    assert.deepEqual(second.lastSelection(), { providerId: 'anthropic', model: 'claude' });
    const back = second.get(c.id)!;
    assert.equal(back.messages[1]!.status, 'interrupted');
    assert.equal(back.messages[1]!.text, 'half an ans');
    assert.equal(back.messages[1]!.progress, undefined, 'transient progress is not stored');
  });

  it('keeps one key per conversation, so saving one does not rewrite the others', async () => {
    const memento = new FakeMemento();
    const store = new ConversationStore(memento, clock);
    const a = withMessages(store, 2);
    const b = withMessages(store, 2);
    await store.save(a);
    await store.save(b);
    memento.writes = [];
    a.messages.push({ id: 'new', role: 'user', text: 'again', status: 'done', createdAt: 9 });
    await store.save(a);
    assert.deepEqual(memento.writes, [`switchboard.chat.v1.c.${a.id}`]);
  });

  it('bounds the number of conversations, deleting the least recently updated', async () => {
    const memento = new FakeMemento();
    const store = new ConversationStore(memento, clock, { maxConversations: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = withMessages(store, 2);
      c.updatedAt = 100 + i;
      ids.push(c.id);
      await store.save(c);
    }
    assert.deepEqual(store.list().map((s) => s.id), ids.slice(2).reverse());
  });

  it('bounds messages and characters per conversation, dropping the oldest', async () => {
    const memento = new FakeMemento();
    const store = new ConversationStore(memento, clock, { maxMessages: 10, maxChars: 50_000 });
    const many = withMessages(store, 25);
    await store.save(many);
    assert.deepEqual(store.get(many.id)!.messages.map((m) => m.id), Array.from({ length: 10 }, (_, i) => `m${i + 15}`));
    const big = withMessages(store, 4, 'y'.repeat(20_000));
    await store.save(big);
    const kept = store.get(big.id)!.messages;
    assert.deepEqual(kept.map((m) => m.id), ['m2', 'm3']);
    assert.ok(kept.reduce((n, m) => n + m.text.length, 0) <= 50_000);
  });

  it('skips corrupted or foreign entries instead of trusting them', async () => {
    const memento = new FakeMemento();
    const store = new ConversationStore(memento, clock);
    const good = withMessages(store, 2);
    await store.save(good);
    await memento.update('switchboard.chat.v1.c.broken', { v: 1, id: 'broken', title: 5 });
    await memento.update('switchboard.chat.v1.c.mismatch', { ...good, id: 'other' });
    await memento.update('switchboard.chat.v1.c.bad-message', { ...good, id: 'bad-message', messages: [{ id: 'x', role: 'system', text: '', status: 'done', createdAt: 1 }] });
    await memento.update('switchboard.chat.v1.prefs', { selection: 'nope' });
    assert.deepEqual(store.list().map((s) => s.id), [good.id]);
    assert.equal(store.get('broken'), undefined);
    assert.equal(store.lastSelection(), undefined);
  });
});
