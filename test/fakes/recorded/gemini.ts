// Recorded Gemini streamGenerateContent?alt=sse streams for the issue-16 cases, built from the
// documented GenerateContentResponse shape (candidates[].content.parts[], finishReason,
// usageMetadata on the last event), framed as the API frames them: one `data:` line per event, CRLF.
// Each entry is one SSE event exactly as sent, terminator included, for Scenario.rawSse.

const MODEL = 'gemini-2.5-flash';
const event = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;

type Part = { text: string; thought?: boolean };

function chunk(parts: Part[], extra: { finishReason?: string; finishMessage?: string; usageMetadata?: unknown } = {}): string {
  const { usageMetadata, ...candidateExtra } = extra;
  return event({
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...candidateExtra }],
    ...(usageMetadata ? { usageMetadata } : {}),
    modelVersion: MODEL,
    responseId: 'rec-gemini',
  });
}

/**
 * Thought summaries (`thinkingConfig.includeThoughts`): parts with `thought: true` carry the model's
 * reasoning; `usageMetadata.thoughtsTokenCount` counts it (billed as output, apart from
 * `candidatesTokenCount`). One event mixes a thought part and an answer part.
 */
export const thoughts = [
  chunk([{ text: '**Weighing the options** — café or thé? ', thought: true }]),
  chunk([{ text: 'Café wins.', thought: true }, { text: 'Choose the ' }]),
  chunk([{ text: 'café ☕.' }]),
  chunk([{ text: '' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 12, thoughtsTokenCount: 300, totalTokenCount: 352 } }),
];
export const THOUGHT_TEXT = '**Weighing the options** — café or thé? Café wins.';
export const THOUGHT_ANSWER = 'Choose the café ☕.';

/**
 * A turn where tools ran (code execution, Google Search grounding): `toolUsePromptTokenCount` counts
 * the tool results fed back to the model — input that `promptTokenCount` does not include.
 */
export const toolUse = [
  chunk([{ text: 'The answer is ' }]),
  chunk([{ text: '42.' }], {
    finishReason: 'STOP',
    usageMetadata: { promptTokenCount: 1000, toolUsePromptTokenCount: 350, candidatesTokenCount: 50, totalTokenCount: 1400, cachedContentTokenCount: 600 },
  }),
];

/** An answer that begins, then ends with a non-STOP `finishReason` (OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE…). */
export function stoppedBy(reason: string, finishMessage?: string): string[] {
  return [
    chunk([{ text: 'Partial ' }]),
    chunk([{ text: 'ånswer' }], {
      finishReason: reason,
      ...(finishMessage ? { finishMessage } : {}),
      usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 3, totalTokenCount: 23 },
    }),
  ];
}
export const STOPPED_TEXT = 'Partial ånswer';
