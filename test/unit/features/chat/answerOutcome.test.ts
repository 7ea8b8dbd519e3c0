// How a finished run's end becomes the answer's notice and meta: an incomplete stop is never shown
// as a complete answer, and reasoning tokens and caching's savings add up over a Continue.
import { strict as assert } from 'node:assert';
import type { PipelineResult } from '../../../../src/core/llm/pipeline';
import { metaOf, noticeOf } from '../../../../src/features/chat/answerOutcome';

const result = (over: Partial<PipelineResult>): PipelineResult => ({ outcome: 'ok', text: 'x', providerId: 'openai', model: 'm', attempts: 1, latencyMs: 5, ...over });
const usage = (outputTokens: number, over: object = {}) => ({ inputTokens: 10, outputTokens, costUsd: 0.01, estimated: false, ...over });

describe('chat: answerOutcome', () => {
  it('a clean stop, a stopped, interrupted or failed answer has no notice', () => {
    assert.equal(noticeOf(result({ finishReason: 'stop' }), usage(5), 100), undefined);
    assert.equal(noticeOf(result({}), usage(5), 100), undefined);
    for (const outcome of ['stopped', 'interrupted', 'error'] as const) assert.equal(noticeOf(result({ outcome, finishReason: 'length' }), usage(100), 100), undefined);
  });

  it('names the output limit, a model limit below it, and a paused Anthropic turn', () => {
    assert.deepEqual(noticeOf(result({ finishReason: 'length' }), usage(4096), 4096), { kind: 'length', text: 'Stopped at the output limit (switchboard.maxOutputTokens = 4,096).' });
    assert.equal(noticeOf(result({ finishReason: 'length' }), usage(10, { estimated: true }), 4096)?.text, 'Stopped at the output limit (switchboard.maxOutputTokens = 4,096).', 'estimated tokens prove nothing');
    assert.equal(noticeOf(result({ finishReason: 'length' }), undefined, 4096)?.kind, 'length');
    assert.equal(noticeOf(result({ finishReason: 'length' }), usage(900), 4096)?.text, "Stopped at the model's output limit.");
    assert.equal(noticeOf(result({ finishReason: 'length', providerId: 'anthropic' }), usage(900), 4096)?.kind, 'pause');
    assert.equal(noticeOf(result({ finishReason: 'length', providerId: 'anthropic' }), usage(4096), 4096)?.kind, 'length');
  });

  it('a content filter or refusal', () => {
    assert.equal(noticeOf(result({ finishReason: 'content_filter' }), usage(3), 100)?.kind, 'filtered');
  });

  it('meta: reasoning tokens only when there are some, summed over a Continue', () => {
    const requested = { providerId: 'openai', model: 'm' };
    const first = metaOf(requested, result({}), usage(100, { reasoningTokens: 60 }), 0, undefined);
    assert.equal(first.reasoningTokens, 60);
    assert.equal('reasoningTokens' in metaOf(requested, result({}), usage(100), 0, undefined), false);
    assert.equal(metaOf(requested, result({}), usage(10), 0, first).reasoningTokens, 60);
    assert.equal(metaOf(requested, result({}), usage(10, { reasoningTokens: 5 }), 0, first).reasoningTokens, 65);
  });

  it('meta: prompt-cache tokens and savings, summed over a Continue', () => {
    const requested = { providerId: 'anthropic', model: 'm' };
    const first = metaOf(requested, result({}), usage(10, { inputTokens: 1500, cachedInputTokens: 1200, cacheWriteTokens: 300, savedUsd: 0.0123 }), 0, undefined);
    assert.deepEqual([first.cachedInputTokens, first.cacheWriteTokens, first.savedUsd], [1200, 300, 0.0123]);
    const next = metaOf(requested, result({}), usage(10, { inputTokens: 1600, cachedInputTokens: 1500, savedUsd: 0.004 }), 0, first);
    assert.equal(next.cachedInputTokens, 2700);
    assert.equal(next.cacheWriteTokens, 300, 'writes of the first run are kept');
    assert.ok(Math.abs(next.savedUsd! - 0.0163) < 1e-12);
    assert.equal(next.inputTokens, 3100);
  });

  it('meta: a cache write that cost more than it saved stays negative, and can be paid back on a Continue', () => {
    const requested = { providerId: 'anthropic', model: 'm' };
    const write = metaOf(requested, result({}), usage(10, { inputTokens: 2000, cacheWriteTokens: 1900, savedUsd: -0.0004 }), 0, undefined);
    assert.equal(write.savedUsd, -0.0004);
    assert.equal('cachedInputTokens' in write, false, 'nothing read from the cache');
    const read = metaOf(requested, result({}), usage(10, { inputTokens: 2100, cachedInputTokens: 1900, savedUsd: 0.0051 }), 0, write);
    assert.ok(Math.abs(read.savedUsd! - 0.0047) < 1e-12);
  });

  it('meta: unknown savings stay unknown; no cache activity adds no fields', () => {
    const requested = { providerId: 'openai', model: 'm' };
    const none = metaOf(requested, result({}), usage(10), 0, undefined);
    for (const key of ['cachedInputTokens', 'cacheWriteTokens', 'savedUsd']) assert.equal(key in none, false, key);
    const unknown = metaOf(requested, result({}), usage(10, { cachedInputTokens: 500, savedUsd: null }), 0, undefined);
    assert.equal(unknown.savedUsd, null);
    assert.equal(metaOf(requested, result({}), usage(10, { cachedInputTokens: 500, savedUsd: 0.01 }), 0, unknown).savedUsd, null, 'unknown + known = unknown');
    assert.equal(metaOf(requested, result({}), usage(10), 0, unknown).savedUsd, null, 'a Continue without cache activity keeps it');
    const known = metaOf(requested, result({}), usage(10, { cachedInputTokens: 500, savedUsd: 0.01 }), 0, none);
    assert.equal(known.savedUsd, 0.01, 'a first run without cache activity adds nothing');
  });
});
