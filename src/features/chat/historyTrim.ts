import type { ChatMessage } from '../../core/llm/types';
import { estimationText, imageTokensOf } from '../../core/llm/messageContent';

/** Role/framing tokens each message costs beyond its text (OpenAI documents ~3–4). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export interface TrimInput {
  systemPrompt: string;
  /** Oldest first; the last entry is what is being asked now and is always kept. */
  history: ChatMessage[];
  /** Unknown window = nothing is trimmed (the provider's own error then tells the truth). */
  contextWindow: number | undefined;
  maxOutputTokens: number;
  countTokens: (text: string) => number;
}

export interface TrimResult {
  /** System prompt (if any) then the kept history. */
  messages: ChatMessage[];
  /** How many history messages were left out (oldest first). */
  dropped: number;
  /** Estimated input tokens of `messages` (systemTokens + the kept history's). */
  inputTokens: number;
  /** Of inputTokens: the system prompt's. */
  systemTokens: number;
  /** Of inputTokens: the last history message's (the question being asked; always kept). */
  lastTokens: number;
  /** The window minus the room reserved for the answer; undefined when the window is unknown. */
  inputBudget: number | undefined;
}

/** Input tokens a window leaves once room for the answer is reserved (at most half the window). */
function inputBudgetOf(contextWindow: number, maxOutputTokens: number): number {
  return contextWindow - Math.min(Math.max(0, maxOutputTokens), Math.floor(contextWindow / 2));
}

/**
 * Fits a conversation into the model's context window: the system prompt and the newest messages
 * are kept, the oldest are dropped. Room for the answer is reserved (at most half the window, so a
 * large max-output setting cannot crowd out the question). The kept part starts with a user
 * message, as Anthropic and Gemini require.
 */
export function trimHistory(input: TrimInput): TrimResult {
  const cost = (m: ChatMessage) => input.countTokens(estimationText(m.content)) + imageTokensOf(m.content) + MESSAGE_OVERHEAD_TOKENS;
  const system: ChatMessage[] = input.systemPrompt.trim() ? [{ role: 'system', content: input.systemPrompt }] : [];
  const systemTokens = system.reduce((n, m) => n + cost(m), 0);
  const history = input.history.filter((m) => m.role !== 'system');
  const costs = history.map(cost);
  const total = costs.reduce((a, b) => a + b, systemTokens);
  const lastTokens = costs[costs.length - 1] ?? 0;

  const window = input.contextWindow;
  const budget = window && window > 0 ? inputBudgetOf(window, input.maxOutputTokens) : undefined;
  if (budget === undefined || history.length === 0) {
    return { messages: [...system, ...history], dropped: 0, inputTokens: total, systemTokens, lastTokens, inputBudget: budget };
  }
  let used = systemTokens + lastTokens;
  let first = history.length - 1;
  while (first > 0 && used + costs[first - 1]! <= budget) {
    first--;
    used += costs[first]!;
  }
  // Never start with an assistant turn (it would answer a question that is no longer there).
  while (first < history.length - 1 && history[first]!.role !== 'user') {
    used -= costs[first]!;
    first++;
  }
  return { messages: [...system, ...history.slice(first)], dropped: first, inputTokens: used, systemTokens, lastTokens, inputBudget: budget };
}
