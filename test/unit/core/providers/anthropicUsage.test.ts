// AnthropicUsage (src/core/providers/anthropic/usage.ts): the merge of message_start and
// message_delta usage, on its own, including the untrusted values a stream may carry.

import { strict as assert } from 'node:assert';
import { AnthropicUsage } from '../../../../src/core/providers/anthropic/usage';

describe('AnthropicUsage: merging usage across message_start and message_delta', () => {
  it('no usage at all → undefined (the pipeline then estimates)', () => {
    assert.equal(new AnthropicUsage().result(), undefined);
  });

  it('a count that is not a finite, non-negative number is treated as absent', () => {
    const u = new AnthropicUsage();
    u.apply({ input_tokens: 10, cache_read_input_tokens: 500, output_tokens: 1 });
    u.apply({ input_tokens: -3, cache_read_input_tokens: 'lots', output_tokens: Number.NaN });
    assert.deepEqual(u.result(), { inputTokens: 510, outputTokens: 1, cachedInputTokens: 500 });
  });

  it('cache_creation without cache_creation_input_tokens: the TTL parts add up to the writes', () => {
    const u = new AnthropicUsage();
    u.apply({ input_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 70 }, output_tokens: 2 });
    assert.deepEqual(u.result(), { inputTokens: 101, outputTokens: 2, cacheWriteTokens: 100, cacheWrite1hTokens: 70 });
  });

  it('a 1-hour count above the writes is capped at the writes', () => {
    const u = new AnthropicUsage();
    u.apply({ input_tokens: 0, cache_creation_input_tokens: 40, cache_creation: { ephemeral_1h_input_tokens: 90 }, output_tokens: 0 });
    assert.equal(u.result()!.cacheWrite1hTokens, 40);
  });

  it('usage.iterations[] replaces the top-level counts with the sum over its entries; an empty array does not', () => {
    const u = new AnthropicUsage();
    u.apply({ input_tokens: 5, cache_read_input_tokens: 1000, output_tokens: 1 });
    u.apply({ output_tokens: 10, iterations: [] });
    assert.deepEqual(u.result(), { inputTokens: 1005, outputTokens: 10, cachedInputTokens: 1000 });
    u.apply({
      output_tokens: 10,
      iterations: [
        { type: 'compaction', input_tokens: 7, cache_read_input_tokens: 2000, cache_creation_input_tokens: 0, output_tokens: 300 },
        { type: 'message', input_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 10 },
        null,
      ],
    });
    assert.deepEqual(u.result(), { inputTokens: 2012, outputTokens: 310, cachedInputTokens: 2000 });
  });

  it('output_tokens_details.thinking_tokens → reasoningTokens, never more than output', () => {
    const u = new AnthropicUsage();
    u.apply({ input_tokens: 1, output_tokens: 1 });
    u.apply({ output_tokens: 50, output_tokens_details: { thinking_tokens: 80 } });
    assert.deepEqual(u.result(), { inputTokens: 1, outputTokens: 50, reasoningTokens: 50 });
  });
});
