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

/**
 * An answer that begins, then fails on the server: Gemini ends such a stream (still HTTP 200) with
 * an event holding the error body it would have sent as the response, `{"error": {code, message, status}}`.
 */
export function failedMidway(code: number, status: string, message: string): string[] {
  return [chunk([{ text: 'Partial ' }]), event({ error: { code, message, status } })];
}

type CallPart = { functionCall: { name: string; args?: unknown; id?: string }; thoughtSignature?: string };

function callChunk(parts: (Part | CallPart)[], extra: { finishReason?: string; usageMetadata?: unknown } = {}): string {
  const { usageMetadata, ...candidateExtra } = extra;
  return event({
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...candidateExtra }],
    ...(usageMetadata ? { usageMetadata } : {}),
    modelVersion: MODEL,
    responseId: 'rec-gemini-tools',
  });
}

/** The signature Gemini 3 put on the first call of `toolCallsAcross` (opaque base64, sent back as is). */
export const CALL_SIGNATURE = 'CiQBcsjafKz0Zr5vAYk9m1k+Q2hhbmdlZCBieSBhIGNhZsOpIOKYlQ==';

/**
 * Parallel function calls across events (docs/function-calling, docs/thought-signatures): a thought
 * summary, some text, the first call alone in an event with the step's `thoughtSignature` (only the
 * first of parallel calls carries one), the second call on the last event with finishReason STOP
 * (Gemini has no tool-use reason) and usageMetadata. Neither call has an id. Non-ASCII arguments
 * test cuts inside UTF-8 characters.
 */
export const toolCallsAcross = [
  callChunk([{ text: 'Both files are needed.', thought: true }]),
  callChunk([{ text: 'Reading the café notes ☕.' }]),
  callChunk([{ functionCall: { name: 'read_file', args: { path: 'notes/café ☕.md', lines: { from: 1, to: 40 } } }, thoughtSignature: CALL_SIGNATURE }]),
  callChunk([{ functionCall: { name: 'list_dir', args: { path: 'notes', recursive: false } } }], {
    finishReason: 'STOP',
    usageMetadata: { promptTokenCount: 900, candidatesTokenCount: 30, thoughtsTokenCount: 20, totalTokenCount: 950 },
  }),
];
export const TOOL_CALLS_TEXT = 'Reading the café notes ☕.';

/** A call whose arguments are not a JSON object (`args` as given: a broken JSON string, an array…). */
export function badArgs(args: unknown): string[] {
  return [
    callChunk([{ functionCall: { name: 'read_file', args } }]),
    callChunk([{ text: '' }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 } }),
  ];
}

/** A function call part with no name: not a call anyone can run. */
export const namelessCall = [
  callChunk([{ functionCall: { name: '', args: {} } }], { finishReason: 'STOP', usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 } }),
];
