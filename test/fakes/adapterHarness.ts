// Test-side helpers for driving real adapters (real SDKs, real HTTP) against the fake server.

import { strict as assert } from 'node:assert';
import type { AdapterEvent, ChatMessage, ChatRequest, FinishReason, ProviderAdapter, ProviderConfig, ProviderTimeouts, Usage } from '../../src/core/llm/types';
import { createAdapter } from '../../src/core/providers/registry';
import { isProviderError, type ProviderError } from '../../src/core/llm/errors';
import { startFakeProviders, type FakeProviderName, type FakeProviders } from './server';

/** Keys distinctive enough that finding them anywhere proves a leak. */
export const KEYS = {
  openai: 'sk-proj-DISTINCTIVEopenaiKEY0123456789abcdef',
  anthropic: 'sk-ant-api03-DISTINCTIVEanthropicKEY0123456789',
  gemini: 'AIzaSyDISTINCTIVEgeminiKEY0123456789abcd',
  compatible: 'litellm-virtual-DISTINCTIVEcompatKEY0123',
  azure: 'azure0DISTINCTIVEazureKEY0123456789abcdef',
} as const;

export type AdapterCase = 'openai' | 'anthropic' | 'gemini' | 'compatible' | 'azure';

export interface CaseInfo {
  name: AdapterCase;
  /** Queue on the fake that serves this adapter. */
  fake: FakeProviderName;
  model: string;
  key: string;
  config(fake: FakeProviders, timeouts?: ProviderTimeouts, overrides?: Partial<ProviderConfig>): ProviderConfig;
  /** The header that must carry the key, and its exact expected value. */
  authHeader: { name: string; value: string };
}

export const CASES: CaseInfo[] = [
  {
    name: 'openai',
    fake: 'openai',
    model: 'gpt-4o-mini',
    key: KEYS.openai,
    config: (f, timeouts, o) => ({ id: 'openai', kind: 'openai', label: 'OpenAI', apiKey: KEYS.openai, baseURL: f.baseURLs.openai, ...(timeouts ? { timeouts } : {}), ...o }),
    authHeader: { name: 'authorization', value: `Bearer ${KEYS.openai}` },
  },
  {
    name: 'anthropic',
    fake: 'anthropic',
    model: 'claude-haiku-4-5',
    key: KEYS.anthropic,
    config: (f, timeouts, o) => ({ id: 'anthropic', kind: 'anthropic', label: 'Anthropic', apiKey: KEYS.anthropic, baseURL: f.baseURLs.anthropic, ...(timeouts ? { timeouts } : {}), ...o }),
    // @anthropic-ai/sdk 1.x authenticates with a bearer token (0.x used x-api-key).
    authHeader: { name: 'authorization', value: `Bearer ${KEYS.anthropic}` },
  },
  {
    name: 'gemini',
    fake: 'gemini',
    model: 'gemini-2.5-flash',
    key: KEYS.gemini,
    config: (f, timeouts, o) => ({ id: 'gemini', kind: 'gemini', label: 'Google Gemini', apiKey: KEYS.gemini, baseURL: f.baseURLs.gemini, ...(timeouts ? { timeouts } : {}), ...o }),
    authHeader: { name: 'x-goog-api-key', value: KEYS.gemini },
  },
  {
    name: 'compatible',
    fake: 'openai',
    model: 'llama3.2',
    key: KEYS.compatible,
    config: (f, timeouts, o) => ({
      id: 'compat:litellm',
      kind: 'openai-compatible',
      label: 'LiteLLM',
      apiKey: KEYS.compatible,
      baseURL: f.baseURLs.openai,
      ...(timeouts ? { timeouts } : {}),
      ...o,
    }),
    authHeader: { name: 'authorization', value: `Bearer ${KEYS.compatible}` },
  },
  {
    name: 'azure',
    fake: 'azure',
    model: 'gpt-4o',
    key: KEYS.azure,
    config: (f, timeouts, o) => ({
      id: 'compat:azure',
      kind: 'azure-openai',
      label: 'Azure OpenAI',
      apiKey: KEYS.azure,
      azure: { endpoint: f.baseURLs.azure, deployment: 'chat-dep', apiVersion: '2024-10-21' },
      ...(timeouts ? { timeouts } : {}),
      ...o,
    }),
    authHeader: { name: 'api-key', value: KEYS.azure },
  },
];

export function caseNamed(name: AdapterCase): CaseInfo {
  return CASES.find((c) => c.name === name)!;
}

export async function adapterFor(c: CaseInfo, fake: FakeProviders, timeouts?: ProviderTimeouts, overrides?: Partial<ProviderConfig>): Promise<ProviderAdapter> {
  return createAdapter(c.config(fake, timeouts, overrides));
}

export function request(c: CaseInfo, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: c.model,
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hello.' },
    ],
    maxOutputTokens: 256,
    ...extra,
  };
}

/** Collects every event; returns them with the thrown error, if any (never throws itself). */
export async function collect(
  adapter: ProviderAdapter,
  req: ChatRequest,
  onEvent?: (e: AdapterEvent, all: AdapterEvent[]) => void,
): Promise<{ events: AdapterEvent[]; error?: ProviderError; raw?: unknown }> {
  const events: AdapterEvent[] = [];
  try {
    for await (const e of adapter.stream(req)) {
      events.push(e);
      onEvent?.(e, events);
    }
    return { events };
  } catch (err) {
    return isProviderError(err) ? { events, error: err } : { events, raw: err };
  }
}

export function textOf(events: AdapterEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

export function thinkingOf(events: AdapterEvent[]): string {
  return events.map((e) => (e.type === 'thinking' ? e.text : '')).join('');
}

/** What a recorded stream must come out as: the answer, its thinking, usage and finish — or an error after `text`. */
export interface ExpectedStream {
  text: string;
  thinking?: string;
  usage?: Usage;
  finish?: FinishReason;
  error?: { code: string; providerCode: string };
}

/** Checks a collected stream against what its recording documents (thinking always before the answer). */
export function assertStream({ events, error, raw }: Awaited<ReturnType<typeof collect>>, expect: ExpectedStream): void {
  assert.equal(raw, undefined, `not normalized: ${String(raw)}`);
  assert.equal(textOf(events), expect.text, 'the answer text');
  assert.equal(thinkingOf(events), expect.thinking ?? '', 'reasoning only as thinking events');
  if (expect.error) {
    assert.equal(error?.code, expect.error.code, error?.message);
    assert.equal(error?.providerCode, expect.error.providerCode);
    assert.ok(!events.some((e) => e.type === 'finish'), 'no finish after a failed stream');
    return;
  }
  assert.equal(error, undefined, error?.message);
  assert.deepEqual(events.find((e) => e.type === 'usage'), expect.usage ? { type: 'usage', usage: expect.usage } : undefined);
  assert.deepEqual(events[events.length - 1], { type: 'finish', reason: expect.finish });
  const lastThinking = events.map((e) => e.type).lastIndexOf('thinking');
  if (lastThinking >= 0) assert.ok(lastThinking < events.findIndex((e) => e.type === 'text'), 'thinking before the answer');
}

/** Event types in order, runs of text collapsed: e.g. ['text', 'usage', 'finish']. */
export function shape(events: AdapterEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) if (e.type !== 'ratelimit' && !(e.type === 'text' && out[out.length - 1] === 'text')) out.push(e.type);
  return out;
}

/** Everything the fake saw, as one string: headers, path, query and body. */
export function everythingSent(fake: FakeProviders): string {
  return JSON.stringify(fake.requests.map((r) => ({ path: r.path, query: r.query, headers: r.headers, body: r.body })));
}

/**
 * Mocha hooks for a describe block that talks to the fakes: one server for the block, reset after
 * each test, closed at the end. `set` receives it (`let fake!: FakeProviders; useFakes((f) => (fake = f));`).
 */
export function useFakes(set: (fake: FakeProviders) => void): void {
  let fake: FakeProviders | undefined;
  before(async () => {
    const started = await startFakeProviders();
    fake = started;
    set(started);
  });
  afterEach(() => fake?.reset());
  after(() => fake?.close());
}

/** Filler text of `n` words, different per `seed` (long prompts for caching tests). */
export const words = (n: number, seed: string): string => Array.from({ length: n }, (_, i) => `${seed}${i % 97}`).join(' ');

/**
 * A multi-turn conversation against the fake: for each turn `t` (1-based) the user says
 * `question(t)`, the fake answers `answer(t)`, and the answer joins the history. Returns each
 * turn's reported usage; fails the test on an error or a turn without usage.
 */
export async function converse(
  adapter: ProviderAdapter,
  fake: FakeProviders,
  c: CaseInfo,
  { system, turns, question, answer, request: base }: { system: string; turns: number; question(t: number): string; answer(t: number): string; request: Omit<ChatRequest, 'messages'> },
): Promise<Usage[]> {
  const history: ChatMessage[] = [{ role: 'system', content: system }];
  const usages: Usage[] = [];
  for (let t = 1; t <= turns; t++) {
    history.push({ role: 'user', content: question(t) });
    fake.enqueue(c.fake, { text: answer(t), chunkSize: 400 });
    const { events, error } = await collect(adapter, { ...base, messages: [...history] });
    if (error) throw error;
    history.push({ role: 'assistant', content: textOf(events) });
    const usage = events.find((e) => e.type === 'usage');
    if (usage?.type !== 'usage') throw new Error(`turn ${t}: no usage reported`);
    usages.push(usage.usage);
  }
  return usages;
}
