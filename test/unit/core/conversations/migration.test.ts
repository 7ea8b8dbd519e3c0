import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { LEGACY_PREFIX, migrateFromGlobalState } from '../../../../src/core/conversations/migration';
import { MemoryKeyValueStore } from '../../../../src/core/usage/keyValueStore';
import { nodeFileSystem, type FileSystem } from '../../../../src/core/files/fileSystem';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';
import { conversation } from './fixtures';

const log = { warn: () => undefined };

async function legacyState(n: number) {
  const state = new MemoryKeyValueStore();
  const cs = Array.from({ length: n }, () => conversation(4));
  for (const c of cs) await state.update(LEGACY_PREFIX + c.id, c);
  await state.update('switchboard.chat.v1.prefs', { activeId: cs[0]!.id });
  await state.update('switchboard.usage.v2.other', { kept: true });
  return { state, cs };
}

describe('core/conversations: migration from globalState', () => {
  after(removeTempFolders);

  it('writes each conversation to a file, verifies it, then removes its key (other keys untouched)', async () => {
    const { state, cs } = await legacyState(5);
    const files = await ConversationFiles.open(tempFolder());
    const result = await migrateFromGlobalState(state, files, log);
    assert.deepEqual(result, { moved: 5, unreadable: 0, failed: 0, skippedMessages: 0 });
    for (const c of cs) assert.deepEqual(files.read(c.id), c);
    assert.deepEqual([...state.keys()].sort(), ['switchboard.chat.v1.prefs', 'switchboard.usage.v2.other']);
  });

  it('is idempotent: running again (or after a crash) moves nothing twice and loses nothing', async () => {
    const { state, cs } = await legacyState(3);
    const root = tempFolder();
    // A crash after the files were written but before any key was removed:
    const snapshot = new MemoryKeyValueStore();
    for (const k of state.keys()) await snapshot.update(k, state.get(k));
    await migrateFromGlobalState(state, await ConversationFiles.open(root), log);
    const files = await ConversationFiles.open(root);
    const again = await migrateFromGlobalState(snapshot, files, log);
    assert.equal(again.moved, 3);
    for (const c of cs) assert.deepEqual(files.read(c.id), c, 'not duplicated');
    assert.deepEqual(await migrateFromGlobalState(snapshot, files, log), { moved: 0, unreadable: 0, failed: 0, skippedMessages: 0 });
  });

  it('keeps the key of a conversation whose file did not read back the same', async () => {
    const { state, cs } = await legacyState(2);
    const root = tempFolder();
    // A disk that "loses" writes of the first conversation: the file never appears.
    const lossy: FileSystem = { ...nodeFileSystem, rename: (a, b) => (b.includes(cs[0]!.id) ? nodeFileSystem.remove(a) : nodeFileSystem.rename(a, b)) };
    const result = await migrateFromGlobalState(state, await ConversationFiles.open(root, { fs: lossy }), log);
    assert.equal(result.moved, 1);
    assert.equal(result.failed, 1);
    assert.ok(state.get(LEGACY_PREFIX + cs[0]!.id), 'kept for the next start');
    assert.equal(state.get(LEGACY_PREFIX + cs[1]!.id), undefined);
    assert.equal(readdirSync(path.join(root, 'conversations')).length, 1);
  });

  it('moves a conversation with an invalid message, without that message; removes unreadable keys', async () => {
    const state = new MemoryKeyValueStore();
    const c = conversation(3);
    const broken = structuredClone(c) as unknown as { messages: unknown[] };
    broken.messages[1] = { id: 'x', role: 'assistant', text: 'z'.repeat(1_000_001), status: 'done', createdAt: 1 };
    await state.update(LEGACY_PREFIX + c.id, broken);
    await state.update(`${LEGACY_PREFIX}junk`, { v: 1, title: 5 });
    const files = await ConversationFiles.open(tempFolder());
    const result = await migrateFromGlobalState(state, files, log);
    assert.deepEqual(result, { moved: 1, unreadable: 1, failed: 0, skippedMessages: 1 });
    assert.deepEqual(files.read(c.id)!.messages.map((m) => m.id), [c.messages[0]!.id, c.messages[2]!.id]);
    assert.deepEqual([...state.keys()], []);
  });
});
