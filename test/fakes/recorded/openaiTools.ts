// Chat Completions tool-call streams the rendered fake does not produce, each event a documented
// `chat.completion.chunk` (wire/openai.ts `chunk`) whose `delta.tool_calls[]` entries are laid out
// the way each server sends them:
// - OpenAI (Chat Completions streaming reference, `choices[].delta.tool_calls[]`: {index, id, type,
//   function: {name, arguments}}): text first, then two parallel calls one after the other, id and
//   name only in each call's first piece, finish_reason 'tool_calls', then the usage chunk;
// - vLLM / LiteLLM-style interleaving: pieces of index 0 and index 1 alternate;
// - Ollama's OpenAI-compatible endpoint: every call whole in one delta, each saying index 0 (its
//   calls told apart only by id), and — in older releases — finish_reason 'stop';
// - compatible servers that omit `index` and repeat an empty-string `id` on later pieces;
// - a call whose arguments are not JSON (a model that went off the rails);
// - a call cut off by the output limit (finish_reason 'length').
// Arguments carry multi-byte characters so the 'awkward' chunking cuts inside them.

import { chunk } from '../wire/openai';
import type { RecordedStream } from './openai';

const DONE = 'data: [DONE]\n\n';
const c = (model: string, delta: Record<string, unknown>, finish: string | null = null) => chunk('rec', model, [{ index: 0, delta, logprobs: null, finish_reason: finish }]);
const usage = (model: string, prompt: number, completion: number) =>
  chunk('rec', model, [], {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  });
const first = (index: number, id: string, name: string) => ({ index, id, type: 'function', function: { name, arguments: '' } });
const args = (index: number, piece: string) => ({ index, function: { arguments: piece } });

export const openaiParallel: RecordedStream = {
  name: 'gpt-4o: text, then two parallel calls in turn',
  covers: '`delta.tool_calls[]` with id and name in the first piece of each `index`, arguments in pieces; finish_reason "tool_calls"; usage after',
  events: [
    c('gpt-4o-2024-08-06', { role: 'assistant', content: '', refusal: null }),
    c('gpt-4o-2024-08-06', { content: 'Checking both — ' }),
    c('gpt-4o-2024-08-06', { tool_calls: [first(0, 'call_q7Wk2pLm9XvB3nRt8YcD1sFa', 'get_weather')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [args(0, '{"ci')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [args(0, 'ty": "Zü')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [args(0, 'rich"}')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [first(1, 'call_Hn4Tz8Qe2WmK6yVb0LpR5xJc', 'get_time')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [args(1, '{"zone"')] }),
    c('gpt-4o-2024-08-06', { tool_calls: [args(1, ': "Europe/Zürich"}')] }),
    c('gpt-4o-2024-08-06', {}, 'tool_calls'),
    usage('gpt-4o-2024-08-06', 82, 51),
    DONE,
  ],
};

export const interleaved: RecordedStream = {
  name: 'compatible server: two calls interleaved by index',
  covers: 'pieces of `index` 0 and 1 alternate; each assembled by its index',
  events: [
    c('qwen2.5-coder', { role: 'assistant', tool_calls: [first(0, 'chatcmpl-tool-a1', 'read_file'), first(1, 'chatcmpl-tool-b2', 'list_dir')] }),
    c('qwen2.5-coder', { tool_calls: [args(0, '{"path": '), args(1, '{"dir": ')] }),
    c('qwen2.5-coder', { tool_calls: [args(1, '"src/é"}')] }),
    c('qwen2.5-coder', { tool_calls: [args(0, '"a—b.ts"}')] }),
    c('qwen2.5-coder', {}, 'tool_calls'),
    DONE,
  ],
};

export const ollamaWhole: RecordedStream = {
  name: 'Ollama: each call whole in one delta, all at index 0, finish "stop"',
  covers: 'a whole call per delta (id, name and all its arguments); parallel calls that reuse index 0, told apart by id; finish_reason "stop" after calls → tool_calls',
  events: [
    c('llama3.2', { role: 'assistant', content: '', tool_calls: [{ id: 'call_ab12cd34', index: 0, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Köln"}' } }] }),
    c('llama3.2', { role: 'assistant', content: '', tool_calls: [{ id: 'call_ef56gh78', index: 0, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }),
    c('llama3.2', { role: 'assistant', content: '' }, 'stop'),
    DONE,
  ],
};

export const noIndex: RecordedStream = {
  name: 'compatible server: no index, empty-string id on later pieces, [DONE] without a finish_reason',
  covers: 'tool_calls entries without `index` continue the call before; `id: ""` keeps the first id; [DONE] after calls → tool_calls',
  events: [
    c('local-model', { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '' } }] }),
    c('local-model', { tool_calls: [{ id: '', type: 'function', function: { name: '', arguments: '{"q": "naïve' } }] }),
    c('local-model', { tool_calls: [{ id: '', type: 'function', function: { arguments: ' café"}' } }] }),
    DONE,
  ],
};

export const badArguments: RecordedStream = {
  name: 'a call whose arguments are not JSON',
  covers: '`function.arguments` that do not parse → a ProviderError (bad_request, invalid_tool_arguments), not a crash',
  events: [
    c('gpt-4o-mini', { role: 'assistant', content: null, tool_calls: [first(0, 'call_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2', 'get_weather')] }),
    c('gpt-4o-mini', { tool_calls: [args(0, '{"city": "Zürich"')] }),
    c('gpt-4o-mini', { tool_calls: [args(0, ', "unit": }')] }),
    c('gpt-4o-mini', {}, 'tool_calls'),
    DONE,
  ],
};

export const cutAtLimit: RecordedStream = {
  name: 'a call cut off at max_tokens',
  covers: 'finish_reason "length" while a call’s arguments are half written → no half call, finish length',
  events: [
    c('gpt-4o-mini', { role: 'assistant', content: 'Sure — ', refusal: null }),
    c('gpt-4o-mini', { tool_calls: [first(0, 'call_Cut0000000000000000000000', 'write_file')] }),
    c('gpt-4o-mini', { tool_calls: [args(0, '{"path": "a.md", "text": "Très lo')] }),
    c('gpt-4o-mini', {}, 'length'),
    DONE,
  ],
};
