// Usage and cost history, safe with several windows open. Stored in a key-value store: one file
// per key under globalStorage in the product (fileKeyValueStore.ts; earlier versions used
// globalState, moveToFiles.ts), in memory in tests.
//
// Every window sees the same keys, and a concurrent write keeps only the last one. So:
// - Each window writes ONLY its own shard key (`switchboard.usage.v2.window.<id>`), always the
//   shard's complete cumulative state, with ONE update per finished request. Two windows never
//   write the same shard, and a write lost by a race is restored by the owner's next write: a
//   race can briefly under-count, never double-count.
// - Readers merge the archive key and every shard the archive does not already include.
// - `compact()` folds shards whose owner has not written for FOLD_AFTER_MS into the archive and
//   records their ids in `archive.includes` in the SAME value, so a shard's data is counted either
//   from the shard or from the archive, never both. Two windows folding at once write the same
//   or a partial archive; a shard left out is simply folded again, and a shard's key is deleted
//   only once an archive that includes it has been persisted for DELETE_AFTER_FOLD_MS.
// - An owner idle for ROTATE_AFTER_MS (< FOLD_AFTER_MS) starts a fresh shard id before writing,
//   so it never writes to a shard that may be being folded; so does an owner that finds its id in
//   `archive.includes` (another window folded it or ran reset()).
// The key layout, archive header and merge live in shardStorage.ts, the timings and compact() in
// compaction.ts, the sanitising of a reported request in requestUsage.ts.

import { dayKey, dayKeyAt, lastDays, monthRange } from './dates';
import { encodeShard } from './codec';
import { ShardEncoder } from './shardEncoder';
import { toCsv } from './csv';
import type { KeyValueStore } from './keyValueStore';
import { MAX_RECORDS, applyRecord, dropRecordsBefore, emptyShard, trimDays, type Shard } from './model';
import * as q from './queries';
import { toUsageRecord, type RequestUsage } from './requestUsage';
import { ROTATE_AFTER_MS, compact, oldestKeptDay, type CompactResult } from './compaction';
import { ARCHIVE_ID, ARCHIVE_KEY, SHARD_PREFIX, ShardStorage } from './shardStorage';

export type { KeyValueStore } from './keyValueStore';
export { MemoryKeyValueStore } from './keyValueStore';
export type { Outcome } from './model';
export type { RequestUsage } from './requestUsage';
export type { DayRange, DayTotals, ModelTotals, PeriodModel, PeriodSummary, RecentRequest, SourceTotals, SummaryPeriod, UsageFilter, UsageTotals, WorkspaceSpend, WorkspaceTotals } from './queries';
export type { UsageSource } from './usageSource';
export { ARCHIVE_KEY, LEGACY_V1_KEY, SHARD_PREFIX } from './shardStorage';
export {
  COMPACT_EVERY_MS,
  DELETE_AFTER_FOLD_MS,
  FOLD_AFTER_MS,
  FORGET_FOLDED_MS,
  ROTATE_AFTER_MS,
  type CompactResult,
} from './compaction';

export interface UsageStoreOptions {
  store: KeyValueStore;
  now?: () => Date;
  /** This window's shard id; random by default. */
  windowId?: string;
  /** Makes fresh shard ids (rotation, reset); random by default. */
  newId?: () => string;
}

function randomId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

export class UsageStore {
  private readonly storage: ShardStorage;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private own: Shard;
  private ownWritten = false;
  private cache: Shard | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  /** Reuses the stored form of the days a record did not touch (shardEncoder.ts). */
  private readonly encoder = new ShardEncoder();
  /** The shard trimOwn() last passed over, and the cutoff it trimmed it to. */
  private trimmed: { shard: Shard; oldest: string } | undefined;

  constructor(options: UsageStoreOptions) {
    this.storage = new ShardStorage(options.store);
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    const id = options.windowId ?? this.newId();
    this.own = emptyShard(id, this.now().getTime());
    // Reopening with a known id (e.g. a persisted window id) continues that shard.
    if (this.storage.hasShard(id) && !this.storage.archiveIncludes(id)) {
      const stored = this.storage.readShard(id);
      if (stored) {
        this.own = stored;
        this.ownWritten = true;
      }
    }
  }

  /** The shard this window currently writes. */
  get windowId(): string {
    return this.own.id;
  }

  /** update() calls this instance has made (tests and the benchmark assert on it). */
  get writes(): number {
    return this.storage.writes;
  }

  /** Records one finished request: exactly one update() call. Resolves once it is stored. */
  record(entry: RequestUsage): Promise<void> {
    const given = entry.time?.getTime();
    const time = given !== undefined && Number.isFinite(given) ? given : this.now().getTime();
    this.rotateIfNeeded(time);
    const record = toUsageRecord(entry, time);
    applyRecord(this.own, record);
    const day = dayKeyAt(time);
    this.encoder.changed(day);
    this.own.lastSeen = Math.max(this.own.lastSeen, time);
    this.trimOwn(day);
    if (this.cache) {
      // Keep the merged view current instead of re-merging every shard after each request.
      applyRecord(this.cache, record);
      // Records older than the merged newest 500 can never be shown again: do not store them.
      if (this.cache.records.length >= MAX_RECORDS) dropRecordsBefore(this.own, this.cache.records[0].time);
    }
    this.ownWritten = true;
    // Writes of this window go out one after another, each with the shard's state at that
    // moment, so the stored shard only ever moves forward even if the store reorders writes.
    // A store that can (files) encodes when it writes, so records that arrive while the disk is
    // busy share one encode and one write.
    const shard = this.own;
    const key = SHARD_PREFIX + shard.id;
    const encode = () => this.encoder.encode(shard);
    if (this.storage.writesLater) return this.storage.writeEncodedLater(key, encode);
    const written = this.lastWrite.then(() => this.storage.writeEncoded(key, encode()));
    this.lastWrite = written.catch(() => undefined);
    return written;
  }

  /** Call when another window may have written (the merged view is rebuilt on next read). */
  invalidate(): void {
    this.cache = undefined;
  }

  /**
   * Folds idle shards (and v1 data) into the archive and deletes keys folded long enough ago.
   * Never called from record(): run it at activation and every COMPACT_EVERY_MS.
   */
  compact(): Promise<CompactResult> {
    return compact({
      storage: this.storage,
      own: this.own,
      now: () => this.now(),
      invalidate: () => {
        this.cache = undefined;
      },
    });
  }

  /** Forgets all usage of every window: own shard restarts empty, other keys are deleted. */
  async reset(): Promise<void> {
    const nowMs = this.now().getTime();
    const archive = emptyShard(ARCHIVE_ID, nowMs);
    // Listing every id makes a stale copy written back by a racing window count for nothing,
    // and tells each live owner to start a fresh shard.
    for (const { id } of this.storage.usageKeys()) archive.includes.set(id, nowMs);
    archive.includes.set(this.own.id, nowMs);
    const pending = [this.storage.write(ARCHIVE_KEY, encodeShard(archive, true))];
    for (const { key } of this.storage.usageKeys()) pending.push(this.storage.write(key, undefined));
    this.own = emptyShard(this.newId(), nowMs);
    this.ownWritten = false;
    this.cache = undefined;
    await Promise.all(pending);
  }

  // ---- queries (merged across windows) --------------------------------------------------------

  totals(range: q.DayRange, filter?: q.UsageFilter): q.UsageTotals {
    return q.totals(this.view(), range, filter);
  }

  today(filter?: q.UsageFilter): q.UsageTotals {
    const day = dayKey(this.now());
    return this.totals({ from: day, to: day }, filter);
  }

  thisMonth(filter?: q.UsageFilter): q.UsageTotals {
    return this.totals(monthRange(this.now()), filter);
  }

  /** The last `days` local days up to today, oldest first, each stacked by provider × model. */
  byDay(days: number): q.DayTotals[] {
    return q.byDay(this.view(), lastDays(this.now(), Math.max(0, Math.floor(days))));
  }

  byProviderModel(range: q.DayRange): q.ModelTotals[] {
    return q.byProviderModel(this.view(), range);
  }

  /** One workspace's spend today ('day') or this month ('month'), merged across windows. */
  workspaceSpend(period: 'day' | 'month', workspace: string): q.WorkspaceSpend {
    const day = dayKey(this.now());
    return q.workspaceSpend(this.view(), period === 'day' ? { from: day, to: day } : monthRange(this.now()), workspace);
  }

  byWorkspace(range: q.DayRange): q.WorkspaceTotals[] {
    return q.byWorkspace(this.view(), range);
  }

  bySource(range: q.DayRange): q.SourceTotals[] {
    return q.bySource(this.view(), range);
  }

  /** Today's or this month's spend by model and by source. */
  summary(period: q.SummaryPeriod): q.PeriodSummary {
    return q.periodSummary(this.view(), period, this.now());
  }

  recent(n: number): q.RecentRequest[] {
    return q.recent(this.view(), n);
  }

  toCsv(): string {
    return toCsv(this.view());
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * Drops the own shard's days before oldestKeptDay(now). That is a pass over up to KEEP_DAYS days,
   * so it runs only when it can drop something: a new day moved the cutoff, the shard is another
   * one, or the record (`day`) is itself older.
   */
  private trimOwn(day: string): void {
    const oldest = oldestKeptDay(this.now());
    if (this.trimmed?.shard === this.own && this.trimmed.oldest === oldest && day >= oldest) return;
    trimDays(this.own, oldest);
    this.trimmed = { shard: this.own, oldest };
  }

  private rotateIfNeeded(time: number): void {
    if (!this.ownWritten) return;
    const idle = time - this.own.lastSeen > ROTATE_AFTER_MS;
    const folded = this.storage.archiveIncludes(this.own.id);
    if (!idle && !folded) return;
    // Idle: the old shard stays for compaction to fold. Folded/reset: its data is elsewhere.
    this.own = emptyShard(this.newId(), time);
    this.ownWritten = false;
    this.cache = undefined;
  }

  /** The merged view of every window, cached until this window rotates or invalidate(). */
  private view(): Shard {
    if (!this.cache) this.cache = this.storage.mergedView(this.own);
    return this.cache;
  }
}
