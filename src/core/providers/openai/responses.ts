// OpenAI's Responses API, for one case only: a catalogue reasoning model (gpt-5 family, o3,
// o4-mini) asked for an effort. On OpenAI's own API, Chat Completions returns no reasoning text at
// all for those models; only the Responses API streams summaries of it (`reasoning.summary`).
// Everything else stays on Chat Completions (_openaiChat.ts): Default effort (nothing to show and
// nothing to change, so the request stays exactly as it was), non-reasoning models, and the
// compatible and Azure adapters, whose servers speak Chat Completions.
//
// The request carries no history state (`store: false`, no previous_response_id): like every other
// request here it sends the whole conversation, system prompt as `instructions`.

import type OpenAI from 'openai';
import type { AdapterEvent, ChatRequest, ProviderConfig } from '../../llm/types';
import type { ErrorContext } from '../../llm/errors';
import type { StreamGuard } from '../../llm/streamTimeouts';
import { findCatalogueModel } from '../../pricing/catalogue';
import { rateLimitHints } from '../_openaiChat';
import { splitSystem } from '../_shared';
import { withThinkingRoom } from '../_reasoning';
import { readResponsesStream } from './responsesStream';

/** Whether this request goes to /v1/responses: OpenAI's own API, a reasoning model, an effort set. */
export function usesResponses(config: ProviderConfig, request: ChatRequest): boolean {
  return config.kind === 'openai' && !!request.reasoningEffort && !!findCatalogueModel('openai', request.model)?.reasoning;
}

/** The Responses request body for `request` (which carries an effort: see usesResponses). */
export function responsesBody(config: ProviderConfig, request: ChatRequest): OpenAI.Responses.ResponseCreateParamsStreaming {
  const effort = request.reasoningEffort ?? 'medium';
  const { system, turns } = splitSystem(request.messages);
  const maxTokens = request.maxOutputTokens ? withThinkingRoom(config.kind, request.model, request.maxOutputTokens, effort) : undefined;
  // No temperature: reasoning models refuse it.
  return {
    model: request.model,
    ...(system ? { instructions: system } : {}),
    input: turns.map((t) => ({ role: t.role, content: t.content })),
    ...(maxTokens ? { max_output_tokens: maxTokens } : {}),
    reasoning: { effort, summary: 'auto' },
    stream: true,
    store: false,
  };
}

export async function* streamResponses(client: OpenAI, ctx: ErrorContext, request: ChatRequest, guard: StreamGuard, config: ProviderConfig): AsyncGenerator<AdapterEvent> {
  // The raw response (a non-2xx still throws the SDK's APIError): readResponsesStream reads the events.
  const response = await client.responses.create(responsesBody(config, request), { signal: guard.signal }).asResponse();
  const hints = rateLimitHints(response.headers);
  if (hints) yield { type: 'ratelimit', hints };
  yield* readResponsesStream(response, ctx, guard);
}
