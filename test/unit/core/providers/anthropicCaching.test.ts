// Anthropic prompt caching, on by default ("Prompt caching" in Anthropic's docs): the adapter marks
// the stable prefix, the fake Messages API caches what the docs say it caches (test/fakes/caching),
// and a 20-turn conversation costs at most 0.35× of the same conversation uncached. The prefix the
// fake receives never changes from turn to turn (nothing per-request in it), so the cache can hit.
import { strict as assert } from 'node:assert';
import type Anthropic from '@anthropic-ai/sdk';
import type { FakeProviders } from '../../../fakes/server';
import { marks, unmarked } from '../../../fakes/cacheMarks';
import { useFakes, words } from '../../../fakes/adapterHarness';
import { CACHED_MODEL as MODEL, CACHED_SYSTEM as SYSTEM, costOfTurns, twentyTurns } from '../../../fakes/cachedConversation';
import { minCacheableTokens, withCacheBreakpoints } from '../../../../src/core/providers/anthropic/cacheBreakpoints';

interface Sent { system?: unknown; messages: { role: string; content: unknown }[]; tools?: { cache_control?: unknown }[] }

describe('Anthropic prompt caching (on by default)', function () {
  this.timeout(60_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));
  const sent = () => fake.requests.filter((r) => r.provider === 'anthropic').map((r) => r.body as Sent);

  it('a 20-turn conversation costs ≤ 0.35× of the same conversation uncached; reads from turn 2; the prefix never changes', async () => {
    const cached = await twentyTurns(fake, '5m');
    const bodies = sent();
    fake.reset();
    const uncached = await twentyTurns(fake, 'off');
    const ratio = costOfTurns(cached) / costOfTurns(uncached);
    console.log(`      20 turns: $${costOfTurns(cached).toFixed(4)} cached vs $${costOfTurns(uncached).toFixed(4)} uncached = ${ratio.toFixed(3)}×`);
    assert.ok(ratio <= 0.35, `cost ratio ${ratio.toFixed(3)}`);
    assert.equal(cached[0]!.cachedInputTokens ?? 0, 0);
    for (const [i, u] of cached.entries()) if (i > 0) assert.ok((u.cachedInputTokens ?? 0) > 0, `turn ${i + 1} read from the cache`);
    assert.ok(uncached.every((u) => !u.cachedInputTokens && !u.cacheWriteTokens), 'off sends no marks, so nothing is cached');
    // Each turn's request starts with the whole previous request, byte for byte (marks aside).
    for (let i = 1; i < bodies.length; i++) {
      const before = unmarked({ ...bodies[i - 1]!, messages: bodies[i - 1]!.messages });
      const now = unmarked({ ...bodies[i]!, messages: bodies[i]!.messages.slice(0, bodies[i - 1]!.messages.length) });
      assert.equal(now, before, `turn ${i + 1} kept turn ${i}'s prefix`);
      assert.ok(marks(bodies[i]!) <= 4);
    }
  });

  it('marks the last tool, the system prompt, the newest message and the previous user turn; 1h when asked', () => {
    const tools = Array.from({ length: 30 }, (_, i) => ({ name: `tool_${i}`, description: words(40, `d${i}-`), input_schema: { type: 'object' as const, properties: {} } }));
    const body = withCacheBreakpoints({
      system: SYSTEM,
      tools,
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: 'second question' },
      ],
    }, MODEL, '1h') as unknown as Sent & { tools: { cache_control?: unknown }[]; system: { cache_control?: unknown }[]; messages: { content: { cache_control?: unknown }[] }[] };
    const mark = { type: 'ephemeral', ttl: '1h' };
    assert.deepEqual(body.tools.at(-1)!.cache_control, mark);
    assert.equal(body.tools[0]!.cache_control, undefined);
    assert.deepEqual(body.system[0]!.cache_control, mark);
    assert.deepEqual(body.messages[2]!.content.at(-1)!.cache_control, mark);
    assert.deepEqual(body.messages[0]!.content.at(-1)!.cache_control, mark);
    assert.equal(typeof body.messages[1]!.content, 'string', 'the assistant turn between stays as it was');
    assert.equal(marks(body), 4);
  });

  it("a conversation's first request marks only the system prompt (a one-off request pays no write for its messages)", () => {
    const body = withCacheBreakpoints({ system: SYSTEM, messages: [{ role: 'user', content: words(2000, 'code') }] }, MODEL, '5m') as unknown as Sent;
    assert.equal(marks(body), 1);
    assert.equal(typeof body.messages[0]!.content, 'string');
  });

  it('marks nothing while the prompt is below the model’s minimum cacheable length (a short chat is sent as before)', () => {
    const body: Anthropic.MessageCreateParams = { model: MODEL, max_tokens: 100, system: 'You are terse.', messages: [{ role: 'user', content: 'Say hello.' }] };
    assert.deepEqual(withCacheBreakpoints(body, MODEL, '5m'), body);
    assert.equal(minCacheableTokens('claude-haiku-4-5-20251001'), 4096);
    assert.equal(minCacheableTokens('claude-sonnet-4-5'), 1024);
  });
});
