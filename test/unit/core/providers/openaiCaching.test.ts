// OpenAI caches prompts of 1,024 tokens or more on its own ("Prompt caching": hits in 128-token
// steps, routed by prefix and `prompt_cache_key`). Switchboard keeps the prefix stable and sends one
// key per conversation, so the fake (test/fakes/caching/openai.ts) reports cached tokens from turn 2
// — on Chat Completions and on the Responses API.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, converse, request, textOf, useFakes, words } from '../../../fakes/adapterHarness';
import type { ChatMessage, Usage } from '../../../../src/core/llm/types';

const openai = caseNamed('openai');
const SYSTEM = `You review TypeScript. House rules:\n${words(1500, 'rule')}`;

interface Body { prompt_cache_key?: string; messages?: unknown[]; input?: unknown[] }

describe('OpenAI prompt caching: a stable prefix and one prompt_cache_key per conversation', function () {
  this.timeout(30_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));
  const bodies = () => fake.requests.filter((r) => r.provider === 'openai' && r.method === 'POST').map((r) => r.body as Body);

  const talk = async (opener: string, turns: number, promptCache?: 'off'): Promise<Usage[]> =>
    converse(await adapterFor(openai, fake, undefined, promptCache ? { promptCache } : {}), fake, openai, {
      system: SYSTEM,
      turns,
      question: (t) => (t === 1 ? opener : `Follow-up ${t}: ${words(60, `f${t}-`)}`),
      answer: (t) => `Answer ${t}: ${words(80, `a${t}-`)}`,
      request: { ...request(openai), model: 'gpt-4o' },
    });

  it('Chat Completions: cached tokens from turn 2 (a multiple of 128), the same key on every turn, another key for another conversation', async () => {
    const usages = await talk('Review a.ts please.', 3);
    assert.equal(usages[0]!.cachedInputTokens ?? 0, 0);
    for (const u of usages.slice(1)) {
      assert.ok((u.cachedInputTokens ?? 0) >= 1024, `cached ${u.cachedInputTokens}`);
      assert.equal(u.cachedInputTokens! % 128, 0);
    }
    const keys = bodies().map((b) => b.prompt_cache_key);
    assert.ok(keys[0]?.startsWith('switchboard-'));
    assert.equal(new Set(keys).size, 1, 'one key for the whole conversation');
    await talk('Review b.ts instead.', 1);
    assert.notEqual(bodies().at(-1)!.prompt_cache_key, keys[0], 'another conversation, another key');
  });

  it('the Responses API (a reasoning model with an effort) sends the key and reports input_tokens_details.cached_tokens', async () => {
    const adapter = await adapterFor(openai, fake);
    const history: ChatMessage[] = [{ role: 'system', content: SYSTEM }, { role: 'user', content: 'Review a.ts.' }];
    const usages: Usage[] = [];
    for (let t = 1; t <= 2; t++) {
      fake.enqueue('openai', { text: `Answer ${t}.` });
      const { events, error } = await collect(adapter, { ...request(openai), model: 'gpt-5', reasoningEffort: 'low', messages: [...history] });
      assert.equal(error, undefined, error?.message);
      history.push({ role: 'assistant', content: textOf(events) }, { role: 'user', content: `Follow-up ${t}.` });
      const u = events.find((e) => e.type === 'usage');
      assert.ok(u?.type === 'usage');
      usages.push(u.usage);
    }
    assert.ok(fake.requests.every((r) => r.method !== 'POST' || r.path.endsWith('/responses')), 'went to /v1/responses');
    assert.ok((usages[1]!.cachedInputTokens ?? 0) > 0);
    assert.ok(bodies()[0]!.prompt_cache_key?.startsWith('switchboard-'));
  });

  it('sends no key for a short prompt (nothing to cache) or with switchboard.promptCaching off', async () => {
    fake.enqueue('openai', { text: 'Hi.' });
    await collect(await adapterFor(openai, fake), request(openai));
    assert.equal(bodies()[0]!.prompt_cache_key, undefined);
    await talk('Review a.ts please.', 1, 'off');
    assert.equal(bodies()[1]!.prompt_cache_key, undefined);
  });
});
