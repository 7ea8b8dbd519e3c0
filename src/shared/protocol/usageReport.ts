// The usage report's protocol: the panel asks (ready, refresh, export, reset), the host answers
// with the whole report, as the usage store computes it. Parsed on both sides.
import * as z from 'zod/mini';
import { amount, count, id, label, LIMITS, time } from './limits';
import { parseWith, type Parsed } from './parse';

/** USD prompt caching saved; negative when cache writes cost more than the reads saved. */
const saved = z.number().check(z.gte(-1e9), z.lte(1e9));
/** Which price costed a request (core/pricing/cost.ts CostPriceSource). */
const priceSource = z.enum(['reported', 'catalogue', 'settings', 'endpoint']);
const totalsShape = {
  requests: count,
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  /** Prompt-cache writes: part of inputTokens. */
  cacheWriteTokens: count,
  /** Reasoning tokens: part of outputTokens. */
  reasoningTokens: count,
  /** USD of the requests whose price was known. */
  costUsd: amount,
  /** USD prompt caching saved on the requests whose price was known. */
  savedUsd: saved,
  /** Requests with no known price: their cost is not in costUsd. */
  unknownPriceRequests: count,
  estimatedRequests: count,
};
/** Where requests came from (core/usage/usageSource.ts): the panel and editor commands, or VS Code's chat. */
const source = z.enum(['switchboard', 'vscode-chat']);
const usagePeriodSchema = z.object({
  totals: z.object(totalsShape),
  byModel: z.array(z.object({ ...totalsShape, providerId: id, model: id })).check(z.maxLength(LIMITS.models)),
  /** Spending and savings per project (tokens are not kept per project); workspace '' = no folder was open. */
  byWorkspace: z.array(z.object({ workspace: label, requests: count, costUsd: amount, savedUsd: saved, unknownPriceRequests: count, estimatedRequests: count }))
    .check(z.maxLength(LIMITS.models)),
  /** Spending per source (tokens are not kept per source); only sources with requests. */
  bySource: z.array(z.object({ source, requests: count, costUsd: amount, unknownPriceRequests: count, estimatedRequests: count })).check(z.maxLength(10)),
});
export const usageReportSchema = z.object({
  generatedAt: time,
  days: z.array(z.object({
    day: z.string().check(z.maxLength(10)),
    costUsd: amount,
    models: z.array(z.object({ model: id, costUsd: amount })).check(z.maxLength(LIMITS.providers)),
  })).check(z.maxLength(400)),
  today: usagePeriodSchema,
  week: usagePeriodSchema,
  month: usagePeriodSchema,
  recent: z.array(z.object({
    time,
    providerId: id,
    model: id,
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count,
    cacheWriteTokens: count,
    reasoningTokens: z.optional(count),
    costUsd: z.nullable(amount),
    /** 0 without cache activity; null = unknown price. */
    savedUsd: z.nullable(saved),
    /** null = unknown. */
    priceSource: z.nullable(priceSource),
    latencyMs: z.nullable(time),
    outcome: z.enum(['ok', 'stopped', 'interrupted', 'error']),
    errorCode: z.optional(id),
    estimated: z.boolean(),
    workspace: label,
    source,
  })).check(z.maxLength(500)),
  /** Display names of the provider ids the report mentions ("OpenAI", not "openai"). */
  providerLabels: z.array(z.object({ id, label })).check(z.maxLength(LIMITS.providers)),
  /** Display names of the sources ("VS Code chat"). */
  sourceLabels: z.array(z.object({ id: source, label })).check(z.maxLength(10)),
  /** What each price source is called ("catalogue (2026-11-05)", "your settings"…); 'unknown' for null. */
  priceSourceLabels: z.array(z.object({ id: z.union([priceSource, z.literal('unknown')]), label })).check(z.maxLength(10)),
  budgets: z.array(z.object({
    label,
    level: z.enum(['ok', 'warn80', 'exceeded', 'blocked']),
    limitUsd: amount,
    spentUsd: amount,
  })).check(z.maxLength(50)),
});


export type UsageReport = z.infer<typeof usageReportSchema>;

export const usageInboundSchema = z.discriminatedUnion('type', [
  /** The panel is mounted and wants the report. */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('exportCsv') }),
  z.object({ type: z.literal('resetUsage') }),
]);
export type UsageInbound = z.infer<typeof usageInboundSchema>;

export const usageOutboundSchema = z.discriminatedUnion('type', [
  /** Everything the panel shows. */
  z.object({ type: z.literal('usageReport'), report: usageReportSchema }),
]);
export type UsageOutbound = z.infer<typeof usageOutboundSchema>;

/** Validates a message from the usage report webview. Never throws. */
export function checkUsageInbound(raw: unknown): Parsed<UsageInbound> {
  return parseWith(usageInboundSchema, raw);
}

/** Validates a message from the host to the usage report webview. Never throws. */
export function checkUsageOutbound(raw: unknown): Parsed<UsageOutbound> {
  return parseWith(usageOutboundSchema, raw);
}
