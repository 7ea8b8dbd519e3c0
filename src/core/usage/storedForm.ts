// The stored forms of usage data, as zod schemas: what codec.ts writes and validates on load.
//
// v1 (legacy, key `switchboard.usage`): one flat list of records, no aggregates, no windows.
// v2 (current, one key per window shard + one archive key): compact JSON so a year of heavy use
//   (200 requests a day, half of them cached) stays under 100 KB. Provider/model pairs and
//   workspace names are stored once per shard (`pm`, `ws`) and referred to by index; aggregate
//   tuples drop trailing zeros. The archive's body is additionally deflated (codec.ts encodeShard).
//
//   days: { "YYYY-MM-DD": { m: [[pmIndex, ...AGG]], w: [[wsIndex, ...SPEND]] } }
//     AGG = requests, inputTokens, outputTokens, costNanos, cachedInputTokens, unknownPrice, estimated
//     SPEND = requests, costNanos, unknownPrice, estimated
//   recs: [[timeMs, pmIndex, input, output, cached, costNanos|null, latencyMs|null, outcome,
//          estimated 0|1, wsIndex]]   outcome = "ok" | "stopped" | "interrupted" | "error:<code>"
//
// Everything added since sits in OPTIONAL side tables (sideTables.ts), written only when it holds
// something: data written before them reads as 0 / absent, a user without the feature stores the
// same bytes, and an older Switchboard reading newer data ignores them (zod drops unknown keys; a
// longer tuple, or a negative number in one, would have made it reject the whole shard).
//   Reasoning tokens (part of output): days[d].r: [[pmIndex, n]], rr: [[recordIndex, n]].
//   Sources (usageSource.ts) other than 'switchboard': `src` names them, days[d].s:
//     [[srcIndex, ...SPEND]], rs: [[recordIndex, srcIndex]].
//   Cache writes (part of input): days[d].cw: [[pmIndex, n]], rcw: [[recordIndex, n]].
//   Savings by prompt caching, signed nano-dollars: days[d].sv: [[pmIndex, nanos]],
//     days[d].wsv: [[wsIndex, nanos]] for every workspace but the day's first in `w` (whose
//     savings are the models' minus the others', like the 'switchboard' source), and
//     rsv: [[recordIndex, nanos]] (absent for a record = none or unknown).
//   Saving rates (sideTables.ts), svr: [[pmIndex, read, write]] nano-dollars per cached / written
//     token. A model with a rate has its savings predicted, round(cached × read − written × write),
//     for each day and for each record with a known cost and cache activity; sv and rsv then hold
//     only the savings that differ, and rsu: [recordIndex] the records whose saving is unknown.
//     Without `svr` (data written before it) every saving is in sv / rsv, read as before.
//   Price sources (pricing/cost.ts CostPriceSource), as runs of consecutive records:
//     rps: [[firstRecordIndex, runLength, name]].

import * as z from 'zod/mini';
import '../zodEnglish';

const count = z.int().check(z.nonnegative());
/** Signed nano-dollars (a saving can be negative); int() also keeps it a safe integer. */
const signed = z.int();
/** Bounds a stored saving rate (nano-dollars per token): $1 a token is far above any price. */
export const MAX_RATE = 1e9;
/** Nano-dollars per token (a saving rate, sideTables.ts); not necessarily whole. */
const rate = z.number().check(z.gte(-MAX_RATE), z.lte(MAX_RATE));
const nameIndexed = z.array(count).check(z.minLength(1), z.maxLength(8));
const dayKeyString = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const outcomeString = z.string().check(z.regex(/^(ok|stopped|interrupted|error(:[\w.-]{1,40})?)$/));

const recordV2 = z.tuple([
  z.int().check(z.nonnegative()),
  count,
  count,
  count,
  count,
  z.nullable(count),
  z.nullable(count),
  outcomeString,
  z.union([z.literal(0), z.literal(1)]),
  count,
]);

/** [index, value]: a side table entry (reasoning tokens, cache writes, or a record's source). */
const countEntry = z.tuple([count, count]);
/** [index, nano-dollars]: a savings side table entry. */
const signedEntry = z.tuple([count, signed]);
const optionalTable = <T extends z.ZodMiniType>(entry: T) => z.optional(z.array(entry));

const storedDay = z.object({
  m: z.array(nameIndexed),
  w: z.array(nameIndexed),
  r: optionalTable(countEntry),
  s: optionalTable(nameIndexed),
  cw: optionalTable(countEntry),
  sv: optionalTable(signedEntry),
  wsv: optionalTable(signedEntry),
});
export type StoredDay = z.infer<typeof storedDay>;

export const bodyV2 = z.object({
  pm: z.array(z.tuple([z.string(), z.string()])),
  ws: z.array(z.string()),
  src: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20))),
  days: z.record(dayKeyString, storedDay),
  recs: z.array(recordV2),
  rr: optionalTable(countEntry),
  rs: optionalTable(countEntry),
  rcw: optionalTable(countEntry),
  rsv: optionalTable(signedEntry),
  rsu: optionalTable(count),
  svr: optionalTable(z.tuple([count, rate, rate])),
  rps: optionalTable(z.tuple([count, count, z.string().check(z.maxLength(40))])),
});
export type BodyV2 = z.infer<typeof bodyV2>;

export const headerV2 = z.object({
  v: z.literal(2),
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  seen: z.int().check(z.nonnegative()),
  inc: z.optional(z.record(z.string(), z.int().check(z.nonnegative()))),
});
export type HeaderV2 = z.infer<typeof headerV2>;

/** Plain form (window shards: small, written on every request). */
export const shardV2Schema = z.extend(headerV2, bodyV2.shape);
/** Deflated form (the archive: up to 400 days, written only by compaction). */
export const packedShardV2Schema = z.extend(headerV2, { z: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)) });
export type StoredShardV2 = z.infer<typeof shardV2Schema> | z.infer<typeof packedShardV2Schema>;

export const usageV1Schema = z.object({
  version: z.literal(1),
  records: z.array(
    z.object({
      time: z.string(),
      provider: z.string().check(z.minLength(1)),
      model: z.string().check(z.minLength(1)),
      inputTokens: count,
      outputTokens: count,
      costUsd: z.optional(z.nullable(z.number().check(z.nonnegative()))),
    }),
  ),
});
export type StoredUsageV1 = z.infer<typeof usageV1Schema>;
