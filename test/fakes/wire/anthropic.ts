// The Anthropic Messages wire format: named SSE events (message_start … message_stop) with usage
// split across start and delta, an optional thinking block (index 0: thinking_delta, then
// signature_delta) before the text block (then index 1), tool_use blocks after the text block
// (input_json_delta pieces, stop_reason "tool_use"), {"type":"error","error":{type,message}}
// bodies, and GET /v1/models paged by limit/after_id.

import type { FakeToolCall } from '../scenario';
import type { StreamShape, WireFinish, WireFormat } from './types';

/** Served at most per page, so paging is exercised with a handful of models. */
const PAGE_MAX = 3;

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const error = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_fake' });

export const anthropicWire: WireFormat = {
  headers: (id) => ({ 'request-id': `req_${id}`, 'anthropic-organization-id': 'org-fake' }),
  start: (model, id, usage, shape) => [
    sse('message_start', {
      type: 'message_start',
      message: {
        id: `msg_${id}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: usage.input,
          cache_creation_input_tokens: usage.cacheWrite,
          cache_read_input_tokens: usage.cached,
          // The documented split of cache_creation_input_tokens by TTL (when the usage has one).
          ...(usage.cacheWrite1h === undefined ? {} : { cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite - usage.cacheWrite1h, ephemeral_1h_input_tokens: usage.cacheWrite1h } }),
          output_tokens: 1,
          service_tier: 'standard',
        },
      },
    }),
    // With thinking, block 0 is the thinking block and the text block (index 1) opens in thinkingEnd.
    shape?.thinking
      ? sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } })
      : sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sse('ping', { type: 'ping' }),
  ],
  thinking: (thinking) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking } }),
  thinkingEnd: (_model, id) => [
    sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: signatureOf(id) } }),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
  ],
  delta: (text, _model, _id, _first, shape) => sse('content_block_delta', { type: 'content_block_delta', index: textIndex(shape), delta: { type: 'text_delta', text } }),
  toolCalls: (calls, _model, id, argChunkSize, _afterText, shape) => {
    // The text block (open since start/thinkingEnd) closes first; the calls follow as blocks of their own.
    closedByToolCalls.add(id);
    const first = textIndex(shape) + 1;
    return [sse('content_block_stop', { type: 'content_block_stop', index: first - 1 }), ...calls.flatMap((call, i) => toolUseBlock(call, first + i, id, i, argChunkSize))];
  },
  finish: (_model, id, reason, usage, _includeUsage, shape) => [
    // After tool calls every block is closed already.
    ...(closedByToolCalls.delete(id) ? [] : [sse('content_block_stop', { type: 'content_block_stop', index: textIndex(shape) })]),
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: STOP_REASONS[reason], stop_sequence: null },
      // output_tokens includes the thinking; output_tokens_details says how much of it was thinking.
      usage: {
        input_tokens: usage.input,
        cache_creation_input_tokens: usage.cacheWrite,
        cache_read_input_tokens: usage.cached,
        output_tokens: usage.output,
        ...(usage.reasoning ? { output_tokens_details: { thinking_tokens: usage.reasoning } } : {}),
      },
    }),
    sse('message_stop', { type: 'message_stop' }),
  ],
  malformed: () => 'event: content_block_delta\ndata: {this is not json}\n\n',
  truncated: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de',

  errorBody: (kind) => {
    switch (kind) {
      case 'invalid_key':
        return error('authentication_error', 'invalid x-api-key');
      case 'permission':
        return error('permission_error', 'Your API key does not have permission to use the specified resource.');
      case 'rate_limit':
        return error('rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute.');
      case 'insufficient_quota':
      case 'quota_daily':
        return error('invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'context_length':
        return error('invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum');
      case 'not_found':
        return error('not_found_error', 'model: claude-nonexistent');
      case 'overloaded':
        return error('overloaded_error', 'Overloaded');
      case 'server':
        return error('api_error', 'Internal server error');
      default:
        return error('invalid_request_error', 'max_tokens: Field required');
    }
  },

  // Cursor paging: limit + after_id, has_more/first_id/last_id.
  modelList: (ids, url) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, PAGE_MAX);
    const after = url.searchParams.get('after_id');
    const start = after ? ids.indexOf(after) + 1 : 0;
    const page = ids.slice(start, start + limit);
    return {
      data: page.map((id) => ({
        type: 'model',
        id,
        display_name: displayName(id),
        created_at: '2025-09-29T00:00:00Z',
        max_input_tokens: 200_000,
        max_tokens: 64_000,
      })),
      has_more: start + limit < ids.length,
      first_id: page[0] ?? null,
      last_id: page[page.length - 1] ?? null,
    };
  },
  defaultModels: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805', 'claude-3-5-haiku-20241022'],
};

const STOP_REASONS: Record<WireFinish, string> = { stop: 'end_turn', length: 'max_tokens', content_filter: 'refusal', tool_calls: 'tool_use' };

/** Streams whose text block toolCalls() closed (finish() must not close it again). */
const closedByToolCalls = new Set<string>();

/**
 * One tool_use block ("Streaming Messages", tool use): content_block_start with an empty `input`,
 * the input JSON as input_json_delta pieces — the first an empty string, as the API sends it — and
 * content_block_stop. An empty input streams no delta at all.
 */
function toolUseBlock(call: FakeToolCall, index: number, id: string, n: number, argChunkSize: number): string[] {
  const json = JSON.stringify(call.args);
  const pieces = json === '{}' ? [] : ['', ...splitEvery(json, argChunkSize)];
  return [
    sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id ?? toolUseId(id, n), name: call.name, input: {} } }),
    ...pieces.map((partial_json) => sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } })),
    sse('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

/** Shaped like the API's ids ("toolu_01…"); distinct per stream and call. */
const toolUseId = (id: string, n: number) => `toolu_01${Buffer.from(`${id}:${n}`).toString('hex')}`;

function splitEvery(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The text block comes after the thinking block when there is one. */
const textIndex = (shape: StreamShape | undefined) => (shape?.thinking ? 1 : 0);

/** An opaque, base64 signature of the thinking block (the API checks it when the block is sent back). */
const signatureOf = (id: string) => Buffer.from(`fake thinking signature for msg_${id}`).toString('base64');

/** "claude-sonnet-4-5-20250929" → "Claude Sonnet 4.5". */
function displayName(id: string): string {
  const m = /^claude-(\w+)-(\d+)-(\d+)/.exec(id);
  if (m) return `Claude ${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)} ${m[2]}.${m[3]}`;
  return id;
}
