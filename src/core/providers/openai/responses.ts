// OpenAI's Responses API, for one case only: a catalogue reasoning model (gpt-5 family, o3,
// o4-mini) asked for an effort. On OpenAI's own API, Chat Completions returns no reasoning text at
// all for those models; only the Responses API streams summaries of it (`reasoning.summary`).
// Everything else stays on Chat Completions (_openaiChat.ts): Default effort (nothing to show and
// nothing to change, so the request stays exactly as it was), non-reasoning models, and the
// compatible and Azure adapters, whose servers speak Chat Completions.
//
// The request carries no history state (`store: false`, no previous_response_id): like every other
// request here it sends the whole conversation, system prompt as `instructions`.
//
// Tools stay on this path (Chat Completions would drop the reasoning summaries), mapped as the
// Responses reference documents them: function tools `{type: 'function', name, description,
// parameters, strict: false}` (strict defaults to true here, and VS Code's tool schemas are not
// written for strict mode), assistant calls as `function_call` input items ({call_id, name,
// arguments}; no item `id`, which would require the reasoning item that made the call, which
// `store: false` does not keep), results as `function_call_output` items ({call_id, output}), images
// as `input_image` parts holding a data: URL. A text-only turn is sent as before: {role, content}.

import type OpenAI from 'openai';
import type { AdapterEvent, ChatRequest, ProviderConfig, ToolDefinition } from '../../llm/types';
import type { ErrorContext } from '../../llm/errors';
import type { StreamGuard } from '../../llm/streamTimeouts';
import { findCatalogueModel } from '../../pricing/catalogue';
import { EMPTY_SCHEMA, dataUrl, rateLimitHints } from '../_openaiChat';
import { splitSystem, type Turn } from '../_shared';
import { withThinkingRoom } from '../_reasoning';
import { promptCacheKey } from './promptCacheKey';
import { readResponsesStream } from './responsesStream';
import { textOf } from '../../llm/messageContent';

/** Whether this request goes to /v1/responses: OpenAI's own API, a reasoning model, an effort set. */
export function usesResponses(config: ProviderConfig, request: ChatRequest): boolean {
  return config.kind === 'openai' && !!request.reasoningEffort && !!findCatalogueModel('openai', request.model)?.reasoning;
}

/** The Responses request body for `request` (which carries an effort: see usesResponses). */
export function responsesBody(config: ProviderConfig, request: ChatRequest): OpenAI.Responses.ResponseCreateParamsStreaming {
  const effort = request.reasoningEffort ?? 'medium';
  const { system, turns } = splitSystem(request.messages);
  const maxTokens = request.maxOutputTokens ? withThinkingRoom(config.kind, request.model, request.maxOutputTokens, effort) : undefined;
  const cacheKey = promptCacheKey(config, request);
  // No temperature: reasoning models refuse it.
  return {
    model: request.model,
    ...(system ? { instructions: system } : {}),
    input: turns.flatMap(inputItems),
    ...(request.tools?.length ? { tools: responsesTools(request.tools) } : {}),
    ...(request.tools?.length && request.toolChoice === 'required' ? { tool_choice: 'required' as const } : {}),
    ...(maxTokens ? { max_output_tokens: maxTokens } : {}),
    reasoning: { effort, summary: 'auto' },
    stream: true,
    store: false,
    ...(cacheKey ? { prompt_cache_key: cacheKey } : {}),
  };
}

export async function streamResponses(client: OpenAI, ctx: ErrorContext, request: ChatRequest, guard: StreamGuard, config: ProviderConfig): Promise<AsyncIterable<AdapterEvent>> {
  // The raw response (a non-2xx still throws the SDK's APIError): readResponsesStream reads the events.
  const response = await client.responses.create(responsesBody(config, request), { signal: guard.signal }).asResponse();
  const hints = rateLimitHints(response.headers);
  return readResponsesStream(response, ctx, guard, hints && { type: 'ratelimit', hints });
}

type InputItem = OpenAI.Responses.ResponseInputItem;

export function responsesTools(tools: readonly ToolDefinition[]): OpenAI.Responses.FunctionTool[] {
  return tools.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.inputSchema ?? EMPTY_SCHEMA, strict: false }));
}

/** One turn as input items (see the top of this file). */
function inputItems(turn: Turn): InputItem[] {
  const text = textOf(turn.parts);
  if (turn.parts.every((p) => p.type === 'text')) return [{ role: turn.role, content: text }];
  const items: InputItem[] = [];
  if (turn.role === 'assistant') {
    if (text) items.push({ role: 'assistant', content: text });
    for (const p of turn.parts) if (p.type === 'tool_call') items.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: JSON.stringify(p.input) });
    return items;
  }
  for (const p of turn.parts) if (p.type === 'tool_result') items.push({ type: 'function_call_output', call_id: p.callId, output: p.content });
  const content = turn.parts.flatMap((p): OpenAI.Responses.ResponseInputContent[] =>
    p.type === 'text' ? [{ type: 'input_text', text: p.text }] : p.type === 'image' ? [{ type: 'input_image', image_url: dataUrl(p), detail: 'auto' }] : [],
  );
  if (content.length) items.push({ role: 'user', content: content.some((c) => c.type === 'input_image') ? content : text });
  return items;
}
