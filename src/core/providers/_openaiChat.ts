// Chat Completions streaming on the openai SDK, shared by the OpenAI, OpenAI-compatible and Azure
// adapters: they differ only in how the client is built and which token-limit field they send.
// The SDK sends the request and turns a failed status into its APIError; the stream itself is read
// by _openaiStream.ts (refusals, reasoning deltas, [DONE] without a finish_reason, tool calls).
//
// Messages that are more than text (VS Code's agent mode) map as the Chat Completions reference
// documents them: an assistant message's tool calls go in its `tool_calls` (content null when it
// said nothing), each tool result becomes its own `{role: 'tool', tool_call_id, content}` message
// right after that assistant message, and images are `image_url` parts holding a data: URL. A
// message that is only text is sent as a plain string, exactly as before.

import type OpenAI from 'openai';
import type { AdapterEvent, ChatMessage, ChatRequest, LiveModel, ProviderAdapter, ProviderConfig, RateLimitHints, ToolDefinition } from '../llm/types';
import type { ErrorContext } from '../llm/errors';
import { getHeader, parseDurationMs } from '../llm/retryAfter';
import { toProviderError } from '../llm/toProviderError';
import { guarded, type StreamGuard } from '../llm/streamTimeouts';
import { compact, errorContext, guardedStream, intHeader } from './_shared';
import { readChatStream } from './_openaiStream';
import { withThinkingRoom } from './_reasoning';
import { partsOf, textOf } from '../llm/messageContent';

/**
 * Client options every openai-SDK client here shares: no SDK retries (one retry policy, in the
 * pipeline), no SDK logging, and explicit nulls so OPENAI_ORG_ID / OPENAI_PROJECT_ID /
 * OPENAI_ADMIN_KEY / OPENAI_WEBHOOK_SECRET in the extension host's environment are never sent.
 */
export const OPENAI_CLIENT_DEFAULTS = {
  maxRetries: 0,
  organization: null,
  project: null,
  adminAPIKey: null,
  webhookSecret: null,
  logLevel: 'off',
} as const;

export interface OpenAIChatOptions {
  /** Reasoning models (o-series, gpt-5) refuse `max_tokens`; many compatible servers only know it. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Which model id goes into the body (Azure routes by deployment, not by model). */
  model?: (request: ChatRequest) => string;
  /** Replaces the live model list (Azure: the deployment is the one model). */
  listModels?: () => LiveModel[];
  /** Keeps only chat models from a live list (api.openai.com also lists embeddings, TTS, images…). */
  modelFilter?: (id: string) => boolean;
  /** OpenAI's own API: the conversation's `prompt_cache_key` (openai/promptCacheKey.ts). */
  promptCacheKey?: (request: ChatRequest) => string | undefined;
  /** Replaces chatMessages (a gateway's cache marks: gateways/cacheMarks.ts). */
  messages?: (request: ChatRequest) => Message[];
  /** Reads one raw list entry (OpenRouter's carries prices and limits); default: its id only. */
  liveModel?: (raw: unknown) => LiveModel;
}

/** Builds a ProviderAdapter around an already configured openai (or AzureOpenAI) client. */
export function openAIChatAdapter(config: ProviderConfig, client: OpenAI, options: OpenAIChatOptions): ProviderAdapter {
  const ctx = errorContext(config);
  return {
    config,
    stream: (request) =>
      guardedStream(ctx, request, config, (guard) => streamChat(client, ctx, request, options, guard, config), (e, guard) =>
        toProviderError(e, ctx, { midStream: guard.receivedData }),
      ),
    listModels: (signal) =>
      guarded(
        ctx,
        signal,
        config.timeouts,
        async (guard) => {
          if (options.listModels) return options.listModels();
          const models: LiveModel[] = [];
          for await (const m of client.models.list({ signal: guard.signal })) {
            guard.touch();
            // Entries are untrusted: read them without throwing; core/models/liveModels.ts drops
            // (and logs) one whose id is not a plain string, so the rest of the list still counts.
            const id = (m as { id?: unknown } | null)?.id;
            if (typeof id === 'string' && options.modelFilter && !options.modelFilter(id)) continue;
            models.push(options.liveModel ? options.liveModel(m) : ({ id } as LiveModel));
            if (models.length >= 2000) break; // a runaway gateway must not hang the picker
          }
          return models;
        },
        (e) => toProviderError(e, ctx),
      ),
  };
}

async function streamChat(
  client: OpenAI,
  ctx: ErrorContext,
  request: ChatRequest,
  options: OpenAIChatOptions,
  guard: StreamGuard,
  config: ProviderConfig,
): Promise<AsyncIterable<AdapterEvent>> {
  const effort = request.reasoningEffort;
  // With an effort (_reasoning.ts): reasoning_effort, room for the reasoning, no temperature.
  const maxTokens = request.maxOutputTokens && effort ? withThinkingRoom(config.kind, request.model, request.maxOutputTokens, effort) : request.maxOutputTokens;
  const cacheKey = options.promptCacheKey?.(request);
  const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming = {
    model: options.model ? options.model(request) : request.model,
    messages: options.messages ? options.messages(request) : chatMessages(request.messages),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.tools?.length ? { tools: chatTools(request.tools) } : {}),
    ...(request.tools?.length && request.toolChoice === 'required' ? { tool_choice: 'required' as const } : {}),
    ...(request.temperature !== undefined && request.temperature !== null && !effort ? { temperature: request.temperature } : {}),
    ...(maxTokens ? { [options.maxTokensField]: maxTokens } : {}),
    ...(effort ? { reasoning_effort: effort } : {}),
    ...(cacheKey ? { prompt_cache_key: cacheKey } : {}),
  };
  // The raw response (a non-2xx still throws the SDK's APIError): readChatStream needs to see [DONE].
  const response = await client.chat.completions.create(body, { signal: guard.signal }).asResponse();

  const hints = rateLimitHints(response.headers);
  return readChatStream(response, ctx, guard, hints && { type: 'ratelimit', hints });
}

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** A tool without a schema still needs `parameters`: an object with no properties. */
export const EMPTY_SCHEMA: Record<string, unknown> = { type: 'object', properties: {} };

export function chatTools(tools: readonly ToolDefinition[]): OpenAI.Chat.Completions.ChatCompletionFunctionTool[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema ?? EMPTY_SCHEMA } }));
}

/** `data:<mime>;base64,<data>`: how both OpenAI APIs take an inline image. */
export const dataUrl = (p: { mimeType: string; data: string }): string => `data:${p.mimeType};base64,${p.data}`;

/** The request's messages in Chat Completions form (see the top of this file). */
export function chatMessages(messages: readonly ChatMessage[]): Message[] {
  const out: Message[] = [];
  for (const m of messages) {
    if (typeof m.content === 'string' || m.role === 'system') {
      out.push({ role: m.role, content: textOf(m.content) } as Message);
      continue;
    }
    const parts = partsOf(m.content);
    const text = textOf(parts);
    if (m.role === 'assistant') {
      const calls = parts.flatMap((p) => (p.type === 'tool_call' ? [{ id: p.id, type: 'function' as const, function: { name: p.name, arguments: JSON.stringify(p.input) } }] : []));
      out.push(calls.length ? { role: 'assistant', content: text || null, tool_calls: calls } : { role: 'assistant', content: text });
      continue;
    }
    // Tool results first: they must follow the assistant message that made the calls.
    for (const p of parts) if (p.type === 'tool_result') out.push({ role: 'tool', tool_call_id: p.callId, content: p.content });
    if (!parts.some((p) => p.type === 'image')) {
      if (text || !parts.some((p) => p.type === 'tool_result')) out.push({ role: 'user', content: text });
      continue;
    }
    const content = parts.flatMap((p): OpenAI.Chat.Completions.ChatCompletionContentPart[] =>
      p.type === 'text' ? [{ type: 'text', text: p.text }] : p.type === 'image' ? [{ type: 'image_url', image_url: { url: dataUrl(p) } }] : [],
    );
    out.push({ role: 'user', content });
  }
  return out;
}

/** x-ratelimit-remaining-requests/tokens and x-ratelimit-reset-requests/tokens ("1s", "6m0s"). */
export function rateLimitHints(headers: Headers): RateLimitHints | undefined {
  const hints = compact<RateLimitHints>({
    remainingRequests: intHeader(getHeader(headers, 'x-ratelimit-remaining-requests')),
    remainingTokens: intHeader(getHeader(headers, 'x-ratelimit-remaining-tokens')),
    resetRequestsMs: parseDurationMs(getHeader(headers, 'x-ratelimit-reset-requests')),
    resetTokensMs: parseDurationMs(getHeader(headers, 'x-ratelimit-reset-tokens')),
  });
  return Object.keys(hints).length ? hints : undefined;
}
