import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { countingFs, removeTempFolders, tempFolder } from '../../helpers/conversationFolders';
import { conversation } from './fixtures';

const quiet = () => {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => void warnings.push(m) };
};

describe('core/conversations: ConversationFiles', () => {
  after(removeTempFolders);

  it('saves one file per conversation, lists newest first, reads back, and survives a reopen', async () => {
    const root = tempFolder();
    const files = await ConversationFiles.open(root);
    const a = conversation(2, { updatedAt: 5, title: 'A' });
    const b = conversation(4, { updatedAt: 9, title: 'B' });
    await files.save(structuredClone(a));
    await files.save(structuredClone(b));
    assert.deepEqual(files.list().map((s) => s.title), ['B', 'A']);
    assert.deepEqual(files.read(a.id), a);
    assert.deepEqual(readdirSync(path.join(root, 'conversations')).sort(), [`${a.id}.json`, `${b.id}.json`].sort());
    const again = await ConversationFiles.open(root);
    assert.deepEqual(again.list().map((s) => s.title), ['B', 'A']);
    assert.deepEqual(again.read(b.id), b);
  });

  it('a plain save writes only that conversation: the index is not rewritten, locks are empty', async () => {
    const root = tempFolder();
    const fs = countingFs();
    const files = await ConversationFiles.open(root, { fs });
    const others = Array.from({ length: 20 }, () => conversation(10));
    for (const c of others) await files.save(c);
    const c = conversation(10);
    await files.save(c);
    fs.reset();
    c.messages.push({ id: 'more', role: 'user', text: 'one more', status: 'done', createdAt: 99 });
    await files.save(c);
    const size = readFileSync(path.join(root, 'conversations', `${c.id}.json`)).length;
    assert.deepEqual(fs.writes, [`${c.id}.json`]);
    assert.equal(fs.total(), size, 'bytes written = the size of that one conversation');
  });

  it('writes the index at start-up when the folder changed, and then reads only changed files', async () => {
    const root = tempFolder();
    const first = await ConversationFiles.open(root);
    const cs = Array.from({ length: 5 }, () => conversation(2));
    for (const c of cs) await first.save(c);
    const fs = countingFs();
    let reads = 0;
    const counted = { ...fs, read: (f: string) => (reads++, fs.read(f)) };
    await ConversationFiles.open(root, { fs: counted });
    assert.deepEqual(fs.writes, ['index.json'], 'the index is brought up to date once');
    reads = 0;
    fs.reset();
    const third = await ConversationFiles.open(root, { fs: counted });
    assert.equal(reads, 1, 'only the index is read when nothing changed');
    assert.deepEqual(fs.writes, []);
    assert.equal(third.list().length, 5);
  });

  it('two stores on one folder (two windows) merge by message id; the newer version of a message wins', async () => {
    const root = tempFolder();
    let t = 1000;
    const now = () => t;
    const w1 = await ConversationFiles.open(root, { now });
    const w2 = await ConversationFiles.open(root, { now });
    const c = conversation(2);
    await w1.save(c);
    await w2.refresh();
    const c2 = w2.read(c.id)!;
    // Window 1 answers a question; window 2, holding the older copy, asks another one.
    t = 2000;
    c.messages.push({ id: 'q1', role: 'user', text: 'from window 1', status: 'done', createdAt: 2000 }, { id: 'a1', role: 'assistant', text: 'ans', status: 'streaming', createdAt: 2000 });
    await w1.save(c);
    t = 3000;
    c2.messages.push({ id: 'q2', role: 'user', text: 'from window 2', status: 'done', createdAt: 3000 });
    const saved = await w2.save(c2);
    assert.deepEqual(saved, { saved: true, changed: true });
    assert.deepEqual(c2.messages.map((m) => m.id), [`${c.id}-m0`, `${c.id}-m1`, 'q1', 'a1', 'q2'], "window 1's messages were merged into window 2's live copy");
    // Window 1 finishes its answer: its version is newer than the copy window 2 carried.
    t = 4000;
    c.messages[3]!.text = 'answer, finished';
    c.messages[3]!.status = 'done';
    await w1.save(c);
    const onDisk = (await ConversationFiles.open(root)).read(c.id)!;
    assert.deepEqual(onDisk.messages.map((m) => [m.id, m.text, m.status]), [
      [`${c.id}-m0`, `message 0 of ${c.id}`, 'done'], [`${c.id}-m1`, `message 1 of ${c.id}`, 'done'],
      ['q1', 'from window 1', 'done'], ['a1', 'answer, finished', 'done'], ['q2', 'from window 2', 'done'],
    ]);
    // Window 2 saves again without touching a1: its stale copy does not overwrite the answer.
    t = 5000;
    await w2.save(c2);
    assert.equal((await ConversationFiles.open(root)).read(c.id)!.messages[3]!.text, 'answer, finished');
    assert.equal(c2.messages[3]!.text, 'answer, finished', 'and window 2 now shows it');
  });

  it('20 concurrent saves from two stores into one conversation keep every message', async () => {
    const root = tempFolder();
    const [w1, w2] = await Promise.all([ConversationFiles.open(root), ConversationFiles.open(root)]);
    const base = conversation(0, { id: 'shared' });
    const c1 = structuredClone(base);
    const c2 = structuredClone(base);
    await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      c1.messages.push({ id: `w1-${i}`, role: 'user', text: `w1 ${i}`, status: 'done', createdAt: i });
      c2.messages.push({ id: `w2-${i}`, role: 'user', text: `w2 ${i}`, status: 'done', createdAt: i });
      await Promise.all([w1.save(c1), w2.save(c2)]);
    }));
    await w1.save(c1);
    const ids = (await ConversationFiles.open(root)).read('shared')!.messages.map((m) => m.id);
    assert.equal(ids.length, 20);
    assert.equal(new Set(ids).size, 20);
  });

  it('a deleted conversation stays deleted: a stale window cannot bring it back', async () => {
    const root = tempFolder();
    const w1 = await ConversationFiles.open(root);
    const w2 = await ConversationFiles.open(root);
    const c = conversation(2);
    await w1.save(c);
    await w2.refresh();
    const stale = w2.read(c.id)!;
    await w1.delete(c.id);
    assert.deepEqual(w1.list(), []);
    stale.messages.push({ id: 'late', role: 'user', text: 'late', status: 'done', createdAt: 50 });
    assert.deepEqual(await w2.save(stale), { saved: false, deleted: true });
    assert.deepEqual(await w2.refresh(), [c.id]);
    assert.deepEqual(w2.list(), []);
    assert.equal(w2.isDeleted(c.id), true);
    assert.equal((await ConversationFiles.open(root)).read(c.id), undefined);
  });

  it('skips an invalid message (and says so) instead of dropping the conversation', async () => {
    const root = tempFolder();
    const log = quiet();
    const files = await ConversationFiles.open(root, { log });
    const c = conversation(3);
    await files.save(c);
    const file = path.join(root, 'conversations', `${c.id}.json`);
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.messages[1].text = 'x'.repeat(1_000_001); // over the wire limit
    raw.messages.splice(2, 0, { id: 'bad', role: 'system', text: 1 });
    writeFileSync(file, JSON.stringify(raw));
    const back = (await ConversationFiles.open(root, { log })).read(c.id)!;
    assert.deepEqual(back.messages.map((m) => m.id), [c.messages[0]!.id, c.messages[2]!.id]);
    assert.match(log.warnings.join('\n'), /skipped 2 invalid message/);
  });

  it('cuts an over-long message text to the limit when writing, so it can be read back', async () => {
    const files = await ConversationFiles.open(tempFolder());
    const c = conversation(2);
    c.messages[1]!.text = 'y'.repeat(1_200_000);
    await files.save(c);
    assert.equal(files.read(c.id)!.messages[1]!.text.length, 1_000_000);
  });

  it('peek reads without side effects: another window\'s change seen through it is still merged on the next save', async () => {
    const root = tempFolder();
    let t = 1000;
    const now = () => t;
    const w1 = await ConversationFiles.open(root, { now });
    const w2 = await ConversationFiles.open(root, { now });
    const c = conversation(2);
    await w1.save(c);
    await w2.refresh();
    const held = w2.read(c.id)!;
    t = 2000;
    c.messages.push({ id: 'q1', role: 'user', text: 'from window 1', status: 'done', createdAt: 2000 });
    await w1.save(c);
    // Window 2's conversation budget looks at the file: it sees window 1's message...
    assert.deepEqual(w2.peek(c.id)!.messages.map((m) => m.id).at(-1), 'q1');
    // ...and window 2's next save of its older copy still keeps it.
    t = 3000;
    held.messages.push({ id: 'q2', role: 'user', text: 'from window 2', status: 'done', createdAt: 3000 });
    await w2.save(held);
    assert.deepEqual((await ConversationFiles.open(root)).read(c.id)!.messages.map((m) => m.id).slice(-2), ['q1', 'q2']);
    writeFileSync(path.join(root, 'conversations', 'broken.json'), '{"v":2,"id":"broken","messa');
    assert.equal(w2.peek('broken'), undefined);
    assert.equal(existsSync(path.join(root, 'conversations', 'broken.json')), true, 'peek leaves a corrupt file where it is');
  });

  it('moves a corrupt file aside (logged), lists the rest, and skips leftover temp files', async () => {
    const root = tempFolder();
    const first = await ConversationFiles.open(root);
    const good = conversation(2);
    await first.save(good);
    const dir = path.join(root, 'conversations');
    writeFileSync(path.join(dir, 'broken.json'), '{"v":2,"id":"broken","messa');
    writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify({ v: 2, id: 'wrong', title: 7 }));
    writeFileSync(path.join(dir, `${good.id}.json.123.1.tmp`), 'half a write');
    const log = quiet();
    const files = await ConversationFiles.open(root, { log });
    assert.deepEqual(files.list().map((s) => s.id), [good.id]);
    assert.equal(existsSync(path.join(dir, 'broken.json')), false);
    assert.equal(readdirSync(path.join(root, 'corrupt')).length, 2);
    assert.equal(log.warnings.filter((w) => /corrupt/.test(w)).length, 2);
    assert.equal(files.read('broken'), undefined);
  });

  it('keeps the count, message and character limits, dropping the oldest', async () => {
    const files = await ConversationFiles.open(tempFolder(), { limits: { maxConversations: 3, maxMessages: 10, maxChars: 50_000 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = conversation(2, { updatedAt: 100 + i });
      ids.push(c.id);
      await files.save(c);
    }
    assert.deepEqual(files.list().map((s) => s.id), ids.slice(2).reverse());
    const many = conversation(25, { updatedAt: 200 });
    await files.save(many);
    assert.deepEqual(files.read(many.id)!.messages.map((m) => m.id), many.messages.slice(15).map((m) => m.id));
    const big = conversation(4, { updatedAt: 300 });
    for (const m of big.messages) m.text = 'y'.repeat(20_000);
    await files.save(big);
    assert.deepEqual(files.read(big.id)!.messages.map((m) => m.id), big.messages.slice(2).map((m) => m.id));
  });

  it('refuses ids that are not safe file names', async () => {
    const files = await ConversationFiles.open(tempFolder());
    await assert.rejects(files.save(conversation(1, { id: '../escape' })), /Invalid conversation id/);
    assert.equal(files.read('../../etc/passwd'), undefined);
  });

  it('keeps a conversation\'s reasoning effort; older files without one stay valid; a bad value reads as the default (issue 16)', async () => {
    const root = tempFolder();
    const files = await ConversationFiles.open(root);
    const withEffort = conversation(2, { effort: 'high' });
    const without = conversation(2);
    await files.save(structuredClone(withEffort));
    await files.save(structuredClone(without));
    assert.deepEqual(files.read(withEffort.id), withEffort);
    assert.deepEqual(files.read(without.id), without);
    assert.ok(!('effort' in files.read(without.id)!));
    const file = path.join(root, 'conversations', `${without.id}.json`);
    assert.ok(!('effort' in JSON.parse(readFileSync(file, 'utf8'))), 'nothing written for the default');
    // A file from a newer or hand-edited version with an unknown level: the conversation still opens.
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...raw, effort: 'max' }));
    const again = await ConversationFiles.open(root);
    assert.deepEqual(again.read(without.id), without);
  });

  it('a changed effort is saved, and another window\'s change to it is taken in (issue 16)', async () => {
    const root = tempFolder();
    const mine = await ConversationFiles.open(root);
    const theirs = await ConversationFiles.open(root);
    const c = conversation(2);
    await mine.save(c);
    const other = theirs.read(c.id)!;
    other.effort = 'low';
    await theirs.save(other);
    await mine.save(c);
    assert.equal(c.effort, 'low', 'merged into the live conversation');
    delete c.effort;
    await mine.save(c);
    assert.ok(!('effort' in theirs.read(c.id)!), 'back to the default');
  });
});
