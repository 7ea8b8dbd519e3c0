// The request service's money glue: what admission reserves, that the reservation and the pending
// usage entry end exactly once on every outcome, that the real record replaces the pending one
// (never both), and that a fallback keeps the reservation honest. Real pipeline over a scripted
// adapter, real BudgetGuard, PendingUsage and UsageStore on one in-memory store.
import { strict as assert } from 'node:assert';
import { BudgetGuard, type BudgetSettings } from '../../../../src/core/budget/budget';
import { Pipeline } from '../../../../src/core/llm/pipeline';
import { estimateRequestTokens } from '../../../../src/core/llm/tokenEstimate';
import { RequestService, type RequestEvent } from '../../../../src/core/requests/requestService';
import { estimateRequest } from '../../../../src/core/requests/requestEstimate';
import { PENDING_PREFIX } from '../../../../src/core/usage/pendingFormat';
import { PendingUsage } from '../../../../src/core/usage/pendingUsage';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';
import { ScriptedAdapter, text } from '../../helpers/scriptedAdapter';

const PRICES: Record<string, { input: number; output: number }> = { priced: { input: 2, output: 10 }, pricey: { input: 20, output: 100 } };
const usageEvent = { type: 'usage' as const, usage: { inputTokens: 1000, outputTokens: 500 } };

function setup(settings: BudgetSettings = { daily: 10, monthly: 0, mode: 'hard', perProvider: {} }, opts: { fallback?: { providerId: string; model: string }[] } = {}) {
  const adapters = { p: new ScriptedAdapter('p'), q: new ScriptedAdapter('q') };
  const kv = new MemoryKeyValueStore();
  const usage = new UsageStore({ store: kv });
  const pending = new PendingUsage({ store: kv });
  const guard = new BudgetGuard({ settings: () => settings, spend: () => ({ usd: 0, unknownPriceRequests: 0 }), elsewhere: (id) => pending.elsewhere(id) });
  const pipeline = new Pipeline({
    getAdapter: async (id) => adapters[id as 'p' | 'q'],
    limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
    retry: () => ({ maxAttempts: 1, baseDelayMs: 1, factor: 2, maxDelayMs: 1, maxTotalWaitMs: 10 }),
    ...(opts.fallback ? { fallback: () => ({ enabled: true, chain: opts.fallback! }) } : {}),
  });
  const model = (providerId: string, id: string) => ({ providerId, id, label: id, ...(PRICES[id] ? { price: PRICES[id] } : {}) });
  const service = new RequestService({
    pipeline,
    budget: guard,
    model,
    usage,
    pending,
    fallbackChain: () => opts.fallback ?? [],
    workspace: () => 'ws',
  });
  const pendingKey = () => kv.keys().find((k) => k.startsWith(PENDING_PREFIX));
  return { adapters, kv, usage, pending, guard, pipeline, service, model, pendingKey };
}

async function drain(events: AsyncIterable<RequestEvent>): Promise<RequestEvent[]> {
  const out: RequestEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** Micro-dollars (tokens × USD per 1M) as USD, rounded to whole nano-dollars like pricing/cost.ts. */
const usd = (micros: number) => Math.round(micros * 1000) / 1e9;
const messages = [{ role: 'user' as const, content: 'Explain the budget in one sentence.' }];
const request = (over: Partial<{ model: string; signal: AbortSignal; maxOutputTokens: number }> = {}) => ({ providerId: 'p', model: 'priced', messages, maxOutputTokens: 1000, ...over });

describe('request estimate: what admission reserves', () => {
  it('is the input estimate plus the max output tokens at the model’s price', () => {
    const { model } = setup();
    const input = estimateRequestTokens(messages);
    const e = estimateRequest(request(), model);
    assert.deepEqual([e.inputTokens, e.outputTokens], [input, 1000]);
    assert.equal(e.usd, usd(input * 2 + 1000 * 10));
  });

  it('is the largest estimate of the fallback chain’s priced models; null for an unpriced model', () => {
    const { model } = setup();
    const input = estimateRequestTokens(messages);
    assert.equal(estimateRequest(request(), model, [{ providerId: 'q', model: 'pricey' }, { providerId: 'q', model: 'mystery' }]).usd, usd(input * 20 + 1000 * 100));
    assert.equal(estimateRequest(request({ model: 'mystery' }), model).usd, null);
    assert.equal(estimateRequest({ providerId: 'p', model: 'priced', messages }, model).outputTokens, 4096, 'no max given: 4,096 reserved');
  });
});

describe('request service: reservations and pending usage end exactly once', () => {
  it('while a request runs it is reserved and pending; when it finishes the real record replaces both', async () => {
    const { adapters, guard, usage, service, pipeline, pendingKey } = setup();
    adapters.p.enqueue({ events: [text('Hello'), 5, usageEvent, { type: 'finish', reason: 'stop' }] });
    const run = service.run(request());
    assert.equal(guard.committed().requests, 1);
    assert.ok(pendingKey(), 'a pending entry is written when the request starts');
    await drain(run.events);
    const { usage: recorded } = await run.done;
    assert.equal(recorded?.costUsd, 0.007);
    assert.equal(guard.committed().requests, 0);
    assert.equal(pendingKey(), undefined);
    assert.equal(usage.today().requests, 1, 'recorded once');
    assert.equal(usage.today().costUsd, 0.007);
    pipeline.dispose();
  });

  it('releases on every outcome: finished, stopped, failed, interrupted, disposed', async () => {
    const { adapters, guard, usage, service, pipeline, pendingKey } = setup();
    adapters.p.enqueue(
      { events: [text('ok'), { type: 'finish', reason: 'stop' }] },
      { events: [text('partial')], hang: true },
      { fail: { code: 'auth' } },
      { events: [text('half')], fail: { code: 'network' } },
      { events: [text('streaming…')], hang: true },
    );
    const finished = service.run(request());
    const abort = new AbortController();
    const stopped = service.run(request({ signal: abort.signal }));
    const failed = service.run(request());
    const interrupted = service.run(request());
    const disposed = service.run(request());
    assert.equal(guard.committed().requests, 5);
    for await (const e of stopped.events) if (e.type === 'text') abort.abort();
    for await (const e of disposed.events) if (e.type === 'text') await service.dispose();
    const outcomes = await Promise.all([finished, stopped, failed, interrupted, disposed].map((r) => r.done));
    assert.deepEqual(outcomes.map((o) => o.result.outcome), ['ok', 'stopped', 'error', 'interrupted', 'stopped']);
    assert.equal(guard.committed().requests, 0, 'every reservation released');
    assert.equal(guard.ledger.size, 0);
    assert.equal(pendingKey(), undefined, 'every pending entry gone');
    assert.equal(usage.today().requests, 5, 'each recorded once');
    pipeline.dispose();
  });

  it('dispose() resolves only once the stopped requests are recorded', async () => {
    const { adapters, usage, service, pipeline } = setup();
    adapters.p.enqueue({ events: [text('a')], hang: true }, { events: [text('b')], hang: true });
    const runs = [service.run(request()), service.run(request())];
    await new Promise((r) => setTimeout(r, 5));
    await service.dispose();
    assert.equal(usage.today().requests, 2);
    assert.ok(usage.recent(2).every((r) => r.outcome === 'stopped' && r.estimated));
    await Promise.all(runs.map((r) => r.done));
    pipeline.dispose();
  });

  it('a blocked request reserves nothing and writes no pending entry', async () => {
    const { adapters, guard, usage, service, pipeline, pendingKey } = setup({ daily: 0.001, monthly: 0, mode: 'hard', perProvider: {} });
    const run = service.run(request());
    const events = await drain(run.events);
    assert.equal(events.at(-1)?.type, 'error');
    assert.equal(adapters.p.calls.length, 0);
    assert.deepEqual([guard.committed().requests, pendingKey(), usage.today().requests], [0, undefined, 0]);
    pipeline.dispose();
  });

  it('an unpriced model under a hard budget is blocked before any provider is called', async () => {
    const { adapters, service, pipeline } = setup();
    const events = await drain(service.run(request({ model: 'mystery' })).events);
    const last = events.at(-1);
    assert.ok(last?.type === 'error' && last.error.code === 'budget_exceeded' && /allowUnpricedModels/.test(last.error.message));
    assert.equal(adapters.p.calls.length, 0);
    pipeline.dispose();
  });

  it('a request another window already settled as interrupted is not recorded again', async () => {
    const { adapters, kv, usage, service, pipeline, pending } = setup();
    adapters.p.enqueue({ events: [text('slow')], hang: true });
    const abort = new AbortController();
    const run = service.run(request({ signal: abort.signal }));
    // Another window settles this one's entry (as if this window had been frozen for too long).
    let mono = 0;
    const other = new PendingUsage({ store: kv, monotonic: () => mono, now: () => Date.now() + 60_000 });
    await other.settleStale();
    mono = 60_000;
    assert.equal(await other.settleStale(), 1);
    pending.tick(); // this window's next heartbeat notices
    for await (const e of run.events) if (e.type === 'text') abort.abort();
    await run.done;
    usage.invalidate();
    assert.equal(usage.today().requests, 1, 'only the settled estimate, not a second record');
    assert.equal(usage.recent(1)[0]!.outcome, 'interrupted');
    pipeline.dispose();
  });

  it('fallback: the reservation covers the dearest model of the chain and moves with the request', async () => {
    const chain = [{ providerId: 'q', model: 'pricey' }];
    const { adapters, guard, usage, service, pipeline, kv } = setup(undefined, { fallback: chain });
    adapters.p.enqueue({ fail: { code: 'server' } });
    adapters.q.enqueue({ events: [text('from q'), 20, usageEvent, { type: 'finish', reason: 'stop' }] });
    const run = service.run(request());
    const reserved = estimateRequest(request(), (p, m) => ({ providerId: p, id: m, label: m, ...(PRICES[m] ? { price: PRICES[m] } : {}) }), chain).usd!;
    assert.equal(guard.committed().usd, reserved);
    for await (const e of run.events) {
      if (e.type === 'text') {
        assert.deepEqual(guard.committed('q'), { usd: reserved, unpriced: 0, requests: 1 }, 'moved to the provider that answers');
        const stored = kv.get<{ entries: { p: string; m: string; usd: number }[] }>(kv.keys().find((k) => k.startsWith(PENDING_PREFIX))!);
        assert.deepEqual(stored?.entries.map((x) => [x.p, x.m, x.usd]), [['q', 'pricey', reserved]], 'the pending entry follows it too');
      }
    }
    const { result } = await run.done;
    assert.deepEqual([result.providerId, result.model], ['q', 'pricey']);
    assert.equal(usage.today().costUsd, (1000 * 20 + 500 * 100) / 1e6, 'priced at the model that answered');
    assert.equal(guard.committed().requests, 0);
    pipeline.dispose();
  });
});
