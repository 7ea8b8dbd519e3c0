// How a finished run's end becomes the answer's notice and meta: an incomplete stop is never shown
// as a complete answer, and reasoning tokens add up over a Continue.
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
});
