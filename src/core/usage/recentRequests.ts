// The newest requests as the usage report lists them: each with what it cost, what prompt caching
// saved on it and which price it was costed with.

import { nanosToUsd, type CostPriceSource } from '../pricing/cost';
import type { Outcome, Shard } from './model';
import type { UsageSource } from './usageSource';

export interface RecentRequest {
  /** Epoch milliseconds. */
  time: number;
  providerId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Prompt-cache writes: part of inputTokens. */
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** null = unknown price. */
  costUsd: number | null;
  /** USD prompt caching saved (negative = cost extra); 0 without cache activity; null = unknown. */
  savedUsd: number | null;
  /** Which price costUsd came from; null = unknown (or recorded before sources were kept). */
  priceSource: CostPriceSource | null;
  latencyMs: number | null;
  outcome: Outcome;
  errorCode?: string;
  estimated: boolean;
  workspace: string;
  source: UsageSource;
}

/** The newest `n` requests, newest first. */
export function recent(view: Shard, n: number): RecentRequest[] {
  const count = Math.max(0, Math.floor(n));
  return view.records
    .slice(view.records.length - Math.min(count, view.records.length))
    .reverse()
    .map((r) => {
      const cacheWriteTokens = r.cacheWriteTokens ?? 0;
      const cached = r.cachedInputTokens > 0 || cacheWriteTokens > 0;
      return {
        time: r.time,
        providerId: r.providerId,
        model: r.model,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        cachedInputTokens: r.cachedInputTokens,
        cacheWriteTokens,
        reasoningTokens: r.reasoningTokens ?? 0,
        costUsd: r.costNanos === null ? null : nanosToUsd(r.costNanos),
        // A record keeps no saving without cache activity (0), or when the price was unknown.
        savedUsd: r.savedNanos !== undefined ? nanosToUsd(r.savedNanos) : cached ? null : 0,
        priceSource: r.priceSource ?? null,
        latencyMs: r.latencyMs,
        outcome: r.outcome,
        ...(r.errorCode ? { errorCode: r.errorCode } : {}),
        estimated: r.estimated,
        workspace: r.workspace,
        source: r.source ?? 'switchboard',
      };
    });
}
