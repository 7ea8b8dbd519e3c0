// Usage shards to and from their stored form, validated with zod on load, and older versions read.
// The layout (v2, its optional side tables, v1) is described in storedForm.ts; the side tables
// are written and read in sideTables.ts, the name and tuple helpers live in tuples.ts, and the
// v1 → v2 migration in migrateV1.ts.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { emptyAgg, emptySavedSpend, emptyShard, pmKey, splitPmKey, type DayUsage, type Outcome, type Shard, type UsageRecord } from './model';
import { migrateV1 } from './migrateV1';
import { decodeDaySides, decodeRates, encodeDaySides, encodeRates, encodeRecordSides, recordSides, type EncodeNames, type RecordSides } from './sideTables';
import { savingRates, type SavingRate } from './savingRates';
import { bodyV2, packedShardV2Schema, shardV2Schema, usageV1Schema, type BodyV2, type HeaderV2, type StoredDay, type StoredShardV2 } from './storedForm';
import { AGG_FIELDS, Names, SPEND_FIELDS, at, decodeTuple, encodeTuple } from './tuples';

export { migrateV1 } from './migrateV1';
export { packedShardV2Schema, shardV2Schema, usageV1Schema, type StoredShardV2, type StoredUsageV1 } from './storedForm';

export const CURRENT_VERSION = 2;

/** One day's stored form. Assigns names in a fixed order (models, workspaces, side tables). */
export function encodeDay(usage: DayUsage, names: EncodeNames): StoredDay {
  const m = [...usage.models].map(([key, agg]) => encodeTuple(names.pm.of(key), agg, AGG_FIELDS));
  const w = [...usage.workspaces].map(([name, agg]) => encodeTuple(names.ws.of(name), agg, SPEND_FIELDS));
  return { m, w, ...encodeDaySides(usage, names) };
}

/** The records part of a body: `recs` and the records' side tables. */
export type RecordsPart = Pick<BodyV2, 'recs'> & RecordSides;

/**
 * How a body's parts are made, in this order (it is the order names get their indices): the
 * saving rates, the days oldest first, then the records. `fullBody` makes each afresh; ShardEncoder
 * (shardEncoder.ts) reuses what did not change and must produce exactly the same output.
 */
export interface BodyParts {
  rates(shard: Shard): ReadonlyMap<string, SavingRate>;
  days(shard: Shard, names: EncodeNames): BodyV2['days'];
  records(shard: Shard, names: EncodeNames): RecordsPart;
}

/** One record's stored tuple (its side-table entries are made by encodeRecordSides()). */
export function encodeRecord(r: UsageRecord, names: EncodeNames): BodyV2['recs'][number] {
  return [
    r.time,
    names.pm.of(pmKey(r.providerId, r.model)),
    r.inputTokens,
    r.outputTokens,
    r.cachedInputTokens,
    r.costNanos,
    r.latencyMs,
    r.outcome === 'error' && r.errorCode ? `error:${r.errorCode}` : r.outcome,
    r.estimated ? 1 : 0,
    names.ws.of(r.workspace),
  ];
}

const fullBody: BodyParts = {
  rates: savingRates,
  days: (shard, names) => {
    const days: BodyV2['days'] = {};
    for (const day of [...shard.days.keys()].sort()) days[day] = encodeDay(shard.days.get(day)!, names);
    return days;
  },
  records: (shard, names) => ({ recs: shard.records.map((r) => encodeRecord(r, names)), ...encodeRecordSides(shard.records, names) }),
};

function encodeBody(shard: Shard, parts: BodyParts): BodyV2 {
  const names: EncodeNames = { pm: new Names(), ws: new Names(), src: new Names(), rates: parts.rates(shard) };
  const days = parts.days(shard, names);
  const records = parts.records(shard, names);
  const rates = encodeRates(names);
  const pm = names.pm.list.map((key): [string, string] => {
    const { providerId, model } = splitPmKey(key);
    return [providerId, model];
  });
  return { pm, ws: names.ws.list, ...(names.src.list.length ? { src: names.src.list } : {}), days, ...records, ...rates };
}

/**
 * The stored form of a shard. `pack` deflates the body (names, days, records) into base64: the
 * archive's 400 days of decimal JSON would be ~3× larger, and it is written only by compaction.
 * The header (id, seen, includes) stays plain so the per-request path can read `inc` cheaply.
 */
export function encodeShard(shard: Shard, pack = false, parts: BodyParts = fullBody): StoredShardV2 {
  const header: HeaderV2 = { v: 2, id: shard.id, seen: shard.lastSeen };
  if (shard.includes.size > 0) header.inc = Object.fromEntries(shard.includes);
  const body = encodeBody(shard, parts);
  if (!pack) return { ...header, ...body };
  return { ...header, z: deflateRawSync(JSON.stringify(body)).toString('base64') };
}

function decodeV2(header: HeaderV2, body: BodyV2): Shard {
  const pmKeys = body.pm.map(([providerId, model]) => pmKey(providerId, model));
  const names = { pmKeys, ws: body.ws, src: body.src ?? [], rates: decodeRates(body.svr, pmKeys) };
  const shard = emptyShard(header.id, header.seen);
  for (const [day, usage] of Object.entries(body.days)) {
    const models = new Map(usage.m.map((t) => [at(names.pmKeys, t[0]), decodeTuple(t, emptyAgg(), AGG_FIELDS)]));
    const workspaces = new Map(usage.w.map((t) => [at(body.ws, t[0]), decodeTuple(t, emptySavedSpend(), SPEND_FIELDS)]));
    const sources = decodeDaySides(usage, models, workspaces, names);
    shard.days.set(day, { models, workspaces, sources });
  }
  const sides = recordSides(body, names);
  shard.records = body.recs
    .map(([time, pmIndex, input, output, cached, costNanos, latencyMs, outcome, estimated, wsIndex], i): UsageRecord => {
      const { providerId, model } = splitPmKey(at(names.pmKeys, pmIndex));
      const [kind, code] = outcome.split(':') as [Outcome, string | undefined];
      return {
        time,
        providerId,
        model,
        inputTokens: input,
        outputTokens: output,
        cachedInputTokens: cached,
        costNanos,
        latencyMs,
        outcome: kind,
        ...(code ? { errorCode: code } : {}),
        estimated: estimated === 1,
        workspace: at(body.ws, wsIndex),
        ...sides(i),
      };
    })
    .sort((a, b) => a.time - b.time);
  for (const [id, when] of Object.entries(header.inc ?? {})) shard.includes.set(id, when);
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
