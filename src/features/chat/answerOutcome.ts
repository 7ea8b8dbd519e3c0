// What a finished run leaves in the stored answer: its final text and status, its error with a
// remedy, its meta line (tokens, reasoning, cost, timing) and — for an answer that ended normally
// but short — a notice saying why, so an output limit or a content filter never passes for a
// complete answer.
//
// FinishReason cannot tell Anthropic's pause_turn from max_tokens (both are 'length'): an answer
// from Anthropic that stopped well under switchboard.maxOutputTokens (by the provider's own count)
// was paused; one at the limit, or with estimated tokens, hit the output limit. OpenAI refusals
// and content filters both end 'content_filter', so they share one wording.
import type { PipelineResult } from '../../core/llm/pipeline';
import type { FinishedRun, RecordedUsage } from '../../core/requests/requestService';
import type { UiMessage, UiMeta, UiNotice } from '../../shared/protocol/chat';
import { toUiError } from './presenter';

export interface FinishContext {
  /** The answer's text before this run (Continue), and its meta. */
  previousText: string;
  previousMeta: UiMeta | undefined;
  /** Text streamed in this run (used when the result carries none). */
  streamed: string;
  requested: { providerId: string; model: string };
  /** Earlier messages left out to fit the context window. */
  dropped: number;
  /** switchboard.maxOutputTokens as sent. */
  maxOutputTokens: number;
}

/** Sets the stored answer from the finished run. Its `thinking` was collected while it streamed. */
export function finishAnswer(message: UiMessage, { result, usage }: FinishedRun, ctx: FinishContext): void {
  message.text = ctx.previousText + (result.text || ctx.streamed);
  message.status = result.outcome === 'ok' ? 'done' : result.outcome;
  delete message.progress;
  if (result.error && (result.outcome === 'error' || result.outcome === 'interrupted')) message.error = toUiError(result.error);
  else delete message.error;
  // A request that never reached a provider (a hard budget blocked it) has no tokens, cost or time to show.
  const meta = usage ? metaOf(ctx.requested, result, usage, ctx.dropped, ctx.previousMeta) : ctx.previousMeta;
  if (meta) message.meta = meta;
  else delete message.meta;
  const notice = noticeOf(result, usage, ctx.maxOutputTokens);
  if (notice) message.notice = notice;
  else delete message.notice;
}

/** Why an answer that finished normally is not complete; undefined when it is. */
export function noticeOf(result: PipelineResult, usage: RecordedUsage | undefined, maxOutputTokens: number): UiNotice | undefined {
  if (result.outcome !== 'ok') return undefined;
  if (result.finishReason === 'content_filter') return { kind: 'filtered', text: "Stopped by the provider's content filter, or the model refused." };
  if (result.finishReason !== 'length') return undefined;
  const underLimit = !!usage && !usage.estimated && usage.outputTokens !== null && usage.outputTokens < maxOutputTokens;
  if (underLimit && result.providerId === 'anthropic') return { kind: 'pause', text: 'The provider paused this turn before it was done.' };
  if (underLimit) return { kind: 'length', text: "Stopped at the model's output limit." };
  return { kind: 'length', text: `Stopped at the output limit (switchboard.maxOutputTokens = ${maxOutputTokens.toLocaleString('en-US')}).` };
}

/** Tokens, cost and timing shown under an answer; a continued answer adds to what it had. */
export function metaOf(requested: { providerId: string; model: string }, result: PipelineResult, usage: RecordedUsage, dropped: number, previous: UiMeta | undefined): UiMeta {
  const add = (a: number | null | undefined, b: number | null) => (previous ? (a == null || b == null ? null : a + b) : b);
  const fellBack = result.providerId !== requested.providerId || result.model !== requested.model;
  const reasoning = (previous?.reasoningTokens ?? 0) + (usage.reasoningTokens ?? 0);
  const cachedRead = (previous?.cachedInputTokens ?? 0) + (usage.cachedInputTokens ?? 0);
  const cacheWrite = (previous?.cacheWriteTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  const saved = savedOf(previous?.savedUsd, usage.savedUsd);
  return {
    providerId: result.providerId || requested.providerId,
    model: result.model || requested.model,
    inputTokens: add(previous?.inputTokens, usage.inputTokens),
    outputTokens: add(previous?.outputTokens, usage.outputTokens),
    costUsd: add(previous?.costUsd, usage.costUsd),
    costEstimated: usage.estimated || !!previous?.costEstimated,
    latencyMs: Math.max(0, result.latencyMs),
    ...(result.ttftMs !== undefined ? { ttftMs: Math.max(0, result.ttftMs) } : {}),
    ...(fellBack ? { fellBackFrom: requested } : {}),
    ...(dropped > 0 ? { droppedMessages: dropped } : {}),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
    ...(cachedRead > 0 ? { cachedInputTokens: cachedRead } : {}),
    ...(cacheWrite > 0 ? { cacheWriteTokens: cacheWrite } : {}),
    ...(saved !== undefined ? { savedUsd: saved } : {}),
  };
}

/**
 * Caching's saving over a Continue: absent where a run had no cache activity, unknown (null) once
 * either run's price is unknown, else the sum (negative while writes cost more than reads saved).
 */
function savedOf(previous: number | null | undefined, now: number | null | undefined): number | null | undefined {
  if (previous === undefined) return now;
  if (now === undefined) return previous;
  return previous === null || now === null ? null : previous + now;
}
