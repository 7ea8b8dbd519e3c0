// The OpenAI Chat Completions wire format (also served for Azure OpenAI and compatible endpoints):
// `data: {chunk}` events ending in `data: [DONE]`, reasoning as compatible servers stream it
// (`delta.reasoning_content`), {"error": {message, type, param, code}} bodies, and GET /v1/models
// as one unpaged list. Tool calls as the Chat Completions streaming reference shows them: per call,
// a first `delta.tool_calls[{index, id, type: 'function', function: {name, arguments: ''}}]`, then
// `{index, function: {arguments}}` pieces; OpenAI streams parallel calls one after the other, by
// index, and ends with finish_reason 'tool_calls'.

import type { FakeToolCall } from '../scenario';
import { CREATED, type WireFormat } from './types';

/**
 * One `data: {…}\n\n` event holding a `chat.completion.chunk` (id, object, created, model,
 * system_fingerprint, choices[], usage); `extra` adds the top-level fields some servers send
 * (Azure's prompt_filter_results, OpenRouter's provider). Recorded streams are built from it too.
 */
export const chunk = (id: string, model: string, choices: unknown[], usage: unknown = null, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_fake', choices, usage, ...extra })}\n\n`;

/** A call id as OpenAI makes them (`call_` + 24 characters). */
export const callId = (id: string, i: number): string => `call_${`${id}${i}`.replace(/[^A-Za-z0-9]/g, '').padEnd(24, 'x').slice(-24)}`;

/** `calls` as tool_calls deltas, each call's arguments JSON in `size`-character pieces. */
export function toolCallChunks(calls: readonly FakeToolCall[], model: string, id: string, size: number): string[] {
  const out: string[] = [];
  const toolDelta = (toolCalls: unknown[]) => chunk(id, model, [{ index: 0, delta: { tool_calls: toolCalls }, logprobs: null, finish_reason: null }]);
  calls.forEach((call, index) => {
    const args = JSON.stringify(call.args);
    out.push(
      chunk(id, model, [
        { index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index, id: call.id ?? callId(id, index), type: 'function', function: { name: call.name, arguments: '' } }], refusal: null }, logprobs: null, finish_reason: null },
      ]),
    );
    for (let i = 0; i < args.length; i += size) out.push(toolDelta([{ index, function: { arguments: args.slice(i, i + size) } }]));
  });
  return out;
}

const error = (message: string, type: string, code: string | null, param: string | null = null) => ({ error: { message, type, param, code } });

export const openaiWire: WireFormat = {
  headers: (id) => ({ 'x-request-id': `req_${id}`, 'openai-processing-ms': '12' }),
  start: (model, id) => [chunk(id, model, [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }])],
  // Reasoning the way compatible servers (DeepSeek, vLLM, LiteLLM) stream it: reasoning_content, before any content.
  thinking: (text, model, id) => chunk(id, model, [{ index: 0, delta: { content: null, reasoning_content: text }, logprobs: null, finish_reason: null }]),
  thinkingEnd: () => [],
  delta: (text, model, id) => chunk(id, model, [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }]),
  toolCalls: (calls, model, id, size) => toolCallChunks(calls, model, id, size),
  finish: (model, id, reason, usage, includeUsage) => [
    chunk(id, model, [{ index: 0, delta: {}, logprobs: null, finish_reason: reason }]),
    ...(includeUsage
      ? [
          chunk(id, model, [], {
            prompt_tokens: usage.input,
            completion_tokens: usage.output,
            total_tokens: usage.input + usage.output,
            prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
            ...(usage.cost !== undefined ? { cost: usage.cost } : {}),
          }),
        ]
      : []),
    'data: [DONE]\n\n',
  ],
  malformed: () => 'data: {this is not json}\n\n',
  truncated: (model, id) => `data: {"id":"chatcmpl-${id}","object":"chat.completion.chunk","model":"${model}","choi`,

  errorBody: (kind) => {
    switch (kind) {
      case 'invalid_key':
        return error('Incorrect API key provided: sk-fake***************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
      case 'permission':
        return error('You have insufficient permissions for this operation.', 'invalid_request_error', 'insufficient_permissions');
      case 'rate_limit':
        return error('Rate limit reached for gpt-4o in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.', 'requests', 'rate_limit_exceeded');
      case 'insufficient_quota':
      case 'quota_daily':
        return error('You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
      case 'context_length':
        return error("This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.", 'invalid_request_error', 'context_length_exceeded', 'messages');
      case 'not_found':
        return error('The model `gpt-nonexistent` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found', 'model');
      case 'overloaded':
        return error('The engine is currently overloaded, please try again later.', 'server_error', null);
      case 'server':
        return error('The server had an error while processing your request. Sorry about that!', 'server_error', null);
      default:
        return error("Invalid value for 'temperature': must be between 0 and 2.", 'invalid_request_error', 'invalid_value', 'temperature');
    }
  },

  modelList: (ids) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })) }),
  defaultModels: ['gpt-5', 'gpt-5-mini', 'gpt-4o-2024-08-06', 'text-embedding-3-small', 'ft:gpt-4o-mini:acme::abc123'],
};
