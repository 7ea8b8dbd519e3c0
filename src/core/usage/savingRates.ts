// Savings by prompt caching, predicted instead of stored. With a model's price fixed a saving
// follows from its token counts: each cached token saves `read` nano-dollars and each written one
// costs `write` more. savingRates() fits one rate per model to a shard (where it pays); the codec
// then stores only the savings that differ from the prediction (see sideTables.ts), so every
// figure reads back exact. The fit itself is in rateFit.ts; incrementalRates.ts gives the same rates
// per record without refitting the days that did not change.
import { pmKey, type DayUsage, type Shard, type UsageRecord } from './model';
import { SampleRun, type Sample, type SavingRate } from './rateFit';

export { predictSaving, type Sample, type SavingRate } from './rateFit';

/** A day's samples, by model (pmKey), in the order savingRates() meets them: each model with cache activity or a saving. */
export function daySamples(usage: DayUsage, add: (key: string, sample: Sample) => void): void {
  for (const [key, a] of usage.models) if (a.cachedInputTokens > 0 || a.cacheWriteTokens > 0 || a.savedNanos !== 0) add(key, { cached: a.cachedInputTokens, written: a.cacheWriteTokens, saved: a.savedNanos, stored: a.savedNanos !== 0 });
}

/**
 * A record's sample, when its saving would be predicted: records with an unknown saving but a
 * known cost and cache activity would be predicted too (then stored as exceptions in `rsu`), so
 * they count against a rate (an unknown saving, NaN, never matches a prediction).
 */
export function recordSample(r: UsageRecord): Sample | undefined {
  if (!predicted(r.cachedInputTokens, r.cacheWriteTokens ?? 0, r.costNanos)) return undefined;
  return { cached: r.cachedInputTokens, written: r.cacheWriteTokens ?? 0, saved: r.savedNanos ?? NaN, stored: r.savedNanos !== undefined };
}

/** Per model (pmKey), the saving rate fitted to the shard's days and records, for the models where it pays. */
export function savingRates(shard: Shard): Map<string, SavingRate> {
  const runs = new Map<string, SampleRun>();
  const add = (key: string, sample: Sample) => {
    let run = runs.get(key);
    if (!run) runs.set(key, (run = new SampleRun()));
    run.push(sample);
  };
  for (const usage of shard.days.values()) daySamples(usage, add);
  for (const r of shard.records) {
    const sample = recordSample(r);
    if (sample) add(pmKey(r.providerId, r.model), sample);
  }
  const rates = new Map<string, SavingRate>();
  for (const [key, run] of runs) {
    const rate = run.fit([]);
    if (rate) rates.set(key, rate);
  }
  return rates;
}

/** Whether a record's saving is predicted from its model's rate (when the model has one). */
export function predicted(cached: number, written: number, costNanos: number | null): boolean {
  return costNanos !== null && (cached > 0 || written > 0);
}
