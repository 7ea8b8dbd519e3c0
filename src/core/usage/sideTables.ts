// The optional side tables of the stored v2 form (layout: storedForm.ts): reasoning tokens,
// sources, cache writes, savings by prompt caching and price sources. Each is written only when
// it holds something, so data without the feature stores (and reads back) the bytes it did
// before, and an older Switchboard that drops them still reads the shard's totals intact.

import type { CostPriceSource } from '../pricing/cost';
import { addSpend, emptySpend, type Agg, type DayUsage, type SavedSpendAgg, type SpendAgg, type UsageRecord } from './model';
import type { BodyV2, StoredDay } from './storedForm';
import { Names, SPEND_FIELDS, at, decodeTuple, encodeTuple } from './tuples';
import { toUsageSource, type UsageSource } from './usageSource';

type Entry = [number, number];
type DaySides = Omit<StoredDay, 'm' | 'w'>;
type RecordSides = Pick<BodyV2, 'rr' | 'rs' | 'rcw' | 'rsv' | 'rps'>;

const PRICE_SOURCES: readonly CostPriceSource[] = ['reported', 'catalogue', 'settings', 'endpoint'];

/** The name tables a shard's side tables index into, while encoding. */
export interface EncodeNames {
  pm: Names;
  ws: Names;
  src: Names;
}

/** The same tables, read back. */
export interface DecodeNames {
  pmKeys: readonly string[];
  ws: readonly string[];
  src: readonly string[];
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
    ...table('sv', nonZero(usage.models, pm, (a) => a.savedNanos)),
    ...table('wsv', nonZero(otherWorkspaces(usage.workspaces), ws, (a) => a.savedNanos)),
  };
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

/** The records' side tables; `records` in stored order (their index is their position). */
export function encodeRecordSides(records: readonly UsageRecord[], src: Names): RecordSides {
  const rr: Entry[] = [];
  const rs: Entry[] = [];
  const rcw: Entry[] = [];
  const rsv: Entry[] = [];
  const rps: [number, number, string][] = [];
  records.forEach((rec, i) => {
    if (rec.reasoningTokens) rr.push([i, rec.reasoningTokens]);
    if (rec.source && rec.source !== 'switchboard') rs.push([i, src.of(rec.source)]);
    if (rec.cacheWriteTokens) rcw.push([i, rec.cacheWriteTokens]);
    if (rec.savedNanos !== undefined) rsv.push([i, rec.savedNanos]);
    if (!rec.priceSource) return;
    // Runs: most requests in a row are priced the same way, so a shard holds a few entries.
    const last = rps[rps.length - 1];
    if (last && last[0] + last[1] === i && last[2] === rec.priceSource) last[1]++;
    else rps.push([i, 1, rec.priceSource]);
  });
  return { ...table('rr', rr), ...table('rs', rs), ...table('rcw', rcw), ...table('rsv', rsv), ...table('rps', rps) };
}

/** What the side tables add to the record at each stored index. */
export function recordSides(body: RecordSides & { recs: readonly unknown[] }, src: readonly string[]): (i: number) => Partial<UsageRecord> {
  const reasoning = new Map(body.rr ?? []);
  const sourceOf = new Map((body.rs ?? []).map(([i, srcIndex]) => [i, toUsageSource(at(src, srcIndex))]));
  const writes = new Map(body.rcw ?? []);
  const saved = new Map(body.rsv ?? []);
  const priced = new Map<number, CostPriceSource>();
  for (const [first, length, name] of body.rps ?? []) {
    // A name from a newer version is an unknown price source, not a reason to reject the shard.
    const known = PRICE_SOURCES.find((p) => p === name);
    if (!known) continue;
    for (let i = first; i < Math.min(first + length, body.recs.length); i++) priced.set(i, known);
  }
  return (i) => {
    const source = sourceOf.get(i);
    const savedNanos = saved.get(i);
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
