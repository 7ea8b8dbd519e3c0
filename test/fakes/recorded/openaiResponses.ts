// OpenAI Responses API streams (POST /v1/responses, `stream: true`) for each case the adapter maps,
// built with wire/openaiResponses.ts so every event is framed as documented (`event:` line, JSON
// `type`, `sequence_number`) and carries the documented fields:
// - a reasoning model's summary in two parts (`response.reasoning_summary_part.added` /
//   `response.reasoning_summary_text.delta`), then `response.output_text.delta`, then
//   `response.completed` with `usage.input_tokens_details.cached_tokens` and
//   `usage.output_tokens_details.reasoning_tokens` — plus an event type we do not know;
// - `response.incomplete` with `incomplete_details.reason` "max_output_tokens" / "content_filter";
// - a refusal (`response.refusal.delta`, a `refusal` content part) that still ends `response.completed`;
// - `response.failed` with `response.error` {code, message}; an `error` event, flat (code, message,
//   param) as documented, and nested (`error: {type, code, message}`) as some servers send it;
// - a stream cut off before any terminal event;
// - function calls: `function_call` output items with their arguments streamed
//   (`response.function_call_arguments.delta`), and one whose arguments do not parse.
// Texts carry multi-byte characters so the 'awkward' chunking cuts inside them.

import type { RecordedStream } from './openai';
import { ResponsesStream } from '../wire/openaiResponses';

const MODEL = 'gpt-5-2025-08-07';
const s = () => new ResponsesStream('rec', MODEL, 'high', 24_832);

function answer(stream: ResponsesStream, pieces: string[], part: 'output_text' | 'refusal' = 'output_text'): string[] {
  return [...stream.messageStart(part), ...pieces.map((p) => stream.delta(p)), ...stream.messageDone()];
}

export const reasoningSummary: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 reasoning summary in two parts, then the answer',
    covers:
      '`response.reasoning_summary_text.delta` → thinking (blank line at `response.reasoning_summary_part.added`), `response.output_text.delta` → text, `response.completed` usage incl. cached and reasoning tokens; an unknown event ignored',
    events: [
      ...r.start(),
      ...r.reasoning([
        ['**Weighing the options**\n\nThe user wants ', 'B — it’s cheaper.'],
        ['**Checking**\n\n', 'Prix: 5 € vs 7 €.'],
      ]),
      r.event('response.future_event', { note: 'an event type this client does not know' }),
      ...answer(r, ['Option B — ', 'c’est moins cher ', '✓']),
      r.completed({ input: 1_200, cached: 1_024, output: 640, reasoning: 512 }),
    ],
  };
})();

export const incompleteAtLimit: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 stopped at max_output_tokens',
    covers: '`response.incomplete` with `incomplete_details.reason: "max_output_tokens"` → finish length, with its usage',
    events: [...r.start(), ...r.reasoning([['Long thought… ', 'très long.']]), ...answer(r, ['Le début — ', 'and then']), r.incomplete('max_output_tokens', { input: 40, cached: 0, output: 300, reasoning: 280 })],
  };
})();

export const incompleteFiltered: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 stopped by the content filter',
    covers: '`response.incomplete` with `incomplete_details.reason: "content_filter"` → finish content_filter',
    events: [...r.start(), ...answer(r, ['Voilà — ']), r.incomplete('content_filter', { input: 40, cached: 0, output: 12, reasoning: 8 })],
  };
})();

export const refusal: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 refusal',
    covers: '`response.refusal.delta` → text, then finish content_filter although the response completed',
    events: [...r.start(), ...answer(r, ['I’m sorry, ', 'I can’t help with that — désolé.'], 'refusal'), r.completed({ input: 25, cached: 0, output: 30, reasoning: 16 })],
  };
})();

export const failed: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 response.failed mid-answer',
    covers: '`response.failed` with `response.error` {code: "server_error", message} → a server ProviderError',
    events: [...r.start(), ...r.messageStart(), r.delta('Partial — '), r.failed('server_error', 'The model failed to generate a response — désolé.')],
  };
})();

export const errorEvent: RecordedStream = (() => {
  const r = s();
  return {
    name: 'an `error` event (documented flat shape)',
    covers: '`error` {code: "rate_limit_exceeded", message, param} → a rate_limit ProviderError',
    events: [...r.start(), r.error('rate_limit_exceeded', 'Rate limit reached for gpt-5 on tokens per min (TPM). Please try again in 2s — réessayez.')],
  };
})();

export const nestedErrorEvent: RecordedStream = (() => {
  const r = s();
  return {
    name: 'an `error` event with a nested error object',
    covers: '`error` {error: {type: "invalid_request_error", code: "context_length_exceeded", message}} → context_length_exceeded',
    events: [
      ...r.start(),
      r.event('error', {
        error: { type: 'invalid_request_error', code: 'context_length_exceeded', message: 'Your input exceeds the context window of this model — trop long.', param: 'input' },
      }),
    ],
  };
})();

export const cutShort: RecordedStream = (() => {
  const r = s();
  return {
    name: 'a stream cut before any terminal event',
    covers: 'no `response.completed` / `response.incomplete` / `response.failed` → the incomplete_stream network error',
    events: [...r.start(), ...r.reasoning([['Thinking… ']]), ...r.messageStart(), r.delta('Héllo wörld — '), r.delta('done.')],
  };
})();

/** Function calls as the Responses streaming reference lays them out (see wire/openaiResponses.ts functionCall). */
export const functionCalls: RecordedStream = (() => {
  const r = s();
  return {
    name: 'gpt-5 reasoning, then two function calls',
    covers:
      'a `function_call` output item per call (`response.output_item.added`, `response.function_call_arguments.delta` pieces, `.done`, `response.output_item.done` with call_id, name, arguments) → one tool_call each; `response.completed` → finish tool_calls',
    events: [
      ...r.start(),
      ...r.reasoning([['Need the weather — ', 'both cities.']]),
      ...r.functionCall({ id: 'call_Wq1', name: 'get_weather', args: { city: 'Zürich' } }, 5),
      ...r.functionCall({ id: 'call_Wq2', name: 'get_weather', args: { city: 'Kraków', unit: '°C' } }, 4),
      r.completed({ input: 300, cached: 0, output: 120, reasoning: 64 }),
    ],
  };
})();

/** A function call whose arguments do not parse (the model's JSON stops mid-object). */
export const badFunctionArguments: RecordedStream = (() => {
  const r = s();
  const at = { item_id: 'fc_bad', output_index: 0 };
  const item = { id: 'fc_bad', type: 'function_call', arguments: '', call_id: 'call_Bad', name: 'get_weather' };
  const args = '{"city": "Zürich", ';
  return {
    name: 'a function call whose arguments are not JSON',
    covers: '`response.output_item.done` item `arguments` that do not parse → a ProviderError (bad_request, invalid_tool_arguments)',
    events: [
      ...r.start(),
      r.event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress' } }),
      r.event('response.function_call_arguments.delta', { ...at, delta: args }),
      r.event('response.function_call_arguments.done', { ...at, name: 'get_weather', arguments: args }),
      r.event('response.output_item.done', { output_index: 0, item: { ...item, status: 'completed', arguments: args } }),
      r.completed({ input: 30, cached: 0, output: 9, reasoning: 0 }),
    ],
  };
})();
