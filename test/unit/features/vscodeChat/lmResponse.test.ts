// A request from VS Code's chat through the real request service and pipeline (over a scripted
// adapter): what reaches VS Code's progress, what is recorded, and how a failure reads.
import { strict as assert } from 'node:assert';
import { Pipeline } from '../../../../src/core/llm/pipeline';
import type { AdapterEvent } from '../../../../src/core/llm/types';
import { RequestService, type BudgetAdmission } from '../../../../src/core/requests/requestService';
import type { RequestUsage } from '../../../../src/core/usage/usageStore';
import { ChatRequestFailure, streamRun } from '../../../../src/features/vscodeChat/lmResponse';
import { ScriptedAdapter, text } from '../../helpers/scriptedAdapter';

function setup(admission: BudgetAdmission = { allowed: true, warnings: [] }) {
  const adapter = new ScriptedAdapter('p');
  const recorded: RequestUsage[] = [];
  const pipeline = new Pipeline({
    getAdapter: async () => adapter,
    limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
    retry: () => ({ maxAttempts: 2, baseDelayMs: 1, factor: 2, maxDelayMs: 1, maxTotalWaitMs: 100 }),
  });
  const service = new RequestService({
    pipeline,
    budget: { admit: () => admission },
    model: (providerId, id) => ({ providerId, id, label: id, price: { input: 2, output: 10 } }),
    usage: { record: async (e) => void recorded.push(e) },
    workspace: () => 'ws',
  });
  const seen: string[] = [];
  const sink = {
    text: (t: string) => seen.push(`text:${t}`),
    toolCall: (c: { id: string; name: string; input: object }) => seen.push(`tool:${c.id}:${c.name}:${JSON.stringify(c.input)}`),
    thinking: (t: string) => seen.push(`thinking:${t}`),
    budgetWarning: (t: string) => seen.push(`warning:${t}`),
  };
  return { adapter, recorded, pipeline, service, seen, sink };
}

const ask = { providerId: 'p', model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], source: 'vscode-chat' as const };
const usage: AdapterEvent = { type: 'usage', usage: { inputTokens: 1000, outputTokens: 100 } };

describe('VS Code chat: a request streamed back to VS Code', () => {
  it('streams thinking, text and a tool call in order, and records the request under source "VS Code chat"', async () => {
    const { adapter, recorded, pipeline, service, seen, sink } = setup();
    adapter.enqueue({ events: [{ type: 'thinking', text: 'plan' }, text('Let me look.'), { type: 'tool_call', call: { id: 'c1', name: 'read_file', input: { path: 'a.ts' } } }, usage, { type: 'finish', reason: 'tool_calls' }] });
    await streamRun(service.run(ask), sink);
    assert.deepEqual(seen, ['thinking:plan', 'text:Let me look.', 'tool:c1:read_file:{"path":"a.ts"}']);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.source, 'vscode-chat');
    assert.equal(recorded[0]!.cost?.usd, 0.003);
    pipeline.dispose();
  });

  it('a hard budget ends the request with its message and code, nothing sent or recorded', async () => {
    const { adapter, recorded, pipeline, service, seen, sink } = setup({ allowed: false, message: 'Daily budget of $1.00 reached.', warnings: [] });
    await assert.rejects(streamRun(service.run(ask), sink), (err: unknown) => err instanceof ChatRequestFailure && err.code === 'budget_exceeded' && /Daily budget of \$1\.00/.test(err.message));
    assert.equal(adapter.calls.length, 0);
    assert.equal(recorded.length, 0);
    assert.deepEqual(seen, []);
    pipeline.dispose();
  });

  it('passes budget warnings on, and a failure after partial text keeps the text and rejects with the error', async () => {
    const { adapter, recorded, pipeline, service, seen, sink } = setup({ allowed: true, warnings: ['Over 80 % of the daily budget ($1.00).'] });
    adapter.enqueue({ events: [text('Half an ans')], fail: { code: 'network', message: 'The connection to p was reset.' } });
    await assert.rejects(streamRun(service.run(ask), sink), (err: unknown) => err instanceof ChatRequestFailure && err.code === 'network');
    assert.deepEqual(seen, ['warning:Over 80 % of the daily budget ($1.00).', 'text:Half an ans']);
    assert.equal(recorded[0]!.outcome, 'interrupted');
    pipeline.dispose();
  });

  it('a tool call counts as a begun answer: a failure after it is not retried (the call would run twice)', async () => {
    const { adapter, pipeline, service, sink } = setup();
    adapter.enqueue({ events: [{ type: 'tool_call', call: { id: 'c1', name: 't', input: {} } }], fail: { code: 'server', message: 'boom' } });
    adapter.enqueue({ events: [text('retried'), { type: 'finish', reason: 'stop' }] });
    await assert.rejects(streamRun(service.run(ask), sink));
    assert.equal(adapter.calls.length, 1);
    pipeline.dispose();
  });
});
