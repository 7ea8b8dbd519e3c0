// OpenAI-compatible gateways (issue 18) against the fake's OpenRouter (/api/v1) and LiteLLM
// (/litellm/v1), real openai SDK, real HTTP: published prices reach the model list (a failing
// /model/info never breaks it), and Claude behind either gateway gets Anthropic's cache marks —
// placed like the Anthropic adapter places them, absent elsewhere and with caching off — so reads
// are reported, in each gateway's usage shape, from turn 2.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, converse, useFakes, words } from '../../../fakes/adapterHarness';
import type { ProviderConfig, Usage } from '../../../../src/core/llm/types';
import { gatewayOf, takesCacheMarks } from '../../../../src/core/providers/gateways/gateway';

const compatible = caseNamed('compatible');
const SYSTEM = `You review TypeScript. House rules:\n${words(1500, 'rule')}`;

interface Body { messages: { role: string; content: unknown }[] }

/** JSON with every cache_control left out, otherwise byte for byte. */
const withoutMarks = (value: unknown): string => JSON.stringify(value, (k, v: unknown) => (k === 'cache_control' ? undefined : v));
const marksIn = (body: Body): unknown[] =>
  body.messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as { cache_control?: unknown }[]).flatMap((p) => (p.cache_control ? [p.cache_control] : [])) : []));

describe('gateways: endpoint prices and cache marks (OpenRouter, LiteLLM)', function () {
  this.timeout(30_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));
  const gateway = (which: 'openrouter' | 'litellm', o: Partial<ProviderConfig> = {}): Partial<ProviderConfig> => ({ baseURL: fake.baseURLs[which], gateway: which, ...o });
  const chatBodies = () => fake.requests.filter((r) => r.method === 'POST').map((r) => r.body as Body);

  const talk = async (config: Partial<ProviderConfig>, model: string, turns = 3): Promise<Usage[]> =>
    converse(await adapterFor(compatible, fake, undefined, config), fake, compatible, {
      system: SYSTEM,
      turns,
      question: (t) => `Question ${t}: ${words(150, `q${t}-`)}`,
      answer: (t) => `Answer ${t}: ${words(200, `a${t}-`)}`,
      request: { model, maxOutputTokens: 512 },
    });

  it("lists OpenRouter's models with their published prices and limits", async () => {
    const models = await (await adapterFor(compatible, fake, undefined, gateway('openrouter'))).listModels();
    const sonnet = models.find((m) => m.id === 'anthropic/claude-sonnet-4.5')!;
    assert.deepEqual(sonnet.price, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 });
    assert.equal(sonnet.contextWindow, 1_000_000);
    assert.equal(sonnet.maxOutputTokens, 64_000);
    assert.equal(models.find((m) => m.id === 'openrouter/auto')!.price, undefined);
  });

  it('knows OpenRouter by its host, a configured gateway by the config, nothing else', () => {
    const config = (o: Partial<ProviderConfig>): ProviderConfig => ({ id: 'compat:x', kind: 'openai-compatible', label: 'X', ...o });
    assert.equal(gatewayOf(config({ baseURL: 'https://openrouter.ai/api/v1' })), 'openrouter');
    assert.equal(gatewayOf(config({ baseURL: 'http://localhost:4000/v1', gateway: 'litellm' })), 'litellm');
    assert.equal(gatewayOf(config({ baseURL: 'https://openrouter.ai.evil.example/v1' })), undefined);
    assert.equal(gatewayOf(config({ baseURL: 'http://localhost:11434/v1' })), undefined);
    assert.equal(takesCacheMarks('openrouter', 'anthropic/claude-haiku-4.5'), true);
    assert.equal(takesCacheMarks('openrouter', 'google/gemini-2.5-pro'), false);
    assert.equal(takesCacheMarks('litellm', 'my-model', 'vertex_ai/claude-sonnet-4-5'), true);
    assert.equal(takesCacheMarks(undefined, 'claude-sonnet-4-5'), false);
  });

  it('asks a LiteLLM proxy for /model/info and merges its prices; a failing /model/info leaves the list intact', async () => {
    const adapter = await adapterFor(compatible, fake, undefined, gateway('litellm'));
    const models = await adapter.listModels();
    assert.deepEqual(models.map((m) => m.id), ['team-sonnet', 'gpt-4o-mini', 'local-llama']);
    assert.deepEqual(models[0]!.price, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 });
    assert.equal(models[0]!.contextWindow, 200_000);
    assert.ok(fake.requests.some((r) => r.path === '/litellm/v1/model/info'));

    for (const broken of [{ status: 500 }, { status: 404 }, { modelsBody: 'not json at all' }, { modelsBody: { data: [{ model_name: 'team-sonnet', model_info: { input_cost_per_token: 'lots' } }] } }]) {
      fake.reset();
      fake.enqueue('openai', {}, broken);
      const listed = await (await adapterFor(compatible, fake, undefined, gateway('litellm'))).listModels();
      assert.deepEqual(listed.map((m) => m.id), ['team-sonnet', 'gpt-4o-mini', 'local-llama'], JSON.stringify(broken));
      assert.equal(listed[0]!.price, undefined);
    }
  });

  it('a plain compatible endpoint lists ids only and never calls /model/info', async () => {
    const models = await (await adapterFor(compatible, fake)).listModels();
    assert.ok(models.every((m) => m.price === undefined));
    assert.ok(!fake.requests.some((r) => r.path.endsWith('/model/info')));
  });

  it('OpenRouter Claude: system + moving message marks, identical prefix bytes, reads from turn 2 (prompt_tokens_details)', async () => {
    const usages = await talk(gateway('openrouter', { promptCache: '5m' }), 'anthropic/claude-sonnet-4.5', 3);
    const bodies = chatBodies();
    assert.equal(marksIn(bodies[0]!).length, 1, 'turn 1: the system prompt only');
    assert.deepEqual(bodies[0]!.messages[0]!.content, [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }]);
    for (const b of bodies.slice(1)) assert.equal(marksIn(b).length, 3, 'system, previous user turn, newest message');
    // Each turn resends the previous turn's messages byte for byte (marks aside).
    for (let t = 1; t < bodies.length; t++) {
      const before = bodies[t - 1]!.messages;
      assert.equal(withoutMarks(bodies[t]!.messages.slice(0, before.length)), withoutMarks(before), `turn ${t + 1} prefix`);
    }
    assert.equal(usages[0]!.cachedInputTokens ?? 0, 0);
    assert.ok((usages[0]!.cacheWriteTokens ?? 0) > 1000, `turn 1 writes the system prompt: ${JSON.stringify(usages[0])}`);
    for (const u of usages.slice(1)) {
      assert.ok((u.cachedInputTokens ?? 0) > 1000, `read from turn 2: ${JSON.stringify(u)}`);
      assert.ok(u.inputTokens >= (u.cachedInputTokens ?? 0) + (u.cacheWriteTokens ?? 0), 'reads and writes are part of the input');
    }
  });

  it("OpenRouter '1h' sends ttl: '1h'; LiteLLM never does (undocumented there)", async () => {
    await talk(gateway('openrouter', { promptCache: '1h' }), 'anthropic/claude-sonnet-4.5', 2);
    assert.ok(marksIn(chatBodies()[1]!).every((m) => JSON.stringify(m) === '{"type":"ephemeral","ttl":"1h"}'));
    fake.reset();
    await talk(gateway('litellm', { promptCache: '1h' }), 'claude-sonnet-4-5', 2);
    assert.ok(marksIn(chatBodies()[1]!).length > 0);
    assert.ok(marksIn(chatBodies()[1]!).every((m) => JSON.stringify(m) === '{"type":"ephemeral"}'));
  });

  it('LiteLLM: a Claude route under a neutral name (from /model/info) gets marks; reads reported from turn 2 (cache_read_input_tokens)', async () => {
    const adapter = await adapterFor(compatible, fake, undefined, gateway('litellm', { promptCache: '5m' }));
    await adapter.listModels();
    fake.reset();
    const usages = await converse(adapter, fake, compatible, {
      system: SYSTEM,
      turns: 3,
      question: (t) => `Question ${t}: ${words(150, `q${t}-`)}`,
      answer: (t) => `Answer ${t}: ${words(200, `a${t}-`)}`,
      request: { model: 'team-sonnet', maxOutputTokens: 512 },
    });
    assert.ok(marksIn(chatBodies()[0]!).length === 1);
    assert.equal(usages[0]!.cachedInputTokens ?? 0, 0);
    assert.ok((usages[0]!.cacheWriteTokens ?? 0) > 0);
    for (const u of usages.slice(1)) assert.ok((u.cachedInputTokens ?? 0) > 1000, JSON.stringify(u));
  });

  it('no marks for non-Claude models, for other endpoints, or with caching off', async () => {
    await talk(gateway('openrouter'), 'openai/gpt-4o-mini', 2);
    await talk(gateway('litellm'), 'gpt-4o-mini', 2);
    await talk({}, 'claude-sonnet-4-5', 2); // a plain compatible endpoint
    await talk(gateway('openrouter', { promptCache: 'off' }), 'anthropic/claude-sonnet-4.5', 2);
    await talk(gateway('litellm', { promptCache: 'off' }), 'claude-sonnet-4-5', 2);
    const bodies = chatBodies();
    assert.equal(bodies.length, 10);
    for (const b of bodies) {
      assert.equal(marksIn(b).length, 0);
      assert.ok(!JSON.stringify(b).includes('cache_control'));
    }
  });
});
