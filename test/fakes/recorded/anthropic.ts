// Recorded Anthropic Messages streams for the issue-16 cases, each built from the documented event
// shapes (Messages API "Streaming Messages": message_start → content_block_start/delta/stop … →
// message_delta → message_stop, named `event:` lines, ping events anywhere). Each entry is one SSE
// event exactly as sent, terminator included, for Scenario.rawSse.

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const MODEL = 'claude-sonnet-4-5-20250929';

function messageStart(usage: Record<string, unknown>): string {
  return sse('message_start', {
    type: 'message_start',
    message: { id: 'msg_rec', type: 'message', role: 'assistant', model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage },
  });
}
const blockStart = (index: number, block: unknown) => sse('content_block_start', { type: 'content_block_start', index, content_block: block });
const delta = (index: number, d: unknown) => sse('content_block_delta', { type: 'content_block_delta', index, delta: d });
const text = (index: number, t: string) => delta(index, { type: 'text_delta', text: t });
const blockStop = (index: number) => sse('content_block_stop', { type: 'content_block_stop', index });
const messageDelta = (stopReason: string, usage: Record<string, unknown>) =>
  sse('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage });
const ping = sse('ping', { type: 'ping' });
const messageStop = sse('message_stop', { type: 'message_stop' });

/** A plain answer, "Héllo wörld ✓", whose usage is given by message_start and message_delta. */
function answer(start: Record<string, unknown>, end: Record<string, unknown>, stopReason = 'end_turn'): string[] {
  return [messageStart(start), blockStart(0, { type: 'text', text: '' }), ping, text(0, 'Héllo '), text(0, 'wörld ✓'), blockStop(0), messageDelta(stopReason, end), messageStop];
}

/**
 * Usage merge, no iterations: message_start carries the input side (`input_tokens`,
 * `cache_read_input_tokens`, `cache_creation_input_tokens` with its `cache_creation` TTL split);
 * message_delta carries only `output_tokens` (the rest absent) — the earlier values stand.
 */
export const mergeAbsent = answer(
  { input_tokens: 12, cache_creation_input_tokens: 3000, cache_read_input_tokens: 90000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, output_tokens: 1 },
  { output_tokens: 640 },
);

/** The same, with message_delta's input-side fields sent as null ("unchanged"). */
export const mergeNull = answer(
  { input_tokens: 12, cache_creation_input_tokens: 3000, cache_read_input_tokens: 90000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, output_tokens: 1 },
  { input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 640 },
);

/** message_delta carrying a field updates just that field (cumulative `input_tokens` 12 → 15). */
export const mergeUpdate = answer(
  { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 90000, output_tokens: 1 },
  { input_tokens: 15, output_tokens: 640 },
);

/**
 * Server-side compaction (`context_management` compact_20260112): a compaction block streams first
 * (`compaction_delta` with the summary, never answer text), then the answer. message_delta's
 * top-level usage covers only the final `message` iteration — here with `cache_read_input_tokens`
 * 0 — while `usage.iterations[]` lists every sampling iteration, the `compaction` one included
 * ("A `compaction` entry's tokens are not included in the top-level `usage` fields").
 */
export const compaction = [
  messageStart({ input_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 143000, output_tokens: 1 }),
  blockStart(0, { type: 'compaction', content: null }),
  delta(0, { type: 'compaction_delta', content: 'Summary of the conversation: the user is building a website.' }),
  blockStop(0),
  blockStart(1, { type: 'text', text: '' }),
  text(1, 'Based on our conversation, '),
  text(1, 'here is the next step.'),
  blockStop(1),
  messageDelta('end_turn', {
    input_tokens: 2050,
    cache_creation_input_tokens: 1200,
    cache_read_input_tokens: 0,
    output_tokens: 900,
    iterations: [
      { type: 'compaction', input_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 143000, output_tokens: 3400, cache_creation: null },
      { type: 'message', input_tokens: 2050, cache_creation_input_tokens: 1200, cache_read_input_tokens: 0, output_tokens: 900, model: MODEL, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1200 } },
    ],
  }),
  messageStop,
];

/** 1-hour cache writes: `cache_creation.ephemeral_1h_input_tokens` 50,000 of 60,000 written. */
export const oneHourWrites = answer(
  { input_tokens: 100, cache_creation_input_tokens: 60000, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 10000, ephemeral_1h_input_tokens: 50000 }, output_tokens: 1 },
  { output_tokens: 200 },
);

/** `stop_reason: "pause_turn"` — "we paused a long-running turn" (server tools): not a finished answer. */
export const pauseTurn = answer({ input_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 }, { output_tokens: 20 }, 'pause_turn');

/**
 * Extended thinking: a `thinking` block (`thinking_delta` events, then a `signature_delta` before its
 * content_block_stop), a `redacted_thinking` block (encrypted `data`, no deltas), then the text
 * block. `output_tokens_details.thinking_tokens` is the reasoning part of `output_tokens`.
 */
export const thinking = [
  messageStart({ input_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 }),
  blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
  delta(0, { type: 'thinking_delta', thinking: 'Let me work through this — ' }),
  ping,
  delta(0, { type: 'thinking_delta', thinking: '27 × 453 = 12 231.' }),
  delta(0, { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds…' }),
  blockStop(0),
  blockStart(1, { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP…' }),
  blockStop(1),
  blockStart(2, { type: 'text', text: '' }),
  text(2, '27 × 453 = '),
  text(2, '12,231.'),
  blockStop(2),
  messageDelta('end_turn', { output_tokens: 180, output_tokens_details: { thinking_tokens: 150 } }),
  messageStop,
];

export const THINKING_TEXT = 'Let me work through this — 27 × 453 = 12 231.';
export const THINKING_ANSWER = '27 × 453 = 12,231.';
export const PLAIN_ANSWER = 'Héllo wörld ✓';
export const COMPACTION_ANSWER = 'Based on our conversation, here is the next step.';

// Tool use ("Tool use with Claude" + "Streaming Messages": a tool_use block opens with an empty
// `input`, its input streams as input_json_delta `partial_json` pieces — the first one empty — and
// message_delta ends the turn with stop_reason "tool_use"). Real streams cut the JSON anywhere,
// inside keys and strings too; pings may fall between the pieces.
const toolStart = (index: number, id: string, name: string) => blockStart(index, { type: 'tool_use', id, name, input: {} });
const json = (index: number, partial: string) => delta(index, { type: 'input_json_delta', partial_json: partial });
const TOOL_USAGE_START = { input_tokens: 849, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 };

/** tool_choice any: no text block at all, the tool_use block is index 0. */
export const toolOnly = [
  messageStart(TOOL_USAGE_START),
  toolStart(0, 'toolu_01KFbKqPYSuAKujiL6mTfzYA', 'get_weather'),
  json(0, ''),
  ping,
  json(0, '{"loc'),
  json(0, 'ation": "San Fr'),
  json(0, 'ancisco, CA", "unit": "cel'),
  json(0, 'sius"}'),
  blockStop(0),
  messageDelta('tool_use', { output_tokens: 47 }),
  messageStop,
];
export const TOOL_ONLY_CALL = { id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } };

/**
 * Parallel tool use after some text: the text block (0), then one tool_use block per call (1, 2, 3),
 * the last with an empty input — which streams no delta. Non-ASCII in the arguments, so the
 * awkward chunking cuts inside multi-byte characters of a partial_json.
 */
export const textThenParallelTools = [
  messageStart(TOOL_USAGE_START),
  blockStart(0, { type: 'text', text: '' }),
  text(0, "I'll look both up."),
  blockStop(0),
  toolStart(1, 'toolu_01A09q90qw90lq917835lq9', 'read_file'),
  json(1, ''),
  json(1, '{"path": "src/wö'),
  json(1, 'rld ✓.ts"}'),
  blockStop(1),
  toolStart(2, 'toolu_01B19q90qw90lq917835lq9', 'search'),
  json(2, ''),
  json(2, '{"query": "Héllo", "limit": 5, "fla'),
  ping,
  json(2, 'gs": ["a", "b"]}'),
  blockStop(2),
  toolStart(3, 'toolu_01C29q90qw90lq917835lq9', 'list_open_editors'),
  blockStop(3),
  messageDelta('tool_use', { output_tokens: 120 }),
  messageStop,
];
export const PARALLEL_TEXT = "I'll look both up.";
export const PARALLEL_CALLS = [
  { id: 'toolu_01A09q90qw90lq917835lq9', name: 'read_file', input: { path: 'src/wörld ✓.ts' } },
  { id: 'toolu_01B19q90qw90lq917835lq9', name: 'search', input: { query: 'Héllo', limit: 5, flags: ['a', 'b'] } },
  { id: 'toolu_01C29q90qw90lq917835lq9', name: 'list_open_editors', input: {} },
];

/** A tool call whose streamed input is not JSON (a misbehaving model or gateway). */
export const invalidToolArgs = [
  messageStart(TOOL_USAGE_START),
  toolStart(0, 'toolu_01Bad', 'get_weather'),
  json(0, ''),
  json(0, '{"location": San Fr'),
  json(0, 'ancisco}'),
  blockStop(0),
  messageDelta('tool_use', { output_tokens: 20 }),
  messageStop,
];

/** max_tokens reached inside a tool call's input: the block stops with half a JSON object. */
export const toolCutByMaxTokens = [
  messageStart(TOOL_USAGE_START),
  blockStart(0, { type: 'text', text: '' }),
  text(0, 'Writing the file now.'),
  blockStop(0),
  toolStart(1, 'toolu_01Cut', 'write_file'),
  json(1, ''),
  json(1, '{"path": "a.ts", "content": "export const'),
  blockStop(1),
  messageDelta('max_tokens', { output_tokens: 256 }),
  messageStop,
];

/**
 * A server tool ("Server tools": server_tool_use blocks stream their input as input_json_delta too,
 * and the API runs them itself) before a client tool_use block whose content_block_stop a gateway
 * dropped; message_stop still ends the message.
 */
export const serverToolThenUnclosedCall = [
  messageStart(TOOL_USAGE_START),
  blockStart(0, { type: 'server_tool_use', id: 'srvtoolu_01Web', name: 'web_search', input: {} }),
  json(0, ''),
  json(0, '{"query": "weather paris"}'),
  blockStop(0),
  toolStart(1, 'toolu_01Unclosed', 'get_weather'),
  json(1, '{"location": "Paris"}'),
  messageDelta('tool_use', { output_tokens: 30 }),
  messageStop,
];

/**
 * An error inside a 200 stream ("Streaming Messages: Error events", e.g. overloaded_error during
 * high usage): some text, then an `error` event, and nothing after it.
 */
export const overloadedMidStream = [
  messageStart({ input_tokens: 12, output_tokens: 1 }),
  blockStart(0, { type: 'text', text: '' }),
  text(0, 'Héllo '),
  sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
];

/** The same error as a gateway may send it: no `event:` line, the JSON `type` says what it is. */
export const overloadedMidStreamUnnamed = overloadedMidStream.map((e) => e.replace(/^event: [^\n]*\n/, ''));
