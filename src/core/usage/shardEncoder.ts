// Encodes this window's shard once per recorded request without re-encoding its whole history.
// A record changes only its own day (today, normally the newest) and the record list; the stored
// form of every older day stays the same, as long as the name tables it indexes into and the
// saving rates it was predicted with are the same. So this keeps the stored form of a prefix of
// days (oldest first, as the codec writes them) with the name tables' lengths after each, and
// reuses that prefix: the names are replayed in the same order, so every index, and the output,
// is exactly what a full encodeShard() gives (a unit test compares them).
//
// Days are mutated in place by applyRecord, which the cache cannot see: the owner calls changed()
// with the day it touched. A day dropped (trimDays), a different shard object or different
// saving rates are detected here and cost one full encode.

import { encodeDay, encodeShard, type DaysEncoder } from './codec';
import type { DayUsage, Shard } from './model';
import type { SavingRate } from './savingRates';
import type { EncodeNames } from './sideTables';
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

export class ShardEncoder {
  private shard: Shard | undefined;
  private rates: ReadonlyMap<string, SavingRate> = new Map();
  private days: CachedDay[] = [];
  private names = { pm: [] as string[], ws: [] as string[], src: [] as string[] };
  private readonly encodeDays: DaysEncoder = (shard, names) => this.encodeDaysReusing(shard, names);

  /** The same value as encodeShard(shard) (unpacked), reusing the days unchanged since last time. */
  encode(shard: Shard): StoredShardV2 {
    return encodeShard(shard, false, this.encodeDays);
  }

  /** `day` (a day key) was changed in place: it and every later day are encoded afresh. */
  changed(day: string): void {
    const i = this.days.findIndex((d) => d.day >= day);
    if (i >= 0) this.days.length = i;
  }

  private encodeDaysReusing(shard: Shard, names: EncodeNames): BodyV2['days'] {
    if (shard !== this.shard || !sameRates(this.rates, names.rates)) this.days = [];
    this.shard = shard;
    this.rates = names.rates;
    const sorted = [...shard.days.keys()].sort();
    let kept = 0;
    while (kept < this.days.length && sorted[kept] === this.days[kept]!.day && shard.days.get(sorted[kept]!) === this.days[kept]!.usage) kept++;
    this.days.length = kept;
    const out: BodyV2['days'] = {};
    if (kept > 0) {
      // Replaying the names in their first-use order gives every name its former index.
      const last = this.days[kept - 1]!;
      for (let i = 0; i < last.pm; i++) names.pm.of(this.names.pm[i]!);
      for (let i = 0; i < last.ws; i++) names.ws.of(this.names.ws[i]!);
      for (let i = 0; i < last.src; i++) names.src.of(this.names.src[i]!);
      for (const d of this.days) out[d.day] = d.stored;
    }
    for (let i = kept; i < sorted.length; i++) {
      const day = sorted[i]!;
      const usage = shard.days.get(day)!;
      const stored = encodeDay(usage, names);
      out[day] = stored;
      this.days.push({ day, usage, stored, pm: names.pm.list.length, ws: names.ws.list.length, src: names.src.list.length });
    }
    this.names = { pm: names.pm.list.slice(), ws: names.ws.list.slice(), src: names.src.list.slice() };
    return out;
  }
}

function sameRates(a: ReadonlyMap<string, SavingRate>, b: ReadonlyMap<string, SavingRate>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, r] of a) {
    const o = b.get(key);
    if (!o || o.read !== r.read || o.write !== r.write) return false;
  }
  return true;
}
