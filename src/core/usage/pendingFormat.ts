// The stored form of one window's pending usage (requests in flight), validated with zod on read,
// and what a dead window's pending requests become when another window settles them: an
// estimated, 'interrupted' record each, in a shard whose id and content follow from the stored
// value alone — so two windows settling the same dead window at once write the same key with the
// same value, and it is counted once. Why pending records exist: see pendingUsage.ts.
import * as z from 'zod/mini';
import '../zodEnglish';
import { costOf } from '../pricing/cost';
import type { ModelPrice } from '../llm/types';
import { encodeShard } from './codec';
import { applyRecord, emptyShard } from './model';
import { toUsageRecord } from './requestUsage';
import { toUsageSource, type UsageSource } from './usageSource';

export const PENDING_PREFIX = 'switchboard.usage.pending.v1.';
/** A settled dead window's shard id: `settled-<owner>-<beat>`. */
export const SETTLED_ID_PREFIX = 'settled-';

const count = z.int().check(z.nonnegative());
const usd = z.number().check(z.nonnegative());
const priceSchema = z.object({
  input: usd,
  output: usd,
  cachedInput: z.optional(usd),
  cacheWrite: z.optional(usd),
});

const entrySchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(40)),
  p: z.string().check(z.minLength(1), z.maxLength(100)),
  m: z.string().check(z.minLength(1), z.maxLength(200)),
  ws: z.string().check(z.maxLength(200)),
  start: count,
  in: count,
  out: count,
  /** The reservation in USD; null = unknown price. */
  usd: z.nullable(usd),
  price: z.optional(priceSchema),
  /** The request's source; absent = 'switchboard' (any name is read, an unknown one counts as that). */
  src: z.optional(z.string().check(z.maxLength(40))),
});

const pendingSchema = z.object({
  v: z.literal(1),
  owner: z.string().check(z.minLength(1), z.maxLength(40)),
  /** Epoch ms of the owner's last write: its heartbeat. */
  beat: count,
  entries: z.array(entrySchema).check(z.maxLength(1000)),
});

export type StoredEntry = z.infer<typeof entrySchema>;
export type StoredPending = z.infer<typeof pendingSchema>;

export interface PendingEntry {
  id: string;
  providerId: string;
  model: string;
  workspace: string;
  /** Epoch ms. */
  started: number;
  inputTokens: number;
  /** Estimated from the text streamed so far. */
  outputTokens: number;
  usd: number | null;
  price?: ModelPrice;
  /** Absent = 'switchboard'. */
  source?: UsageSource;
}

export function toStored(owner: string, beat: number, entries: Iterable<PendingEntry>): StoredPending {
  return {
    v: 1,
    owner,
    beat,
    entries: [...entries].map((e) => ({
      id: e.id,
      p: e.providerId,
      m: e.model,
      ws: e.workspace,
      start: Math.max(0, Math.round(e.started)),
      in: Math.max(0, Math.round(e.inputTokens)),
      out: Math.max(0, Math.round(e.outputTokens)),
      usd: e.usd === null || !Number.isFinite(e.usd) ? null : Math.max(0, e.usd),
      ...(e.price ? { price: { ...e.price } } : {}),
      ...(e.source && e.source !== 'switchboard' ? { src: e.source } : {}),
    })),
  };
}

/** A stored pending value, or undefined when it is not one this version can read (left alone). */
export function parsePending(raw: unknown): StoredPending | undefined {
  const parsed = pendingSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function settledShardId(stored: StoredPending): string {
  return `${SETTLED_ID_PREFIX}${stored.owner}-${stored.beat}`;
}

/** The settled shard (encoded) for a dead window's pending value: deterministic in `stored`. */
export function settledShard(stored: StoredPending): { id: string; value: unknown } {
  const id = settledShardId(stored);
  const shard = emptyShard(id, stored.beat);
  for (const e of stored.entries) {
    const usage = { inputTokens: e.in, outputTokens: e.out, estimated: true };
    const time = Math.max(e.start, stored.beat);
    const record = toUsageRecord(
      { providerId: e.p, model: e.m, usage, cost: costOf(usage, e.price), latencyMs: time - e.start, outcome: 'interrupted', workspace: e.ws, source: toUsageSource(e.src) },
      time,
    );
    applyRecord(shard, record);
  }
  return { id, value: encodeShard(shard) };
}
