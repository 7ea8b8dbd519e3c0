// One local HTTP server that speaks the OpenAI (and Azure OpenAI), Anthropic and Gemini wire
// formats closely enough for the real SDKs: SSE framing, error bodies, usage, paging. Tests script
// it with scenarios (FIFO per provider) and read back every request it saw. With `demo`, requests
// nobody scripted are answered by the demo responder (paced Markdown, keyword faults, demo keys).
//
// This file owns the server, routing, queues and recording; each wire format lives in wire/, the
// rendering of a scenario in responses.ts, prompt caching in promptCache.ts and caching/. Binds
// 127.0.0.1 only. close() destroys stalled sockets and cancels pending waits, so a test run always exits.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cacheRequestError, withCachedUsage } from './caching';
import { DemoResponder, type DemoOptions } from './demo/responder';
import { streamFlood } from './flood';
import { PromptCache, type PromptCacheOptions } from './promptCache';
import { sendError, sendModels, streamAnswer } from './responses';
import { streamResponsesAnswer } from './responsesApi';
import type { FakeProviderName, Scenario } from './scenario';
import { Timers } from './timers';
import type { Wire } from './wire';
import { gatewayListing, gatewayWire, type FakeGateway } from './wire/gateways';

export {
  contextTooLong, estimateTokens, geminiDailyQuota, geminiRetryDelay, insufficientQuota, invalidKey, overloaded529, rateLimit, serverError,
  type FakeErrorKind, type FakeProviderName, type Scenario,
} from './scenario';
export { lastUserText } from './requestText';
export type { DemoOptions } from './demo/responder';
export type { PromptCacheOptions } from './promptCache';

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
  /** The input/cache figures the answer reported (after prompt caching), for chat requests. */
  usage?: Scenario['usage'];
}

export interface FakeProviders {
  url: string;
  /** `openrouter` and `litellm` speak the OpenAI wire with each gateway's extras (wire/gateways.ts), on the 'openai' queue. */
  baseURLs: { openai: string; anthropic: string; gemini: string; azure: string; openrouter: string; litellm: string };
  requests: RecordedRequest[];
  enqueue(provider: FakeProviderName, ...scenarios: Scenario[]): void;
  setDefault(provider: FakeProviderName, scenario: Scenario): void;
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Resolves once the request at `index` has closed (completed or not). */
  waitForClose(index: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** The server's prompt cache (absent with `caching: false`); reset() empties it. */
  promptCache?: PromptCache;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeProvidersOptions {
  port?: number;
  /** Model listings never take a queued scenario (they come on the extension's own schedule). */
  queueForChatOnly?: boolean;
  /** Answer unscripted requests like a real model would (see demo/responder.ts). Absent: a fixed sentence. */
  demo?: DemoOptions;
  /**
   * Model each provider's documented prompt caching in the usage of answers whose scenario gives
   * no input figures (see promptCache.ts, caching/index.ts). Default on; an object injects the clock.
   */
  caching?: boolean | PromptCacheOptions;
}

export async function startFakeProviders(opts: FakeProvidersOptions = {}): Promise<FakeProviders> {
  const queues = new Map<FakeProviderName, Scenario[]>();
  const defaults = new Map<FakeProviderName, Scenario>();
  const requests: RecordedRequest[] = [];
  const closeWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const timers = new Timers();
  const demo = opts.demo ? new DemoResponder(opts.demo) : undefined;
  const promptCache = opts.caching === false ? undefined : new PromptCache(opts.caching === true ? {} : opts.caching);
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

    const wire: Wire = route.provider === 'azure' ? 'openai' : route.provider;
    const cacheKey = { provider: route.provider, api: route.api, model: route.model ?? modelOf(body), body, ...(route.gateway ? { gateway: route.gateway } : {}) };
    // Invalid cache markers are refused before any scenario is taken, as the provider would.
    const refused = promptCache && route.kind === 'chat' ? cacheRequestError(cacheKey) : undefined;
    if (refused) {
      sendError(res, wire, { status: 400, errorBody: refused });
      return;
    }
    // With `queueForChatOnly`, model listings (which the extension makes on its own schedule) never
    // take a scenario meant for a chat request; they use the default scenario.
    const fromQueue = route.kind !== 'chat' && opts.queueForChatOnly ? undefined : queues.get(route.provider)?.shift();
    const scripted = fromQueue ?? defaults.get(route.provider);
    const answer = scripted ?? demo?.respond({ provider: route.provider, wire, kind: route.kind === 'chat' ? 'chat' : 'models', headers: req.headers, body }) ?? {};
    const alive = () => !res.destroyed && !res.writableEnded;
    if (answer.firstByteDelayMs) await timers.sleep(answer.firstByteDelayMs);
    if (!alive()) return;

    if (answer.status && answer.status >= 300) {
      sendError(res, wire, answer);
      return;
    }
    if (route.kind !== 'chat') {
      const gatewayBody = route.gateway && !answer.modelsBody && !answer.models ? gatewayListing(route.gateway, route.kind) : undefined;
      sendModels(res, wire, gatewayBody ? { ...answer, modelsBody: gatewayBody } : answer, url);
      return;
    }
    const id = `fake${++counter}`;
    const scenario = promptCache ? withCachedUsage(promptCache, answer, cacheKey) : answer;
    if (scenario.usage) record.usage = scenario.usage;
    if (scenario.flood) return streamFlood(scenario.flood, res, wire, route.model ?? modelOf(body), id, alive);
    // POST /v1/responses renders the scenario as a Responses API stream (recorded `rawSse` goes out as is).
    if (route.api === 'responses' && !scenario.rawSse) return streamResponsesAnswer(scenario, { res, body, model: modelOf(body), id, alive, timers });
    const format = route.gateway ? gatewayWire(route.gateway) : undefined;
    await streamAnswer(scenario, { res, wire, body, model: route.model ?? modelOf(body), id, alive, timers, ...(format ? { format } : {}) });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const fake: FakeProviders = {
    url,
    baseURLs: { openai: `${url}/v1`, anthropic: url, gemini: url, azure: url, openrouter: `${url}/api/v1`, litellm: `${url}/litellm/v1` },
    requests,
    promptCache,
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
      demo?.reset();
      promptCache?.clear();
    },
    close() {
      for (const s of sockets) s.destroy();
      timers.cancelAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

interface Route {
  provider: FakeProviderName;
  /** 'modelInfo': LiteLLM's GET /model/info. */
  kind: 'chat' | 'models' | 'modelInfo';
  /** Served as this gateway (wire/gateways.ts, caching/gateway.ts). */
  gateway?: FakeGateway;
  /** OpenAI's Responses API (POST /v1/responses) instead of Chat Completions. */
  api?: 'responses';
  model?: string;
}

function routeOf(req: http.IncomingMessage, path: string): Route | undefined {
  const method = req.method ?? 'GET';
  // OpenRouter at /api/v1, a LiteLLM proxy mounted at /litellm: both on the 'openai' queue.
  const gateway = /^\/(api|litellm)\/v1(\/.*)$/.exec(path);
  if (gateway) {
    const which: FakeGateway = gateway[1] === 'api' ? 'openrouter' : 'litellm';
    const rest = gateway[2];
    if (method === 'GET' && rest === '/models') return { provider: 'openai', kind: 'models', gateway: which };
    if (method === 'POST' && rest === '/chat/completions') return { provider: 'openai', kind: 'chat', gateway: which };
    if (method === 'GET' && rest === '/model/info' && which === 'litellm') return { provider: 'openai', kind: 'modelInfo', gateway: which };
    return undefined;
  }
  // OpenAI (base …/v1) and Anthropic (base …) both list at GET /v1/models: Anthropic's SDK always
  // sends anthropic-version, OpenAI's never does.
  if (method === 'GET' && path === '/v1/models') return { provider: req.headers['anthropic-version'] ? 'anthropic' : 'openai', kind: 'models' };
  if (method === 'POST' && path === '/v1/chat/completions') return { provider: 'openai', kind: 'chat' };
  if (method === 'POST' && path === '/v1/responses') return { provider: 'openai', kind: 'chat', api: 'responses' };
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
