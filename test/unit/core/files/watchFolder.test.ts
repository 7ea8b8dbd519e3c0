import { strict as assert } from 'node:assert';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { watchFolder } from '../../../../src/core/files/watchFolder';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';
import { conversation } from '../conversations/fixtures';

function nextChange(files: ConversationFiles, timeoutMs = 3_000): { ids: Promise<string[]>; dispose(): void } {
  let watch: { dispose(): void } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ids = new Promise<string[]>((resolve, reject) => {
    watch = watchFolder({ dir: files.dir, what: 'the conversations folder', refresh: () => files.refresh() }, resolve, { debounceMs: 20 });
    timer = setTimeout(() => reject(new Error('no change noticed')), timeoutMs);
  });
  return { ids, dispose: () => { watch?.dispose(); clearTimeout(timer); } };
}

describe('core/files: watchFolder on the conversations folder', () => {
  after(removeTempFolders);

  it("notices another window's new conversation and its delete, not its own saves", async () => {
    const root = tempFolder();
    const [mine, theirs] = await Promise.all([ConversationFiles.open(root), ConversationFiles.open(root)]);
    const c = conversation(2);
    let change = nextChange(mine);
    try {
      await theirs.save(c);
      assert.deepEqual(await change.ids, [c.id]);
      assert.deepEqual(mine.list().map((s) => s.id), [c.id]);
    } finally {
      change.dispose();
    }
    change = nextChange(mine);
    try {
      await theirs.delete(c.id);
      assert.deepEqual(await change.ids, [c.id]);
      assert.deepEqual(mine.list(), []);
    } finally {
      change.dispose();
    }
    const own = nextChange(mine, 400);
    try {
      await mine.save(conversation(1));
      await assert.rejects(own.ids, /no change noticed/);
    } finally {
      own.dispose();
    }
  });
});
