// What callers report about one finished request, and how it becomes a stored `UsageRecord`.
// Everything is sanitised here: one bad value must never make a stored shard unreadable.

import { costOf, usdToNanos, type Cost, type CostPriceSource } from '../pricing/cost';
import type { Usage } from '../llm/types';
import type { Outcome, UsageRecord } from './model';
import { toUsageSource, type UsageSource } from './usageSource';

/** One finished request, as the chat code reports it. */
export interface RequestUsage {
  providerId: string;
  model: string;
  usage: Usage;
  /** From costOf(); computed here from `usage` alone (reported cost or unknown) when absent. */
  cost?: Cost;
  latencyMs: number;
  outcome: Outcome;
  /** ProviderError code when outcome is 'error'. */
  errorCode?: string;
  /** Workspace folder name; empty/absent when no folder is open. */
  workspace?: string;
  /** Defaults to now(). */
  time?: Date;
  /** Who asked; absent = 'switchboard'. */
  source?: UsageSource;
  /** USD prompt caching saved (negative = cost extra; see pricing/cacheSavings.ts); null/absent = unknown. */
  savedUsd?: number | null;
  /** Which price `cost` came from; absent = unknown price. */
  priceSource?: CostPriceSource;
}

const OUTCOMES: readonly Outcome[] = ['ok', 'stopped', 'interrupted', 'error'];
const PRICE_SOURCES: readonly CostPriceSource[] = ['reported', 'catalogue', 'settings', 'endpoint'];
/** One line of at most `max` characters (the regex only runs on the rare name with a line break). */
const clean = (s: string, max: number): string => {
  const line = s.includes('\n') || s.includes('\r') ? s.replace(/[\r\n]+/g, ' ') : s;
  return line.length > max ? line.slice(0, max) : line;
};
const whole = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

/** `entry` as a record finished at `time` (epoch ms; the caller resolves `entry.time`). */
export function toUsageRecord(entry: RequestUsage, time: number): UsageRecord {
  const cost = entry.cost ?? costOf(entry.usage, undefined);
  const usd = cost.usd;
  const reasoning = Math.min(whole(entry.usage.reasoningTokens), whole(entry.usage.outputTokens));
  const source = toUsageSource(entry.source);
  const input = whole(entry.usage.inputTokens);
  const cached = whole(entry.usage.cachedInputTokens);
  // Cache writes are part of the input, next to the cache reads (as pricing/cost.ts charges them).
  const written = Math.min(whole(entry.usage.cacheWriteTokens), Math.max(0, input - cached));
  const costNanos = usd === null || !Number.isFinite(usd) ? null : Math.max(0, usdToNanos(usd));
  const saved = savedNanos(entry.savedUsd);
  // A record without cache activity stores what it did before savings were kept.
  const keepSaved = saved !== undefined && (saved !== 0 || cached > 0 || written > 0);
  const priceSource = costNanos !== null && PRICE_SOURCES.includes(entry.priceSource!) ? entry.priceSource : undefined;
  return {
    time,
    providerId: clean(entry.providerId, 100),
    model: clean(entry.model, 200),
    inputTokens: input,
    outputTokens: whole(entry.usage.outputTokens),
    cachedInputTokens: cached,
    ...(written > 0 ? { cacheWriteTokens: written } : {}),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
    costNanos,
    ...(keepSaved ? { savedNanos: saved } : {}),
    ...(priceSource ? { priceSource } : {}),
    latencyMs: whole(entry.latencyMs),
    outcome: OUTCOMES.includes(entry.outcome) ? entry.outcome : 'error',
    ...(entry.outcome === 'error' && entry.errorCode ? { errorCode: entry.errorCode.replace(/[^\w.-]/g, '_').slice(0, 40) } : {}),
    estimated: cost.estimated || entry.usage.estimated === true,
    workspace: clean(entry.workspace ?? '', 200),
    ...(source !== 'switchboard' ? { source } : {}),
  };
}

/** Whole nano-dollars (may be negative); undefined for an unknown or unusable saving. */
function savedNanos(usd: number | null | undefined): number | undefined {
  if (typeof usd !== 'number' || !Number.isFinite(usd)) return undefined;
  const nanos = usdToNanos(usd);
  return Number.isSafeInteger(nanos) ? nanos : undefined;
}
