// Read-only questions the status bar, budgets and the usage report ask of a merged view.

import { nanosToUsd } from '../pricing/cost';
import { dayKey, monthRange } from './dates';
import { addAgg, addSpend, emptyAgg, emptySpend, splitPmKey, type Agg, type DayUsage, type Outcome, type Shard, type SpendAgg } from './model';
import type { UsageSource } from './usageSource';

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Reasoning tokens: part of outputTokens. */
  reasoningTokens: number;
  /** USD of the requests whose price was known. */
  costUsd: number;
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

/** Spending per project (tokens are not kept per project). */
export interface WorkspaceTotals {
  /** Workspace folder name; '' when no folder was open. */
  workspace: string;
  requests: number;
  costUsd: number;
  unknownPriceRequests: number;
  estimatedRequests: number;
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

/** One period's spend by model and by source (what the `/usage` chat command shows). */
export interface PeriodSummary {
  /** Nano-dollars of the requests whose price was known. */
  costNanos: number;
  /** Requests with no known price (not in costNanos). */
  unknownPrice: number;
  estimated: number;
  requests: number;
  /** Largest cost first. */
  byModel: { providerId: string; model: string; requests: number; costNanos: number; unknownPrice: number; inputTokens: number; outputTokens: number; cachedInputTokens: number }[];
  /** Largest cost first; only sources with requests. */
  bySource: { source: UsageSource; requests: number; costNanos: number; unknownPrice: number }[];
}

export interface DayTotals {
  day: string;
  total: UsageTotals;
  /** Largest cost first. */
  models: ModelTotals[];
}

export interface RecentRequest {
  /** Epoch milliseconds. */
  time: number;
  providerId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  /** null = unknown price. */
  costUsd: number | null;
  latencyMs: number | null;
  outcome: Outcome;
  errorCode?: string;
  estimated: boolean;
  workspace: string;
  source: UsageSource;
}

export function toTotals(agg: Agg): UsageTotals {
  return {
    requests: agg.requests,
    inputTokens: agg.inputTokens,
    outputTokens: agg.outputTokens,
    cachedInputTokens: agg.cachedInputTokens,
    reasoningTokens: agg.reasoningTokens,
    costUsd: nanosToUsd(agg.costNanos),
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

function sumSpend<K>(view: Shard, range: DayRange, of: (usage: DayUsage) => Map<K, SpendAgg>): Map<K, SpendAgg> {
  const sums = new Map<K, SpendAgg>();
  for (const [day, usage] of view.days) {
    if (!inRange(day, range)) continue;
    for (const [key, agg] of of(usage)) {
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = emptySpend()));
      addSpend(sum, agg);
    }
  }
  return sums;
}

function spendTotals(s: SpendAgg): Omit<WorkspaceTotals, 'workspace'> {
  return { requests: s.requests, costUsd: nanosToUsd(s.costNanos), unknownPriceRequests: s.unknownPrice, estimatedRequests: s.estimated };
}

/** One workspace's spend over `range` (what a workspace budget compares with its limit). */
export function workspaceSpend(view: Shard, range: DayRange, workspace: string): Omit<WorkspaceTotals, 'workspace'> {
  return spendTotals(sumSpend(view, range, (u) => u.workspaces).get(workspace) ?? emptySpend());
}

export function byWorkspace(view: Shard, range: DayRange): WorkspaceTotals[] {
  return [...sumSpend(view, range, (u) => u.workspaces)].map(([workspace, s]) => ({ workspace, ...spendTotals(s) })).sort(byCost);
}

/** Spend per source, largest first; only sources with requests. */
export function bySource(view: Shard, range: DayRange): SourceTotals[] {
  return [...sumSpend(view, range, (u) => u.sources)].filter(([, s]) => s.requests > 0).map(([source, s]) => ({ source, ...spendTotals(s) })).sort(byCost);
}

/** Today's or this month's spend (local calendar, up to the end of the month) by model and source. */
export function periodSummary(view: Shard, period: SummaryPeriod, now: Date): PeriodSummary {
  const range = period === 'today' ? { from: dayKey(now), to: dayKey(now) } : monthRange(now);
  const models = new Map<string, Agg>();
  for (const [day, usage] of view.days) if (inRange(day, range)) addModels(models, usage.models);
  const total = emptyAgg();
  for (const agg of models.values()) addAgg(total, agg);
  const sources = sumSpend(view, range, (u) => u.sources);
  const byNanos = <T extends { costNanos: number; requests: number }>(a: T, b: T) => b.costNanos - a.costNanos || b.requests - a.requests;
  return {
    costNanos: total.costNanos,
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
      }))
      .sort(byNanos),
    bySource: [...sources]
      .filter(([, s]) => s.requests > 0)
      .map(([source, s]) => ({ source, requests: s.requests, costNanos: s.costNanos, unknownPrice: s.unknownPrice }))
      .sort(byNanos),
  };
}

/** The newest `n` requests, newest first. */
export function recent(view: Shard, n: number): RecentRequest[] {
  const count = Math.max(0, Math.floor(n));
  return view.records
    .slice(view.records.length - Math.min(count, view.records.length))
    .reverse()
    .map((r) => ({
      time: r.time,
      providerId: r.providerId,
      model: r.model,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      cachedInputTokens: r.cachedInputTokens,
      reasoningTokens: r.reasoningTokens ?? 0,
      costUsd: r.costNanos === null ? null : nanosToUsd(r.costNanos),
      latencyMs: r.latencyMs,
      outcome: r.outcome,
      ...(r.errorCode ? { errorCode: r.errorCode } : {}),
      estimated: r.estimated,
      workspace: r.workspace,
      source: r.source ?? 'switchboard',
    }));
}
