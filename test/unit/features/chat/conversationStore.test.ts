import { strict as assert } from 'node:assert';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { ConversationStore, titleFrom, type MementoLike, type StoredConversation } from '../../../../src/features/chat/conversationStore';
import { memoryFs } from '../../helpers/conversationFolders';

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

const clock = { now: () => 1000, setTimeout: () => 0, clearTimeout: () => undefined };

/** What survives a reload: the prefs in globalState and the conversations folder. */
function storage() {
  return { memento: new FakeMemento(), fs: memoryFs() };
}
async function open(s: ReturnType<typeof storage>): Promise<ConversationStore> {
  return new ConversationStore(await ConversationFiles.open('/g', { fs: s.fs }), s.memento, clock);
}

function withMessages(store: ConversationStore, n: number): StoredConversation {
  const c = store.create({ providerId: 'openai', model: 'gpt-5-mini' });
  for (let i = 0; i < n; i++) c.messages.push({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: `x${i}`, status: 'done', createdAt: i });
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

  it('saves, lists (newest first), reads back copies, renames and deletes', async () => {
    const s = storage();
    const store = await open(s);
    const a = withMessages(store, 2);
    a.title = 'A';
    a.updatedAt = 1;
    const b = withMessages(store, 4);
    b.title = 'B';
    b.updatedAt = 2;
    await store.save(a);
    await store.save(b);
    assert.deepEqual(store.list().map((c) => c.title), ['B', 'A']);
    assert.deepEqual(store.get(a.id), a);
    assert.notEqual(store.get(a.id), store.get(a.id), 'get returns copies');
    const renamed = await store.rename(a.id, '  Renamed  ');
    assert.equal(renamed?.title, 'Renamed');
    assert.equal(store.get(a.id)?.titled, true);
    await store.setActiveId(b.id);
    await store.delete(b.id);
    assert.deepEqual(store.list().map((c) => c.id), [a.id]);
    assert.equal(store.get(b.id), undefined);
    assert.equal(store.isDeleted(b.id), true);
    assert.equal(store.activeId(), undefined, 'the deleted conversation is no longer the open one');
  });

  it('comes back after a reload, with unfinished answers marked interrupted; prefs stay in globalState', async () => {
    const s = storage();
    const first = await open(s);
    const c = withMessages(first, 1);
    c.messages.push({ id: 'a', role: 'assistant', text: 'half an ans', status: 'streaming', createdAt: 2, progress: { attempt: 1 } });
    await first.save(c);
    await first.setActiveId(c.id);
    await first.setLastSelection({ providerId: 'anthropic', model: 'claude' });
    const second = await open(s);
    assert.equal(second.activeId(), c.id);
    assert.deepEqual(second.lastSelection(), { providerId: 'anthropic', model: 'claude' });
    const back = second.get(c.id)!;
    assert.equal(back.messages[1]!.status, 'interrupted');
    assert.equal(back.messages[1]!.text, 'half an ans');
    assert.equal(back.messages[1]!.progress, undefined, 'transient progress is not stored');
    assert.deepEqual(s.memento.writes.filter((k) => !k.endsWith('.prefs')), [], 'no conversation in globalState');
  });

  it('tells listeners when another window changed conversations', async () => {
    const store = await open(storage());
    const seen: string[][] = [];
    const sub = store.onDidChange((ids) => seen.push(ids));
    store.emit(['x']);
    sub.dispose();
    store.emit(['y']);
    assert.deepEqual(seen, [['x']]);
  });

  it('ignores invalid prefs', async () => {
    const s = storage();
    await s.memento.update('switchboard.chat.v1.prefs', { selection: 'nope' });
    assert.equal((await open(s)).lastSelection(), undefined);
  });
});
