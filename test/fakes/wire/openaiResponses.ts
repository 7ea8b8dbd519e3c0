// The OpenAI Responses API streaming format (POST /v1/responses with `stream: true`), as documented
// in the API reference's "Streaming events": every event is
//   event: <type>\ndata: {"type": "<type>", "sequence_number": n, …}\n\n
// with sequence numbers counting up from 0. A reasoning model's stream goes
//   response.created, response.in_progress,
//   response.output_item.added (reasoning item), per summary part: reasoning_summary_part.added,
//     reasoning_summary_text.delta…, reasoning_summary_text.done, reasoning_summary_part.done,
//   response.output_item.done (reasoning),
//   response.output_item.added (message), response.content_part.added (output_text or refusal),
//     response.output_text.delta… / response.refusal.delta…, *.done, response.content_part.done,
//   response.output_item.done (message),
//   per function call: response.output_item.added (function_call item, arguments ''),
//     response.function_call_arguments.delta…, response.function_call_arguments.done,
//     response.output_item.done (the whole item: call_id, name, arguments, status 'completed'),
//   then one terminal event: response.completed / response.incomplete / response.failed (each with
//   the whole `response` object: status, incomplete_details, error, output, usage), or an `error`.
// Error bodies for a non-2xx are Chat Completions' ({"error": {message, type, param, code}}: wire/openai.ts).
// The builder keeps the sequence and the output items, so recorded streams and the Scenario
// renderer (responsesApi.ts) both come out of it.

import { CREATED } from './types';

export interface ResponsesUsageCounts {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

type Fields = Record<string, unknown>;

export class ResponsesStream {
  private seq = 0;
  private readonly output: Fields[] = [];
  private text = '';
  private part: 'output_text' | 'refusal' = 'output_text';

  constructor(
    readonly id: string,
    readonly model: string,
    readonly effort: string = 'medium',
    readonly maxOutputTokens: number | null = null,
  ) {}

  /** One SSE event: the `event:` line and the JSON `type` agree; `sequence_number` counts up. */
  event(type: string, fields: Fields = {}): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...fields })}\n\n`;
  }

  /** The `response` object every lifecycle event carries. */
  response(status: string, more: Fields = {}): Fields {
    return {
      id: `resp_${this.id}`,
      object: 'response',
      created_at: CREATED,
      status,
      background: false,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: this.maxOutputTokens,
      model: this.model,
      output: status === 'in_progress' ? [] : this.output,
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: this.effort, summary: 'detailed' },
      store: false,
      temperature: 1,
      text: { format: { type: 'text' }, verbosity: 'medium' },
      tool_choice: 'auto',
      tools: [],
      top_p: 1,
      truncation: 'disabled',
      usage: null,
      user: null,
      metadata: {},
      ...more,
    };
  }

  start(): string[] {
    return [this.event('response.created', { response: this.response('in_progress') }), this.event('response.in_progress', { response: this.response('in_progress') })];
  }

  /** A reasoning item (output_index 0) whose summary has these parts, each streamed in these pieces. */
  reasoning(parts: string[][]): string[] {
    const item_id = `rs_${this.id}`;
    const output_index = this.output.length;
    const summary: Fields[] = [];
    const out = [this.event('response.output_item.added', { output_index, item: { id: item_id, type: 'reasoning', summary: [] } })];
    parts.forEach((pieces, summary_index) => {
      const text = pieces.join('');
      const at = { item_id, output_index, summary_index };
      out.push(this.event('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } }));
      for (const delta of pieces) out.push(this.event('response.reasoning_summary_text.delta', { ...at, delta, obfuscation: 'k3Xq' }));
      out.push(this.event('response.reasoning_summary_text.done', { ...at, text }));
      out.push(this.event('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } }));
      summary.push({ type: 'summary_text', text });
    });
    const item = { id: item_id, type: 'reasoning', summary };
    this.output.push(item);
    out.push(this.event('response.output_item.done', { output_index, item }));
    return out;
  }

  /** Opens the assistant message and its one content part (`output_text`, or `refusal`). */
  messageStart(part: 'output_text' | 'refusal' = 'output_text'): string[] {
    this.part = part;
    this.text = '';
    const item = { id: `msg_${this.id}`, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
    const emptyPart = part === 'refusal' ? { type: 'refusal', refusal: '' } : { type: 'output_text', annotations: [], logprobs: [], text: '' };
    return [
      this.event('response.output_item.added', { output_index: this.output.length, item }),
      this.event('response.content_part.added', { item_id: item.id, output_index: this.output.length, content_index: 0, part: emptyPart }),
    ];
  }

  /** One piece of the answer (or of the refusal). */
  delta(text: string): string {
    this.text += text;
    const at = { item_id: `msg_${this.id}`, output_index: this.output.length, content_index: 0 };
    if (this.part === 'refusal') return this.event('response.refusal.delta', { ...at, delta: text });
    return this.event('response.output_text.delta', { ...at, delta: text, logprobs: [], obfuscation: 'Qz' });
  }

  /** Closes the part and the message item. */
  messageDone(): string[] {
    const at = { item_id: `msg_${this.id}`, output_index: this.output.length, content_index: 0 };
    const part = this.part === 'refusal' ? { type: 'refusal', refusal: this.text } : { type: 'output_text', annotations: [], logprobs: [], text: this.text };
    const done = this.part === 'refusal' ? this.event('response.refusal.done', { ...at, refusal: this.text }) : this.event('response.output_text.done', { ...at, text: this.text, logprobs: [] });
    const item = { id: at.item_id, type: 'message', status: 'completed', content: [part], role: 'assistant' };
    const out = [done, this.event('response.content_part.done', { ...at, part }), this.event('response.output_item.done', { output_index: at.output_index, item })];
    this.output.push(item);
    return out;
  }

  /** A function_call output item, its arguments JSON streamed in `size`-character pieces. */
  functionCall(call: { id?: string; name: string; args: Record<string, unknown> }, size: number): string[] {
    const output_index = this.output.length;
    const item_id = `fc_${this.id}_${output_index}`;
    const call_id = call.id ?? `call_${this.id}_${output_index}`;
    const args = JSON.stringify(call.args);
    const at = { item_id, output_index };
    const out = [this.event('response.output_item.added', { output_index, item: { id: item_id, type: 'function_call', status: 'in_progress', arguments: '', call_id, name: call.name } })];
    for (let i = 0; i < args.length; i += size) out.push(this.event('response.function_call_arguments.delta', { ...at, delta: args.slice(i, i + size), obfuscation: 'Zp' }));
    out.push(this.event('response.function_call_arguments.done', { ...at, name: call.name, arguments: args }));
    const item = { id: item_id, type: 'function_call', status: 'completed', arguments: args, call_id, name: call.name };
    this.output.push(item);
    out.push(this.event('response.output_item.done', { output_index, item }));
    return out;
  }

  completed(usage: ResponsesUsageCounts): string {
    return this.event('response.completed', { response: this.response('completed', { usage: usageOf(usage) }) });
  }

  incomplete(reason: 'max_output_tokens' | 'content_filter', usage: ResponsesUsageCounts): string {
    return this.event('response.incomplete', { response: this.response('incomplete', { incomplete_details: { reason }, usage: usageOf(usage) }) });
  }

  failed(code: string, message: string): string {
    return this.event('response.failed', { response: this.response('failed', { error: { code, message } }) });
  }

  /** An `error` event, documented flat: code, message, param. */
  error(code: string | null, message: string): string {
    return this.event('error', { code, message, param: null });
  }
}

export function usageOf(u: ResponsesUsageCounts): Fields {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}
