// The optional side tables of the stored v2 form (layout: storedForm.ts): reasoning tokens,
// sources, cache writes, savings by prompt caching and price sources. Each is written only when
// it holds something, so data without the feature stores (and reads back) the bytes it did
// before, and an older Switchboard that drops them still reads the shard's totals intact.
//
// Savings are most of what caching adds to a year, and they barely compress (signed nano-dollar
// amounts). But with a model's price fixed they follow from its token counts: each cached token
// saves `read` nano-dollars and each written one costs `write` more (`svr`, fitted per shard by
// savingRates()). A saving that equals its prediction is not stored, only the exceptions (another
// price, an unknown price, rounding), so every figure stays exact. An older Switchboard reading
// such a shard sees no savings for the predicted ones: its totals are intact, its savings low.

import type { CostPriceSource } from '../pricing/cost';
import { addSpend, emptySpend, pmKey, type Agg, type DayUsage, type SavedSpendAgg, type SpendAgg, type UsageRecord } from './model';
import { type BodyV2, type StoredDay } from './storedForm';
import { predicted, predictSaving, type SavingRate } from './savingRates';
import { Names, SPEND_FIELDS, at, decodeTuple, encodeTuple } from './tuples';
import { toUsageSource, type UsageSource } from './usageSource';

type Entry = [number, number];
type DaySides = Omit<StoredDay, 'm' | 'w'>;
export type RecordSides = Pick<BodyV2, 'rr' | 'rs' | 'rcw' | 'rsv' | 'rsu' | 'rps'>;

const PRICE_SOURCES: readonly CostPriceSource[] = ['reported', 'catalogue', 'settings', 'endpoint'];

/** The name tables a shard's side tables index into, while encoding. */
export interface EncodeNames {
  pm: Names;
  ws: Names;
  src: Names;
  /** By pmKey: the models whose savings are predicted (savingRates()). */
  rates: ReadonlyMap<string, SavingRate>;
}

/** The same tables, read back. */
export interface DecodeNames {
  pmKeys: readonly string[];
  ws: readonly string[];
  src: readonly string[];
  /** By pmKey, from `svr`. */
  rates: ReadonlyMap<string, SavingRate>;
}

/** `[index, value]` for each entry whose value is not 0. */
function nonZero<K, T>(map: Map<K, T>, index: (key: K) => number, value: (agg: T) => number): Entry[] {
  return [...map].filter(([, agg]) => value(agg) !== 0).map(([key, agg]) => [index(key), value(agg)]);
}

/** `{ [name]: table }`, or nothing when the table is empty. */
function table<N extends string, T>(name: N, entries: T[]): { [K in N]?: T[] } {
  return (entries.length ? { [name]: entries } : {}) as { [K in N]?: T[] };
}

/** A day's side tables. Call after its `m` and `w` are encoded, so the name order is unchanged. */
export function encodeDaySides(usage: DayUsage, names: EncodeNames): DaySides {
  const pm = (key: string) => names.pm.of(key);
  const ws = (name: string) => names.ws.of(name);
  const others = [...usage.sources].filter(([name, agg]) => name !== 'switchboard' && agg.requests > 0);
  return {
    ...table('r', nonZero(usage.models, pm, (a) => a.reasoningTokens)),
    ...table('s', others.map(([name, agg]) => encodeTuple(names.src.of(name), agg, SPEND_FIELDS))),
    ...table('cw', nonZero(usage.models, pm, (a) => a.cacheWriteTokens)),
    ...table('sv', unpredicted(usage.models, names)),
    ...table('wsv', nonZero(otherWorkspaces(usage.workspaces), ws, (a) => a.savedNanos)),
  };
}

/** `[pmIndex, savedNanos]` for each model of a day whose saving is not its rate's prediction. */
function unpredicted(models: Map<string, Agg>, names: EncodeNames): Entry[] {
  return [...models]
    .filter(([key, a]) => a.savedNanos !== predictSaving(names.rates.get(key), a.cachedInputTokens, a.cacheWriteTokens))
    .map(([key, a]) => [names.pm.of(key), a.savedNanos]);
}

/** The `svr` table: `[pmIndex, read, write]` per model with a rate. */
export function encodeRates(names: EncodeNames): Pick<BodyV2, 'svr'> {
  return table('svr', [...names.rates].map(([key, r]): [number, number, number] => [names.pm.of(key), r.read, r.write]));
}

/** `svr` read back, by pmKey. */
export function decodeRates(svr: BodyV2['svr'], pmKeys: readonly string[]): Map<string, SavingRate> {
  return new Map((svr ?? []).map(([pmIndex, read, write]) => [at(pmKeys, pmIndex), { read, write }]));
}

/**
 * Every workspace of a day but its first: the first one's savings are the day's (its models')
 * minus the others', so a day with one workspace stores no workspace savings at all.
 */
function otherWorkspaces<T>(workspaces: Map<string, T>): Map<string, T> {
  return new Map([...workspaces].slice(1));
}

/**
 * Completes a decoded day from its side tables (tokens and savings of `models`, savings of
 * `workspaces`) and returns its spend by source.
 */
export function decodeDaySides(day: DaySides, models: Map<string, Agg>, workspaces: Map<string, SavedSpendAgg>, names: DecodeNames): Map<UsageSource, SpendAgg> {
  const setModel = (entries: readonly Entry[] | undefined, field: 'reasoningTokens' | 'cacheWriteTokens' | 'savedNanos') => {
    for (const [pmIndex, value] of entries ?? []) {
      const agg = models.get(at(names.pmKeys, pmIndex));
      if (agg) agg[field] = value;
    }
  };
  setModel(day.r, 'reasoningTokens');
  setModel(day.cw, 'cacheWriteTokens');
  for (const [key, agg] of models) agg.savedNanos = predictSaving(names.rates.get(key), agg.cachedInputTokens, agg.cacheWriteTokens);
  setModel(day.sv, 'savedNanos');
  let rest = 0;
  for (const agg of models.values()) rest += agg.savedNanos;
  for (const [wsIndex, nanos] of day.wsv ?? []) {
    const agg = workspaces.get(at(names.ws, wsIndex));
    if (agg) agg.savedNanos = nanos;
    rest -= nanos;
  }
  const first = workspaces.values().next();
  if (!first.done) first.value.savedNanos = rest;
  return decodeSources(models, day.s ?? [], names.src);
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

/**
 * The records' side tables; `records` in stored order (their index is their position). `keyAt`
 * gives a record's pmKey (ShardEncoder passes the one it keeps for each record).
 */
export function encodeRecordSides(
  records: readonly UsageRecord[],
  names: EncodeNames,
  keyAt = (i: number): string => pmKey(records[i]!.providerId, records[i]!.model),
): RecordSides {
  const rr: Entry[] = [];
  const rs: Entry[] = [];
  const rcw: Entry[] = [];
  const rsv: Entry[] = [];
  const rsu: number[] = [];
  const rps: [number, number, string][] = [];
  const anyRate = names.rates.size > 0;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.reasoningTokens) rr.push([i, rec.reasoningTokens]);
    if (rec.source && rec.source !== 'switchboard') rs.push([i, names.src.of(rec.source)]);
    if (rec.cacheWriteTokens) rcw.push([i, rec.cacheWriteTokens]);
    const rate = anyRate ? names.rates.get(keyAt(i)) : undefined;
    const written = rec.cacheWriteTokens ?? 0;
    if (rate && predicted(rec.cachedInputTokens, written, rec.costNanos)) {
      if (rec.savedNanos === undefined) rsu.push(i);
      else if (rec.savedNanos !== predictSaving(rate, rec.cachedInputTokens, written)) rsv.push([i, rec.savedNanos]);
    } else if (rec.savedNanos !== undefined) rsv.push([i, rec.savedNanos]);
    if (!rec.priceSource) continue;
    // Runs: most requests in a row are priced the same way, so a shard holds a few entries.
    const last = rps[rps.length - 1];
    if (last && last[0] + last[1] === i && last[2] === rec.priceSource) last[1]++;
    else rps.push([i, 1, rec.priceSource]);
  }
  return { ...table('rr', rr), ...table('rs', rs), ...table('rcw', rcw), ...table('rsv', rsv), ...table('rsu', rsu), ...table('rps', rps) };
}

/** What the side tables add to the record at each stored index. */
export function recordSides(body: RecordSides & Pick<BodyV2, 'recs'>, names: DecodeNames): (i: number) => Partial<UsageRecord> {
  const reasoning = new Map(body.rr ?? []);
  const sourceOf = new Map((body.rs ?? []).map(([i, srcIndex]) => [i, toUsageSource(at(names.src, srcIndex))]));
  const writes = new Map(body.rcw ?? []);
  const saved = new Map(body.rsv ?? []);
  const unknownSaving = new Set(body.rsu ?? []);
  const savingOf = (i: number): number | undefined => {
    if (saved.has(i) || unknownSaving.has(i)) return saved.get(i);
    const [, pmIndex, , , cached, costNanos] = body.recs[i];
    const written = writes.get(i) ?? 0;
    const rate = names.rates.get(at(names.pmKeys, pmIndex));
    return rate && predicted(cached, written, costNanos) ? predictSaving(rate, cached, written) : undefined;
  };
  const priced = new Map<number, CostPriceSource>();
  for (const [first, length, name] of body.rps ?? []) {
    // A name from a newer version is an unknown price source, not a reason to reject the shard.
    const known = PRICE_SOURCES.find((p) => p === name);
    if (!known) continue;
    for (let i = first; i < Math.min(first + length, body.recs.length); i++) priced.set(i, known);
  }
  return (i) => {
    const source = sourceOf.get(i);
    const savedNanos = savingOf(i);
    const priceSource = priced.get(i);
    return {
      ...(writes.get(i) ? { cacheWriteTokens: writes.get(i)! } : {}),
      ...(reasoning.get(i) ? { reasoningTokens: reasoning.get(i)! } : {}),
      ...(savedNanos !== undefined ? { savedNanos } : {}),
      ...(priceSource ? { priceSource } : {}),
      ...(source !== undefined && source !== 'switchboard' ? { source } : {}),
    };
  };
}
