// Encodes this window's shard once per recorded request without re-encoding its whole history:
// the cost of recording a request must not grow with the days the shard holds. A record changes
// only its own day (today, normally the newest) and the record list, so this keeps
//  - the saving-rate fit of the days that did not change (incrementalRates.ts),
//  - the stored form of a prefix of days (oldest first, as the codec writes them) with the name
//    tables' lengths after each; the names are replayed in the same order, so every index is what
//    a full encode gives,
//  - each record's model key, saving sample and stored tuple (records are immutable: kept by
//    object, the tuple reused while its name indices are unchanged).
// The output is exactly what a full encodeShard() gives (unit tests compare them byte for byte).
//
// Days are mutated in place by applyRecord, which this cannot see: the owner calls changed() with
// the day it touched (dayList.ts follows the days from those reports). A day dropped (trimDays) or
// replaced, another shard object or other saving rates are detected and cost one full encode of the days.

import { encodeDay, encodeRecord, encodeShard, type BodyParts, type RecordsPart } from './codec';
import { DayList } from './dayList';
import { IncrementalRates, type RecordSample } from './incrementalRates';
import { pmKey, type DayUsage, type Shard, type UsageRecord } from './model';
import { recordSample, type SavingRate } from './savingRates';
import { encodeRecordSides, type EncodeNames } from './sideTables';
import type { BodyV2, StoredDay, StoredShardV2 } from './storedForm';

interface CachedDay {
  day: string;
  usage: DayUsage;
  stored: StoredDay;
  /** Lengths of the pm / ws / src name tables once this day was encoded. */
  pm: number;
  ws: number;
  src: number;
}

interface CachedRecord extends RecordSample {
  record: UsageRecord;
  tuple: BodyV2['recs'][number] | undefined;
}

export class ShardEncoder implements BodyParts {
  private shard: Shard | undefined;
  private readonly fit = new IncrementalRates();
  private rateCache: ReadonlyMap<string, SavingRate> = new Map();
  private readonly storedDays: CachedDay[] = [];
  /**
   * The days object of the value encode() returns, updated in place: rebuilding a year's worth of
   * keys per record would cost more than all the rest. The store copies a value when it is written
   * (keyValueStore.ts), so a value is only read until the next encode().
   */
  private out: BodyV2['days'] = {};
  private names = { pm: [] as string[], ws: [] as string[], src: [] as string[] };
  /** What was made for each record of this encode, in stored order (rates() fills it, records() reads it). */
  private readonly current: CachedRecord[] = [];
  /** The shard's days in the map's order; `grown`: this encode's only added days at the end (rates() syncs, days() reads). */
  private readonly dayList = new DayList();
  private grown = false;
  /** The name tables as the days left them at the last encode, and whether records added to them. */
  private recordNames = { pm: [] as string[], ws: [] as string[], added: true };

  /**
   * The same value as encodeShard(shard) (unpacked), reusing what did not change since last time.
   * It shares parts with the next value: write it (the store copies it) before encoding again.
   */
  encode(shard: Shard): StoredShardV2 {
    if (shard !== this.shard) {
      this.shard = shard;
      this.fit.reset();
      this.dayList.reset();
      this.keep(0);
      this.current.length = 0;
    }
    return encodeShard(shard, false, this);
  }

  /** `day` (a day key) was changed in place: it and every later day are encoded afresh. */
  changed(day: string): void {
    this.fit.changed(day);
    this.dayList.changed(day);
    let n = this.storedDays.length;
    while (n > 0 && this.storedDays[n - 1]!.day >= day) n--;
    this.keep(n);
  }

  /** Keeps the first `n` stored days, in the list and in the days object. */
  private keep(n: number): void {
    const cached = this.storedDays;
    if (n === 0) this.out = {};
    else for (let i = n; i < cached.length; i++) delete this.out[cached[i]!.day];
    cached.length = n;
  }

  rates(shard: Shard): ReadonlyMap<string, SavingRate> {
    this.align(shard.records);
    this.grown = this.dayList.sync(shard.days);
    const rates = this.fit.rates(this.dayList.keys, this.dayList.usages, this.current, this.grown);
    // A day's stored form holds the savings its model's rate does not predict.
    if (!sameRates(this.rateCache, rates)) this.keep(0);
    this.rateCache = rates;
    return rates;
  }

  days(shard: Shard, names: EncodeNames): BodyV2['days'] {
    // Days are added in order but for a record dated back: then the map's order is not the codec's.
    const { keys, usages, ascending } = this.dayList;
    const sorted = ascending ? keys : [...keys].sort();
    const usageAt = (i: number) => (ascending ? usages[i]! : shard.days.get(sorted[i]!)!);
    const cached = this.storedDays;
    // Days that only grew at the end, in order, leave the stored prefix as changed() left it.
    let kept = ascending && this.grown ? cached.length : 0;
    while (kept < cached.length && sorted[kept] === cached[kept]!.day && usageAt(kept) === cached[kept]!.usage) kept++;
    this.keep(kept);
    if (kept > 0) {
      // Replaying the names in their first-use order gives every name its former index.
      const last = cached[kept - 1]!;
      for (let i = 0; i < last.pm; i++) names.pm.of(this.names.pm[i]!);
      for (let i = 0; i < last.ws; i++) names.ws.of(this.names.ws[i]!);
      for (let i = 0; i < last.src; i++) names.src.of(this.names.src[i]!);
    }
    for (let i = kept; i < sorted.length; i++) {
      const day = sorted[i]!;
      const usage = usageAt(i);
      const stored = encodeDay(usage, names);
      this.out[day] = stored; // after the kept days: sorted order is the object's key order
      cached.push({ day, usage, stored, pm: names.pm.list.length, ws: names.ws.list.length, src: names.src.list.length });
    }
    this.names = { pm: names.pm.list.slice(), ws: names.ws.list.slice(), src: names.src.list.slice() };
    return this.out;
  }

  records(shard: Shard, names: EncodeNames): RecordsPart {
    // A record's tuple holds its names' indices. While the tables the days filled are as they were
    // and no record added a name to them, every kept tuple still holds: only new records look up.
    const base = { pm: names.pm.list.length, ws: names.ws.list.length };
    const sameNames = !this.recordNames.added && sameList(this.recordNames.pm, names.pm.list, base.pm) && sameList(this.recordNames.ws, names.ws.list, base.ws);
    const recs: BodyV2['recs'] = [];
    for (let i = 0; i < shard.records.length; i++) {
      const r = shard.records[i]!;
      const c = this.current[i]!;
      const t = c.tuple;
      const valid = t !== undefined && (sameNames || (t[1] === names.pm.of(c.key) && t[9] === names.ws.of(r.workspace)));
      recs.push(valid ? t : (c.tuple = encodeRecord(r, names)));
    }
    const added = names.pm.list.length > base.pm || names.ws.list.length > base.ws;
    this.recordNames = { pm: names.pm.list.slice(0, base.pm), ws: names.ws.list.slice(0, base.ws), added };
    return { recs, ...encodeRecordSides(shard.records, names, (i) => this.current[i]!.key) };
  }

  /**
   * Brings `current` in line with `records`: the entries of records dropped from the front go, the
   * rest are kept where the same records follow on, and records not seen before get new ones.
   */
  private align(records: readonly UsageRecord[]): void {
    const current = this.current;
    let dropped = 0;
    while (dropped < current.length && current[dropped]!.record !== records[0]) dropped++;
    if (dropped > 0) current.splice(0, dropped);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (current[i]?.record !== r) current[i] = { record: r, key: pmKey(r.providerId, r.model), sample: recordSample(r), tuple: undefined };
    }
    current.length = records.length;
  }
}

function sameList(a: readonly string[], b: readonly string[], length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRates(a: ReadonlyMap<string, SavingRate>, b: ReadonlyMap<string, SavingRate>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, r] of a) {
    const o = b.get(key);
    if (!o || o.read !== r.read || o.write !== r.write) return false;
  }
  return true;
}
