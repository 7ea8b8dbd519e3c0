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
const clean = (s: string, max: number): string => s.replace(/[\r\n]+/g, ' ').slice(0, max);
const whole = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

/** `entry` as a record finished at `time` (epoch ms; the caller resolves `entry.time`). */
export function toUsageRecord(entry: RequestUsage, time: number): UsageRecord {
  const cost = entry.cost ?? costOf(entry.usage, undefined);
  const usd = cost.usd;
  const reasoning = Math.min(whole(entry.usage.reasoningTokens), whole(entry.usage.outputTokens));
  const source = toUsageSource(entry.source);
  return {
    time,
    providerId: clean(entry.providerId, 100),
    model: clean(entry.model, 200),
    inputTokens: whole(entry.usage.inputTokens),
    outputTokens: whole(entry.usage.outputTokens),
    cachedInputTokens: whole(entry.usage.cachedInputTokens),
    ...(reasoning > 0 ? { reasoningTokens: reasoning } : {}),
    costNanos: usd === null || !Number.isFinite(usd) ? null : Math.max(0, usdToNanos(usd)),
    latencyMs: whole(entry.latencyMs),
    outcome: OUTCOMES.includes(entry.outcome) ? entry.outcome : 'error',
    ...(entry.outcome === 'error' && entry.errorCode ? { errorCode: entry.errorCode.replace(/[^\w.-]/g, '_').slice(0, 40) } : {}),
    estimated: cost.estimated || entry.usage.estimated === true,
    workspace: clean(entry.workspace ?? '', 200),
    ...(source !== 'switchboard' ? { source } : {}),
  };
}
