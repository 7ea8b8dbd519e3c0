// savingRates() for a shard that is encoded once per record (ShardEncoder). Fitting a year of days
// on every record would make a record's cost grow with the history, so the per-model fit of the
// days that no longer change is kept (a SampleRun each, rateFit.ts), and each encode fits only the
// day being written and the records on top of it.
//
// The order samples are met in decides ties in the fit, so the kept days are a prefix of
// shard.days in its own (insertion) order, the order savingRates() reads them in, and the rates
// come out in the order their models first appear: exactly what savingRates() gives.
import type { DayUsage } from './model';
import { SampleRun, type Sample, type SavingRate } from './rateFit';
import { daySamples } from './savingRates';

/** A record's model (pmKey) and its sample, if its saving is predicted. */
export interface RecordSample {
  key: string;
  sample: Sample | undefined;
}

export class IncrementalRates {
  private runs = new Map<string, SampleRun>();
  /** The days fed into `runs`: a prefix of shard.days, same keys, same objects, same order. */
  private fedDays: string[] = [];
  private fedUsages: DayUsage[] = [];
  private fedSet = new Set<string>();
  /** The day changed last: it will likely change again, so it and later days are not fed. */
  private recent: string | undefined;

  /** `day` was changed in place: a fit that includes it starts over. */
  changed(day: string): void {
    this.recent = day;
    if (this.fedSet.has(day)) this.reset();
  }

  reset(): void {
    this.runs = new Map();
    this.fedDays = [];
    this.fedUsages = [];
    this.fedSet = new Set();
  }

  /**
   * What savingRates() gives for a shard whose days are `keys` → `usages` in the map's order, with
   * these records (in stored order). `grown`: the days are the last call's with days added at the
   * end (those changed in place were reported to changed()), so the fed ones need no check.
   */
  rates(keys: readonly string[], usages: readonly DayUsage[], records: readonly RecordSample[], grown = false): Map<string, SavingRate> {
    const fed = this.fedDays.length;
    for (let i = grown ? fed : 0; i < fed; i++) {
      if (keys[i] === this.fedDays[i] && usages[i] === this.fedUsages[i]) continue;
      this.reset(); // a fed day was dropped, replaced or moved: fit everything again
      return this.rates(keys, usages, records);
    }
    const rest = new Map<string, Sample[]>();
    const add = (key: string, sample: Sample) => {
      const list = rest.get(key);
      if (list) list.push(sample);
      else rest.set(key, [sample]);
    };
    let feeding = true;
    for (let i = fed; i < keys.length; i++) {
      feeding &&= i < keys.length - 1 && keys[i] !== this.recent;
      if (feeding) {
        daySamples(usages[i]!, (key, sample) => this.run(key).push(sample));
        this.fedDays.push(keys[i]!);
        this.fedUsages.push(usages[i]!);
        this.fedSet.add(keys[i]!);
      } else {
        daySamples(usages[i]!, add);
      }
    }
    for (const r of records) if (r.sample) add(r.key, r.sample);
    const out = new Map<string, SavingRate>();
    // Models first met in the fed days come first, in that order; then those met only after.
    for (const [key, run] of this.runs) {
      const rate = run.fit(rest.get(key) ?? []);
      if (rate) out.set(key, rate);
    }
    for (const [key, samples] of rest) {
      if (this.runs.has(key)) continue;
      const rate = new SampleRun().fit(samples);
      if (rate) out.set(key, rate);
    }
    return out;
  }

  private run(key: string): SampleRun {
    let run = this.runs.get(key);
    if (!run) this.runs.set(key, (run = new SampleRun()));
    return run;
  }
}
