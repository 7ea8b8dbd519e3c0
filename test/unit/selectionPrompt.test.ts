import { strict as assert } from 'node:assert';
import { buildSelectionPrompt, fenceFor } from '../../src/selection/selectionPrompt';

describe('selection prompt', () => {
  const ctx = { path: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 5, code: 'let a = 1;\nlet b = 2;\nlet c = 3;', scope: 'selection' as const };

  it('names the file, language and lines, and fences the code', () => {
    const { text, truncated } = buildSelectionPrompt(ctx, '  Explain this  ', 10_000);
    assert.equal(truncated, false);
    assert.equal(text, 'Explain this\n\nFrom `src/a.ts` (typescript, lines 3–5):\n\n```typescript\nlet a = 1;\nlet b = 2;\nlet c = 3;\n```');
  });

  it('uses a fence the code cannot close', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('has ``` inside and ````` too'), '``````');
    const { text } = buildSelectionPrompt({ ...ctx, code: 'x\n```\ny' }, 'Q', 1000);
    assert.match(text, /````typescript\nx\n```\ny\n````$/);
  });

  it('says when only the current line or the whole file was taken', () => {
    assert.match(buildSelectionPrompt({ ...ctx, scope: 'line', endLine: 3 }, 'Q', 1000).text, /line 3 \(nothing was selected\)/);
    assert.match(buildSelectionPrompt({ ...ctx, scope: 'file' }, 'Q', 1000).text, /the whole file/);
  });

  it('truncates at a line boundary and says so', () => {
    const { text, truncated, codeChars } = buildSelectionPrompt(ctx, 'Q', 15);
    assert.ok(truncated);
    assert.equal(codeChars, 'let a = 1;'.length);
    assert.match(text, /truncated to lines 3–3 of 3–5/);
  });
});
