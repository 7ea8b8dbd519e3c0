import { strict as assert } from 'node:assert';
import {
  folderBlock,
  gitDiffBlock,
  LEFT_OUT_LIST_CHARS,
  problemsBlock,
  terminalBlock,
  terminalSelectionBlock,
  withNote,
} from '../../../../src/core/attachments/attachmentBlocks';

describe('core/attachments: attachment blocks', () => {
  it('a folder: a line naming it and its counts, each file as a file block, then what was left out and why', () => {
    const block = folderBlock('src', [{ path: 'src/a.ts', languageId: 'typescript', text: 'export const a = 1;\n' }, { path: 'src/b.txt', text: 'b' }], [{ path: 'src/logo.png', reason: 'binary' }]);
    assert.equal(
      block,
      'Folder `src/` (2 files, 1 left out):\n\nFile `src/a.ts`:\n\n```typescript\nexport const a = 1;\n```\n\nFile `src/b.txt`:\n\n```\nb\n```\n\nLeft out:\n- `src/logo.png`: binary',
    );
    assert.equal(folderBlock('lib/', [{ path: 'lib/x.md', text: 'x' }], []), 'Folder `lib/` (1 file):\n\nFile `lib/x.md`:\n\n```\nx\n```');
  });

  it("a folder's list of left-out files stops at its cap and counts the rest", () => {
    const leftOut = Array.from({ length: 2000 }, (_, i) => ({ path: `gen/f${String(i).padStart(4, '0')}.bin`, reason: 'binary' }));
    const block = folderBlock('gen', [], leftOut);
    const list = block.slice(block.indexOf('Left out:'));
    const listed = list.split('\n').filter((l) => l.startsWith('- `')).length;
    assert.ok(list.length <= LEFT_OUT_LIST_CHARS + 40, `${list.length}`);
    assert.ok(block.endsWith(`\n- and ${(2000 - listed).toLocaleString('en-US')} more files`), block.slice(-60));
    assert.ok(block.startsWith('Folder `gen/` (0 files, 2,000 left out):\n\nLeft out:\n- `gen/f0000.bin`: binary\n'));
  });

  it('problems: one line each, path:line:col severity: message (source code), in a fence', () => {
    const block = problemsBlock('`src/app.ts`', [
      { path: 'src/app.ts', line: 4, column: 7, severity: 'Error', message: "Cannot find name 'x'.", source: 'ts', code: '2304' },
      { path: 'src/app.ts', line: 9, column: 1, severity: 'Warning', message: 'Unused\n  variable.', source: 'eslint' },
      { path: 'src/app.ts', line: 12, column: 3, severity: 'Hint', message: 'Could be const.' },
    ]);
    assert.equal(
      block,
      "Problems in `src/app.ts` (3 problems):\n\n```\nsrc/app.ts:4:7 Error: Cannot find name 'x'. (ts 2304)\nsrc/app.ts:9:1 Warning: Unused variable. (eslint)\nsrc/app.ts:12:3 Hint: Could be const.\n```",
    );
    assert.equal(problemsBlock('the workspace', [{ path: 'a.py', line: 1, column: 1, severity: 'Information', message: 'Note', code: 'E1' }]), 'Problems in the workspace (1 problem):\n\n```\na.py:1:1 Information: Note (E1)\n```');
  });

  it('terminal output: the command as a shell shows it, then its output; the exit code when known', () => {
    assert.equal(terminalBlock('npm test', 'FAIL a.test.ts\n1 failing', 1), 'Output of a command run in the terminal (exit code 1):\n\n```\n$ npm test\nFAIL a.test.ts\n1 failing\n```');
    assert.equal(terminalBlock(undefined, 'done'), 'Output of the last command run in the terminal:\n\n```\ndone\n```');
    assert.equal(terminalBlock('true', '', 0), 'Output of a command run in the terminal (exit code 0):\n\n```\n$ true\n```');
    assert.equal(terminalSelectionBlock('error: ```boom```'), 'Text selected in the terminal:\n\n````\nerror: ```boom```\n````');
  });

  it('git diff: which changes, where, and the diff fenced as diff', () => {
    assert.equal(gitDiffBlock(false, '-a\n+b\n', 'app'), 'Git diff of the unstaged changes in `app` (`git diff`):\n\n```diff\n-a\n+b\n```');
    assert.equal(gitDiffBlock(true, '+c'), 'Git diff of the staged changes (`git diff --cached`):\n\n```diff\n+c\n```');
  });

  it('a note goes after the block; none leaves it as it is', () => {
    assert.equal(withNote('block', 'it was cut.'), 'block\n\n_Note: it was cut._');
    assert.equal(withNote('block', undefined), 'block');
  });
});
