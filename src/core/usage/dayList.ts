// A shard's days in the map's own (insertion) order, for ShardEncoder. Reading the whole map on
// every record would make a record's cost grow with the history, so the list is kept up to date
// from the days its owner reports changed (changed()): a day added by a record goes at the end, as
// in the map, and a day changed in place stays where it is. Anything else (days trimmed, a day
// replaced) shows as a count or an object that does not match, and the map is read again.
import type { DayUsage } from './model';

export class DayList {
  keys: string[] = [];
  usages: DayUsage[] = [];
  /** Whether `keys` ascend (days are added in order but for a record dated back). */
  ascending = true;
  private index = new Map<string, number>();
  private reported: string[] = [];
  private synced = false;

  /** `day` was added or changed in place. */
  changed(day: string): void {
    this.reported.push(day);
  }

  /** Forget the list (another shard): the next sync() reads the map. */
  reset(): void {
    this.synced = false;
    this.reported = [];
  }

  /**
   * Brings the list up to `days`. True when it only grew at the end, by reported days (every day
   * it held is still there, the same object in the same place); false when the map was read again.
   */
  sync(days: ReadonlyMap<string, DayUsage>): boolean {
    const reported = this.reported;
    this.reported = [];
    if (!this.synced) return this.reread(days);
    const added: string[] = [];
    for (const day of reported) {
      const usage = days.get(day);
      const i = this.index.get(day);
      if (usage === undefined || (i !== undefined && this.usages[i] !== usage)) return this.reread(days);
      if (i === undefined && !added.includes(day)) added.push(day);
    }
    if (days.size !== this.keys.length + added.length) return this.reread(days);
    for (const day of added) {
      if (this.keys.length && this.keys[this.keys.length - 1]! >= day) this.ascending = false;
      this.index.set(day, this.keys.length);
      this.keys.push(day);
      this.usages.push(days.get(day)!);
    }
    return true;
  }

  private reread(days: ReadonlyMap<string, DayUsage>): false {
    this.keys = [...days.keys()];
    this.usages = [...days.values()];
    this.index = new Map(this.keys.map((day, i) => [day, i]));
    this.ascending = this.keys.every((day, i) => i === 0 || this.keys[i - 1]! < day);
    this.synced = true;
    return false;
  }
}
