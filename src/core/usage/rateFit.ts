// Fitting one model's saving rate (see savingRates.ts) to its samples. The fit is a most-frequent
// value (the read rate), then a most-frequent value given that one (the write rate), then a count
// of the stored entries the rate spares. A SampleRun keeps these for samples that will not change
// (a model's days before today), so a fit of those plus a few new samples costs only the few; it
// gives exactly the rate a fit of all the samples in the same order gives, ties included.
import { MAX_RATE } from './storedForm';

/** Nano-dollars one cached-input token saves and one cache-write token costs extra, for a model. */
export interface SavingRate {
  read: number;
  write: number;
}

/** What `rate` predicts for these tokens (0 without one). Encoder and decoder compute it alike. */
export function predictSaving(rate: SavingRate | undefined, cached: number, written: number): number {
  return (rate && Math.round(cached * rate.read - written * rate.write)) || 0; // never -0
}

/** A saving and the tokens it comes from: a record's (with a known cost) or a model's day. */
export interface Sample {
  cached: number;
  written: number;
  saved: number;
  /** Whether it is stored without a rate: a day's non-zero saving, a record's known one. */
  stored: boolean;
}

// A rate costs about three stored savings (`[i, read, write]`): keep one only when it spares more.
const MIN_SPARED = 4;

/** The most frequent value as a running fold: on a tie, the value that reached the count first. */
class ModeFold {
  private readonly counts = new Map<number, number>();
  private best: number | undefined;

  add(v: number): void {
    const n = (this.counts.get(v) ?? 0) + 1;
    this.counts.set(v, n);
    if (this.best === undefined || n > this.counts.get(this.best)!) this.best = v;
  }

  /** The mode with `more` added after what this fold holds, leaving the fold as it was. */
  modeWith(more: readonly number[]): number | undefined {
    if (!more.length) return this.best;
    const before = this.best;
    for (const v of more) this.add(v);
    const mode = this.best;
    for (const v of more) {
      const n = this.counts.get(v)! - 1;
      if (n) this.counts.set(v, n);
      else this.counts.delete(v);
    }
    this.best = before;
    return mode;
  }
}

/** A sample's read rate, when it has a known saving, cached tokens and no cache writes. */
const readOf = (s: Sample): number | undefined => (Number.isFinite(s.saved) && s.written === 0 && s.cached > 0 ? s.saved / s.cached : undefined);
/** A sample's write rate given the read rate, when it has a known saving and cache writes. */
const writeOf = (s: Sample, read: number): number | undefined => (Number.isFinite(s.saved) && s.written > 0 ? (s.cached * read - s.saved) / s.written : undefined);
/** +1: a stored saving the rate predicts (spared), −1: a saving it mispredicts that was not stored. */
function score(s: Sample, rate: SavingRate): number {
  const hit = predictSaving(rate, s.cached, s.written) === s.saved;
  return hit && s.stored ? 1 : !hit && !s.stored ? -1 : 0;
}

function valuesOf(samples: readonly Sample[], value: (s: Sample) => number | undefined): number[] {
  const out: number[] = [];
  for (const s of samples) {
    const v = value(s);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * One model's samples, in order, with the fit's running state: the read-rate fold, and for the
 * last read rate and rate asked about, the write-rate fold and the spared count (a year of days
 * keeps one read rate, so these are built once and then only extended).
 */
export class SampleRun {
  private readonly samples: Sample[] = [];
  private readonly reads = new ModeFold();
  private writes: { read: number; fold: ModeFold } | undefined;
  private spared: { rate: SavingRate; count: number } | undefined;

  push(s: Sample): void {
    this.samples.push(s);
    const read = readOf(s);
    if (read !== undefined) this.reads.add(read);
    if (this.writes) {
      const write = writeOf(s, this.writes.read);
      if (write !== undefined) this.writes.fold.add(write);
    }
    if (this.spared) this.spared.count += score(s, this.spared.rate);
  }

  /** The rate that predicts most of this run's samples and then `rest` exactly, if it spares at least MIN_SPARED entries. */
  fit(rest: readonly Sample[]): SavingRate | undefined {
    const read = this.reads.modeWith(valuesOf(rest, readOf)) ?? 0;
    const write = this.writeFold(read).modeWith(valuesOf(rest, (s) => writeOf(s, read))) ?? 0;
    if (!Number.isFinite(read) || !Number.isFinite(write) || Math.abs(read) > MAX_RATE || Math.abs(write) > MAX_RATE) return undefined;
    const rate = { read, write };
    let spared = this.sparedBy(rate);
    for (const s of rest) spared += score(s, rate);
    return spared >= MIN_SPARED ? rate : undefined;
  }

  private writeFold(read: number): ModeFold {
    if (this.writes?.read !== read) {
      const fold = new ModeFold();
      for (const s of this.samples) {
        const write = writeOf(s, read);
        if (write !== undefined) fold.add(write);
      }
      this.writes = { read, fold };
    }
    return this.writes.fold;
  }

  private sparedBy(rate: SavingRate): number {
    if (this.spared?.rate.read !== rate.read || this.spared.rate.write !== rate.write) {
      let count = 0;
      for (const s of this.samples) count += score(s, rate);
      this.spared = { rate, count };
    }
    return this.spared.count;
  }
}
