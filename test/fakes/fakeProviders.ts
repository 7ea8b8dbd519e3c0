// One local HTTP server that speaks the OpenAI (and Azure OpenAI), Anthropic and Gemini wire
// formats closely enough for the real SDKs: SSE framing, error bodies, usage, paging. Tests script
// it with scenarios (FIFO per provider) and read back every request it saw.
//
// Binds 127.0.0.1 only. close() destroys stalled sockets so a test run always exits.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeProviderName = 'openai' | 'azure' | 'anthropic' | 'gemini';

/** Errors the fake can render in each provider's own JSON shape. */
export type FakeErrorKind =
  | 'invalid_key'
  | 'permission'
  | 'rate_limit'
  | 'insufficient_quota'
  | 'quota_daily'
  | 'context_length'
  | 'bad_request'
  | 'not_found'
  | 'overloaded'
  | 'server';

export interface Scenario {
  /** The answer. Default: a fixed sentence naming the provider. */
  text?: string;
  /** The answer pre-split into chunks (wins over text/chunkSize). */
  chunks?: string[];
  /** Characters per chunk when splitting `text`. Default 8. */
  chunkSize?: number;
  /** Wait before sending anything, headers included. */
  firstByteDelayMs?: number;
  /** Wait between chunks. */
  chunkDelayMs?: number;
  /** Answer "Echo: " + the last user message's text. */
  echo?: boolean;
  /** Non-2xx: respond with this status and an error body in the provider's shape. */
  status?: number;
  /** Which error body to render (default derived from `status`). */
  errorKind?: FakeErrorKind;
  /** Gemini: RetryInfo.retryDelay to include in a 429 (e.g. "2s"). */
  retryDelay?: string;
  /** Exact error body to send instead of the rendered one. */
  errorBody?: unknown;
  /** Extra response headers (success or error): rate-limit headers, retry-after… */
  headers?: Record<string, string>;
  /** After N text chunks: reset the TCP connection. */
  resetAfterChunks?: number;
  /** After N text chunks: keep the socket open and send nothing more. */
  stallAfterChunks?: number;
  /** After N text chunks: send a data line that is not JSON, then end. */
  malformedAfterChunks?: number;
  /** After N text chunks: send half a JSON event without its terminator, then end. */
  truncatedJsonAfterChunks?: number;
  /**
   * Usage in the provider's own terms: `input` is OpenAI prompt_tokens / Gemini promptTokenCount
   * (cached included) / Anthropic input_tokens (cache reads and writes NOT included).
   * Default: derived from the text, about 4 characters per token.
   */
  usage?: { input?: number; output?: number; cached?: number; cacheWrite?: number; cost?: number };
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Model ids for GET …/models (default: a small realistic list per provider). */
  models?: string[];
}

export interface RecordedRequest {
  provider: FakeProviderName;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** The client went away before the response was complete (abort, timeout, reset by us). */
  clientClosedEarly: boolean;
  /** The response was sent to the end. */
  completed: boolean;
}

export interface FakeProviders {
  url: string;
  baseURLs: { openai: string; anthropic: string; gemini: string; azure: string };
  requests: RecordedRequest[];
  enqueue(provider: FakeProviderName, ...scenarios: Scenario[]): void;
  setDefault(provider: FakeProviderName, scenario: Scenario): void;
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Resolves once the request at `index` has closed (completed or not). */
  waitForClose(index: number, timeoutMs?: number): Promise<RecordedRequest>;
  reset(): void;
  close(): Promise<void>;
}

// ---- scenario helpers -------------------------------------------------------------------------

export const rateLimit = (retryAfterS: number): Scenario => ({ status: 429, errorKind: 'rate_limit', headers: { 'retry-after': String(retryAfterS) } });
export const insufficientQuota = (): Scenario => ({ status: 429, errorKind: 'insufficient_quota' });
export const geminiRetryDelay = (delay: string): Scenario => ({ status: 429, errorKind: 'rate_limit', retryDelay: delay });
export const geminiDailyQuota = (): Scenario => ({ status: 429, errorKind: 'quota_daily' });
export const overloaded529 = (): Scenario => ({ status: 529, errorKind: 'overloaded' });
export const serverError = (status = 500): Scenario => ({ status, errorKind: status === 503 ? 'overloaded' : 'server' });
export const contextTooLong = (): Scenario => ({ status: 400, errorKind: 'context_length' });
export const invalidKey = (): Scenario => ({ status: 401, errorKind: 'invalid_key' });

/** ~4 characters per token, at least 1 — the default when a scenario gives no usage. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

const DEFAULT_MODELS: Record<'openai' | 'anthropic' | 'gemini', string[]> = {
  openai: ['gpt-5', 'gpt-5-mini', 'gpt-4o-2024-08-06', 'text-embedding-3-small', 'ft:gpt-4o-mini:acme::abc123'],
  anthropic: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805', 'claude-3-5-haiku-20241022'],
  gemini: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'text-embedding-004', 'gemini-exp-9999'],
};
/** Page sizes the fake serves at most, so paging is exercised with a handful of models. */
const ANTHROPIC_PAGE_MAX = 3;
const GEMINI_PAGE_MAX = 2;

// ---- server -------------------------------------------------------------------------------------

export async function startFakeProviders(opts: { port?: number; queueForChatOnly?: boolean } = {}): Promise<FakeProviders> {
  const queues = new Map<FakeProviderName, Scenario[]>();
  const defaults = new Map<FakeProviderName, Scenario>();
  const requests: RecordedRequest[] = [];
  const closeWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake server error: ${String(err)}`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routeOf(req, url.pathname);
    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake: no route for ${req.method} ${url.pathname}` } }));
      return;
    }
    const record: RecordedRequest = {
      provider: route.provider,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      clientClosedEarly: false,
      completed: false,
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.clientClosedEarly = !record.completed;
      for (const wake of closeWaiters.splice(0)) wake();
    });
    res.on('finish', () => {
      record.completed = true;
    });

    // With `queueForChatOnly`, model listings (which the extension makes on its own schedule) never
    // take a scenario meant for a chat request; they use the default scenario.
    const fromQueue = route.kind === 'models' && opts.queueForChatOnly ? undefined : queues.get(route.provider)?.shift();
    const scenario = fromQueue ?? defaults.get(route.provider) ?? {};
    const alive = () => !res.destroyed && !res.writableEnded;
    if (scenario.firstByteDelayMs) await sleep(scenario.firstByteDelayMs);
    if (!alive()) return;

    const wire = route.provider === 'azure' ? 'openai' : route.provider;
    if (scenario.status && scenario.status >= 300) {
      sendError(res, wire, scenario);
      return;
    }
    if (route.kind === 'models') {
      sendModels(res, wire, scenario, url);
      return;
    }
    const id = `fake${++counter}`;
    await streamAnswer(res, wire, scenario, body, route.model ?? modelOf(body), id, alive);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const fake: FakeProviders = {
    url,
    baseURLs: { openai: `${url}/v1`, anthropic: url, gemini: url, azure: url },
    requests,
    enqueue(provider, ...scenarios) {
      if (!queues.has(provider)) queues.set(provider, []);
      queues.get(provider)!.push(...scenarios);
    },
    setDefault(provider, scenario) {
      defaults.set(provider, scenario);
    },
    async waitForRequests(n, timeoutMs = 2000) {
      const until = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > until) throw new Error(`fake: expected ${n} requests, saw ${requests.length}`);
        await sleep(5);
      }
      return requests;
    },
    async waitForClose(index, timeoutMs = 2000) {
      await fake.waitForRequests(index + 1, timeoutMs);
      const until = Date.now() + timeoutMs;
      const rec = requests[index]!;
      while (!rec.completed && !rec.clientClosedEarly) {
        if (Date.now() > until) throw new Error(`fake: request ${index} still open after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          closeWaiters.push(resolve);
          setTimeout(resolve, 20);
        });
      }
      return rec;
    },
    reset() {
      queues.clear();
      defaults.clear();
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

interface Route {
  provider: FakeProviderName;
  kind: 'chat' | 'models';
  model?: string;
}

function routeOf(req: http.IncomingMessage, path: string): Route | undefined {
  const method = req.method ?? 'GET';
  // OpenAI (base …/v1) and Anthropic (base …) both list at GET /v1/models: Anthropic's SDK always
  // sends anthropic-version, OpenAI's never does.
  if (method === 'GET' && path === '/v1/models') return { provider: req.headers['anthropic-version'] ? 'anthropic' : 'openai', kind: 'models' };
  if (method === 'POST' && path === '/v1/chat/completions') return { provider: 'openai', kind: 'chat' };
  const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
  if (method === 'POST' && azure) return { provider: 'azure', kind: 'chat', model: decodeURIComponent(azure[1]!) };
  if (method === 'POST' && path === '/v1/messages') return { provider: 'anthropic', kind: 'chat' };
  const gemini = /^\/v1beta\/models\/([^/:]+):streamGenerateContent$/.exec(path);
  if (method === 'POST' && gemini) return { provider: 'gemini', kind: 'chat', model: decodeURIComponent(gemini[1]!) };
  if (method === 'GET' && path === '/v1beta/models') return { provider: 'gemini', kind: 'models' };
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function modelOf(body: unknown): string {
  const m = (body as { model?: unknown } | undefined)?.model;
  return typeof m === 'string' ? m : 'fake-model';
}

// ---- answers ------------------------------------------------------------------------------------

type Wire = 'openai' | 'anthropic' | 'gemini';

function defaultAnswer(wire: Wire): string {
  const who = wire === 'openai' ? 'OpenAI' : wire === 'anthropic' ? 'Anthropic' : 'Gemini';
  return `Hello from the fake ${who} server. This answer is deterministic.`;
}

/** Text of the last user message, whatever the wire shape. */
export function lastUserText(wire: Wire, body: unknown): string {
  const b = (body ?? {}) as { messages?: unknown[]; contents?: unknown[] };
  const textOf = (content: unknown): string => {
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) return content.map((p) => (typeof p === 'object' && p && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
    return '';
  };
  if (wire === 'gemini') {
    const users = (b.contents ?? []).filter((c) => (c as { role?: string }).role === 'user');
    const last = users[users.length - 1] as { parts?: unknown } | undefined;
    return textOf(last?.parts);
  }
  const users = (b.messages ?? []).filter((m) => (m as { role?: string }).role === 'user');
  return textOf((users[users.length - 1] as { content?: unknown } | undefined)?.content);
}

/** All prompt text (system included) for the default usage estimate. */
function promptText(wire: Wire, body: unknown): string {
  const b = (body ?? {}) as { messages?: { content?: unknown }[]; contents?: { parts?: { text?: string }[] }[]; system?: unknown; systemInstruction?: { parts?: { text?: string }[] } };
  const parts: string[] = [];
  const add = (c: unknown) => {
    if (typeof c === 'string') parts.push(c);
    else if (Array.isArray(c)) for (const p of c) if (p && typeof (p as { text?: unknown }).text === 'string') parts.push((p as { text: string }).text);
  };
  if (wire === 'gemini') {
    for (const c of b.contents ?? []) add(c.parts);
    add(b.systemInstruction?.parts);
  } else {
    for (const m of b.messages ?? []) add(m.content);
    add(b.system);
  }
  return parts.join('\n');
}

function chunksOf(scenario: Scenario, answer: string): string[] {
  if (scenario.chunks) return scenario.chunks;
  const size = Math.max(1, scenario.chunkSize ?? 8);
  const out: string[] = [];
  for (let i = 0; i < answer.length; i += size) out.push(answer.slice(i, i + size));
  return out;
}

async function streamAnswer(
  res: http.ServerResponse,
  wire: Wire,
  scenario: Scenario,
  body: unknown,
  model: string,
  id: string,
  alive: () => boolean,
): Promise<void> {
  const answer = scenario.echo ? `Echo: ${lastUserText(wire, body)}` : (scenario.text ?? defaultAnswer(wire));
  const chunks = chunksOf(scenario, answer);
  const usage = {
    input: scenario.usage?.input ?? estimateTokens(promptText(wire, body)),
    output: scenario.usage?.output ?? estimateTokens(answer),
    cached: scenario.usage?.cached ?? 0,
    cacheWrite: scenario.usage?.cacheWrite ?? 0,
    cost: scenario.usage?.cost,
  };
  const finish = scenario.finishReason ?? 'stop';
  const format = FORMATS[wire];
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...format.headers(id),
    ...scenario.headers,
  });

  const write = (text: string) => {
    if (alive()) res.write(text);
  };
  for (const event of format.start(model, id, usage)) write(event);

  for (let i = 0; i <= chunks.length; i++) {
    if (!alive()) return;
    if (scenario.resetAfterChunks === i) {
      // Let the client read what was sent first: an RST can make the peer drop unread data.
      await sleep(30);
      res.socket?.resetAndDestroy();
      return;
    }
    if (scenario.stallAfterChunks === i) return; // socket stays open; close() cleans up
    if (scenario.malformedAfterChunks === i) {
      write(format.malformed());
      res.end();
      return;
    }
    if (scenario.truncatedJsonAfterChunks === i) {
      write(format.truncated(model, id));
      res.end();
      return;
    }
    if (i === chunks.length) break;
    if (i > 0 && scenario.chunkDelayMs) await sleep(scenario.chunkDelayMs);
    if (!alive()) return;
    write(format.delta(chunks[i]!, model, id, i === 0));
  }
  const includeUsage = wire !== 'openai' || !!(body as { stream_options?: { include_usage?: boolean } })?.stream_options?.include_usage;
  for (const event of format.finish(model, id, finish, usage, includeUsage)) write(event);
  if (alive()) res.end();
}

interface WireUsage {
  input: number;
  output: number;
  cached: number;
  cacheWrite: number;
  cost: number | undefined;
}

interface WireFormat {
  headers(id: string): Record<string, string>;
  start(model: string, id: string, usage: WireUsage): string[];
  delta(text: string, model: string, id: string, first: boolean): string;
  finish(model: string, id: string, reason: 'stop' | 'length' | 'content_filter', usage: WireUsage, includeUsage: boolean): string[];
  malformed(): string;
  truncated(model: string, id: string): string;
}

const CREATED = 1_760_000_000;

const openaiChunk = (id: string, model: string, choices: unknown[], usage: unknown = null) =>
  `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_fake', choices, usage })}\n\n`;

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

// Gemini's parser wants exactly one `data:` line per event, then a blank line (the API uses CRLF).
const geminiEvent = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;

const FORMATS: Record<Wire, WireFormat> = {
  openai: {
    headers: (id) => ({ 'x-request-id': `req_${id}`, 'openai-processing-ms': '12' }),
    start: (model, id) => [openaiChunk(id, model, [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }])],
    delta: (text, model, id) => openaiChunk(id, model, [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }]),
    finish: (model, id, reason, usage, includeUsage) => [
      openaiChunk(id, model, [{ index: 0, delta: {}, logprobs: null, finish_reason: reason }]),
      ...(includeUsage
        ? [
            openaiChunk(id, model, [], {
              prompt_tokens: usage.input,
              completion_tokens: usage.output,
              total_tokens: usage.input + usage.output,
              prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
              completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
              ...(usage.cost !== undefined ? { cost: usage.cost } : {}),
            }),
          ]
        : []),
      'data: [DONE]\n\n',
    ],
    malformed: () => 'data: {this is not json}\n\n',
    truncated: (model, id) => `data: {"id":"chatcmpl-${id}","object":"chat.completion.chunk","model":"${model}","choi`,
  },
  anthropic: {
    headers: (id) => ({ 'request-id': `req_${id}`, 'anthropic-organization-id': 'org-fake' }),
    start: (model, id, usage) => [
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
            output_tokens: 1,
            service_tier: 'standard',
          },
        },
      }),
      sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      sse('ping', { type: 'ping' }),
    ],
    delta: (text) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    finish: (_model, _id, reason, usage) => [
      sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: reason === 'length' ? 'max_tokens' : reason === 'content_filter' ? 'refusal' : 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: usage.input,
          cache_creation_input_tokens: usage.cacheWrite,
          cache_read_input_tokens: usage.cached,
          output_tokens: usage.output,
        },
      }),
      sse('message_stop', { type: 'message_stop' }),
    ],
    malformed: () => 'event: content_block_delta\ndata: {this is not json}\n\n',
    truncated: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de',
  },
  gemini: {
    headers: () => ({ 'x-gemini-service-tier': 'standard', server: 'scaffolding on HTTPServer2' }),
    start: () => [],
    delta: (text, model, id) =>
      geminiEvent({ candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }], modelVersion: model, responseId: id }),
    finish: (model, id, reason, usage) => [
      geminiEvent({
        candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: reason === 'length' ? 'MAX_TOKENS' : reason === 'content_filter' ? 'SAFETY' : 'STOP', index: 0 }],
        usageMetadata: {
          promptTokenCount: usage.input,
          candidatesTokenCount: usage.output,
          totalTokenCount: usage.input + usage.output,
          ...(usage.cached ? { cachedContentTokenCount: usage.cached } : {}),
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
        },
        modelVersion: model,
        responseId: id,
      }),
    ],
    malformed: () => 'data: {this is not json}\r\n\r\n',
    truncated: () => 'data: {"candidates":[{"content":{"parts":[{"text":"cut',
  },
};

// ---- errors -------------------------------------------------------------------------------------

function kindFor(scenario: Scenario): FakeErrorKind {
  if (scenario.errorKind) return scenario.errorKind;
  const s = scenario.status ?? 500;
  if (s === 401) return 'invalid_key';
  if (s === 403) return 'permission';
  if (s === 404) return 'not_found';
  if (s === 429) return 'rate_limit';
  if (s === 503 || s === 529) return 'overloaded';
  if (s >= 500) return 'server';
  return 'bad_request';
}

function sendError(res: http.ServerResponse, wire: Wire, scenario: Scenario): void {
  const status = scenario.status!;
  const body = scenario.errorBody ?? ERROR_BODIES[wire](kindFor(scenario), status, scenario);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...scenario.headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const ERROR_BODIES: Record<Wire, (kind: FakeErrorKind, status: number, scenario: Scenario) => unknown> = {
  // {"error": {"message", "type", "param", "code"}}
  openai: (kind) => {
    const e = (message: string, type: string, code: string | null, param: string | null = null) => ({ error: { message, type, param, code } });
    switch (kind) {
      case 'invalid_key':
        return e('Incorrect API key provided: sk-fake***************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
      case 'permission':
        return e('You have insufficient permissions for this operation.', 'invalid_request_error', 'insufficient_permissions');
      case 'rate_limit':
        return e('Rate limit reached for gpt-4o in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.', 'requests', 'rate_limit_exceeded');
      case 'insufficient_quota':
      case 'quota_daily':
        return e('You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
      case 'context_length':
        return e("This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.", 'invalid_request_error', 'context_length_exceeded', 'messages');
      case 'not_found':
        return e('The model `gpt-nonexistent` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found', 'model');
      case 'overloaded':
        return e('The engine is currently overloaded, please try again later.', 'server_error', null);
      case 'server':
        return e('The server had an error while processing your request. Sorry about that!', 'server_error', null);
      default:
        return e("Invalid value for 'temperature': must be between 0 and 2.", 'invalid_request_error', 'invalid_value', 'temperature');
    }
  },
  // {"type":"error","error":{"type","message"},"request_id"}
  anthropic: (kind) => {
    const e = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_fake' });
    switch (kind) {
      case 'invalid_key':
        return e('authentication_error', 'invalid x-api-key');
      case 'permission':
        return e('permission_error', 'Your API key does not have permission to use the specified resource.');
      case 'rate_limit':
        return e('rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute.');
      case 'insufficient_quota':
      case 'quota_daily':
        return e('invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'context_length':
        return e('invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum');
      case 'not_found':
        return e('not_found_error', 'model: claude-nonexistent');
      case 'overloaded':
        return e('overloaded_error', 'Overloaded');
      case 'server':
        return e('api_error', 'Internal server error');
      default:
        return e('invalid_request_error', 'max_tokens: Field required');
    }
  },
  // {"error":{"code","message","status","details"}}
  gemini: (kind, status, scenario) => {
    const e = (message: string, grpcStatus: string, details?: unknown[]) => ({ error: { code: status, message, status: grpcStatus, ...(details ? { details } : {}) } });
    const help = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] };
    const retry = scenario.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: scenario.retryDelay }] : [];
    const quotaMessage = 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
    const violation = (quotaId: string, metric: string) => ({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: `generativelanguage.googleapis.com/${metric}`, quotaId, quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' }, quotaValue: '10' }],
    });
    switch (kind) {
      case 'invalid_key':
        return e('API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
        ]);
      case 'permission':
        return e('Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.', 'PERMISSION_DENIED');
      case 'rate_limit':
        return e(quotaMessage, 'RESOURCE_EXHAUSTED', [violation('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'generate_content_free_tier_requests'), help, ...retry]);
      case 'quota_daily':
      case 'insufficient_quota':
        return e(quotaMessage, 'RESOURCE_EXHAUSTED', [violation('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'generate_content_free_tier_requests'), help, ...retry]);
      case 'context_length':
        return e('The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', 'INVALID_ARGUMENT');
      case 'not_found':
        return e('models/gemini-nonexistent is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.', 'NOT_FOUND');
      case 'overloaded':
        return e('The model is overloaded. Please try again later.', 'UNAVAILABLE');
      case 'server':
        return e('An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', 'INTERNAL');
      default:
        return e('Invalid JSON payload received. Unknown name "foo": Cannot find field.', 'INVALID_ARGUMENT');
    }
  },
};

// ---- model lists --------------------------------------------------------------------------------

function sendModels(res: http.ServerResponse, wire: Wire, scenario: Scenario, url: URL): void {
  const ids = scenario.models ?? DEFAULT_MODELS[wire];
  let body: unknown;
  if (wire === 'openai') {
    body = { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })) };
  } else if (wire === 'anthropic') {
    // Cursor paging: limit + after_id, has_more/first_id/last_id.
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, ANTHROPIC_PAGE_MAX);
    const after = url.searchParams.get('after_id');
    const start = after ? ids.indexOf(after) + 1 : 0;
    const page = ids.slice(start, start + limit);
    body = {
      data: page.map((id) => ({
        type: 'model',
        id,
        display_name: anthropicName(id),
        created_at: '2025-09-29T00:00:00Z',
        max_input_tokens: 200_000,
        max_tokens: 64_000,
      })),
      has_more: start + limit < ids.length,
      first_id: page[0] ?? null,
      last_id: page[page.length - 1] ?? null,
    };
  } else {
    // Token paging: pageSize + pageToken → nextPageToken.
    const size = Math.min(Number(url.searchParams.get('pageSize') ?? 50) || 50, GEMINI_PAGE_MAX);
    const start = Number(url.searchParams.get('pageToken') ?? 0) || 0;
    const page = ids.slice(start, start + size);
    body = {
      models: page.map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id.replace(/^gemini-/, 'Gemini ').replace(/-/g, ' '),
        inputTokenLimit: id.includes('embedding') ? 2048 : 1_048_576,
        outputTokenLimit: id.includes('embedding') ? 1 : 65_536,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
      })),
      ...(start + size < ids.length ? { nextPageToken: String(start + size) } : {}),
    };
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...scenario.headers });
  res.end(JSON.stringify(body));
}

function anthropicName(id: string): string {
  const m = /^claude-(\w+)-(\d+)-(\d+)/.exec(id);
  if (m) return `Claude ${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)} ${m[2]}.${m[3]}`;
  return id;
}
