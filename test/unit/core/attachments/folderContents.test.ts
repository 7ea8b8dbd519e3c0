import { strict as assert } from 'node:assert';
import { MAX_ATTACHMENT_CHARS, MAX_FILE_BYTES } from '../../../../src/core/attachments/attachment';
import { assembleFolder, folderDetail, leftOutSummary, MAX_FOLDER_FILES, type FolderFileReader } from '../../../../src/core/attachments/folderContents';

interface FakeFile {
  text?: string;
  size?: number;
  binary?: boolean;
  unreadable?: boolean;
}

function reader(files: Record<string, FakeFile>): FolderFileReader & { reads: string[]; stats: string[] } {
  const reads: string[] = [];
  const stats: string[] = [];
  return {
    reads,
    stats,
    async size(path) {
      stats.push(path);
      const f = files[path]!;
      return f.unreadable ? undefined : (f.size ?? Buffer.byteLength(f.text ?? ''));
    },
    async read(path) {
      reads.push(path);
      const f = files[path]!;
      return f.binary ? 'binary' : { text: f.text ?? '', ...(path.endsWith('.ts') ? { languageId: 'typescript' } : {}) };
    },
  };
}

describe('core/attachments: folder contents', () => {
  it('files in tree order; binary, oversize and unreadable ones left out with the reason, in the content and the detail', async () => {
    const files: Record<string, FakeFile> = {
      'src/z/b.ts': { text: 'b' },
      'src/app.ts': { text: 'app' },
      'src/logo.png': { binary: true, size: 40 },
      'src/data.json': { size: MAX_FILE_BYTES + 1 },
      'src/locked.txt': { unreadable: true },
    };
    const r = reader(files);
    const folder = await assembleFolder('src', Object.keys(files), r);
    assert.equal(
      folder.content,
      'Folder `src/` (2 files, 3 left out):\n\nFile `src/app.ts`:\n\n```typescript\napp\n```\n\nFile `src/z/b.ts`:\n\n```typescript\nb\n```\n\nLeft out:\n- `src/data.json`: over 512 KB\n- `src/locked.txt`: unreadable\n- `src/logo.png`: binary',
    );
    assert.equal(folder.detail, 'src/ · 2 files · left out: 1 binary, 1 over 512 KB, 1 unreadable');
    assert.deepEqual([folder.files, folder.leftOut], [2, 'left out: 1 binary, 1 over 512 KB, 1 unreadable']);
    assert.deepEqual(r.reads, ['src/app.ts', 'src/logo.png', 'src/z/b.ts'], 'an oversize file is never read');
  });

  it(`at most ${MAX_FOLDER_FILES} files; the rest are left out without being stat'ed`, async () => {
    const files = Object.fromEntries(Array.from({ length: MAX_FOLDER_FILES + 5 }, (_, i) => [`f/${String(i).padStart(3, '0')}.txt`, { text: 'x' }]));
    const r = reader(files);
    const folder = await assembleFolder('f', Object.keys(files), r);
    assert.equal(folder.files, MAX_FOLDER_FILES);
    assert.equal(folder.detail, `f/ · ${MAX_FOLDER_FILES} files · left out: 5 past the ${MAX_FOLDER_FILES}-file limit`);
    assert.equal(r.stats.length, MAX_FOLDER_FILES);
    assert.ok(folder.content.endsWith('\n- `f/204.txt`: past the 200-file limit'));
  });

  it('stops at the character cap; a smaller file after a big one still fits; files that cannot fit are not read', async () => {
    const big = 'y'.repeat(230_000);
    const files: Record<string, FakeFile> = { 'd/1.txt': { text: big }, 'd/2.txt': { text: big }, 'd/3.txt': { text: big }, 'd/4.txt': { text: 'small' } };
    const r = reader(files);
    const folder = await assembleFolder('d', Object.keys(files), r);
    assert.equal(folder.detail, 'd/ · 3 files · left out: 1 past the 500,000-character limit');
    assert.ok(folder.content.length <= MAX_ATTACHMENT_CHARS);
    assert.ok(folder.content.endsWith('File `d/4.txt`:\n\n```\nsmall\n```\n\nLeft out:\n- `d/3.txt`: past the 500,000-character limit'));
    assert.deepEqual(r.reads, ['d/1.txt', 'd/2.txt', 'd/4.txt'], 'd/3.txt is over three times the room left in bytes: not read');
  });

  it('a detail with nothing left out only counts the files', () => {
    assert.equal(folderDetail('lib/', 1, leftOutSummary([])), 'lib/ · 1 file');
    assert.equal(leftOutSummary(['charLimit', 'binary', 'charLimit']), 'left out: 1 binary, 2 past the 500,000-character limit');
  });
});
