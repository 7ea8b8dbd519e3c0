// Read-only questions the status bar, budgets and the usage report ask of a merged view.
// Savings by prompt caching (`savedUsd`, negative = caching cost extra) count only the requests
// whose price was known, like costUsd. The recent-request list lives in recentRequests.ts.

import { nanosToUsd } from '../pricing/cost';
import { dayKey, monthRange } from './dates';
import { addAgg, addSavedSpend, addSpend, emptyAgg, emptySavedSpend, emptySpend, splitPmKey, type Agg, type DayUsage, type Shard, type SpendAgg } from './model';
import type { UsageSource } from './usageSource';

export { recent, type RecentRequest } from './recentRequests';

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Prompt-cache writes: part of inputTokens. */
  cacheWriteTokens: number;
  /** Reasoning tokens: part of outputTokens. */
  reasoningTokens: number;
  /** USD of the requests whose price was known. */
  costUsd: number;
  /** USD prompt caching saved on the requests whose price was known; negative = it cost extra. */
  savedUsd: number;
  /** Requests with no known price: their cost is NOT in costUsd. */
  unknownPriceRequests: number;
  /** Requests whose token counts were estimated. */
  estimatedRequests: number;
}

/** Inclusive range of local day keys (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export interface UsageFilter {
  providerId?: string;
  model?: string;
}

export interface ModelTotals extends UsageTotals {
  providerId: string;
  model: string;
}

/** One workspace's spend (what a workspace budget compares with its limit). */
export interface WorkspaceSpend {
  requests: number;
  costUsd: number;
  unknownPriceRequests: number;
  estimatedRequests: number;
}

/** Spending and savings per project (tokens are not kept per project). */
export interface WorkspaceTotals extends WorkspaceSpend {
  /** Workspace folder name; '' when no folder was open. */
  workspace: string;
  /** USD prompt caching saved (negative = cost extra). */
  savedUsd: number;
}

/** Spending per source (tokens are not kept per source). */
export interface SourceTotals {
  source: UsageSource;
  requests: number;
  costUsd: number;
  unknownPriceRequests: number;
  estimatedRequests: number;
}

export type SummaryPeriod = 'today' | 'month';

/** A model's share of a period summary. */
export interface PeriodModel {
  providerId: string;
  model: string;
  requests: number;
  costNanos: number;
  unknownPrice: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  // Optional (periodSummary always sets them) so a summary built by hand need not say them.
  /** Prompt-cache writes: part of inputTokens. */
  cacheWriteTokens?: number;
  /** Nano-dollars prompt caching saved; negative = cost extra. */
  savedNanos?: number;
}

/** One period's spend by model and by source (what the `/usage` chat command shows). */
export interface PeriodSummary {
  /** Nano-dollars of the requests whose price was known. */
  costNanos: number;
  /** Nano-dollars prompt caching saved (negative = cost extra); periodSummary always sets it. */
  savedNanos?: number;
  /** Requests with no known price (not in costNanos). */
  unknownPrice: number;
  estimated: number;
  requests: number;
  /** Largest cost first. */
  byModel: PeriodModel[];
  /** Largest cost first; only sources with requests. */
  bySource: { source: UsageSource; requests: number; costNanos: number; unknownPrice: number }[];
}

export interface DayTotals {
  day: string;
  total: UsageTotals;
  /** Largest cost first. */
  models: ModelTotals[];
}

export function toTotals(agg: Agg): UsageTotals {
  return {
    requests: agg.requests,
    inputTokens: agg.inputTokens,
    outputTokens: agg.outputTokens,
    cachedInputTokens: agg.cachedInputTokens,
    cacheWriteTokens: agg.cacheWriteTokens,
    reasoningTokens: agg.reasoningTokens,
    costUsd: nanosToUsd(agg.costNanos),
    savedUsd: nanosToUsd(agg.savedNanos),
    unknownPriceRequests: agg.unknownPrice,
    estimatedRequests: agg.estimated,
  };
}

function inRange(day: string, range: DayRange): boolean {
  return day >= range.from && day <= range.to;
}

function matches(key: string, filter: UsageFilter | undefined): boolean {
  if (!filter || (filter.providerId === undefined && filter.model === undefined)) return true;
  const { providerId, model } = splitPmKey(key);
  return (filter.providerId === undefined || filter.providerId === providerId) && (filter.model === undefined || filter.model === model);
}

export function totals(view: Shard, range: DayRange, filter?: UsageFilter): UsageTotals {
  const sum = emptyAgg();
  for (const [day, usage] of view.days) {
    if (!inRange(day, range)) continue;
    for (const [key, agg] of usage.models) if (matches(key, filter)) addAgg(sum, agg);
  }
  return toTotals(sum);
}

function byCost<T extends { costUsd: number; requests: number }>(a: T, b: T): number {
  return b.costUsd - a.costUsd || b.requests - a.requests;
}

function addModels(sums: Map<string, Agg>, models: Map<string, Agg>): void {
  for (const [key, agg] of models) {
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = emptyAgg()));
    addAgg(sum, agg);
  }
}

function modelTotals(sums: Map<string, Agg>): ModelTotals[] {
  return [...sums].map(([key, agg]) => ({ ...splitPmKey(key), ...toTotals(agg) })).sort(byCost);
}

export function byProviderModel(view: Shard, range: DayRange): ModelTotals[] {
  const sums = new Map<string, Agg>();
  for (const [day, usage] of view.days) if (inRange(day, range)) addModels(sums, usage.models);
  return modelTotals(sums);
}

/** One entry per given day (empty days included, so a chart has no gaps), models stacked. */
export function byDay(view: Shard, days: readonly string[]): DayTotals[] {
  return days.map((day) => {
    const models = view.days.get(day)?.models ?? new Map<string, Agg>();
    const total = emptyAgg();
    for (const agg of models.values()) addAgg(total, agg);
    return { day, total: toTotals(total), models: modelTotals(models) };
  });
}

/** Per key of `of(day)`, the sum over the days in `range` (spend only, or spend and savings). */
function sumSpend<K, T extends SpendAgg>(view: Shard, range: DayRange, of: (usage: DayUsage) => Map<K, T>, empty: () => T, add: (into: T, add: T) => void): Map<K, T> {
  const sums = new Map<K, T>();
  for (const [day, usage] of view.days) {
    if (!inRange(day, range)) continue;
    for (const [key, agg] of of(usage)) {
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = empty()));
      add(sum, agg);
    }
  }
  return sums;
}

const spendBy = <K>(view: Shard, range: DayRange, of: (usage: DayUsage) => Map<K, SpendAgg>) => sumSpend(view, range, of, emptySpend, addSpend);

function spendTotals(s: SpendAgg): WorkspaceSpend {
  return { requests: s.requests, costUsd: nanosToUsd(s.costNanos), unknownPriceRequests: s.unknownPrice, estimatedRequests: s.estimated };
}

/** One workspace's spend over `range` (what a workspace budget compares with its limit). */
export function workspaceSpend(view: Shard, range: DayRange, workspace: string): WorkspaceSpend {
  return spendTotals(spendBy(view, range, (u) => u.workspaces).get(workspace) ?? emptySpend());
}

export function byWorkspace(view: Shard, range: DayRange): WorkspaceTotals[] {
  return [...sumSpend(view, range, (u) => u.workspaces, emptySavedSpend, addSavedSpend)]
    .map(([workspace, s]) => ({ workspace, ...spendTotals(s), savedUsd: nanosToUsd(s.savedNanos) }))
    .sort(byCost);
}

/** Spend per source, largest first; only sources with requests. */
export function bySource(view: Shard, range: DayRange): SourceTotals[] {
  return [...spendBy(view, range, (u) => u.sources)].filter(([, s]) => s.requests > 0).map(([source, s]) => ({ source, ...spendTotals(s) })).sort(byCost);
}

/** Today's or this month's spend (local calendar, up to the end of the month) by model and source. */
export function periodSummary(view: Shard, period: SummaryPeriod, now: Date): PeriodSummary {
  const range = period === 'today' ? { from: dayKey(now), to: dayKey(now) } : monthRange(now);
  const models = new Map<string, Agg>();
  for (const [day, usage] of view.days) if (inRange(day, range)) addModels(models, usage.models);
  const total = emptyAgg();
  for (const agg of models.values()) addAgg(total, agg);
  const sources = spendBy(view, range, (u) => u.sources);
  const byNanos = <T extends { costNanos: number; requests: number }>(a: T, b: T) => b.costNanos - a.costNanos || b.requests - a.requests;
  return {
    costNanos: total.costNanos,
    savedNanos: total.savedNanos,
    unknownPrice: total.unknownPrice,
    estimated: total.estimated,
    requests: total.requests,
    byModel: [...models]
      .map(([key, a]) => ({
        ...splitPmKey(key),
        requests: a.requests,
        costNanos: a.costNanos,
        unknownPrice: a.unknownPrice,
        inputTokens: a.inputTokens,
        outputTokens: a.outputTokens,
        cachedInputTokens: a.cachedInputTokens,
        cacheWriteTokens: a.cacheWriteTokens,
        savedNanos: a.savedNanos,
      }))
      .sort(byNanos),
    bySource: [...sources]
      .filter(([, s]) => s.requests > 0)
      .map(([source, s]) => ({ source, requests: s.requests, costNanos: s.costNanos, unknownPrice: s.unknownPrice }))
      .sort(byNanos),
  };
}
