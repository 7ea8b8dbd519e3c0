// Anthropic Messages API on the official SDK (SDK retries off). System prompt goes in `system`;
// usage comes from message_start (input side) and message_delta (output, and final counts), merged
// in usage.ts; thinking blocks stream as `thinking` events, never as answer text. Messages, tools
// and images are mapped in request.ts; streamed tool_use blocks are assembled in toolCalls.ts and
// yielded as one `tool_call` event each (stop_reason tool_use → finish 'tool_calls').
// The stream is read here (net/sseEvents.ts, a spec parser) rather than through the SDK's `Stream`:
// that one copies the rest of its buffer after every event, and skips events without an `event:`
// line, which some gateways send. Events are told apart by their JSON `type`, as the SDK's types
// do; `ping` is skipped, `error` is thrown as the SDK throws it.

import Anthropic from '@anthropic-ai/sdk';
import type { AdapterEvent, ChatRequest, FinishReason, LiveModel, ProviderAdapter, ProviderConfig, RateLimitHints } from '../../llm/types';
import type { ErrorContext } from '../../llm/errors';
import { getHeader } from '../../llm/retryAfter';
import { toProviderError } from '../../llm/toProviderError';
import { guarded, type StreamGuard } from '../../llm/streamTimeouts';
import { compact, endedEarly, errorContext, guardedStream, intHeader, msUntil, requireKey, splitSystem, fetchFor } from '../_shared';
import { sseEvents, type SseEvent } from '../../net/sseEvents';
import { anthropicThinking } from '../_reasoning';
import { descriptor } from './index';
import { AnthropicUsage } from './usage';
import { thinkingAllowed, toMessages, toolFields } from './request';
import { ToolCallAssembler } from './toolCalls';
import { withCacheBreakpoints } from './cacheBreakpoints';

/** Anthropic requires max_tokens; used when the request does not say. */
const DEFAULT_MAX_TOKENS = 4096;

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  const client = new Anthropic({
    apiKey: requireKey(config),
    // Explicit, so ANTHROPIC_BASE_URL in the environment cannot redirect the key elsewhere.
    baseURL: config.baseURL || descriptor.defaultBaseURL,
    maxRetries: 0,
    defaultHeaders: config.headers,
    logLevel: 'off',
    openTelemetry: false,
    fetch: fetchFor(config),
  });
  const ctx = errorContext(config);
  const normalize = (e: unknown, guard?: StreamGuard) => toProviderError(e, ctx, { midStream: guard?.receivedData ?? false });
  return {
    config,
    stream: (request) => guardedStream(ctx, request, config, (guard) => streamMessages(client, ctx, request, guard, config.promptCache ?? '5m'), normalize),
    listModels: (signal) =>
      guarded(
        ctx,
        signal,
        config.timeouts,
        async (guard) => {
          const models: LiveModel[] = [];
          // The SDK pages through after_id/has_more.
          for await (const m of client.models.list({ limit: 100 }, { signal: guard.signal })) {
            guard.touch();
            // Untrusted entries, read without throwing; core/models/liveModels.ts drops bad ones.
            const e = m as Partial<typeof m> | null;
            models.push(
              compact<LiveModel>({
                id: e?.id as string,
                label: e?.display_name || undefined,
                contextWindow: e?.max_input_tokens ?? undefined,
                maxOutputTokens: e?.max_tokens ?? undefined,
              }),
            );
            if (models.length >= 1000) break;
          }
          return models;
        },
        (e) => normalize(e),
      ),
  };
}

async function* streamMessages(client: Anthropic, ctx: ErrorContext, request: ChatRequest, guard: StreamGuard, cache: '5m' | '1h' | 'off'): AsyncGenerator<AdapterEvent> {
  const { system, turns } = splitSystem(request.messages);
  const maxTokens = request.maxOutputTokens || DEFAULT_MAX_TOKENS;
  // With an effort: thinking (budget or adaptive, _reasoning.ts) and a larger max_tokens; no temperature.
  // Left off when tools forbid it (see thinkingAllowed).
  const thinking = request.reasoningEffort && thinkingAllowed(request, turns) ? anthropicThinking(request.model, maxTokens, request.reasoningEffort) : undefined;
  const prompt = { messages: toMessages(ctx, turns), ...(system ? { system } : {}), ...toolFields(request) };
  const response = await client.messages
    .create(
      {
        model: request.model,
        max_tokens: maxTokens,
        ...(cache === 'off' ? prompt : withCacheBreakpoints(prompt, request.model, cache)),
        ...(request.temperature !== undefined && request.temperature !== null && !thinking ? { temperature: request.temperature } : {}),
        ...thinking,
        stream: true,
      },
      { signal: guard.signal },
    )
    .asResponse();

  const hints = rateLimitHints(response.headers);
  if (hints) yield { type: 'ratelimit', hints };

  const usage = new AnthropicUsage();
  const calls = new ToolCallAssembler(ctx);
  let finish: FinishReason | undefined;
  let stopped = false;
  for await (const sse of sseEvents(response)) {
    guard.touch();
    const event = readEvent(sse, response.headers);
    switch (event?.type) {
      case 'message_start':
        usage.apply(event.message.usage);
        break;
      case 'content_block_start':
        // A `thinking` block may open with text; `redacted_thinking` (encrypted) is never shown.
        if (event.content_block.type === 'thinking' && event.content_block.thinking) yield { type: 'thinking', text: event.content_block.thinking };
        calls.start(event.index, event.content_block);
        break;
      case 'content_block_delta':
        // text_delta is the answer; thinking_delta the model's reasoning, streamed apart.
        // input_json_delta: a piece of a tool call's input. signature_delta (the thinking block's
        // signature) and compaction deltas are not shown.
        if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text', text: event.delta.text };
        else if (event.delta.type === 'thinking_delta' && event.delta.thinking) yield { type: 'thinking', text: event.delta.thinking };
        else if (event.delta.type === 'input_json_delta') calls.delta(event.index, event.delta.partial_json ?? '');
        break;
      case 'content_block_stop': {
        const call = calls.stop(event.index);
        if (call) yield { type: 'tool_call', call };
        break;
      }
      case 'message_delta':
        usage.apply(event.usage);
        if (event.delta.stop_reason) finish = mapStopReason(event.delta.stop_reason);
        break;
      case 'message_stop':
        stopped = true;
        break;
      default:
        break;
    }
  }
  guard.throwIfAborted();
  if (!stopped && !finish) throw endedEarly(ctx);
  for (const call of calls.flush()) yield { type: 'tool_call', call };
  // Unparseable tool arguments are an error, unless max_tokens cut the call short (toolCalls.ts).
  if (calls.invalid && finish !== 'length') throw calls.invalid;
  const billed = usage.result();
  if (billed) yield { type: 'usage', usage: billed };
  yield { type: 'finish', reason: finish ?? 'stop' };
}

/** What a stream may carry besides the typed events: keep-alives and errors. */
type StreamEvent = Anthropic.RawMessageStreamEvent | { type: 'ping' } | { type: 'error' };

/** One event's JSON (undefined: nothing to read); an `error` event is thrown as the SDK's Stream throws it. */
function readEvent(sse: SseEvent, headers: Headers): Anthropic.RawMessageStreamEvent | undefined {
  if (sse.event === 'error') throw streamError(sse.data, headers);
  if (!sse.data || sse.event === 'ping') return undefined;
  const event = JSON.parse(sse.data) as StreamEvent | null; // a SyntaxError becomes a "malformed response"
  // An unnamed event says what it is in its JSON (a gateway may leave the `event:` line out).
  if (event?.type === 'error') throw streamError(sse.data, headers);
  return event === null || event.type === 'ping' ? undefined : event;
}

function streamError(data: string, headers: Headers): InstanceType<typeof Anthropic.APIError> {
  let body: unknown = data;
  try {
    body = JSON.parse(data);
  } catch {
    // Not JSON: the text is the message.
  }
  const type = (body as { error?: { type?: unknown } } | null)?.error?.type;
  // The SDK passes the body's error type on as is; so do we (toProviderError reads it).
  return new Anthropic.APIError(undefined, body as object, undefined, headers, (typeof type === 'string' ? type : undefined) as ConstructorParameters<typeof Anthropic.APIError>[4]);
}

export function mapStopReason(reason: string): FinishReason {
  // pause_turn: "we paused a long-running turn" — the answer is not complete; it goes on when the
  // response is sent back as is, so it ends as incomplete ('length'), like max_tokens.
  if (reason === 'max_tokens' || reason === 'model_context_window_exceeded' || reason === 'pause_turn') return 'length';
  if (reason === 'refusal') return 'content_filter';
  if (reason === 'tool_use') return 'tool_calls';
  return 'stop'; // end_turn, stop_sequence
}

/** anthropic-ratelimit-{requests,tokens}-{remaining,reset}; resets are RFC 3339 instants. */
export function rateLimitHints(headers: Headers, now: number = Date.now()): RateLimitHints | undefined {
  const hints = compact<RateLimitHints>({
    remainingRequests: intHeader(getHeader(headers, 'anthropic-ratelimit-requests-remaining')),
    remainingTokens: intHeader(getHeader(headers, 'anthropic-ratelimit-tokens-remaining')),
    resetRequestsMs: msUntil(getHeader(headers, 'anthropic-ratelimit-requests-reset'), now),
    resetTokensMs: msUntil(getHeader(headers, 'anthropic-ratelimit-tokens-reset'), now),
  });
  return Object.keys(hints).length ? hints : undefined;
}
