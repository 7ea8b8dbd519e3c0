// Budgets under concurrency, through the real request path: RequestService → Pipeline → the real
// OpenAI, Anthropic and Gemini SDKs → the fake servers on 127.0.0.1, with the real BudgetGuard,
// UsageStore and PendingUsage on one in-memory globalState. A hard budget of $1.00 with $0.99
// already spent, then 20 requests at once: the reservations must keep the spend within the limit
// plus one request's estimation error. And a model of unknown price under a hard budget is blocked
// unless switchboard.budget.allowUnpricedModels is on.
import { strict as assert } from 'node:assert';
import { BudgetGuard, spendFromUsage, type BudgetSettings } from '../../src/core/budget/budget';
import { Pipeline } from '../../src/core/llm/pipeline';
import type { ProviderAdapter, ProviderKind } from '../../src/core/llm/types';
import { resolveModel } from '../../src/core/models/resolvedModel';
import { RequestService } from '../../src/core/requests/requestService';
import { estimateRequest } from '../../src/core/requests/requestEstimate';
import { PendingUsage } from '../../src/core/usage/pendingUsage';
import { MemoryKeyValueStore, UsageStore } from '../../src/core/usage/usageStore';
import { formatUsd } from '../../src/shared/money';
import { adapterFor, caseNamed, type AdapterCase } from '../fakes/adapterHarness';
import { startFakeProviders, type FakeProviders } from '../fakes/server';
import { reportReliability } from './reliabilityTable';

const PROVIDERS: AdapterCase[] = ['openai', 'anthropic', 'gemini', 'compatible'];
const KIND: Record<string, ProviderKind> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', 'compat:litellm': 'openai-compatible' };
/** USD per 1M tokens (`switchboard.prices`): dear enough that only a few $0.004 requests fit in $0.01. */
const PRICE = { input: 10, output: 40 };
const MAX_OUTPUT = 100;

describe('budgets under concurrency (real SDKs against the fakes)', function () {
  this.timeout(60_000);
  let fake: FakeProviders;
  const adapters = new Map<string, ProviderAdapter>();

  before(async () => {
    fake = await startFakeProviders();
    for (const p of PROVIDERS) {
      const adapter = await adapterFor(caseNamed(p), fake);
      adapters.set(adapter.config.id, adapter);
    }
  });
  after(() => fake.close());
  afterEach(() => fake.reset());

  function world(settings: BudgetSettings, priced: readonly string[]) {
    const kv = new MemoryKeyValueStore();
    const usage = new UsageStore({ store: kv });
    const pending = new PendingUsage({ store: kv });
    const budget = new BudgetGuard({ settings: () => settings, spend: spendFromUsage(usage), elsewhere: (id) => pending.elsewhere(id), store: kv });
    const pipeline = new Pipeline({
      getAdapter: async (id) => adapters.get(id)!,
      limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
      retry: () => ({ maxAttempts: 2, baseDelayMs: 10, factor: 2, maxDelayMs: 50, maxTotalWaitMs: 1000 }),
    });
    const overrides = Object.fromEntries(priced.map((m) => [m, PRICE]));
    const model = (providerId: string, id: string) => resolveModel(providerId, KIND[providerId]!, id, overrides);
    const service = new RequestService({ pipeline, budget, model, usage, pending, workspace: () => 'faults' });
    return { kv, usage, budget, pipeline, service, model };
  }

  it('hard budget $1.00, $0.99 spent, 20 concurrent requests: spend stays within the limit + one estimate’s error', async () => {
    const cases = ['openai', 'anthropic', 'gemini'].map((n) => caseNamed(n as AdapterCase));
    const w = world({ daily: 1, monthly: 0, mode: 'hard', perProvider: {} }, cases.map((c) => c.model));
    await w.usage.record({ providerId: 'openai', model: 'earlier', usage: { inputTokens: 0, outputTokens: 0 }, cost: { usd: 0.99, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok' });
    // Every answer writes its full allowance, so only the input estimate can be off.
    for (const c of cases) fake.setDefault(c.fake, { text: 'A budget holds when every request in flight is counted.', chunkSize: 8, chunkDelayMs: 5, usage: { output: MAX_OUTPUT } });

    const requests = Array.from({ length: 20 }, (_, i) => {
      const c = cases[i % cases.length]!;
      return { providerId: c.config(fake).id, model: c.model, messages: [{ role: 'user' as const, content: `Request ${i + 1}: explain budgets in one sentence.` }], maxOutputTokens: MAX_OUTPUT };
    });
    const runs = requests.map((r) => w.service.run(r));
    assert.ok(w.budget.committed().requests > 0, 'admitted requests hold reservations while in flight');
    const done = await Promise.all(runs.map(async (run) => {
      for await (const _ of run.events) void _;
      return run.done;
    }));
    const admitted = done.filter((d) => d.result.attempts > 0).length;
    const blocked = done.filter((d) => d.result.error?.code === 'budget_exceeded').length;
    const spent = w.usage.today().costUsd;
    const estimates = requests.map((r) => estimateRequest(r, w.model).usd!);
    const oneEstimate = Math.max(...estimates);
    // The error of one estimate: what a request really cost beyond what was reserved for it.
    const errors = done.map((d, i) => (d.usage ? Math.max(0, d.usage.costUsd! - estimates[i]!) : 0));
    const limitPlusError = 1 + Math.max(0, ...errors);
    const ok = spent <= limitPlusError + 1e-9 && admitted + blocked === 20 && w.budget.committed().requests === 0;
    reportReliability({
      check: 'hard budget race, 20 concurrent → spend',
      figure: `$${spent.toFixed(4)} of $1.00 (${admitted} admitted at ≈$${oneEstimate.toFixed(4)} each, ${blocked} blocked; worst estimate error +$${Math.max(0, ...errors).toFixed(6)})`,
      target: '≤ limit + one estimate’s error',
      ok,
    });
    assert.ok(spent <= limitPlusError + 1e-9, `spent ${spent} > ${limitPlusError}`);
    assert.equal(admitted + blocked, 20);
    assert.ok(admitted >= 1 && blocked >= 1, `${admitted} admitted, ${blocked} blocked`);
    assert.equal(fake.requests.filter((r) => r.method === 'POST').length, admitted, 'a blocked request never reaches a provider');
    assert.equal(w.budget.committed().requests, 0, 'every reservation released');
    assert.equal(w.usage.today().requests, 1 + admitted, 'each admitted request recorded once');
    w.pipeline.dispose();
  });

  it('a model of unknown price under a hard budget: blocked, unless allowUnpricedModels', async () => {
    const c = caseNamed('compatible'); // llama3.2: no catalogue price
    const ask = () => ({ providerId: c.config(fake).id, model: c.model, messages: [{ role: 'user' as const, content: 'Hello?' }], maxOutputTokens: MAX_OUTPUT });
    const settings: BudgetSettings = { daily: 1, monthly: 0, mode: 'hard', perProvider: {} };

    const strict = world(settings, []);
    const refused = await strict.service.run(ask()).done;
    const sentWhenBlocked = fake.requests.length;
    strict.pipeline.dispose();

    const allowing = world({ ...settings, allowUnpriced: true }, []);
    const run = allowing.service.run(ask());
    for await (const _ of run.events) void _;
    const allowed = await run.done;
    const recorded = allowing.usage.recent(1)[0];
    allowing.pipeline.dispose();

    const ok = refused.result.error?.code === 'budget_exceeded' && sentWhenBlocked === 0 && allowed.result.outcome === 'ok' && recorded?.costUsd === null;
    reportReliability({
      check: 'unpriced model under a hard budget',
      figure: `blocked (${sentWhenBlocked} requests sent); with allowUnpricedModels: ${allowed.result.outcome}, recorded as ${recorded?.costUsd === null ? 'unknown price' : formatUsd(recorded?.costUsd ?? 0)}`,
      target: 'blocked unless allowed',
      ok,
    });
    assert.equal(refused.result.error?.code, 'budget_exceeded');
    assert.match(refused.result.error!.message, /switchboard\.prices.*switchboard\.budget\.allowUnpricedModels/);
    assert.equal(sentWhenBlocked, 0);
    assert.equal(allowed.result.outcome, 'ok', allowed.result.error?.message);
    assert.equal(recorded?.costUsd, null, 'recorded as unknown price, never $0');
  });
});
