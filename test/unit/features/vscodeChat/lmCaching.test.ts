// Issue 18: a multi-turn agent conversation from VS Code's chat is cached like the panel's. The
// messages arrive shaped as VS Code's parts (system, tools, a tool call and its result), go through
// the same mapping (lmMessages.ts), request service, pipeline and Anthropic adapter as a real
// `provideLanguageModelChatResponse`, and reach the fake Messages API, which caches what the docs
// say it caches: the fake sees the same markers as for the panel and reports reads from turn 2.
import { strict as assert } from 'node:assert';
import { Pipeline } from '../../../../src/core/llm/pipeline';
import { resolveModel } from '../../../../src/core/models/resolvedModel';
import { RequestService } from '../../../../src/core/requests/requestService';
import type { RequestUsage } from '../../../../src/core/usage/usageStore';
import { toChatMessages } from '../../../../src/features/vscodeChat/lmMessages';
import { streamRun } from '../../../../src/features/vscodeChat/lmResponse';
import { adapterFor, caseNamed, useFakes, words } from '../../../fakes/adapterHarness';
import type { FakeProviders } from '../../../fakes/server';
import { marks, unmarked } from '../../../fakes/cacheMarks';

const MODEL = 'claude-sonnet-4-6';
// VS Code's parts by shape: LanguageModelTextPart, …ToolCallPart, …ToolResultPart.
const text = (value: string) => ({ value });
const User = (...content: object[]) => ({ role: 1, content });
const Assistant = (...content: object[]) => ({ role: 2, content });
const System = (value: string) => ({ role: 3, content: [text(value)] });
const TOOLS = Array.from({ length: 12 }, (_, i) => ({ name: `tool_${i}`, description: words(60, `t${i}-`), inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }));

interface Sent { system?: unknown; tools?: unknown[]; messages: unknown[] }

describe('VS Code chat: a multi-turn agent conversation is prompt-cached (Anthropic)', function () {
  this.timeout(60_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('marks tools, system and the conversation; reads from the cache from turn 2; the prefix never changes; savings recorded', async () => {
    const anthropic = caseNamed('anthropic');
    const adapter = await adapterFor(anthropic, fake, undefined, { promptCache: '5m' });
    const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }) });
    const recorded: RequestUsage[] = [];
    const service = new RequestService({
      pipeline,
      budget: { admit: () => ({ allowed: true, warnings: [] }) },
      model: (providerId, id) => resolveModel(providerId, 'anthropic', id),
      usage: { record: async (e) => void recorded.push(e) },
      workspace: () => 'ws',
    });
    const history: { role: number; content: object[] }[] = [System(`You are an agent in VS Code. ${words(1200, 'rule')}`)];
    const turn = async (message: { role: number; content: object[] }): Promise<{ text: string; calls: { id: string; name: string; input: object }[] }> => {
      history.push(message);
      const out = { text: '', calls: [] as { id: string; name: string; input: object }[] };
      const request = { providerId: 'anthropic', model: MODEL, messages: toChatMessages(history), tools: TOOLS, toolChoice: 'auto' as const, maxOutputTokens: 1024, source: 'vscode-chat' as const };
      await streamRun(service.run(request), { text: (t) => (out.text += t), toolCall: (c) => void out.calls.push(c), budgetWarning: () => undefined });
      history.push(Assistant(...(out.text ? [text(out.text)] : []), ...out.calls.map((c) => ({ callId: c.id, name: c.name, input: c.input }))));
      return out;
    };

    fake.enqueue('anthropic', { text: 'Let me read it.', toolCalls: [{ id: 'toolu_1', name: 'tool_0', args: { path: 'src/a.ts' } }] });
    const first = await turn(User(text(`Review src/a.ts. ${words(150, 'ask')}`)));
    assert.equal(first.calls[0]?.name, 'tool_0');
    fake.enqueue('anthropic', { text: `The file is fine. ${words(200, 'a2-')}` });
    await turn(User({ callId: 'toolu_1', content: [text(`export const a = 1;\n${words(300, 'src')}`)] }));
    for (let t = 3; t <= 5; t++) {
      fake.enqueue('anthropic', { text: `Answer ${t}. ${words(150, `a${t}-`)}` });
      await turn(User(text(`Question ${t}: ${words(100, `q${t}-`)}`)));
    }

    const bodies = fake.requests.filter((r) => r.provider === 'anthropic').map((r) => r.body as Sent);
    assert.equal(bodies.length, 5);
    assert.equal(recorded.length, 5);
    assert.ok(recorded.every((r) => r.source === 'vscode-chat'));
    // The same marks as the panel's: the last tool and the system prompt always; the conversation from turn 2; at most 4.
    for (const [i, body] of bodies.entries()) {
      assert.ok(JSON.stringify((body.tools as object[]).at(-1)).includes('cache_control'), `turn ${i + 1}: last tool marked`);
      assert.ok(JSON.stringify(body.system).includes('cache_control'), `turn ${i + 1}: system marked`);
      assert.ok(marks(body) <= 4, `turn ${i + 1}: ${marks(body)} marks`);
      if (i > 0) assert.ok(marks(body.messages) >= 1, `turn ${i + 1}: conversation marked`);
    }
    // Each request starts with the whole previous one, byte for byte (marks aside): nothing per-request in the prefix.
    for (let i = 1; i < bodies.length; i++) {
      assert.equal(unmarked(bodies[i]!.tools), unmarked(bodies[0]!.tools));
      assert.equal(unmarked(bodies[i]!.system), unmarked(bodies[0]!.system));
      assert.equal(unmarked(bodies[i]!.messages.slice(0, bodies[i - 1]!.messages.length)), unmarked(bodies[i - 1]!.messages), `turn ${i + 1} kept turn ${i}'s prefix`);
    }
    // Reads from turn 2 on, and caching pays: the conversation as a whole saved money.
    assert.equal(recorded[0]!.usage.cachedInputTokens ?? 0, 0);
    assert.ok((recorded[0]!.usage.cacheWriteTokens ?? 0) > 0, 'turn 1 wrote the tools and system prompt');
    assert.ok((recorded[0]!.savedUsd ?? 0) < 0, 'a write costs more than it saves on its own turn');
    for (const [i, r] of recorded.entries()) if (i > 0) assert.ok((r.usage.cachedInputTokens ?? 0) > 0, `turn ${i + 1} read from the cache`);
    const saved = recorded.reduce((sum, r) => sum + (r.savedUsd ?? 0), 0);
    assert.ok(saved > 0, `saved $${saved.toFixed(6)} over 5 turns`);
    assert.ok(recorded.every((r) => r.priceSource === 'catalogue'));
    pipeline.dispose();
  });
});
