// Reads one OpenAI Responses API stream into adapter events. Chat Completions on OpenAI's own API
// never returns a reasoning model's reasoning; the Responses API streams *summaries* of it, so this
// is the reader for the OpenAI adapter's reasoning path (responses.ts says when it is taken).
//
// The stream is typed SSE: every event has an `event:` line and a JSON `type` (we read the JSON,
// as the SDK does) plus a `sequence_number`. What we map, per the documented streaming events:
// - `response.output_text.delta` → text; `response.refusal.delta` → text, then finish 'content_filter';
// - `response.reasoning_summary_text.delta` → thinking, a blank line between summary parts
//   (`response.reasoning_summary_part.added` opens each part);
// - a `function_call` output item (`response.output_item.added`, its arguments in
//   `response.function_call_arguments.delta` pieces, `.done`, then `response.output_item.done` with
//   the whole item: call_id, name, arguments) → one tool_call once the item is done;
// - `response.completed` → usage and finish 'stop' ('tool_calls' after a function call);
//   `response.incomplete` → usage and finish from `incomplete_details.reason` (`max_output_tokens`
//   → 'length', `content_filter` → 'content_filter');
// - `response.failed` (`response.error`) and `error` events → a ProviderError (httpFailure.ts);
// - anything else (created, in_progress, other output items, *.done…) is ignored.
// Those three terminal events are the end: we stop reading there (a server holding the connection
// open must not turn a finished answer into an idle timeout). A stream that ends without one was
// cut short: the usual endedEarly network error.

import type { AdapterEvent, FinishReason, ToolCall, Usage } from '../../llm/types';
import type { ErrorContext, ProviderError } from '../../llm/errors';
import type { StreamGuard } from '../../llm/streamTimeouts';
import { fromHttpFailure } from '../../llm/httpFailure';
import { compact, endedEarly, tokenCount } from '../_shared';
import { parseToolArguments } from '../_openaiStream';
import { appendArguments } from '../_toolArguments';
import { sseEvents } from '../../net/sseEvents';

/** The fields we read from any Responses stream event (all optional: the stream is untrusted). */
interface ResponsesEvent {
  type?: unknown;
  delta?: unknown;
  /** output_item.added / .done: the item; every item event: its `output_index`. */
  item?: FunctionCallItem | null;
  output_index?: unknown;
  response?: { usage?: ResponsesUsage | null; incomplete_details?: { reason?: unknown } | null; error?: ErrorBody | null } | null;
  /** `error` events: documented flat (code, message, param); some servers nest them in `error`. */
  code?: unknown;
  message?: unknown;
  error?: ErrorBody | null;
}

interface FunctionCallItem {
  type?: unknown;
  call_id?: unknown;
  name?: unknown;
  arguments?: unknown;
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

interface ErrorBody {
  code?: unknown;
  type?: unknown;
  message?: unknown;
}

interface ResponsesUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  input_tokens_details?: { cached_tokens?: unknown } | null;
  output_tokens_details?: { reasoning_tokens?: unknown } | null;
}

/** The stream's events; `first` (the response's rate-limit hints) comes before them. */
export async function* readResponsesStream(response: Response, ctx: ErrorContext, guard: StreamGuard, first?: AdapterEvent): AsyncGenerator<AdapterEvent> {
  if (first) yield first;
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  let refused = false;
  let thought = false;
  let newPart = false;
  const pending = new Map<unknown, PendingCall>(); // by output_index
  let called = 0;
  for await (const sse of sseEvents(response)) {
    guard.touch();
    if (!sse.data) continue;
    const event = JSON.parse(sse.data) as ResponsesEvent | null; // a SyntaxError becomes a "malformed response"
    const delta = typeof event?.delta === 'string' ? event.delta : '';
    switch (event?.type) {
      case 'response.output_text.delta':
        if (delta) yield { type: 'text', text: delta };
        break;
      case 'response.refusal.delta':
        refused = true;
        if (delta) yield { type: 'text', text: delta };
        break;
      case 'response.reasoning_summary_part.added':
        newPart = thought;
        break;
      case 'response.reasoning_summary_text.delta':
        if (!delta) break;
        yield { type: 'thinking', text: newPart ? `\n\n${delta}` : delta };
        thought = true;
        newPart = false;
        break;
      case 'response.output_item.added':
        if (event.item?.type === 'function_call') pending.set(event.output_index, { id: str(event.item.call_id), name: str(event.item.name), args: str(event.item.arguments) });
        break;
      case 'response.function_call_arguments.delta': {
        const call = pending.get(event.output_index);
        if (call) call.args = appendArguments(ctx, call.name, call.args, delta);
        break;
      }
      case 'response.output_item.done': {
        if (event.item?.type !== 'function_call') break;
        const call = pending.get(event.output_index);
        pending.delete(event.output_index);
        // The done item is whole; what the deltas built stands in for a field it lacks.
        const name = str(event.item.name) || call?.name || '';
        const args = typeof event.item.arguments === 'string' ? event.item.arguments : (call?.args ?? '');
        const done: ToolCall = { id: str(event.item.call_id) || call?.id || `call_${called}`, name, input: parseToolArguments(ctx, name, args) };
        called++;
        yield { type: 'tool_call', call: done };
        break;
      }
      case 'response.completed':
        finish = called ? 'tool_calls' : 'stop';
        break;
      case 'response.incomplete':
        finish = incompleteFinish(event.response?.incomplete_details?.reason);
        break;
      case 'response.failed':
        throw failure(ctx, response.headers, event.response?.error ?? undefined);
      case 'error':
        throw failure(ctx, response.headers, event.error ?? { code: event.code, message: event.message });
    }
    if (finish) {
      const u = event?.response?.usage;
      if (u && typeof u === 'object') usage = toResponsesUsage(u);
      break;
    }
  }
  // The body ends quietly when aborted: surface our reason instead of a short answer.
  guard.throwIfAborted();
  if (!finish) throw endedEarly(ctx);
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', reason: refused ? 'content_filter' : finish };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `incomplete_details.reason`: the output limit, or the content filter (an unknown one: cut short too). */
export function incompleteFinish(reason: unknown): FinishReason {
  return reason === 'content_filter' ? 'content_filter' : 'length';
}

/** A failed response or an error event, through the same normalization as an HTTP error body. */
function failure(ctx: ErrorContext, headers: Headers, body: ErrorBody | undefined): ProviderError {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const message = str(body?.message);
  return fromHttpFailure({ headers, ...(message ? { message } : {}), codes: [str(body?.code), str(body?.type)] }, ctx);
}

export function toResponsesUsage(u: ResponsesUsage): Usage {
  const cached = tokenCount(u.input_tokens_details?.cached_tokens);
  const reasoning = tokenCount(u.output_tokens_details?.reasoning_tokens);
  return compact({
    inputTokens: tokenCount(u.input_tokens) ?? 0,
    outputTokens: tokenCount(u.output_tokens) ?? 0,
    cachedInputTokens: cached ? cached : undefined,
    reasoningTokens: reasoning ? reasoning : undefined,
  });
}
