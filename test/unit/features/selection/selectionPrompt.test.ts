import { strict as assert } from 'node:assert';
import { buildEditPrompt, buildSelectionAttachment, buildSelectionPrompt, codeBudgetChars, DEFAULT_MAX_CODE_CHARS, extractProposal, fenceFor, sourceLabel } from '../../../../src/features/selection/selectionPrompt';
import { LIMITS } from '../../../../src/shared/protocol/limits';

describe('selection prompt', () => {
  const ctx = { path: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 5, code: 'let a = 1;\nlet b = 2;\nlet c = 3;', scope: 'selection' as const };

  it('names the file, language and lines, and fences the code; the question comes after it', () => {
    const { text, truncated } = buildSelectionPrompt(ctx, '  Explain this  ', 10_000);
    assert.equal(truncated, false);
    assert.equal(text, 'From `src/a.ts` (typescript, lines 3–5):\n\n```typescript\nlet a = 1;\nlet b = 2;\nlet c = 3;\n```\n\nExplain this');
  });

  it('is an attachment: a chip labelled with the file and lines, whose content is the block', () => {
    const built = buildSelectionAttachment(ctx, 10_000);
    assert.equal(built.label, 'a.ts:3-5');
    assert.equal(built.content, 'From `src/a.ts` (typescript, lines 3–5):\n\n```typescript\nlet a = 1;\nlet b = 2;\nlet c = 3;\n```');
    assert.equal(buildSelectionAttachment({ ...ctx, scope: 'line', endLine: 3 }, 1000).label, 'a.ts:3');
    assert.equal(buildSelectionAttachment({ ...ctx, scope: 'file' }, 1000).label, 'a.ts');
    const cut = buildSelectionAttachment(ctx, 15);
    assert.deepEqual([cut.label, cut.endLine], ['a.ts:3', 3], 'a truncated chip names the lines that were sent');
  });

  it('uses a fence the code cannot close', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('has ``` inside and ````` too'), '``````');
    const { text } = buildSelectionPrompt({ ...ctx, code: 'x\n```\ny' }, 'Q', 1000);
    assert.match(text, /````typescript\nx\n```\ny\n````\n\nQ$/);
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

  it('sizes the code budget from the model\'s context window, within one message', () => {
    assert.equal(codeBudgetChars(undefined, 4096), DEFAULT_MAX_CODE_CHARS);
    assert.equal(codeBudgetChars(128_000, 4096), (128_000 - 4096 - 2000) * 3);
    assert.equal(codeBudgetChars(8_000, 7_500), 3_000, 'never below 1,000 tokens of code');
    assert.ok(codeBudgetChars(1_000_000, 8192) < LIMITS.text, 'a 1M-token model still fits one chat message');
  });

  it('labels a source by its lines', () => {
    assert.equal(sourceLabel({ path: 'src/a.ts', startLine: 3, endLine: 5 }), 'src/a.ts lines 3–5');
    assert.equal(sourceLabel({ path: 'a.py', startLine: 7, endLine: 7 }), 'a.py line 7');
  });

  it('asks an edit as instruction + fenced code', () => {
    assert.equal(buildEditPrompt(ctx, ' Use const '), 'Instruction: Use const\n\nCode from `src/a.ts` (typescript, lines 3–5):\n\n```typescript\nlet a = 1;\nlet b = 2;\nlet c = 3;\n```');
  });

  it('takes the first fenced block of an edit answer as the proposal', () => {
    assert.deepEqual(extractProposal('Here:\n```ts\nconst a = 1;\n```\nDone. ```js\nx\n```'), { code: 'const a = 1;', fenced: true, cutOff: false });
    assert.deepEqual(extractProposal('````md\n```ts\ninner\n```\n````'), { code: '```ts\ninner\n```', fenced: true, cutOff: false });
    assert.deepEqual(extractProposal('~~~\n  indented\n\n~~~'), { code: '  indented\n', fenced: true, cutOff: false });
    assert.deepEqual(extractProposal('```py\ndef f():\n    return'), { code: 'def f():\n    return', fenced: true, cutOff: true });
    // Prose is never taken as code: no fence, no proposal.
    assert.deepEqual(extractProposal('\n\nconst a = 1;\n\n'), { code: '', fenced: false, cutOff: false });
  });
});
