import { strict as assert } from 'node:assert';
// The o200k encoding is a dev dependency used here only; the extension ships the estimator.
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateRequestTokens, estimateTokens, PER_MESSAGE_OVERHEAD, PER_REQUEST_OVERHEAD, TOKEN_WEIGHTS } from '../../../../src/core/llm/tokenEstimate';
import { tokenSamples } from '../../helpers/tokenSamples';

/** Stated bounds of the estimate on held-out text (the weights were fitted on other samples). */
const MAX_SAMPLE_ERROR = 0.2;
const MAX_MEAN_ABS_ERROR = 0.08;

describe('token estimate (calibrated against gpt-tokenizer o200k_base)', () => {
  it(`stays within ${MAX_SAMPLE_ERROR * 100} % on each held-out sample and ${MAX_MEAN_ABS_ERROR * 100} % on average`, () => {
    const samples = tokenSamples();
    assert.deepEqual(new Set(samples.map((s) => s.kind)), new Set(['prose', 'code', 'json', 'non-latin', 'other']));
    const rows: string[] = [];
    const errors: number[] = [];
    const failures: string[] = [];
    for (const { name, text } of samples) {
      const real = encode(text).length;
      assert.ok(real >= 100, `${name} is big enough to measure (${real} tokens)`);
      const est = estimateTokens(text);
      const error = (est - real) / real;
      errors.push(Math.abs(error));
      rows.push(`${name.padEnd(36)} real ${String(real).padStart(6)}  estimate ${String(est).padStart(6)}  error ${(error * 100).toFixed(1).padStart(6)} %`);
      if (Math.abs(error) > MAX_SAMPLE_ERROR) failures.push(`${name}: ${(error * 100).toFixed(1)} %`);
    }
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    rows.push(`mean absolute error ${(mean * 100).toFixed(1)} %`);
    console.log(rows.map((r) => `      ${r}`).join('\n'));
    assert.deepEqual(failures, []);
    assert.ok(mean <= MAX_MEAN_ABS_ERROR, `mean absolute error ${(mean * 100).toFixed(1)} %`);
  });

  it('counts digit groups, repeated punctuation and surrogate pairs the way o200k does, roughly', () => {
    assert.equal(estimateTokens(''), 0);
    // A long number is several 3-digit tokens, not one.
    assert.ok(estimateTokens('1234567890123') > estimateTokens('1234'));
    // A ruler of dashes is a few tokens, not one per character.
    assert.ok(estimateTokens('-'.repeat(60)) <= 3);
    // An emoji is one surrogate pair, counted once (its low half adds nothing), about two tokens.
    assert.equal(estimateTokens('🚀'), Math.ceil(TOKEN_WEIGHTS.astral));
    const emoji = '😀🚀🎉👍✨🔥🙌🥳🤖🎈';
    assert.ok(Math.abs(estimateTokens(emoji) - encode(emoji).length) <= 0.25 * encode(emoji).length, 'ten emoji');
    // CJK is about a token per character; the same length of English is far fewer.
    assert.ok(estimateTokens('日本語のテキスト') > 2 * estimateTokens('Japanese'));
  });

  it('counts messages with their overhead', () => {
    const n = estimateRequestTokens([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
    ]);
    assert.equal(n, PER_REQUEST_OVERHEAD + 2 * PER_MESSAGE_OVERHEAD + estimateTokens('Be brief.') + estimateTokens('Hello there'));
    assert.equal(estimateRequestTokens([]), PER_REQUEST_OVERHEAD);
  });

  it('counts tool calls, tool results, images and the offered tools (an agent request is mostly those)', () => {
    const text = estimateRequestTokens([{ role: 'user', content: 'Read a.ts' }]);
    const parts = estimateRequestTokens([
      { role: 'user', content: 'Read a.ts' },
      { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', callId: 'c1', content: 'export const a = 1;\n'.repeat(50) }, { type: 'image', mimeType: 'image/png', data: 'iVBORw==' }] },
    ]);
    assert.ok(parts > text + 200 + 900, `tool result and image counted (${parts} vs ${text})`);
    const tools = Array.from({ length: 40 }, (_, i) => ({ name: `tool_${i}`, description: 'Does one thing to the workspace and reports it.', inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'A file path' } } } }));
    assert.ok(estimateRequestTokens([{ role: 'user', content: 'Read a.ts' }], tools) > text + 40 * 20, '40 tool definitions counted');
  });
});
