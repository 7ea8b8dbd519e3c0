// How a Gemini answer ended, and what it used. Only STOP is a complete answer; MAX_TOKENS is cut
// off ('length'); the safety family is a content filter. Every other documented `finishReason`
// (OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS,
// MALFORMED_RESPONSE, FINISH_REASON_UNSPECIFIED, or one added later) means the model stopped before
// its answer was done: the adapter ends such a stream with an error naming the reason, so the
// partial answer is kept as interrupted (with Continue / Retry) instead of looking complete.

import type { FinishReason, Usage } from '../../llm/types';
import { errorFor, clip, type ErrorContext, type ProviderError } from '../../llm/errors';
import { compact } from '../_shared';

const CONTENT_FILTER = /SAFETY|RECITATION|BLOCKLIST|PROHIBITED_CONTENT|SPII/;

export function mapFinish(reason: string): FinishReason {
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER.test(reason)) return 'content_filter';
  return 'error';
}

/** What the documented reasons mean, in a sentence. */
const EXPLAINED: Record<string, string> = {
  OTHER: 'for an unspecified reason',
  LANGUAGE: 'because the prompt or the answer is in a language it does not support',
  MALFORMED_FUNCTION_CALL: 'because it produced a function call that is not valid',
  UNEXPECTED_TOOL_CALL: 'because it called a tool when none was enabled',
  TOO_MANY_TOOL_CALLS: 'because it made too many tool calls in a row',
  MALFORMED_RESPONSE: 'because it produced a response that is not valid',
  FINISH_REASON_UNSPECIFIED: 'without saying why',
};

/** The error that ends a stream stopped by a non-STOP `finishReason`. */
export function incompleteFinish(ctx: ErrorContext, reason: string, finishMessage?: string): ProviderError {
  const why = EXPLAINED[reason] ?? 'before the answer was complete';
  const said = finishMessage ? ` ${ctx.label} said: "${clip(finishMessage)}"` : '';
  return errorFor(ctx, {
    // A different language will not change by asking again; the others may pass on a retry.
    code: reason === 'LANGUAGE' ? 'bad_request' : 'server',
    providerCode: reason,
    message: `${ctx.label} stopped the answer ${why} (finishReason ${clip(reason, 60)}).${said}`,
  });
}

interface UsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * usageMetadata in our terms. `promptTokenCount` includes `cachedContentTokenCount`;
 * `toolUsePromptTokenCount` (the results of tools that ran, fed back to the model) is billed as input
 * but reported apart; `thoughtsTokenCount` is billed as output but reported apart from
 * `candidatesTokenCount`.
 */
export function toUsage(meta: object): Usage {
  const m = meta as UsageMetadata;
  const thoughts = num(m.thoughtsTokenCount);
  const cached = num(m.cachedContentTokenCount);
  return compact<Usage>({
    inputTokens: num(m.promptTokenCount) + num(m.toolUsePromptTokenCount),
    outputTokens: num(m.candidatesTokenCount) + thoughts,
    cachedInputTokens: cached > 0 ? cached : undefined,
    reasoningTokens: thoughts > 0 ? thoughts : undefined,
  });
}
