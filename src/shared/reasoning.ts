// How hard a reasoning model thinks, as the user picks it per conversation. Shared by the host
// (request field, stored conversations, adapters) and the webview (the effort select), so the
// three levels are spelled once. Absent = the provider's default; each adapter maps a level to
// its own wire field (README, "Reasoning effort").

export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/**
 * How a catalogue model takes an effort: OpenAI's `reasoning_effort`; Anthropic's manual
 * extended thinking (`budget_tokens`, Claude 4.5 and earlier) or adaptive thinking with
 * `output_config.effort` (Claude 4.6 and later, which reject the budget form from 4.7 on);
 * Gemini 2.5's `thinkingConfig.thinkingBudget`.
 */
export type ReasoningKind = 'effort' | 'budget' | 'adaptive';
