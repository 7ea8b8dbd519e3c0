// What prompt caching saved on one request: the same tokens priced as if nothing had been read
// from or written to the cache, minus what they did cost. Negative when cache writes (priced above
// input) cost more than the reads saved — the first turn of an Anthropic conversation, typically.
import type { ModelPrice, Usage } from '../llm/types';
import { costOf, nanosToUsd, usdToNanos } from './cost';

/** USD saved (rounded to 1e-9; negative = caching cost extra); null when the price is unknown; 0 when nothing was cached or written. */
export function savedByCaching(usage: Usage, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  if (!(usage.cachedInputTokens! > 0) && !(usage.cacheWriteTokens! > 0)) return 0;
  // Priced from the table on both sides, so a reported (OpenRouter) cost does not skew the difference.
  const table: Usage = { ...usage, reportedCostUsd: undefined };
  const actual = costOf(table, price).usd ?? 0;
  const uncached = costOf({ ...table, cachedInputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0 }, price).usd ?? 0;
  return nanosToUsd(usdToNanos(uncached) - usdToNanos(actual));
}
