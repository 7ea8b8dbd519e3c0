// Savings by prompt caching, predicted instead of stored. With a model's price fixed a saving
// follows from its token counts: each cached token saves `read` nano-dollars and each written one
// costs `write` more. savingRates() fits one rate per model to a shard (where it pays); the codec
// then stores only the savings that differ from the prediction (see sideTables.ts), so every
// figure reads back exact.
import { pmKey, type Shard } from './model';
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
interface Sample {
  cached: number;
  written: number;
  saved: number;
  /** Whether it is stored without a rate: a day's non-zero saving, a record's known one. */
  stored: boolean;
}

// A rate costs about three stored savings (`[i, read, write]`): keep one only when it spares more.
const MIN_SPARED = 4;

/** The most frequent value; undefined when there is none. */
function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}

/** The rate that predicts most of `samples` exactly, if it spares at least MIN_SPARED entries. */
function fitRate(samples: Sample[]): SavingRate | undefined {
  const known = samples.filter((s) => Number.isFinite(s.saved));
  const read = mode(known.filter((s) => s.written === 0 && s.cached > 0).map((s) => s.saved / s.cached)) ?? 0;
  const write = mode(known.filter((s) => s.written > 0).map((s) => (s.cached * read - s.saved) / s.written)) ?? 0;
  if (!Number.isFinite(read) || !Number.isFinite(write) || Math.abs(read) > MAX_RATE || Math.abs(write) > MAX_RATE) return undefined;
  const rate = { read, write };
  let spared = 0;
  for (const s of samples) {
    const hit = predictSaving(rate, s.cached, s.written) === s.saved;
    if (hit && s.stored) spared++;
    else if (!hit && !s.stored) spared--;
  }
  return spared >= MIN_SPARED ? rate : undefined;
}

/**
 * Per model (pmKey), the saving rate fitted to the shard's days and records, for the models where
 * it pays. Records with an unknown saving but a known cost and cache activity would be predicted
 * too (then stored as exceptions in `rsu`), so they count against a rate.
 */
export function savingRates(shard: Shard): Map<string, SavingRate> {
  const samples = new Map<string, Sample[]>();
  const add = (key: string, sample: Sample) => {
    const list = samples.get(key);
    if (list) list.push(sample);
    else samples.set(key, [sample]);
  };
  for (const usage of shard.days.values()) {
    for (const [key, a] of usage.models) if (a.cachedInputTokens > 0 || a.cacheWriteTokens > 0 || a.savedNanos !== 0) add(key, { cached: a.cachedInputTokens, written: a.cacheWriteTokens, saved: a.savedNanos, stored: a.savedNanos !== 0 });
  }
  for (const r of shard.records) {
    if (!predicted(r.cachedInputTokens, r.cacheWriteTokens ?? 0, r.costNanos)) continue;
    // An unknown saving (NaN) never matches a prediction: it counts as an added `rsu` entry.
    add(pmKey(r.providerId, r.model), { cached: r.cachedInputTokens, written: r.cacheWriteTokens ?? 0, saved: r.savedNanos ?? NaN, stored: r.savedNanos !== undefined });
  }
  const rates = new Map<string, SavingRate>();
  for (const [key, list] of samples) {
    const rate = fitRate(list);
    if (rate) rates.set(key, rate);
  }
  return rates;
}

/** Whether a record's saving is predicted from its model's rate (when the model has one). */
export function predicted(cached: number, written: number, costNanos: number | null): boolean {
  return costNanos !== null && (cached > 0 || written > 0);
}
