import { strict as assert } from 'node:assert';
import { MAX_ATTACHMENT_CHARS } from '../../../../src/core/attachments/attachment';
import { gitDiffContent, problemsContent, terminalOutputContent, terminalSelectionContent } from '../../../../src/core/attachments/cappedBlocks';

describe('core/attachments: capped blocks', () => {
  it('what fits is sent whole, without a note', () => {
    assert.deepEqual(terminalOutputContent('ls', 'a\nb', 0), { content: 'Output of a command run in the terminal (exit code 0):\n\n```\n$ ls\na\nb\n```', kept: 3, cut: false });
    assert.equal(gitDiffContent(true, '+x', 'repo').content, 'Git diff of the staged changes in `repo` (`git diff --cached`):\n\n```diff\n+x\n```');
  });

  it('terminal output keeps its last part and says so', () => {
    const output = Array.from({ length: 60_000 }, (_, i) => `line ${i}`).join('\n');
    const fitted = terminalOutputContent('npm test', output, 1);
    assert.equal(fitted.cut, true);
    assert.ok(fitted.content.length <= MAX_ATTACHMENT_CHARS);
    assert.ok(fitted.content.startsWith('Output of a command run in the terminal (exit code 1):\n\n```\n$ npm test\nline '));
    assert.ok(fitted.content.endsWith(`\nline 59999\n\`\`\`\n\n_Note: the output is longer: only its last ${fitted.kept.toLocaleString('en-US')} characters are here._`), fitted.content.slice(-120));
  });

  it('a terminal selection over the cap keeps its end too', () => {
    const fitted = terminalSelectionContent('z'.repeat(MAX_ATTACHMENT_CHARS));
    assert.equal(fitted.cut, true);
    assert.equal(fitted.content.length, MAX_ATTACHMENT_CHARS);
    assert.match(fitted.content, /^Text selected in the terminal:\n\n```\nz+\n```\n\n_Note: the selection is longer: only its last [\d,]+ characters are here\._$/);
  });

  it('a diff keeps its start, cut at a line, and says how long it was', () => {
    const diff = Array.from({ length: 40_000 }, (_, i) => `+added line ${i}`).join('\n');
    const fitted = gitDiffContent(false, diff);
    assert.ok(fitted.content.length <= MAX_ATTACHMENT_CHARS);
    assert.ok(fitted.content.startsWith('Git diff of the unstaged changes (`git diff`):\n\n```diff\n+added line 0\n'));
    assert.ok(fitted.content.endsWith(`\n\`\`\`\n\n_Note: the diff is ${diff.length.toLocaleString('en-US')} characters long: only its first ${fitted.kept.toLocaleString('en-US')} are here._`));
    assert.match(fitted.content, /\n\+added line \d+\n```\n\n_Note/, 'ends on a whole line');
  });

  it('problems are sorted; too many are cut to whole lines and counted', () => {
    const small = problemsContent('the workspace', [
      { path: 'b.ts', line: 1, column: 1, severity: 'Warning', message: 'w' },
      { path: 'a.ts', line: 3, column: 2, severity: 'Error', message: 'e' },
    ]);
    assert.equal(small.content, 'Problems in the workspace (2 problems):\n\n```\na.ts:3:2 Error: e\nb.ts:1:1 Warning: w\n```');
    const many = Array.from({ length: 20_000 }, (_, i) => ({ path: `src/f${String(i).padStart(5, '0')}.ts`, line: 1, column: 1, severity: 'Error' as const, message: 'x'.repeat(20) }));
    const fitted = problemsContent('the workspace', many);
    assert.ok(fitted.content.length <= MAX_ATTACHMENT_CHARS);
    const listed = Number(/\(([\d,]+) problems\)/.exec(fitted.content)![1]!.replace(/,/g, ''));
    assert.ok(listed > 10_000 && listed < 20_000, String(listed));
    assert.ok(fitted.content.endsWith(`src/f${String(listed - 1).padStart(5, '0')}.ts:1:1 Error: ${'x'.repeat(20)}\n\`\`\`\n\n_Note: only the first ${listed.toLocaleString('en-US')} of 20,000 problems are listed._`));
  });
});
