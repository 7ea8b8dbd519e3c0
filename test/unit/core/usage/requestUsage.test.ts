import { strict as assert } from 'node:assert';
import { toUsageRecord, type RequestUsage } from '../../../../src/core/usage/requestUsage';

const T = new Date(2026, 0, 15, 10, 0).getTime();

function req(over: Partial<RequestUsage> = {}): RequestUsage {
  return {
    providerId: 'openai',
    model: 'gpt-4o',
    usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 200 },
    cost: { usd: 0.0075, source: 'price-table', estimated: false },
    latencyMs: 1200,
    outcome: 'ok',
    workspace: 'proj',
    ...over,
  };
}

describe('requestUsage: a reported request as a stored record', () => {
  it('keeps a clean report as is, costs in integer nano-dollars', () => {
    assert.deepEqual(toUsageRecord(req(), T), {
      time: T,
      providerId: 'openai',
      model: 'gpt-4o',
      inputTokens: 1000,
      outputTokens: 100,
      cachedInputTokens: 200,
      costNanos: 7_500_000,
      latencyMs: 1200,
      outcome: 'ok',
      estimated: false,
      workspace: 'proj',
    });
  });

  it('keeps reasoning tokens, never more than the output they are part of', () => {
    assert.equal(toUsageRecord(req({ usage: { inputTokens: 10, outputTokens: 900, reasoningTokens: 600 } }), T).reasoningTokens, 600);
    assert.equal(toUsageRecord(req({ usage: { inputTokens: 10, outputTokens: 90, reasoningTokens: 600 } }), T).reasoningTokens, 90);
    assert.equal('reasoningTokens' in toUsageRecord(req({ usage: { inputTokens: 10, outputTokens: 90, reasoningTokens: Number.NaN } }), T), false);
  });

  it('sanitises what could make a shard unreadable or a CSV line break', () => {
    const r = toUsageRecord(
      req({ providerId: 'a\r\nb', model: 'm'.repeat(300), usage: { inputTokens: -3, outputTokens: 1.6, cachedInputTokens: Number.NaN }, latencyMs: Number.POSITIVE_INFINITY, outcome: 'weird' as 'ok', workspace: undefined }),
      T,
    );
    assert.deepEqual([r.providerId, r.model.length, r.inputTokens, r.outputTokens, r.cachedInputTokens, r.latencyMs, r.outcome, r.workspace], ['a b', 200, 0, 2, 0, 0, 'error', '']);
    assert.equal(toUsageRecord(req({ cost: { usd: -1, source: 'price-table', estimated: false } }), T).costNanos, 0);
    assert.equal(toUsageRecord(req({ cost: { usd: Number.NaN, source: 'price-table', estimated: false } }), T).costNanos, null);
  });

  it('keeps an error code only on errors, reduced to safe characters', () => {
    assert.equal(toUsageRecord(req({ outcome: 'error', errorCode: 'rate limit/429' }), T).errorCode, 'rate_limit_429');
    assert.equal('errorCode' in toUsageRecord(req({ outcome: 'ok', errorCode: 'x' }), T), false);
    assert.equal(toUsageRecord(req({ outcome: 'error', errorCode: 'e'.repeat(60) }), T).errorCode?.length, 40);
  });

  it('prices from the usage when no cost is given, and marks estimates', () => {
    assert.equal(toUsageRecord(req({ cost: undefined, usage: { inputTokens: 1, outputTokens: 1, reportedCostUsd: 0.0042 } }), T).costNanos, 4_200_000);
    assert.equal(toUsageRecord(req({ cost: undefined }), T).costNanos, null);
    assert.equal(toUsageRecord(req({ usage: { inputTokens: 1, outputTokens: 1, estimated: true } }), T).estimated, true);
    assert.equal(toUsageRecord(req({ cost: { usd: 1, source: 'price-table', estimated: true } }), T).estimated, true);
  });

  it('keeps cache writes (part of the input), the saving in signed nano-dollars and the price source', () => {
    const r = toUsageRecord(req({ usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 200, cacheWriteTokens: 700 }, savedUsd: -0.0012, priceSource: 'catalogue' }), T);
    assert.deepEqual([r.cacheWriteTokens, r.savedNanos, r.priceSource], [700, -1_200_000, 'catalogue']);
    assert.equal(toUsageRecord(req({ usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 200, cacheWriteTokens: 5000 } }), T).cacheWriteTokens, 800, 'never more than the uncached input');
    assert.equal(toUsageRecord(req({ savedUsd: 0 }), T).savedNanos, 0, 'a known zero saving on cached input is kept');
  });

  it('leaves them out when absent, unknown, zero without caching or unusable: such a record stores what it did before', () => {
    const plain = toUsageRecord(req({ usage: { inputTokens: 10, outputTokens: 1 }, savedUsd: 0 }), T);
    assert.deepEqual(['cacheWriteTokens' in plain, 'savedNanos' in plain, 'priceSource' in plain], [false, false, false]);
    for (const savedUsd of [null, Number.NaN, Number.POSITIVE_INFINITY, 1e300]) assert.equal('savedNanos' in toUsageRecord(req({ savedUsd }), T), false, String(savedUsd));
    assert.equal('priceSource' in toUsageRecord(req({ priceSource: 'guess' as 'catalogue' }), T), false);
    assert.equal('priceSource' in toUsageRecord(req({ cost: undefined, priceSource: 'settings' }), T), false, 'no price source for an unknown price');
  });
});
