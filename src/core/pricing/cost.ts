// What one request cost. Prices are USD per 1M tokens (ModelPrice), taken from the request's
// ResolvedModel (catalogue + `switchboard.prices`, merged once in core/models).
//
// Float policy: `tokens × pricePer1M` is exactly "micro-dollars", and every cost is rounded ONCE,
// per request, to whole nano-dollars (1e-9 USD). Totals add those integer nano-dollars (exact up
// to $9 million), and `usd = nanos / 1e9` is the double nearest to the decimal value, so sums of
// many requests never drift (0.1 + 0.2 style error) and compare equal to hand-written decimals.

import type { ModelPrice, PriceSource, Usage } from '../llm/types';

export type CostSource = 'reported' | 'price-table' | 'unknown';

/** Which price a recorded cost came from: the endpoint's own figure ('reported'), or a price table. */
export type CostPriceSource = 'reported' | PriceSource;

export interface Cost {
  /** USD, rounded to 1e-9; null when no price is known (never 0 for "unknown"). */
  usd: number | null;
  source: CostSource;
  /** True when the token counts came from our estimator, not from the provider. */
  estimated: boolean;
}

const NANOS_PER_USD = 1e9;

export function usdToNanos(usd: number): number {
  return Math.round(usd * NANOS_PER_USD);
}

export function nanosToUsd(nanos: number): number {
  return nanos / NANOS_PER_USD;
}

/** A token count we can trust for arithmetic: finite, non-negative, whole. */
function count(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/**
 * The cost of one request. A cost the endpoint reported (OpenRouter `usage.cost`) wins over the
 * price table. `usage.inputTokens` includes cache reads and writes; each part is charged at its
 * own rate (a missing cached/write rate falls back to the input rate). The 1-hour part of the cache
 * writes (`cacheWrite1hTokens`) is charged at 2× input; `reasoningTokens` are already inside
 * `outputTokens` and are not charged again.
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): Cost {
  const reported = usage.reportedCostUsd;
  if (typeof reported === 'number' && Number.isFinite(reported) && reported >= 0) {
    return { usd: nanosToUsd(usdToNanos(reported)), source: 'reported', estimated: false };
  }
  const estimated = usage.estimated === true;
  if (!price) return { usd: null, source: 'unknown', estimated };

  const input = count(usage.inputTokens);
  // Bad data (cache parts larger than the whole) must not produce a negative uncached part.
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const written = Math.min(count(usage.cacheWriteTokens), input - cached);
  const writtenFor1h = Math.min(count(usage.cacheWrite1hTokens), written);
  const uncached = input - cached - written;
  const micros =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    (written - writtenFor1h) * (price.cacheWrite ?? price.input) +
    writtenFor1h * cacheWrite1hRate(price) +
    count(usage.outputTokens) * price.output;
  return { usd: nanosToUsd(Math.round(micros * 1000)), source: 'price-table', estimated };
}

/**
 * Anthropic bills a 1-hour cache write at 2× the base input price (a 5-minute write, `cacheWrite`,
 * at 1.25×). A price with no cache-write rate (an override that gives only input/output) charges
 * every write at the input rate, 1-hour ones too — the same fallback as `cacheWrite`.
 */
export const CACHE_WRITE_1H_INPUT_MULTIPLIER = 2;

function cacheWrite1hRate(price: ModelPrice): number {
  return price.cacheWrite === undefined ? price.input : price.input * CACHE_WRITE_1H_INPUT_MULTIPLIER;
}

/** What a request would cost before it is sent: its input, and its output if the model wrote `outputTokens`. Null = unknown price. */
export function estimateCost(price: ModelPrice | undefined, inputTokens: number, outputTokens: number): { inputUsd: number | null; outputUsd: number | null } {
  if (!price) return { inputUsd: null, outputUsd: null };
  return {
    inputUsd: costOf({ inputTokens, outputTokens: 0 }, price).usd,
    outputUsd: costOf({ inputTokens: 0, outputTokens }, price).usd,
  };
}
