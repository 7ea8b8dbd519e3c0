// The 20-turn Anthropic conversation issue 18 measures prompt caching with: a ~2,000-token system
// prompt, questions of ~200 tokens and answers of ~300, priced from the catalogue. Shared by the
// unit test (≤ 0.35× of uncached) and `npm run bench` (cachedCostRatio20Turns).
import type { Usage } from '../../src/core/llm/types';
import { costOf } from '../../src/core/pricing/cost';
import { findCatalogueModel } from '../../src/core/pricing/catalogue';
import { adapterFor, caseNamed, converse, words } from './adapterHarness';
import type { FakeProviders } from './server';

export const CACHED_MODEL = 'claude-sonnet-4-6';
export const CACHED_SYSTEM = `You review TypeScript. House rules:\n${words(1200, 'rule')}`;

/** Each turn's usage of the 20-turn conversation with `promptCache` ('off' = no marks). */
export async function twentyTurns(fake: FakeProviders, promptCache: '5m' | '1h' | 'off'): Promise<Usage[]> {
  const anthropic = caseNamed('anthropic');
  return converse(await adapterFor(anthropic, fake, undefined, { promptCache }), fake, anthropic, {
    system: CACHED_SYSTEM,
    turns: 20,
    question: (t) => `Question ${t}: ${words(120, `q${t}-`)}`,
    answer: (t) => `Answer ${t}: ${words(180, `a${t}-`)}`,
    request: { model: CACHED_MODEL, maxOutputTokens: 1024 },
  });
}

/** USD of those turns at the model's catalogue price. */
export function costOfTurns(usages: readonly Usage[]): number {
  const price = findCatalogueModel('anthropic', CACHED_MODEL)!.price;
  return usages.reduce((sum, u) => sum + (costOf(u, price).usd ?? 0), 0);
}

/** Cached cost ÷ uncached cost of the 20-turn conversation (5-minute TTL). */
export async function cachedCostRatio20Turns(fake: FakeProviders): Promise<{ ratio: number; cachedUsd: number; uncachedUsd: number }> {
  const cachedUsd = costOfTurns(await twentyTurns(fake, '5m'));
  fake.reset();
  const uncachedUsd = costOfTurns(await twentyTurns(fake, 'off'));
  return { ratio: cachedUsd / uncachedUsd, cachedUsd, uncachedUsd };
}
