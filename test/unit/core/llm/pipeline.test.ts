// The resilience pipeline. First its decisions (what is retried, how long it waits, when it stops,
// falls back or gives up) with an in-process scripted adapter and injected randomness; then the
// same paths with the REAL adapters (real SDKs, real HTTP) against the fake servers.
// Delays are configured short; assertions are about order and generous bounds, not exact times.
import { strict as assert } from 'node:assert';
import { Pipeline, type PipelineEvent, type PipelineOptions, type PipelineRequest, type PipelineResult } from '../../../../src/core/llm/pipeline';
import type { ErrorCode, ProviderAdapter } from '../../../../src/core/llm/types';
import { DEFAULT_RETRY, type RetryOptions } from '../../../../src/core/llm/retry';
import {
  geminiRetryDelay, insufficientQuota, invalidKey, overloaded529, rateLimit, serverError, startFakeProviders, type FakeProviders,
} from '../../../fakes/server';
import { adapterFor, caseNamed, type AdapterCase } from '../../../fakes/adapterHarness';
import { ScriptedAdapter, text } from '../../helpers/scriptedAdapter';

const FAST: RetryOptions = { ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 100, maxTotalWaitMs: 10_000 };

interface Setup {
  retry?: RetryOptions;
  limits?: Record<string, { requestsPerMinute: number; tokensPerMinute: number }>;
  windowMs?: number;
  fallback?: { enabled: boolean; chain: { providerId: string; model: string }[] };
  breaker?: { failureThreshold: number; cooldownMs: number };
}

function setup(opts: Partial<PipelineOptions> & { retry?: () => RetryOptions } = {}) {
  const adapters = new Map<string, ScriptedAdapter>([
    ['a', new ScriptedAdapter('a')],
    ['b', new ScriptedAdapter('b')],
  ]);
  const pipeline = new Pipeline({
    getAdapter: async (id) => {
      const a = adapters.get(id);
      if (!a) throw new Error(`no adapter ${id}`);
      return a;
    },
    limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
    retry: () => FAST,
    ...opts,
  });
  return { pipeline, a: adapters.get('a')!, b: adapters.get('b')! };
}

const logicReq = (extra: Partial<PipelineRequest> = {}): PipelineRequest => ({ providerId: 'a', model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

async function runLogic(p: Pipeline, r: PipelineRequest, onEvent?: (e: PipelineEvent, retryNow: () => void) => void): Promise<{ events: PipelineEvent[]; result: PipelineResult }> {
  const handle = p.run(r);
  const events: PipelineEvent[] = [];
  for await (const e of handle.events) {
    events.push(e);
    onEvent?.(e, () => handle.retryNow());
  }
  return { events, result: await handle.result };
}

const ofType = <T extends PipelineEvent['type']>(events: PipelineEvent[], type: T) => events.filter((e): e is Extract<PipelineEvent, { type: T }> => e.type === type);

describe('pipeline logic (scripted adapter)', function () {
  this.timeout(10_000);

  it('retries up to maxAttempts with full-jitter backoff, then fails with the last error', async () => {
    const { pipeline, a } = setup({ random: () => 0.5 });
    a.enqueue(...Array.from({ length: 4 }, () => ({ fail: { code: 'server' as const } })));
    const { events, result } = await runLogic(pipeline, logicReq());
    assert.equal(a.calls.length, 4);
    const retries = ofType(events, 'retrying');
    // random 0.5 × min(100, 20·2^(n-1)): 10, 20, 40 ms; `attempt` names the attempt about to start.
    assert.deepEqual(retries.map((e) => [e.attempt, e.maxAttempts, e.delayMs]), [[2, 4, 10], [3, 4, 20], [4, 4, 40]]);
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, 'server');
    assert.equal(result.attempts, 4);
    assert.equal(events.at(-1)?.type, 'error');
  });

  for (const code of ['auth', 'bad_request', 'context_length_exceeded', 'quota_exhausted', 'cancelled', 'not_found', 'unknown'] as ErrorCode[]) {
    it(`fails at once on ${code}`, async () => {
      const { pipeline, a } = setup();
      a.enqueue({ fail: { code } }, { events: [text('must not be reached')] });
      const { events, result } = await runLogic(pipeline, logicReq());
      assert.equal(a.calls.length, 1);
      assert.equal(ofType(events, 'retrying').length, 0);
      assert.equal(result.outcome, 'error');
      assert.equal(result.error?.code, code);
    });
  }

  for (const code of ['rate_limit', 'overloaded', 'server', 'network', 'timeout'] as ErrorCode[]) {
    it(`never retries ${code} after the first token: keeps the partial text, outcome interrupted`, async () => {
      const { pipeline, a } = setup();
      a.enqueue({ events: [text('Hel'), text('lo')], fail: { code } }, { events: [text('a second answer')] });
      const { events, result } = await runLogic(pipeline, logicReq());
      assert.equal(a.calls.length, 1);
      assert.equal(result.outcome, 'interrupted');
      assert.equal(result.text, 'Hello');
      assert.equal(result.error?.code, code);
      assert.ok(result.usage?.estimated);
      const last = events.at(-1)!;
      assert.ok(last.type === 'error' && last.partial === 'Hello');
    });
  }

  it("waits exactly the provider's Retry-After (plus at most 5 %), beyond the backoff cap", async () => {
    const { pipeline, a } = setup({ random: () => 1 });
    a.enqueue({ fail: { code: 'rate_limit', retryAfterMs: 300 } });
    const t0 = Date.now();
    const { events, result } = await runLogic(pipeline, logicReq());
    assert.equal(result.outcome, 'ok');
    assert.equal(ofType(events, 'retrying')[0]?.delayMs, 315);
    assert.ok(Date.now() - t0 >= 300);
  });

  it('gives up when the next wait would pass the total-wait cap, saying how long it would have waited', async () => {
    const { pipeline, a } = setup({ random: () => 0, retry: () => ({ ...FAST, maxAttempts: 10, maxTotalWaitMs: 1000 }) });
    a.enqueue(...Array.from({ length: 10 }, () => ({ fail: { code: 'rate_limit' as const, retryAfterMs: 400 } })));
    const { events, result } = await runLogic(pipeline, logicReq());
    // 400 + 400 fit in 1000 ms; the third 400 would not.
    assert.equal(ofType(events, 'retrying').length, 2);
    assert.equal(a.calls.length, 3);
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, 'rate_limit');
    assert.match(result.error!.message, /waiting another 0\.4 s would exceed the 1\.0 s retry limit/);

    const once = setup({ retry: () => ({ ...FAST, maxTotalWaitMs: 120_000 }) });
    once.a.enqueue({ fail: { code: 'rate_limit', retryAfterMs: 300_000 } });
    const t0 = Date.now();
    const r2 = await runLogic(once.pipeline, logicReq());
    assert.match(r2.result.error!.message, /waiting another 300 s would exceed the 120 s retry limit/);
    assert.ok(Date.now() - t0 < 1000, 'failed at once instead of waiting');
  });

  it('"Retry now" ends a backoff wait at once', async () => {
    const { pipeline, a } = setup();
    a.enqueue({ fail: { code: 'overloaded', retryAfterMs: 5_000 } });
    const t0 = Date.now();
    const { result } = await runLogic(pipeline, logicReq(), (e, retryNow) => e.type === 'retrying' && setTimeout(retryNow, 5));
    assert.equal(result.outcome, 'ok');
    assert.equal(a.calls.length, 2);
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  });

  it('an abort during a backoff wait ends the run within a few ms, as stopped', async () => {
    const { pipeline, a } = setup();
    a.enqueue({ fail: { code: 'server', retryAfterMs: 5_000 } });
    const ac = new AbortController();
    let abortedAt = 0;
    const { events, result } = await runLogic(pipeline, logicReq({ signal: ac.signal }), (e) => {
      if (e.type === 'retrying') setTimeout(() => ((abortedAt = Date.now()), ac.abort()), 10);
    });
    assert.ok(Date.now() - abortedAt < 50);
    assert.equal(result.outcome, 'stopped');
    assert.equal(a.calls.length, 1);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'cancelled' });
  });

  it('a caller abort mid-stream keeps the partial text, outcome stopped, usage estimated', async () => {
    const { pipeline, a } = setup();
    a.enqueue({ events: [text('partial '), text('answer')], hang: true });
    const ac = new AbortController();
    const { result } = await runLogic(pipeline, logicReq({ signal: ac.signal }), (e) => e.type === 'text' && e.text === 'answer' && ac.abort());
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.text, 'partial answer');
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(result.usage?.estimated && result.usage.outputTokens > 0);
    assert.equal(a.calls.length, 1);
  });

  it('never throws: a failing getAdapter or a non-provider error ends in an error result, secrets redacted', async () => {
    const { pipeline } = setup();
    const missing = await runLogic(pipeline, logicReq({ providerId: 'nope' }));
    assert.equal(missing.result.outcome, 'error');
    assert.match(missing.result.error!.message, /no adapter nope/);

    const { pipeline: p2, a } = setup();
    a.enqueue({ fail: { raw: new TypeError('socket said sk-proj-abcdefghijklmnopqrstu is invalid') } });
    const { result } = await runLogic(p2, logicReq());
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, 'unknown');
    assert.ok(!result.error!.message.includes('abcdefghijklmnop'), result.error!.message);
  });

  it("forwards the provider's rate-limit hints as events, and the limiter acts on them", async () => {
    const { pipeline, a } = setup();
    a.enqueue({ events: [{ type: 'ratelimit', hints: { remainingRequests: 0, resetRequestsMs: 300 } }, text('one')] });
    const first = await runLogic(pipeline, logicReq());
    assert.deepEqual(ofType(first.events, 'ratelimit'), [{ type: 'ratelimit', providerId: 'a', hints: { remainingRequests: 0, resetRequestsMs: 300 } }]);
    const t0 = Date.now();
    const second = await runLogic(pipeline, logicReq());
    assert.ok(ofType(second.events, 'queued').length >= 1);
    assert.ok(Date.now() - t0 >= 250, `waited ${Date.now() - t0} ms`);
  });

  it('an abort while queued in the limiter ends the run as stopped without calling the provider', async () => {
    const { pipeline, a } = setup({ limits: () => ({ requestsPerMinute: 1, tokensPerMinute: 0 }), limiterWindowMs: 60_000 });
    await runLogic(pipeline, logicReq());
    const ac = new AbortController();
    const { events, result } = await runLogic(pipeline, logicReq({ signal: ac.signal }), (e) => e.type === 'queued' && setTimeout(() => ac.abort(), 10));
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.attempts, 0);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'finish']);
    assert.equal(a.calls.length, 1);
    assert.deepEqual(pipeline.limiter.snapshot(), []);
    pipeline.dispose();
  });

  describe('circuit breaker and fallback', () => {
    const chain = { enabled: true, chain: [{ providerId: 'b', model: 'mb' }] };

    it('fails over as soon as the breaker opens, and events say who answered', async () => {
      const { pipeline, a, b } = setup({ breaker: { failureThreshold: 2, cooldownMs: 60_000 }, fallback: () => chain, random: () => 0 });
      a.enqueue({ fail: { code: 'overloaded' } }, { fail: { code: 'overloaded' } }, { fail: { code: 'overloaded' } });
      b.enqueue({ events: [text('from b')] });
      const { events, result } = await runLogic(pipeline, logicReq());
      assert.equal(a.calls.length, 2, 'stopped knocking once the breaker opened');
      assert.equal(b.calls[0]?.model, 'mb');
      assert.deepEqual(
        events.filter((e) => e.type !== 'text').map((e) => (e.type === 'started' ? `started ${e.providerId}/${e.model}#${e.attempt}` : e.type === 'fallback' ? `fallback ${e.from}->${e.to}/${e.model}` : e.type)),
        ['started a/m#1', 'retrying', 'started a/m#2', 'fallback a->b/mb', 'started b/mb#1', 'finish'],
      );
      assert.equal(result.providerId, 'b');
      assert.equal(result.model, 'mb');
      assert.equal(result.attempts, 3);

      // Open: the next request skips 'a' without calling it.
      const next = await runLogic(pipeline, logicReq());
      assert.equal(a.calls.length, 2);
      assert.equal(next.result.providerId, 'b');
      assert.match(ofType(next.events, 'fallback')[0]!.reason, /circuit breaker is open/);
    });

    it('a fallback model gets no reasoning effort (it may not reason); the chosen one does (issue 16)', async () => {
      const { pipeline, a, b } = setup({ fallback: () => chain, random: () => 0 });
      a.enqueue({ fail: { code: 'overloaded' } }, { fail: { code: 'overloaded' } }, { fail: { code: 'overloaded' } }, { fail: { code: 'overloaded' } });
      b.enqueue({ events: [text('from b')] });
      await runLogic(pipeline, logicReq({ reasoningEffort: 'high' }));
      assert.equal(a.calls[0]?.reasoningEffort, 'high');
      assert.equal(b.calls[0]?.model, 'mb');
      assert.equal(b.calls[0]?.reasoningEffort, undefined);
    });

    it('does not fall back on errors that are the request’s own fault', async () => {
      const { pipeline, a, b } = setup({ fallback: () => chain });
      a.enqueue({ fail: { code: 'context_length_exceeded' } });
      const { result } = await runLogic(pipeline, logicReq());
      assert.equal(result.outcome, 'error');
      assert.equal(result.error?.code, 'context_length_exceeded');
      assert.equal(b.calls.length, 0);
    });

    it('a half-open trial that the user stops gives its slot back', async () => {
      let now = 0;
      const { pipeline, a } = setup({ breaker: { failureThreshold: 1, cooldownMs: 1000 }, fallback: () => chain, now: () => now });
      a.enqueue({ fail: { code: 'server' } });
      await runLogic(pipeline, logicReq()); // a fails, b answers; a's breaker opens
      assert.equal(pipeline.breaker('a').current, 'open');
      now = 1000; // cool-down over: half-open
      a.enqueue({ hang: true });
      const ac = new AbortController();
      const stopped = await runLogic(pipeline, logicReq({ signal: ac.signal }), (e) => e.type === 'started' && setTimeout(() => ac.abort(), 5));
      assert.equal(stopped.result.outcome, 'stopped');
      assert.equal(a.calls.length, 2, 'the trial went to a');
      // Without giving the slot back, 'a' would be skipped for good.
      const after = await runLogic(pipeline, logicReq());
      assert.equal(a.calls.length, 3, 'the next request is the new trial');
      assert.equal(after.result.providerId, 'a');
      assert.equal(pipeline.breaker('a').current, 'closed');
    });

    it('never skips the last provider of the chain, even while its breaker is open', async () => {
      const { pipeline, b } = setup({ breaker: { failureThreshold: 1, cooldownMs: 60_000 }, fallback: () => ({ enabled: true, chain: [] }) });
      b.enqueue({ fail: { code: 'server' } }, { fail: { code: 'server' } });
      const first = await runLogic(pipeline, logicReq({ providerId: 'b' }));
      assert.equal(b.calls.length, 3, 'retried through an open breaker: there is nowhere else to go');
      assert.equal(first.result.outcome, 'ok');
      assert.equal(pipeline.breaker('b').current, 'closed', 'the success closed it again');
    });
  });
});

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
    const first = await run(p, req('openai'));
    assert.ok(first.events.some((e) => e.type === 'ratelimit' && e.hints.remainingRequests === 0), 'the hint was read and forwarded');
    const t0 = Date.now();
    const { events, result } = await run(p, req('openai'));
    assert.equal(result.outcome, 'ok');
    assert.ok(events.some((e) => e.type === 'queued'), 'the next call waited in the queue');
    assert.ok(Date.now() - t0 >= 700, `it waited ${Date.now() - t0} ms`);
  });

  it("reads Anthropic's request budget and OpenAI's token budget the same way", async () => {
    const p = pipeline();
    fake.enqueue('anthropic', {
      text: 'a',
      headers: { 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': new Date(Date.now() + 700).toISOString() },
    });
    await run(p, req('anthropic'));
    let t0 = Date.now();
    await run(p, req('anthropic'));
    assert.ok(Date.now() - t0 >= 450, `anthropic: waited ${Date.now() - t0} ms`);

    // 50 tokens left, the next request reserves its input + 100 output tokens: it waits for the reset.
    fake.enqueue('openai', { text: 'a', headers: { 'x-ratelimit-remaining-tokens': '50', 'x-ratelimit-reset-tokens': '600ms' } });
    await run(p, req('openai'));
    t0 = Date.now();
    const { result } = await run(p, req('openai'));
    assert.equal(result.outcome, 'ok');
    assert.ok(Date.now() - t0 >= 500, `openai: waited ${Date.now() - t0} ms`);
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
