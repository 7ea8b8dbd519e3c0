import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { nodeFileSystem, writeAtomic, type FileSystem } from '../../../../src/core/files/fileSystem';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';
import { conversation } from '../conversations/fixtures';

/** node:fs whose rename "crashes the process": the temp file is written, the rename never happens, nothing cleans up. */
const crashBeforeRename: FileSystem = {
  ...nodeFileSystem,
  rename: async () => { throw new Error('killed'); },
  remove: async () => undefined,
};

describe('core/conversations: writeAtomic', () => {
  after(removeTempFolders);

  it('replaces the file in one step', async () => {
    const file = path.join(tempFolder(), 'a.json');
    await writeAtomic(nodeFileSystem, file, 'one');
    await writeAtomic(nodeFileSystem, file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'two');
    assert.deepEqual(readdirSync(path.dirname(file)), ['a.json'], 'no temp file left');
  });

  it('a crash between the temp write and the rename leaves the old file intact', async () => {
    const file = path.join(tempFolder(), 'a.json');
    writeFileSync(file, 'old and complete');
    await assert.rejects(writeAtomic(crashBeforeRename, file, 'new'), /killed/);
    assert.equal(readFileSync(file, 'utf8'), 'old and complete');
    assert.equal(readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp')).length, 1, 'the orphaned temp file is all that is left');
  });

  it('a conversation save that crashes before the rename keeps the saved conversation readable', async () => {
    const root = tempFolder();
    const files = await ConversationFiles.open(root);
    const c = conversation(4);
    await files.save(structuredClone(c));
    const crashing = await ConversationFiles.open(root, { fs: crashBeforeRename });
    const changed = crashing.read(c.id)!;
    changed.messages.push({ id: 'new', role: 'user', text: 'lost in the crash', status: 'done', createdAt: 99 });
    await assert.rejects(crashing.save(changed), /killed/);
    const after = await ConversationFiles.open(root, { now: () => Date.now() + 120_000 });
    assert.deepEqual(after.read(c.id), c);
    assert.deepEqual(readdirSync(path.join(root, 'conversations')), [`${c.id}.json`], 'the stale temp file was cleaned up at the next start');
  });
});
