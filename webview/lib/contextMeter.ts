// The composer's context meter: the tokens the next request will send (system prompt + the
// history that will be kept + the draft, as the host trims it) against the model's context window,
// and their estimated input cost.
//
// The warning rule. The input must fit the window minus the room reserved for the answer: the
// host sends that as `inputBudget` (window − min(maxOutputTokens, window / 2), the rule trimming
// uses). The meter is
//   'over'    when the input is larger than inputBudget even after trimming (only the system
//             prompt and the question are left, and they alone do not fit);
//   'warning' when the input is ≥ 80 % of inputBudget, or trimming leaves messages out;
//   'ok'      otherwise.
// Trimming is never silent: whenever messages are left out the meter says how many, in words.
import type { ChatOutbound } from '@shared/protocol/chat';
import { formatTokens, formatUsd } from './format';

type Estimate = Extract<ChatOutbound, { type: 'estimate' }>;

/** The share of the input budget from which the meter warns. */
export const WARN_FROM = 0.8;

export type MeterLevel = 'ok' | 'warning' | 'over';

export interface Meter {
  level: MeterLevel;
  /** The bar: input and the room reserved for the answer, in % of the window; absent = unknown window (no bar). */
  bar?: { input: number; reserved: number };
  /** "12k / 200k tokens · ≈$0.04" */
  text: string;
  /** The breakdown, for the tooltip. */
  title: string;
  /** Said visibly under the meter: what trimming leaves out, or that the request does not fit. */
  notice?: string;
}

export function meterOf(e: Estimate): Meter {
  const n = (x: number) => x.toLocaleString('en-US');
  const budget = e.inputBudget;
  const window = e.contextWindow && budget !== null ? e.contextWindow : undefined;
  const level: MeterLevel = budget === null ? 'ok' : e.inputTokens > budget ? 'over' : e.droppedMessages > 0 || e.inputTokens >= WARN_FROM * budget ? 'warning' : 'ok';
  const cost = e.costUsd === null ? 'unknown price' : `≈${formatUsd(e.costUsd)}`;
  const dropped = e.droppedMessages;
  const title = [
    `Next request: about ${n(e.inputTokens)} input tokens`,
    `  System prompt: ${n(e.systemTokens)}`,
    `  History: ${n(e.historyTokens)}${dropped > 0 ? ` (the oldest ${dropped === 1 ? 'message' : `${n(dropped)} messages`} left out)` : ''}`,
    `  Your message: ${n(e.draftTokens)}`,
    window !== undefined
      ? `Context window: ${n(window)} tokens; ${n(window - budget!)} kept for the answer, ${n(budget!)} for the input (warning from ${WARN_FROM * 100} %).`
      : 'Context window: unknown (nothing is left out).',
    e.costUsd === null ? 'Input cost: unknown price.' : `Input ≈ ${formatUsd(e.costUsd)}${e.maxOutputCostUsd !== null ? `; up to ${formatUsd(e.maxOutputCostUsd)} more if the answer uses all ${n(e.maxOutputTokens)} output tokens` : ''}.`,
  ].join('\n');
  const notice = level === 'over'
    ? "Too long for this model's context window, even with older messages left out: shorten the message or pick a model with a larger window."
    : dropped > 0
      ? `The oldest ${dropped === 1 ? 'message' : `${n(dropped)} messages`} will be left out to fit the context window (the system prompt and the newest turns are kept).`
      : undefined;
  return {
    level,
    ...(window !== undefined ? { bar: { input: Math.min(100, (e.inputTokens / window) * 100), reserved: ((window - budget!) / window) * 100 } } : {}),
    text: `${formatTokens(e.inputTokens)}${window !== undefined ? ` / ${formatTokens(window)}` : ''} tokens · ${cost}`,
    title,
    ...(notice ? { notice } : {}),
  };
}
