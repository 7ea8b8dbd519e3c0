// Gemini caches implicitly (2.5 and later, above a minimum prompt length: "Context caching" in the
// Gemini API docs) and reports `cachedContentTokenCount`. The adapter keeps the stable part first
// (systemInstruction, then the turns in order) and reports the cached tokens from turn 2.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, converse, useFakes, words } from '../../../fakes/adapterHarness';

const gemini = caseNamed('gemini');

describe('Gemini implicit caching: cached tokens reported from turn 2', function () {
  this.timeout(30_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('a long conversation on gemini-2.5-flash reads its earlier turns from the cache', async () => {
    const usages = await converse(await adapterFor(gemini, fake), fake, gemini, {
      system: `You review TypeScript. House rules:\n${words(2500, 'rule')}`,
      turns: 3,
      question: (t) => `Question ${t}: ${words(100, `q${t}-`)}`,
      answer: (t) => `Answer ${t}: ${words(100, `a${t}-`)}`,
      request: { model: 'gemini-2.5-flash', maxOutputTokens: 1024 },
    });
    assert.equal(usages[0]!.cachedInputTokens ?? 0, 0);
    for (const u of usages.slice(1)) {
      assert.ok((u.cachedInputTokens ?? 0) >= 2048, `cached ${u.cachedInputTokens}`);
      assert.ok(u.cachedInputTokens! < u.inputTokens, 'cached tokens are part of the input');
    }
  });
});
