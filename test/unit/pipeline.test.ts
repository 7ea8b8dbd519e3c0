// The resilience pipeline with the REAL adapters (real SDKs, real HTTP) against the fake servers.
// Delays are configured short; assertions are about order and generous bounds, not exact times.
import { strict as assert } from 'node:assert';
import { Pipeline, type PipelineEvent, type PipelineRequest, type PipelineResult } from '../../src/core/pipeline';
import type { ProviderAdapter } from '../../src/core/types';
import { DEFAULT_RETRY, type RetryOptions } from '../../src/core/retry';
import {
  geminiRetryDelay, insufficientQuota, invalidKey, overloaded529, rateLimit, serverError, startFakeProviders, type FakeProviders,
} from '../fakes/fakeProviders';
import { adapterFor, caseNamed, type AdapterCase } from '../fakes/adapterHarness';

const FAST: RetryOptions = { ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 100, maxTotalWaitMs: 10_000 };

interface Setup {
  retry?: RetryOptions;
  limits?: Record<string, { requestsPerMinute: number; tokensPerMinute: number }>;
  windowMs?: number;
  fallback?: { enabled: boolean; chain: { providerId: string; model: string }[] };
  breaker?: { failureThreshold: number; cooldownMs: number };
}

describe('pipeline: limiter → retry → adapter, against the fakes', function () {
  this.timeout(20_000);
  let fake: FakeProviders;
  const adapters = new Map<string, ProviderAdapter>();

  before(async () => {
    fake = await startFakeProviders();
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  async function getAdapter(providerId: string): Promise<ProviderAdapter> {
    let a = adapters.get(providerId);
    if (!a) adapters.set(providerId, (a = await adapterFor(caseNamed(providerId as AdapterCase), fake)));
    return a;
  }

  function pipeline(s: Setup = {}): Pipeline {
    return new Pipeline({
      getAdapter,
      limits: (id) => s.limits?.[id] ?? { requestsPerMinute: 0, tokensPerMinute: 0 },
      retry: () => s.retry ?? FAST,
      ...(s.fallback ? { fallback: () => s.fallback! } : {}),
      ...(s.breaker ? { breaker: s.breaker } : {}),
      ...(s.windowMs ? { limiterWindowMs: s.windowMs } : {}),
    });
  }

  function req(provider: AdapterCase, extra: Partial<PipelineRequest> = {}): PipelineRequest {
    return { providerId: provider, model: caseNamed(provider).model, messages: [{ role: 'user', content: 'Say hello.' }], maxOutputTokens: 100, ...extra };
  }

  async function run(p: Pipeline, r: PipelineRequest, onEvent?: (e: PipelineEvent) => void): Promise<{ events: PipelineEvent[]; result: PipelineResult }> {
    const handle = p.run(r);
    const events: PipelineEvent[] = [];
    for await (const e of handle.events) {
      events.push(e);
      onEvent?.(e);
    }
    return { events, result: await handle.result };
  }

  const types = (events: PipelineEvent[]) => events.map((e) => e.type).filter((t, i, a) => !(t === 'text' && a[i - 1] === 'text'));

  it('streams an answer with usage', async () => {
    fake.enqueue('openai', { text: 'Hello there, friend.', usage: { input: 12, output: 5 } });
    const { events, result } = await run(pipeline(), req('openai'));
    assert.deepEqual(types(events), ['started', 'text', 'usage', 'finish']);
    assert.equal(result.outcome, 'ok');
    assert.equal(result.text, 'Hello there, friend.');
    assert.equal(result.usage?.inputTokens, 12);
    assert.equal(result.usage?.estimated, undefined);
    assert.ok(result.ttftMs !== undefined && result.ttftMs <= result.latencyMs);
  });

  it('waits about Retry-After on a 429, then succeeds', async () => {
    fake.enqueue('openai', rateLimit(1), { text: 'ok' });
    const t0 = Date.now();
    const { events, result } = await run(pipeline(), req('openai'));
    const waited = Date.now() - t0;
    assert.equal(result.outcome, 'ok');
    const retrying = events.find((e) => e.type === 'retrying');
    assert.ok(retrying && retrying.type === 'retrying');
    assert.equal(retrying.error.code, 'rate_limit');
    assert.ok(retrying.delayMs >= 1000 && retrying.delayMs <= 1250, String(retrying.delayMs));
    assert.ok(waited >= 950, `waited ${waited} ms`);
    assert.equal(fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 2);
  });

  for (const [provider, fault, code] of [
    ['openai', serverError(500), 'server'],
    ['anthropic', overloaded529(), 'overloaded'],
    ['gemini', serverError(503), 'overloaded'],
  ] as const) {
    it(`backs off after ${fault.status} from ${provider} and succeeds`, async () => {
      fake.enqueue(caseNamed(provider).fake, fault, fault, { text: 'recovered' });
      const { events, result } = await run(pipeline(), req(provider));
      assert.equal(result.outcome, 'ok');
      assert.equal(result.text, 'recovered');
      const retries = events.filter((e) => e.type === 'retrying');
      assert.equal(retries.length, 2);
      assert.ok(retries.every((e) => e.type === 'retrying' && e.error.code === code && e.maxAttempts === 4));
      assert.deepEqual(retries.map((e) => (e.type === 'retrying' ? e.attempt : 0)), [2, 3]);
    });
  }

  it('fails at once with auth on a 401 (no retry)', async () => {
    fake.enqueue('anthropic', invalidKey());
    const { events, result } = await run(pipeline(), req('anthropic'));
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, 'auth');
    assert.ok(!events.some((e) => e.type === 'retrying'));
    assert.equal(fake.requests.length, 1);
  });

  it('fails at once with quota_exhausted on OpenAI insufficient_quota', async () => {
    fake.enqueue('openai', insufficientQuota());
    const { result } = await run(pipeline(), req('openai'));
    assert.equal(result.error?.code, 'quota_exhausted');
    assert.match(result.error!.message, /billing|plan|quota/i);
    assert.equal(fake.requests.length, 1);
  });

  it('waits about the Gemini RetryInfo retryDelay ("2s")', async () => {
    fake.enqueue('gemini', geminiRetryDelay('2s'), { text: 'ok' });
    const t0 = Date.now();
    const { result } = await run(pipeline(), req('gemini'));
    assert.equal(result.outcome, 'ok');
    assert.ok(Date.now() - t0 >= 1800, `waited ${Date.now() - t0} ms`);
  });

  it('keeps the partial text after a reset mid-stream and does not retry', async () => {
    fake.enqueue('openai', { text: 'The first part arrives, then the line drops.', chunkSize: 5, resetAfterChunks: 3 });
    const { events, result } = await run(pipeline(), req('openai'));
    assert.equal(result.outcome, 'interrupted');
    assert.equal(result.text, 'The first part ');
    assert.equal(result.error?.code, 'network');
    assert.ok(result.usage?.estimated, 'usage is estimated when the provider reported none');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.partial === 'The first part ');
    assert.equal(fake.requests.length, 1, 'an answer that has begun is never restarted');
  });

  it('ends a backoff wait within 50 ms of an abort, keeping the request stopped', async () => {
    fake.enqueue('openai', rateLimit(5));
    const ac = new AbortController();
    let abortedAt = 0;
    const { result } = await run(pipeline(), req('openai', { signal: ac.signal }), (e) => {
      if (e.type === 'retrying') setTimeout(() => ((abortedAt = Date.now()), ac.abort()), 20);
    });
    const took = Date.now() - abortedAt;
    assert.equal(result.outcome, 'stopped');
    assert.ok(took < 50, `resolved ${took} ms after the abort`);
  });

  it('"Retry now" cuts a backoff wait short', async () => {
    fake.enqueue('openai', rateLimit(5), { text: 'now' });
    const p = pipeline();
    const handle = p.run(req('openai'));
    const t0 = Date.now();
    for await (const e of handle.events) if (e.type === 'retrying') setTimeout(() => handle.retryNow(), 10);
    const result = await handle.result;
    assert.equal(result.outcome, 'ok');
    assert.ok(Date.now() - t0 < 3000, 'did not wait the 5 s');
  });

  it('gives up when the total wait would pass its cap, saying so', async () => {
    fake.enqueue('openai', rateLimit(5));
    const t0 = Date.now();
    const { result } = await run(pipeline({ retry: { ...FAST, maxTotalWaitMs: 1000 } }), req('openai'));
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, 'rate_limit');
    assert.match(result.error!.message, /retry limit/);
    assert.ok(Date.now() - t0 < 2000);
  });

  it('queues the 4th request at 3 requests/min and releases it after the window', async () => {
    const windowMs = 600;
    const p = pipeline({ limits: { openai: { requestsPerMinute: 3, tokensPerMinute: 0 } }, windowMs });
    const t0 = Date.now();
    const queued: PipelineEvent[] = [];
    const runs = await Promise.all([0, 1, 2, 3].map((i) => run(p, req('openai'), (e) => i === 3 && e.type === 'queued' && queued.push(e))));
    assert.ok(runs.every((r) => r.result.outcome === 'ok'));
    assert.equal(runs.slice(0, 3).some((r) => r.events.some((e) => e.type === 'queued')), false, 'the first three start at once');
    assert.ok(queued.length >= 1, 'the 4th was queued');
    const q = queued[0]!;
    assert.ok(q.type === 'queued' && q.position === 1 && q.waitMs > 0 && q.waitMs <= windowMs / 3 + 50, JSON.stringify(q));
    assert.ok(Date.now() - t0 >= windowMs / 3 - 20, 'the 4th waited for a slot');
  });

  it('keeps FIFO order in the queue, and a cancelled entry lets the next move up', async () => {
    const p = pipeline({ limits: { openai: { requestsPerMinute: 1, tokensPerMinute: 0 } }, windowMs: 300 });
    const order: number[] = [];
    const first = run(p, req('openai')).then(() => order.push(0));
    const ac = new AbortController();
    const second = run(p, req('openai', { signal: ac.signal })).then((r) => (order.push(1), r.result));
    const third = run(p, req('openai')).then(() => order.push(2));
    setTimeout(() => ac.abort(), 50);
    const [, secondResult] = await Promise.all([first, second, third]);
    assert.equal(secondResult.outcome, 'stopped');
    assert.deepEqual(order, [0, 1, 2]);
    assert.equal(fake.requests.length, 2, 'the cancelled request never reached the provider');
  });

  it('slows down when the provider says its request budget is spent', async () => {
    fake.enqueue('openai', { text: 'a', headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '800ms' } }, { text: 'b' });
    const p = pipeline();
    await run(p, req('openai'));
    const t0 = Date.now();
    const { events, result } = await run(p, req('openai'));
    assert.equal(result.outcome, 'ok');
    assert.ok(events.some((e) => e.type === 'queued'), 'the next call waited in the queue');
    assert.ok(Date.now() - t0 >= 700, `it waited ${Date.now() - t0} ms`);
  });

  it('opens the breaker, fails over to the next provider, and closes again', async () => {
    const s: Setup = {
      retry: { ...FAST, maxAttempts: 1 },
      breaker: { failureThreshold: 2, cooldownMs: 400 },
      fallback: { enabled: true, chain: [{ providerId: 'anthropic', model: caseNamed('anthropic').model }] },
    };
    const p = pipeline(s);
    fake.setDefault('openai', serverError(500));
    fake.setDefault('anthropic', { text: 'from anthropic' });
    for (let i = 0; i < 2; i++) {
      const { events, result } = await run(p, req('openai'));
      assert.equal(result.providerId, 'anthropic', 'fell back after the failure');
      assert.equal(result.text, 'from anthropic');
      assert.ok(events.some((e) => e.type === 'fallback'));
    }
    assert.equal(p.breaker('openai').current, 'open');
    const before = fake.requests.filter((r) => r.provider === 'openai').length;
    const skipped = await run(p, req('openai'));
    assert.equal(skipped.result.providerId, 'anthropic');
    assert.equal(fake.requests.filter((r) => r.provider === 'openai').length, before, 'an open breaker skips the provider');
    await new Promise((r) => setTimeout(r, 450));
    fake.setDefault('openai', { text: 'openai is back' });
    const back = await run(p, req('openai'));
    assert.equal(back.result.providerId, 'openai');
    assert.equal(back.result.text, 'openai is back');
    assert.equal(p.breaker('openai').current, 'closed');
  });
});
