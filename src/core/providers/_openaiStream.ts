// Reads one Chat Completions stream (OpenAI, Azure OpenAI, compatible servers) into adapter events.
//
// It reads the events itself (net/sseEvents.ts) rather than through the SDK's `Stream`, because
// `Stream` swallows `data: [DONE]` and we must know whether it came:
// [DONE] is the documented end of a stream, and compatible servers (LM Studio, some gateways) end
// with it without ever sending a `finish_reason`. A stream that ends with neither was cut short.
//
// Besides `delta.content` it reads what the SDK's types leave out or we used to drop:
// - `delta.refusal`: shown as the answer, and the stream then finishes 'content_filter';
// - reasoning, streamed as `thinking` and never as answer text: `delta.reasoning_content`
//   (DeepSeek, vLLM, LM Studio), `delta.reasoning` (OpenRouter, newer vLLM) or, failing both,
//   `delta.reasoning_details[]` entries' `text` / `summary` (OpenRouter);
// - `usage.completion_tokens_details.reasoning_tokens` → Usage.reasoningTokens;
// - prompt-cache counts, all part of prompt_tokens: reads in `prompt_tokens_details.cached_tokens`
//   (OpenAI, OpenRouter, LiteLLM) or LiteLLM's `cache_read_input_tokens`; writes in OpenRouter's
//   `prompt_tokens_details.cache_write_tokens` or LiteLLM's `cache_creation_input_tokens`;
// - `delta.tool_calls[]`: pieces of tool calls, assembled per `index` (ToolCallAssembler below) and
//   yielded whole, in index order, when the choice finishes; finish_reason 'tool_calls' (or the
//   legacy 'function_call') → finish 'tool_calls'.

import { APIError } from 'openai';
import type { AdapterEvent, FinishReason, ToolCall, Usage } from '../llm/types';
import { ProviderError, type ErrorContext } from '../llm/errors';
import type { StreamGuard } from '../llm/streamTimeouts';
import { compact, endedEarly, tokenCount } from './_shared';
import { appendArguments, parseJsonObject } from './_toolArguments';
import { sseEvents, type SseEvent } from '../net/sseEvents';

/** A `chat.completion.chunk` as documented, plus the compatible servers' reasoning fields. */
interface ChatChunk {
  choices?: { delta?: ChunkDelta | null; finish_reason?: string | null }[] | null;
  usage?: ChunkUsage | null;
  error?: unknown;
}

interface ChunkDelta {
  content?: unknown;
  refusal?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
  reasoning_details?: unknown;
  tool_calls?: unknown;
}

/** One entry of `delta.tool_calls` as documented: {index, id, type, function: {name, arguments}}. */
interface ToolCallDelta {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown } | null;
}

interface ChunkUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown; cache_write_tokens?: unknown } | null;
  /** LiteLLM, for Anthropic routes: cache reads and writes (both inside prompt_tokens). */
  cache_read_input_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
  /** OpenRouter (and some gateways) report what they charged, in USD. */
  cost?: unknown;
}

/** The stream's events; `first` (the response's rate-limit hints) comes before them. */
export async function* readChatStream(response: Response, ctx: ErrorContext, guard: StreamGuard, first?: AdapterEvent): AsyncGenerator<AdapterEvent> {
  if (first) yield first;
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  let answered = false;
  let refused = false;
  let sawDone = false;
  const calls = new ToolCallAssembler();
  // Nothing counts after [DONE]: the events end there, so a server that then holds the connection
  // open cannot turn a finished answer into an idle timeout (sseEvents cancels such a body).
  for await (const sse of sseEvents(response, { isEnd: isDone })) {
    guard.touch();
    if (!sse.data) continue;
    if (isDone(sse)) {
      sawDone = true;
      continue; // not `break`: that would cancel a body about to end, and close its connection
    }
    const chunk = JSON.parse(sse.data) as ChatChunk | null; // a SyntaxError becomes a "malformed response"
    // An error inside a 200 stream, thrown as the SDK's Stream throws it (toProviderError reads it).
    if (chunk?.error) throw new APIError(undefined, chunk.error as object, undefined, response.headers);
    const choice = Array.isArray(chunk?.choices) ? chunk.choices[0] : undefined;
    const delta = choice?.delta ?? undefined;
    const thinking = reasoningOf(delta);
    if (thinking) yield { type: 'thinking', text: thinking };
    if (typeof delta?.content === 'string' && delta.content) {
      answered = true;
      yield { type: 'text', text: delta.content };
    }
    if (typeof delta?.refusal === 'string' && delta.refusal) {
      refused = true;
      yield { type: 'text', text: delta.refusal };
    }
    if (Array.isArray(delta?.tool_calls)) for (const piece of delta.tool_calls as unknown[]) calls.add(piece, ctx);
    if (typeof choice?.finish_reason === 'string' && choice.finish_reason) finish = mapFinish(choice.finish_reason);
    if (chunk?.usage && typeof chunk.usage === 'object') usage = toUsage(chunk.usage);
  }
  // The body ends quietly when aborted: surface our reason instead of a short answer.
  guard.throwIfAborted();
  if (!finish && sawDone && calls.size) finish = 'tool_calls';
  if (!finish && sawDone && (answered || refused)) finish = 'stop';
  if (!finish) throw endedEarly(ctx);
  // Some compatible servers (older Ollama) finish 'stop' after tool calls: the calls still wait to be run.
  if (calls.size && finish === 'stop') finish = 'tool_calls';
  // Cut at the output limit, the last call's arguments may be half written: finish 'length' says so.
  for (const call of calls.complete(ctx, finish === 'length')) yield { type: 'tool_call', call };
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', reason: refused ? 'content_filter' : finish };
}

function isDone(e: SseEvent): boolean {
  return e.data.startsWith('[DONE]');
}

/** One delta's reasoning text: the first of the fields servers use for it (some send aliases together). */
export function reasoningOf(delta: ChunkDelta | undefined): string | undefined {
  if (!delta) return undefined;
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) return delta.reasoning_content;
  if (typeof delta.reasoning === 'string' && delta.reasoning) return delta.reasoning;
  if (!Array.isArray(delta.reasoning_details)) return undefined;
  // reasoning.text entries carry `text`, reasoning.summary ones `summary`; reasoning.encrypted has neither.
  const parts = (delta.reasoning_details as unknown[]).map((d) => {
    const { text, summary } = (typeof d === 'object' && d !== null ? d : {}) as { text?: unknown; summary?: unknown };
    return typeof text === 'string' ? text : typeof summary === 'string' ? summary : '';
  });
  return parts.join('') || undefined;
}

export function mapFinish(reason: string): FinishReason {
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') return 'content_filter';
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool_calls';
  return 'stop';
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

/**
 * Assembles streamed `delta.tool_calls` pieces: the first piece of each `index` carries `id` and
 * `function.name`, later ones more of `function.arguments`; parallel calls interleave by index.
 * Liberal in what it takes, as compatible servers differ: a whole call in one piece, an empty-string
 * id (or a fresh id, LM Studio) on later pieces, no `index` (the piece continues the last call, or
 * opens call 0), and Ollama's parallel calls that all say index 0 (a new id with a name there opens
 * a new call).
 */
export class ToolCallAssembler {
  private readonly calls: PendingCall[] = [];
  /** Raw index → position in `calls` (Ollama's reused index moves it on). */
  private readonly slots = new Map<number, number>();
  private last: number | undefined;

  get size(): number {
    return this.calls.length;
  }

  add(piece: unknown, ctx: ErrorContext): void {
    if (typeof piece !== 'object' || piece === null) return;
    const p = piece as ToolCallDelta;
    const id = typeof p.id === 'string' ? p.id : '';
    const name = typeof p.function?.name === 'string' ? p.function.name : '';
    const args = typeof p.function?.arguments === 'string' ? p.function.arguments : '';
    const index = typeof p.index === 'number' && Number.isInteger(p.index) ? p.index : undefined;
    const known = index !== undefined ? this.slots.get(index) : this.last;
    const current = known !== undefined ? this.calls[known] : undefined;
    let at = known ?? 0;
    if (!current || (id && name && current.id && current.id !== id)) {
      at = this.calls.push({ id, name, args: '' }) - 1;
      if (index !== undefined || !this.slots.size) this.slots.set(index ?? 0, at);
    }
    const call = this.calls[at]!;
    if (id && !call.id) call.id = id;
    if (name && !call.name) call.name = name;
    call.args = appendArguments(ctx, call.name, call.args, args);
    this.last = at;
  }

  /** The calls with their arguments parsed, in the order they began; `cut`: drop one that does not parse. */
  complete(ctx: ErrorContext, cut = false): ToolCall[] {
    const out: ToolCall[] = [];
    this.calls.forEach((c, i) => {
      try {
        out.push({ id: c.id || `call_${i}`, name: c.name, input: parseToolArguments(ctx, c.name, c.args) });
      } catch (e) {
        if (!cut) throw e;
      }
    });
    return out;
  }
}

/**
 * A call's arguments JSON as an object ('' = no arguments: some servers send nothing for a tool
 * without parameters). Anything else the model wrote is a ProviderError, never a crash.
 */
export function parseToolArguments(ctx: ErrorContext, name: string, json: string): Record<string, unknown> {
  if (!json.trim()) return {};
  const value = parseJsonObject(json);
  if (value) return value;
  const shown = json.length > 80 ? `${json.slice(0, 80)}…` : json;
  return invalidArguments(ctx, name, shown);
}

function invalidArguments(ctx: ErrorContext, name: string, shown: string): never {
  throw new ProviderError({
    code: 'bad_request',
    providerId: ctx.providerId,
    message: `${ctx.label} called the tool "${name}" with arguments that are not a JSON object: ${shown}`,
    providerCode: 'invalid_tool_arguments',
  });
}

export function toUsage(u: ChunkUsage): Usage {
  const cached = tokenCount(u.prompt_tokens_details?.cached_tokens) || tokenCount(u.cache_read_input_tokens);
  const written = tokenCount(u.prompt_tokens_details?.cache_write_tokens) || tokenCount(u.cache_creation_input_tokens);
  const reasoning = tokenCount(u.completion_tokens_details?.reasoning_tokens);
  return compact({
    inputTokens: tokenCount(u.prompt_tokens) ?? 0,
    outputTokens: tokenCount(u.completion_tokens) ?? 0,
    cachedInputTokens: cached ? cached : undefined,
    cacheWriteTokens: written ? written : undefined,
    reasoningTokens: reasoning ? reasoning : undefined,
    reportedCostUsd: typeof u.cost === 'number' && Number.isFinite(u.cost) ? u.cost : undefined,
  });
}
