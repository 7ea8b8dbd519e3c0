// Reads one Chat Completions stream (OpenAI, Azure OpenAI, compatible servers) into adapter events.
//
// It runs on the openai SDK's own SSE decoder (`_iterSSEMessages`, the one its `Stream` uses) rather
// than on `Stream` itself, because `Stream` swallows `data: [DONE]` and we must know whether it came:
// [DONE] is the documented end of a stream, and compatible servers (LM Studio, some gateways) end
// with it without ever sending a `finish_reason`. A stream that ends with neither was cut short.
//
// Besides `delta.content` it reads what the SDK's types leave out or we used to drop:
// - `delta.refusal`: shown as the answer, and the stream then finishes 'content_filter';
// - reasoning, streamed as `thinking` and never as answer text: `delta.reasoning_content`
//   (DeepSeek, vLLM, LM Studio), `delta.reasoning` (OpenRouter, newer vLLM) or, failing both,
//   `delta.reasoning_details[]` entries' `text` / `summary` (OpenRouter);
// - `usage.completion_tokens_details.reasoning_tokens` → Usage.reasoningTokens.

import { APIError } from 'openai';
import { _iterSSEMessages } from 'openai/core/streaming';
import type { AdapterEvent, FinishReason, Usage } from '../llm/types';
import type { ErrorContext } from '../llm/errors';
import type { StreamGuard } from '../llm/streamTimeouts';
import { compact, endedEarly, tokenCount } from './_shared';

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
}

interface ChunkUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
  /** OpenRouter (and some gateways) report what they charged, in USD. */
  cost?: unknown;
}

export async function* readChatStream(response: Response, ctx: ErrorContext, guard: StreamGuard): AsyncGenerator<AdapterEvent> {
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  let answered = false;
  let refused = false;
  let sawDone = false;
  for await (const sse of _iterSSEMessages(response, new AbortController())) {
    guard.touch();
    if (!sse.data) continue;
    // Nothing counts after [DONE]: stop reading, so a server that then holds the connection open
    // cannot turn a finished answer into an idle timeout (leaving the loop closes the request).
    if (sse.data.startsWith('[DONE]')) {
      sawDone = true;
      break;
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
    if (typeof choice?.finish_reason === 'string' && choice.finish_reason) finish = mapFinish(choice.finish_reason);
    if (chunk?.usage && typeof chunk.usage === 'object') usage = toUsage(chunk.usage);
  }
  // The body ends quietly when aborted: surface our reason instead of a short answer.
  guard.throwIfAborted();
  if (!finish && sawDone && (answered || refused)) finish = 'stop';
  if (!finish) throw endedEarly(ctx);
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', reason: refused ? 'content_filter' : finish };
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
  return 'stop'; // stop, tool_calls, function_call
}

export function toUsage(u: ChunkUsage): Usage {
  const cached = tokenCount(u.prompt_tokens_details?.cached_tokens);
  const reasoning = tokenCount(u.completion_tokens_details?.reasoning_tokens);
  return compact({
    inputTokens: tokenCount(u.prompt_tokens) ?? 0,
    outputTokens: tokenCount(u.completion_tokens) ?? 0,
    cachedInputTokens: cached ? cached : undefined,
    reasoningTokens: reasoning ? reasoning : undefined,
    reportedCostUsd: typeof u.cost === 'number' && Number.isFinite(u.cost) ? u.cost : undefined,
  });
}
