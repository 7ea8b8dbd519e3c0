// The request lifecycle, owned once: the real pipeline over a scripted adapter, a budget and a
// usage recorder; every way a request can end records it exactly once, priced from its model.
import { strict as assert } from 'node:assert';
import { Pipeline, type PipelineRequest } from '../../../../src/core/llm/pipeline';
import type { RequestUsage } from '../../../../src/core/usage/usageStore';
import type { PendingStart } from '../../../../src/core/usage/pendingUsage';
import { RequestService, type BudgetAdmission, type RequestEvent } from '../../../../src/core/requests/requestService';
import { ScriptedAdapter, text } from '../../helpers/scriptedAdapter';

const PRICE = { input: 2, output: 10 }; // USD per 1M tokens
const usageEvent = { type: 'usage' as const, usage: { inputTokens: 1000, outputTokens: 500 } };

function setup(admission: BudgetAdmission = { allowed: true, warnings: [] }) {
  const adapter = new ScriptedAdapter('p');
  const recorded: RequestUsage[] = [];
  const pipeline = new Pipeline({
    getAdapter: async () => adapter,
    limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
    retry: () => ({ maxAttempts: 1, baseDelayMs: 1, factor: 2, maxDelayMs: 1, maxTotalWaitMs: 10 }),
  });
  const service = new RequestService({
    pipeline,
    budget: { admit: () => admission },
    model: (providerId, id) => (id === 'priced' ? { providerId, id, label: id, price: PRICE } : undefined),
    usage: { record: async (e) => void recorded.push(e) },
    workspace: () => 'ws',
  });
  return { adapter, recorded, pipeline, service };
}

async function drain(events: AsyncIterable<RequestEvent>): Promise<RequestEvent[]> {
  const out: RequestEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const request = (over: Partial<{ model: string; signal: AbortSignal }> = {}) => ({ providerId: 'p', model: 'priced', messages: [{ role: 'user' as const, content: 'hi' }], ...over });

describe('request service: budget → pipeline → price → usage, recorded exactly once', () => {
  it('a finished answer is priced from its model and recorded once, with its workspace', async () => {
    const { adapter, recorded, service, pipeline } = setup();
    adapter.enqueue({ events: [text('Hello'), usageEvent, { type: 'finish', reason: 'stop' }] });
    const run = service.run(request());
    const events = await drain(run.events);
    const { result, usage } = await run.done;
    assert.equal(result.outcome, 'ok');
    assert.deepEqual(events.map((e) => e.type), ['started', 'text', 'usage', 'finish']);
    assert.deepEqual(usage, { inputTokens: 1000, outputTokens: 500, costUsd: 0.007, estimated: false });
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.cost?.usd, 0.007);
    assert.equal(recorded[0]!.workspace, 'ws');
    pipeline.dispose();
  });

  it('an unknown price is recorded as unknown, never $0', async () => {
    const { adapter, recorded, service, pipeline } = setup();
    adapter.enqueue({ events: [text('x'), usageEvent, { type: 'finish', reason: 'stop' }] });
    const { usage } = await service.run(request({ model: 'mystery' })).done;
    assert.equal(usage?.costUsd, null);
    assert.equal(recorded[0]!.cost?.usd, null);
    pipeline.dispose();
  });

  it('stopped, failed and interrupted requests are each recorded once (estimated where nothing was reported)', async () => {
    const { adapter, recorded, service, pipeline } = setup();
    adapter.enqueue({ events: [text('partial')], hang: true }, { fail: { code: 'auth' } }, { events: [text('half')], fail: { code: 'network' } });
    const abort = new AbortController();
    const stopped = service.run(request({ signal: abort.signal }));
    for await (const e of stopped.events) if (e.type === 'text') abort.abort();
    const failed = service.run(request());
    const interrupted = service.run(request());
    const outcomes = await Promise.all([stopped.done, failed.done, interrupted.done]);
    assert.deepEqual(outcomes.map((o) => o.result.outcome), ['stopped', 'error', 'interrupted']);
    assert.deepEqual(recorded.map((r) => r.outcome), ['stopped', 'error', 'interrupted']);
    assert.equal(outcomes[0]!.usage?.estimated, true);
    assert.equal(recorded[1]!.errorCode, 'auth');
    // Failed before any text: nothing was generated, an exact $0 (not an estimate marked ≈).
    assert.deepEqual(outcomes[1]!.usage, { inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false });
    assert.equal(outcomes[2]!.usage?.estimated, true);
    pipeline.dispose();
  });

  it('reported reasoning tokens reach the recorded usage and the record (issue 16)', async () => {
    const { adapter, recorded, service, pipeline } = setup();
    const usage = { inputTokens: 1000, outputTokens: 500, reasoningTokens: 300 };
    adapter.enqueue({ events: [{ type: 'thinking', text: 'Let me see.' }, text('Hi'), { type: 'usage', usage }, { type: 'finish', reason: 'stop' }] });
    const done = await service.run(request()).done;
    assert.deepEqual(done.usage, { inputTokens: 1000, outputTokens: 500, reasoningTokens: 300, costUsd: 0.007, estimated: false });
    assert.equal(recorded[0]!.usage.reasoningTokens, 300);
    pipeline.dispose();
  });

  it('thinking counts as output: in the pending estimate and in an estimated record', async () => {
    const adapter = new ScriptedAdapter('p');
    const recorded: RequestUsage[] = [];
    const pendingOutput: number[] = [];
    const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }) });
    const service = new RequestService({
      pipeline,
      budget: { admit: () => ({ allowed: true, warnings: [] }) },
      model: (providerId, id) => ({ providerId, id, label: id, price: PRICE }),
      usage: { record: async (e) => void recorded.push(e) },
      pending: { begin: () => ({ addOutput: (n) => void pendingOutput.push(n), retarget: () => undefined, end: () => true }) },
      workspace: () => '',
    });
    const thought = 'I should weigh both options carefully before answering. '.repeat(20);
    adapter.enqueue({ events: [{ type: 'thinking', text: thought }, text('Partial')], hang: true });
    const abort = new AbortController();
    const run = service.run(request({ signal: abort.signal }));
    for await (const e of run.events) if (e.type === 'text') abort.abort();
    const { usage } = await run.done;
    const sum = pendingOutput.reduce((a, b) => a + b, 0);
    assert.ok(sum > 100, `the pending entry counts the thinking (${sum} tokens)`);
    assert.equal(usage?.estimated, true);
    assert.ok(usage!.reasoningTokens! > 100 && usage!.outputTokens! > usage!.reasoningTokens!, JSON.stringify(usage));
    assert.equal(recorded[0]!.usage.outputTokens, usage!.outputTokens);
    assert.equal(recorded[0]!.usage.reasoningTokens, usage!.reasoningTokens);
    pipeline.dispose();
  });

  it('passes the request’s source to the pending entry and the record, not to the provider (absent = none given)', async () => {
    const adapter = new ScriptedAdapter('p');
    const recorded: RequestUsage[] = [];
    const started: PendingStart[] = [];
    const piped: PipelineRequest[] = [];
    const inner = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }) });
    const service = new RequestService({
      pipeline: { run: (r, observe) => (piped.push(r), inner.run(r, observe)) },
      budget: { admit: () => ({ allowed: true, warnings: [] }) },
      model: () => undefined,
      usage: { record: async (e) => void recorded.push(e) },
      pending: { begin: (s) => (started.push(s), { addOutput: () => undefined, retarget: () => undefined, end: () => true }) },
      workspace: () => '',
    });
    adapter.enqueue({ events: [text('a'), usageEvent, { type: 'finish', reason: 'stop' }] }, { events: [text('b'), usageEvent, { type: 'finish', reason: 'stop' }] });
    await service.run({ ...request(), source: 'vscode-chat' }).done;
    await service.run(request()).done;
    assert.deepEqual(started.map((s) => s.source), ['vscode-chat', undefined]);
    assert.deepEqual(recorded.map((r) => r.source), ['vscode-chat', undefined]);
    assert.ok(piped.every((r) => !('source' in r)), 'the pipeline gets the request without it');
    inner.dispose();
  });

  it('dispose() stops running requests, and each still records what it used', async () => {
    const { adapter, recorded, service, pipeline } = setup();
    adapter.enqueue({ events: [text('streaming…')], hang: true });
    const run = service.run(request());
    for await (const e of run.events) if (e.type === 'text') service.dispose();
    const { result } = await run.done;
    assert.equal(result.outcome, 'stopped');
    assert.equal(recorded.length, 1);
    pipeline.dispose();
  });

  it('budget warnings come first as events; a blocked request reaches no provider and records nothing', async () => {
    const warned = setup({ allowed: true, warnings: ['80 % of your daily budget used'] });
    warned.adapter.enqueue({ events: [text('answer'), { type: 'finish', reason: 'stop' }] });
    const events = await drain(warned.service.run(request()).events);
    assert.deepEqual(events[0], { type: 'budgetWarning', text: '80 % of your daily budget used' });
    assert.deepEqual(events.slice(1).map((e) => e.type), ['started', 'text', 'finish'], 'then every pipeline event');
    warned.pipeline.dispose();

    const { adapter, recorded, service, pipeline } = setup({ allowed: false, message: 'The daily budget is used up.', warnings: [] });
    const started: string[] = [];
    service.onDidStart((r) => started.push(r.model));
    const run = service.run(request());
    const blockedEvents = await drain(run.events);
    const { result, usage } = await run.done;
    assert.deepEqual(blockedEvents, [{ type: 'error', error: { code: 'budget_exceeded', message: 'The daily budget is used up.', providerId: 'p' }, partial: '' }]);
    assert.equal(result.attempts, 0);
    assert.equal(usage, undefined);
    assert.equal(adapter.calls.length, 0);
    assert.equal(recorded.length, 0);
    assert.deepEqual(started, [], 'a blocked request is not announced as started');
    pipeline.dispose();
  });

  it('a pending entry that fails while counting loses no event and fails nothing; the log says so', async () => {
    const { adapter, pipeline } = setup();
    const errors: string[] = [];
    const recorded: RequestUsage[] = [];
    const service = new RequestService({
      pipeline, budget: { admit: () => ({ allowed: true, warnings: [] }) }, model: () => undefined,
      usage: { record: async (e) => void recorded.push(e) }, workspace: () => '', logError: (m) => errors.push(m),
      pending: { begin: () => ({ addOutput: () => { throw new Error('disk full'); }, retarget: () => undefined, end: () => true }) },
    });
    adapter.enqueue({ events: [text('one '), text('two'), usageEvent, { type: 'finish', reason: 'stop' }] });
    const run = service.run(request());
    const events = await drain(run.events);
    const { result } = await run.done;
    assert.equal(result.outcome, 'ok');
    assert.equal(result.text, 'one two');
    assert.deepEqual(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text), ['one ', 'two']);
    assert.equal(recorded.length, 1);
    assert.deepEqual(errors, ['Could not count the running request', 'Could not count the running request']);
    pipeline.dispose();
  });

  it('a usage store that fails to write does not fail the run', async () => {
    const { adapter, pipeline } = setup();
    const errors: string[] = [];
    const service = new RequestService({
      pipeline, budget: { admit: () => ({ allowed: true, warnings: [] }) }, model: () => undefined,
      usage: { record: async () => { throw new Error('disk full'); } }, workspace: () => '', logError: (m) => errors.push(m),
    });
    adapter.enqueue({ events: [text('ok'), { type: 'finish', reason: 'stop' }] });
    const { result } = await service.run(request()).done;
    assert.equal(result.outcome, 'ok');
    assert.deepEqual(errors, ['Could not record usage']);
    pipeline.dispose();
  });
});
