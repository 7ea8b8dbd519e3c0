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
});
