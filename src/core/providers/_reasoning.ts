// A conversation's reasoning effort (low / medium / high) in each provider's own terms. The
// levels are ours (shared/reasoning.ts); the wire fields are the providers':
// - OpenAI Chat Completions (also Azure and compatible servers): `reasoning_effort` as is.
// - Anthropic: Claude 4.5 and earlier take manual extended thinking, `thinking: { type: 'enabled',
//   budget_tokens }` (≥ 1,024 and below max_tokens); Claude 4.6 and later take adaptive thinking,
//   `thinking: { type: 'adaptive' }` + `output_config: { effort }` (4.7 and later reject the
//   budget form with a 400). A model the catalogue does not know is newer than it: adaptive.
// - Gemini 2.5: `generationConfig.thinkingConfig: { thinkingBudget, includeThoughts: true }`
//   (thought summaries then stream as thinking).
// Thinking counts toward every provider's output limit, so with an effort set the limit grows by
// the level's budget (capped at the model's own maximum): the answer keeps the room
// `switchboard.maxOutputTokens` promised it. Sampling temperature is left out with thinking on
// (Anthropic and OpenAI's reasoning models refuse it).

import type { ProviderKind, ReasoningEffort, ReasoningKind } from '../llm/types';
import { findCatalogueModel } from '../pricing/catalogue';

/** Thinking tokens per level (Anthropic budget form, Gemini), and the output headroom added for it. */
export const THINKING_BUDGETS: Readonly<Record<ReasoningEffort, number>> = { low: 2_048, medium: 8_192, high: 24_576 };
/** Anthropic's smallest budget_tokens. */
export const MIN_THINKING_BUDGET = 1_024;

/** The catalogue's maximum output for a model, if it knows one. */
function outputCap(kind: ProviderKind, model: string): number {
  return findCatalogueModel(kind, model)?.maxOutputTokens ?? Number.POSITIVE_INFINITY;
}

/** The output limit to send with `effort`: the answer's own tokens plus the level's thinking room. */
export function withThinkingRoom(kind: ProviderKind, model: string, answerTokens: number, effort: ReasoningEffort): number {
  return Math.min(answerTokens + THINKING_BUDGETS[effort], outputCap(kind, model));
}

/** How an Anthropic model takes an effort: the catalogue says; an unknown (newer) model is adaptive. */
export function anthropicKind(model: string): ReasoningKind {
  return findCatalogueModel('anthropic', model)?.reasoning ?? 'adaptive';
}

export interface AnthropicThinking {
  max_tokens: number;
  thinking: { type: 'enabled'; budget_tokens: number } | { type: 'adaptive'; display: 'summarized' };
  output_config?: { effort: ReasoningEffort };
}

/** The Messages API fields for `effort` on `model`, whose answer may use `answerTokens`. */
export function anthropicThinking(model: string, answerTokens: number, effort: ReasoningEffort): AnthropicThinking {
  const cap = outputCap('anthropic', model);
  if (anthropicKind(model) === 'budget') {
    // budget_tokens < max_tokens, ≥ 1,024; a big answer limit near the model's cap squeezes the budget first.
    const budget = Math.max(MIN_THINKING_BUDGET, Math.min(THINKING_BUDGETS[effort], cap - answerTokens));
    return { max_tokens: Math.min(answerTokens + budget, cap), thinking: { type: 'enabled', budget_tokens: budget } };
  }
  // Adaptive thinking is summarized explicitly: Claude 4.7 and later omit its text by default.
  return {
    max_tokens: Math.min(answerTokens + THINKING_BUDGETS[effort], cap),
    thinking: { type: 'adaptive', display: 'summarized' },
    output_config: { effort },
  };
}

/** Gemini's thinkingConfig for `effort`. */
export function geminiThinking(effort: ReasoningEffort): { thinkingBudget: number; includeThoughts: true } {
  return { thinkingBudget: THINKING_BUDGETS[effort], includeThoughts: true };
}
