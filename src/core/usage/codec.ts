// Stored forms of usage data, validated with zod on load, and the migration from older versions.
//
// v1 (legacy, key `switchboard.usage`): one flat list of records, no aggregates, no windows.
// v2 (current, one key per window shard + one archive key): compact JSON so a year of heavy use
//   stays under 100 KB. Provider/model pairs and workspace names are stored once per shard
//   (`pm`, `ws`) and referred to by index; aggregate tuples drop trailing zeros. The archive's
//   body is additionally deflated (see encodeShard).
//
//   days: { "YYYY-MM-DD": { m: [[pmIndex, ...AGG]], w: [[wsIndex, ...SPEND]] } }
//     AGG = requests, inputTokens, outputTokens, costNanos, cachedInputTokens, unknownPrice, estimated
//     SPEND = requests, costNanos, unknownPrice, estimated
//   recs: [[timeMs, pmIndex, input, output, cached, costNanos|null, latencyMs|null, outcome,
//          estimated 0|1, wsIndex]]   outcome = "ok" | "stopped" | "interrupted" | "error:<code>"
//   Reasoning tokens (part of output) sit in optional side tables, written only when non-zero:
//   days[d].r: [[pmIndex, reasoningTokens]] and rr: [[recordIndex, reasoningTokens]]. Data written
//   before them reads as 0, and an older Switchboard reading newer data ignores them (zod drops
//   unknown keys; a longer tuple would have made it reject the whole shard).
//   Sources (usageSource.ts) follow the same rule, and only sources other than 'switchboard' are
//   written: `src` names them, days[d].s: [[srcIndex, ...SPEND]] and rs: [[recordIndex, srcIndex]].
//   A day's 'switchboard' spend is what its models hold minus the other sources, so data written
//   before sources (or rewritten by an older version, which drops `s`) reads as all 'switchboard'
//   with its totals intact, and a user of the panel alone stores nothing more.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as z from 'zod';
import { usdToNanos } from '../pricing/cost';
import { MAX_RECORDS, addSpend, applyRecord, emptyAgg, emptyShard, emptySpend, pmKey, splitPmKey, type Agg, type Outcome, type Shard, type SpendAgg, type UsageRecord } from './model';
import { toUsageSource, type UsageSource } from './usageSource';

export const CURRENT_VERSION = 2;

const count = z.number().int().nonnegative();
const nameIndexed = z.array(count).min(1).max(8);
const dayKeyString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const outcomeString = z.string().regex(/^(ok|stopped|interrupted|error(:[\w.-]{1,40})?)$/);

const recordV2 = z.tuple([
  z.number().int().nonnegative(),
  count,
  count,
  count,
  count,
  count.nullable(),
  count.nullable(),
  outcomeString,
  z.union([z.literal(0), z.literal(1)]),
  count,
]);

/** [index, value]: a side table entry (reasoning tokens, or a record's source; see the header). */
const reasoningEntry = z.tuple([count, count]);

const bodyV2 = z.object({
  pm: z.array(z.tuple([z.string(), z.string()])),
  ws: z.array(z.string()),
  src: z.array(z.string().max(40)).max(20).optional(),
  days: z.record(
    dayKeyString,
    z.object({ m: z.array(nameIndexed), w: z.array(nameIndexed), r: z.array(reasoningEntry).optional(), s: z.array(nameIndexed).optional() }),
  ),
  recs: z.array(recordV2),
  rr: z.array(reasoningEntry).optional(),
  rs: z.array(reasoningEntry).optional(),
});
type BodyV2 = z.infer<typeof bodyV2>;

const headerV2 = z.object({
  v: z.literal(2),
  id: z.string().min(1).max(100),
  seen: z.number().int().nonnegative(),
  inc: z.record(z.string(), z.number().int().nonnegative()).optional(),
});

/** Plain form (window shards: small, written on every request). */
export const shardV2Schema = headerV2.extend(bodyV2.shape);
/** Deflated form (the archive: up to 400 days, written only by compaction). */
export const packedShardV2Schema = headerV2.extend({ z: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) });
export type StoredShardV2 = z.infer<typeof shardV2Schema> | z.infer<typeof packedShardV2Schema>;

export const usageV1Schema = z.object({
  version: z.literal(1),
  records: z.array(
    z.object({
      time: z.string(),
      provider: z.string().min(1),
      model: z.string().min(1),
      inputTokens: count,
      outputTokens: count,
      costUsd: z.number().nonnegative().nullable().optional(),
    }),
  ),
});
export type StoredUsageV1 = z.infer<typeof usageV1Schema>;

// Tuple orders: rarely non-zero fields last, so trailing zeros can be dropped.
const AGG_FIELDS = ['requests', 'inputTokens', 'outputTokens', 'costNanos', 'cachedInputTokens', 'unknownPrice', 'estimated'] as const;
const SPEND_FIELDS = ['requests', 'costNanos', 'unknownPrice', 'estimated'] as const;

function encodeTuple<T extends object>(index: number, agg: T, fields: readonly (keyof T)[]): number[] {
  const out = [index, ...fields.map((f) => agg[f] as number)];
  while (out.length > 2 && out[out.length - 1] === 0) out.pop();
  return out;
}

function decodeTuple<T extends object>(tuple: number[], into: T, fields: readonly (keyof T)[]): T {
  fields.forEach((f, i) => ((into[f] as number) = tuple[i + 1] ?? 0));
  return into;
}

/** Assigns each distinct name an index, in first-use order. */
class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

function encodeBody(shard: Shard): BodyV2 {
  const pm = new Names();
  const ws = new Names();
  const src = new Names();
  const days: BodyV2['days'] = {};
  for (const day of [...shard.days.keys()].sort()) {
    const usage = shard.days.get(day)!;
    const r: [number, number][] = [];
    const s = [...usage.sources].filter(([name, agg]) => name !== 'switchboard' && agg.requests > 0).map(([name, agg]) => encodeTuple(src.of(name), agg, SPEND_FIELDS));
    days[day] = {
      m: [...usage.models].map(([key, agg]) => {
        if (agg.reasoningTokens > 0) r.push([pm.of(key), agg.reasoningTokens]);
        return encodeTuple(pm.of(key), agg, AGG_FIELDS);
      }),
      w: [...usage.workspaces].map(([name, agg]) => encodeTuple(ws.of(name), agg, SPEND_FIELDS)),
      ...(r.length ? { r } : {}),
      ...(s.length ? { s } : {}),
    };
  }
  const rr: [number, number][] = [];
  const rs: [number, number][] = [];
  shard.records.forEach((rec, i) => {
    if (rec.reasoningTokens) rr.push([i, rec.reasoningTokens]);
    if (rec.source && rec.source !== 'switchboard') rs.push([i, src.of(rec.source)]);
  });
  const recs = shard.records.map((r): BodyV2['recs'][number] => [
    r.time,
    pm.of(pmKey(r.providerId, r.model)),
    r.inputTokens,
    r.outputTokens,
    r.cachedInputTokens,
    r.costNanos,
    r.latencyMs,
    r.outcome === 'error' && r.errorCode ? `error:${r.errorCode}` : r.outcome,
    r.estimated ? 1 : 0,
    ws.of(r.workspace),
  ]);
  const pmPairs = pm.list.map((key): [string, string] => {
    const { providerId, model } = splitPmKey(key);
    return [providerId, model];
  });
  return { pm: pmPairs, ws: ws.list, ...(src.list.length ? { src: src.list } : {}), days, recs, ...(rr.length ? { rr } : {}), ...(rs.length ? { rs } : {}) };
}

/**
 * The stored form of a shard. `pack` deflates the body (names, days, records) into base64: the
 * archive's 400 days of decimal JSON would be ~3× larger, and it is written only by compaction.
 * The header (id, seen, includes) stays plain so the per-request path can read `inc` cheaply.
 */
export function encodeShard(shard: Shard, pack = false): StoredShardV2 {
  const header: z.infer<typeof headerV2> = { v: 2, id: shard.id, seen: shard.lastSeen };
  if (shard.includes.size > 0) header.inc = Object.fromEntries(shard.includes);
  const body = encodeBody(shard);
  if (!pack) return { ...header, ...body };
  return { ...header, z: deflateRawSync(JSON.stringify(body)).toString('base64') };
}

function at<T>(list: readonly T[], i: number): T {
  if (i >= list.length) throw new Error(`name index ${i} out of range`);
  return list[i];
}

/**
 * A day's spend by source: the stored other sources, and 'switchboard' = the day's models minus
 * them (each field at least 0). A source this version does not know counts as 'switchboard'.
 */
function decodeSources(models: Map<string, Agg>, stored: readonly number[][], names: readonly string[]): Map<UsageSource, SpendAgg> {
  const sources = new Map<UsageSource, SpendAgg>();
  const rest = emptySpend();
  for (const agg of models.values()) addSpend(rest, agg);
  for (const t of stored) {
    const source = toUsageSource(at(names, t[0]));
    if (source === 'switchboard') continue;
    const agg = decodeTuple(t, emptySpend(), SPEND_FIELDS);
    const into = sources.get(source) ?? emptySpend();
    addSpend(into, agg);
    sources.set(source, into);
    for (const f of SPEND_FIELDS) rest[f] = Math.max(0, rest[f] - agg[f]);
  }
  if (rest.requests > 0) sources.set('switchboard', rest);
  return sources;
}

function decodeV2(header: z.infer<typeof headerV2>, body: BodyV2): Shard {
  const pmKeys = body.pm.map(([providerId, model]) => pmKey(providerId, model));
  const srcNames = body.src ?? [];
  const shard = emptyShard(header.id, header.seen);
  for (const [day, usage] of Object.entries(body.days)) {
    const models = new Map(usage.m.map((t) => [at(pmKeys, t[0]), decodeTuple(t, emptyAgg(), AGG_FIELDS)]));
    for (const [pmIndex, tokens] of usage.r ?? []) {
      const agg = models.get(at(pmKeys, pmIndex));
      if (agg) agg.reasoningTokens = tokens;
    }
    shard.days.set(day, {
      models,
      workspaces: new Map(usage.w.map((t) => [at(body.ws, t[0]), decodeTuple(t, emptySpend(), SPEND_FIELDS)])),
      sources: decodeSources(models, usage.s ?? [], srcNames),
    });
  }
  const reasoning = new Map(body.rr ?? []);
  const sourceOf = new Map((body.rs ?? []).map(([i, srcIndex]) => [i, toUsageSource(at(srcNames, srcIndex))]));
  shard.records = body.recs
    .map(([time, pmIndex, input, output, cached, costNanos, latencyMs, outcome, estimated, wsIndex], i): UsageRecord => {
      const { providerId, model } = splitPmKey(at(pmKeys, pmIndex));
      const [kind, code] = outcome.split(':') as [Outcome, string | undefined];
      const source = sourceOf.get(i);
      return {
        time,
        providerId,
        model,
        inputTokens: input,
        outputTokens: output,
        cachedInputTokens: cached,
        ...(reasoning.get(i) ? { reasoningTokens: reasoning.get(i)! } : {}),
        costNanos,
        latencyMs,
        outcome: kind,
        ...(code ? { errorCode: code } : {}),
        estimated: estimated === 1,
        workspace: at(body.ws, wsIndex),
        ...(source !== undefined && source !== 'switchboard' ? { source } : {}),
      };
    })
    .sort((a, b) => a.time - b.time);
  for (const [id, when] of Object.entries(header.inc ?? {})) shard.includes.set(id, when);
  return shard;
}

/** v1 → v2: aggregates rebuilt from every record (local days), the newest 500 kept as records. */
export function migrateV1(v1: StoredUsageV1, id: string): Shard {
  const records = v1.records
    .map((r): UsageRecord | undefined => {
      const time = Date.parse(r.time);
      if (!Number.isFinite(time)) return undefined;
      return {
        time,
        providerId: r.provider,
        model: r.model,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        cachedInputTokens: 0,
        costNanos: typeof r.costUsd === 'number' ? usdToNanos(r.costUsd) : null,
        latencyMs: null,
        outcome: 'ok',
        estimated: false,
        workspace: '',
      };
    })
    .filter((r): r is UsageRecord => r !== undefined)
    .sort((a, b) => a.time - b.time);
  const shard = emptyShard(id, records.length > 0 ? records[records.length - 1].time : 0);
  for (const record of records) applyRecord(shard, record, MAX_RECORDS);
  return shard;
}

export type Decoded =
  | { ok: true; shard: Shard; version: number }
  | { ok: false; reason: 'newer-version' | 'invalid'; version?: number };

/**
 * Reads any stored version. A newer version (written by a newer Switchboard in another window)
 * or a corrupt value is reported, never guessed at: the caller leaves such keys alone.
 */
export function decodeStored(raw: unknown, legacyId: string): Decoded {
  const version = typeof raw === 'object' && raw !== null ? ((raw as { v?: unknown; version?: unknown }).v ?? (raw as { version?: unknown }).version) : undefined;
  if (typeof version === 'number' && version > CURRENT_VERSION) return { ok: false, reason: 'newer-version', version };
  try {
    const plain = shardV2Schema.safeParse(raw);
    if (plain.success) return { ok: true, shard: decodeV2(plain.data, plain.data), version: 2 };
    const packed = packedShardV2Schema.safeParse(raw);
    if (packed.success) {
      const body = bodyV2.safeParse(JSON.parse(inflateRawSync(Buffer.from(packed.data.z, 'base64')).toString('utf8')));
      if (body.success) return { ok: true, shard: decodeV2(packed.data, body.data), version: 2 };
    }
    const v1 = usageV1Schema.safeParse(raw);
    if (v1.success) return { ok: true, shard: migrateV1(v1.data, legacyId), version: 1 };
  } catch {
    // A name index out of range, or a body that does not inflate/parse: 'invalid'.
  }
  return { ok: false, reason: 'invalid' };
}
