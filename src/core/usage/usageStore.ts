// Usage and cost history, persisted in VS Code's globalState, safe with several windows open.
//
// globalState is shared by all windows and a concurrent write keeps only the last one. (VS Code's
// Memento even persists an extension's whole state as one value, including its possibly stale
// copy of other windows' keys, refreshed by change events.) So:
// - Each window writes ONLY its own shard key (`switchboard.usage.v2.window.<id>`), always the
//   shard's complete cumulative state, with ONE update per finished request. Two windows never
//   write the same shard, and a write lost or reverted by a race is restored by the owner's next
//   write: a race can briefly under-count, never double-count.
// - Readers merge the archive key and every shard the archive does not already include.
// - `compact()` folds shards whose owner has not written for FOLD_AFTER_MS into the archive and
//   records their ids in `archive.includes` in the SAME value, so a shard's data is counted either
//   from the shard or from the archive, never both. Two windows folding at once write the same
//   or a partial archive; a shard left out is simply folded again, and a shard's key is deleted
//   only once an archive that includes it has been persisted for DELETE_AFTER_FOLD_MS.
// - An owner idle for ROTATE_AFTER_MS (< FOLD_AFTER_MS) starts a fresh shard id before writing,
//   so it never writes to a shard that may be being folded; so does an owner that finds its id in
//   `archive.includes` (another window folded it or ran reset()).

import { costOf, usdToNanos, type Cost } from '../pricing/cost';
import type { Usage } from '../llm/types';
import { addDays, dayKey, lastDays, monthRange } from './dates';
import { decodeStored, encodeShard } from './codec';
import { toCsv } from './csv';
import type { KeyValueStore } from './keyValueStore';
import {
  KEEP_DAYS,
  MAX_RECORDS,
  applyRecord,
  dropRecordsBefore,
  emptyShard,
  mergeShard,
  trimDays,
  type Outcome,
  type Shard,
  type UsageRecord,
} from './model';
import * as q from './queries';

export type { KeyValueStore } from './keyValueStore';
export { MemoryKeyValueStore } from './keyValueStore';
export type { Outcome } from './model';
export type { DayRange, DayTotals, ModelTotals, RecentRequest, UsageFilter, UsageTotals, WorkspaceTotals } from './queries';

export const SHARD_PREFIX = 'switchboard.usage.v2.window.';
export const ARCHIVE_KEY = 'switchboard.usage.v2.archive';
/** Where v1 kept its flat record list; folded into the archive like a shard, then deleted. */
export const LEGACY_V1_KEY = 'switchboard.usage';
const LEGACY_ID = 'legacy-v1';
const ARCHIVE_ID = 'archive';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Run compact() at activation and this often (it writes nothing when there is nothing to do). */
export const COMPACT_EVERY_MS = 1 * HOUR;
export const ROTATE_AFTER_MS = 1 * HOUR;
/** Must exceed ROTATE_AFTER_MS by far more than a write takes to reach the other windows. */
export const FOLD_AFTER_MS = 2 * HOUR;
/** Must exceed how stale another window's view of the archive can be. */
export const DELETE_AFTER_FOLD_MS = 10 * MINUTE;
/** After this, a folded id is forgotten (its key is long gone; no stale copy can come back). */
export const FORGET_FOLDED_MS = 30 * 24 * HOUR;

/** One finished request, as the chat code reports it. */
export interface RequestUsage {
  providerId: string;
  model: string;
  usage: Usage;
  /** From costOf(); computed here from `usage` alone (reported cost or unknown) when absent. */
  cost?: Cost;
  latencyMs: number;
  outcome: Outcome;
  /** ProviderError code when outcome is 'error'. */
  errorCode?: string;
  /** Workspace folder name; empty/absent when no folder is open. */
  workspace?: string;
  /** Defaults to now(). */
  time?: Date;
}

export interface UsageStoreOptions {
  store: KeyValueStore;
  now?: () => Date;
  /** This window's shard id; random by default. */
  windowId?: string;
  /** Makes fresh shard ids (rotation, reset); random by default. */
  newId?: () => string;
}

export interface CompactResult {
  folded: string[];
  deleted: string[];
  /** Keys left alone: written by a newer Switchboard version, or unreadable. */
  skipped: string[];
}

function randomId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

const OUTCOMES: readonly Outcome[] = ['ok', 'stopped', 'interrupted', 'error'];
const clean = (s: string, max: number): string => s.replace(/[\r\n]+/g, ' ').slice(0, max);
const whole = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

export class UsageStore {
  private readonly kv: KeyValueStore;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private own: Shard;
  private ownWritten = false;
  private cache: Shard | undefined;
  private writeCount = 0;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(options: UsageStoreOptions) {
    this.kv = options.store;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    const id = options.windowId ?? this.newId();
    this.own = emptyShard(id, this.now().getTime());
    // Reopening with a known id (e.g. a persisted window id) continues that shard.
    const existing = this.kv.get<unknown>(SHARD_PREFIX + id);
    if (existing !== undefined && !this.archiveIncludes(id)) {
      const decoded = decodeStored(existing, id);
      if (decoded.ok && decoded.version === 2) {
        this.own = decoded.shard;
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
    return this.writeCount;
  }

  /** Records one finished request: exactly one update() call. Resolves once it is stored. */
  record(entry: RequestUsage): Promise<void> {
    const given = entry.time?.getTime();
    const time = given !== undefined && Number.isFinite(given) ? given : this.now().getTime();
    this.rotateIfNeeded(time);
    const cost = entry.cost ?? costOf(entry.usage, undefined);
    // Everything is sanitised here: one bad value must never make a stored shard unreadable.
    const usd = cost.usd;
    const record: UsageRecord = {
      time,
      providerId: clean(entry.providerId, 100),
      model: clean(entry.model, 200),
      inputTokens: whole(entry.usage.inputTokens),
      outputTokens: whole(entry.usage.outputTokens),
      cachedInputTokens: whole(entry.usage.cachedInputTokens),
      costNanos: usd === null || !Number.isFinite(usd) ? null : Math.max(0, usdToNanos(usd)),
      latencyMs: whole(entry.latencyMs),
      outcome: OUTCOMES.includes(entry.outcome) ? entry.outcome : 'error',
      ...(entry.outcome === 'error' && entry.errorCode ? { errorCode: entry.errorCode.replace(/[^\w.-]/g, '_').slice(0, 40) } : {}),
      estimated: cost.estimated || entry.usage.estimated === true,
      workspace: clean(entry.workspace ?? '', 200),
    };
    applyRecord(this.own, record);
    this.own.lastSeen = Math.max(this.own.lastSeen, time);
    trimDays(this.own, this.oldestKeptDay());
    if (this.cache) {
      // Keep the merged view current instead of re-merging every shard after each request.
      applyRecord(this.cache, record);
      // Records older than the merged newest 500 can never be shown again: do not store them.
      if (this.cache.records.length >= MAX_RECORDS) dropRecordsBefore(this.own, this.cache.records[0].time);
    }
    this.ownWritten = true;
    // Writes of this window go out one after another, each with the shard's state at that
    // moment, so the stored shard only ever moves forward even if the store reorders writes.
    const shard = this.own;
    const written = this.lastWrite.then(() => this.write(SHARD_PREFIX + shard.id, encodeShard(shard)));
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
  async compact(): Promise<CompactResult> {
    const result: CompactResult = { folded: [], deleted: [], skipped: [] };
    const nowMs = this.now().getTime();
    // Decide from the plain headers first: most passes have nothing to do and must stay cheap.
    const included = this.archiveHeader();
    if (!included) return { ...result, skipped: [ARCHIVE_KEY] };
    const pending: Promise<void>[] = [];
    const candidates: { key: string; id: string }[] = [];

    for (const { key, id } of this.usageKeys()) {
      if (id === this.own.id) continue;
      const foldedAt = included.get(id);
      if (foldedAt !== undefined) {
        if (nowMs - foldedAt >= DELETE_AFTER_FOLD_MS) {
          pending.push(this.write(key, undefined));
          result.deleted.push(key);
        }
        continue;
      }
      const raw = this.kv.get<{ v?: unknown; seen?: unknown }>(key);
      const seen = raw?.v === 2 && typeof raw.seen === 'number' ? raw.seen : undefined;
      if (id === LEGACY_ID || (seen !== undefined && nowMs - seen > FOLD_AFTER_MS)) candidates.push({ key, id });
      else if (seen === undefined) result.skipped.push(key);
    }

    const present = new Set(this.usageKeys().map((k) => k.id));
    const forget = [...included].filter(([id, at]) => nowMs - at > FORGET_FOLDED_MS && !present.has(id)).map(([id]) => id);

    if (candidates.length > 0 || forget.length > 0) {
      const archive = this.readArchive();
      if (!archive) {
        await Promise.all(pending);
        return { ...result, skipped: [...result.skipped, ARCHIVE_KEY] };
      }
      for (const { key, id } of candidates) {
        const decoded = decodeStored(this.kv.get<unknown>(key), id);
        if (!decoded.ok) {
          result.skipped.push(key);
          continue;
        }
        decoded.shard.includes.clear(); // a window shard never holds others' data
        mergeShard(archive, decoded.shard);
        archive.includes.set(id, nowMs);
        result.folded.push(key);
      }
      for (const id of forget) archive.includes.delete(id);
      trimDays(archive, this.oldestKeptDay());
      // Records older than the merged newest 500 can never be shown again: do not store them.
      const merged = this.merge(archive);
      if (merged.records.length >= MAX_RECORDS) dropRecordsBefore(archive, merged.records[0].time);
      pending.push(this.write(ARCHIVE_KEY, encodeShard(archive, true)));
    }
    if (pending.length > 0) this.cache = undefined;
    await Promise.all(pending);
    return result;
  }

  /** Forgets all usage of every window: own shard restarts empty, other keys are deleted. */
  async reset(): Promise<void> {
    const nowMs = this.now().getTime();
    const archive = emptyShard(ARCHIVE_ID, nowMs);
    // Listing every id makes a stale copy written back by a racing window count for nothing,
    // and tells each live owner to start a fresh shard.
    for (const { id } of this.usageKeys()) archive.includes.set(id, nowMs);
    archive.includes.set(this.own.id, nowMs);
    const pending = [this.write(ARCHIVE_KEY, encodeShard(archive, true))];
    for (const { key } of this.usageKeys()) pending.push(this.write(key, undefined));
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

  byWorkspace(range: q.DayRange): q.WorkspaceTotals[] {
    return q.byWorkspace(this.view(), range);
  }

  recent(n: number): q.RecentRequest[] {
    return q.recent(this.view(), n);
  }

  toCsv(): string {
    return toCsv(this.view());
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * VS Code keeps an extension's whole globalState as ONE stored value: when two windows write at
   * nearly the same time, one window's (stale) copy of the other's shard can win. Called a little
   * after each write (and periodically), this puts this window's shard back if the stored copy is
   * behind. Returns true when it had to write; normally it only reads.
   */
  async repairIfLost(): Promise<boolean> {
    if (!this.ownWritten || this.archiveIncludes(this.own.id)) return false;
    await this.lastWrite;
    const key = SHARD_PREFIX + this.own.id;
    const decoded = decodeStored(this.kv.get<unknown>(key), this.own.id);
    const stored = decoded.ok && decoded.version === 2 ? decoded.shard : undefined;
    if (stored && stored.lastSeen >= this.own.lastSeen && stored.records.length >= this.own.records.length) return false;
    const shard = this.own;
    this.lastWrite = this.lastWrite.then(() => this.write(key, encodeShard(shard)));
    await this.lastWrite;
    this.cache = undefined;
    return true;
  }

  private write(key: string, value: unknown): Promise<void> {
    this.writeCount++;
    return Promise.resolve(this.kv.update(key, value));
  }

  private oldestKeptDay(): string {
    return dayKey(addDays(this.now(), -(KEEP_DAYS - 1)));
  }

  private rotateIfNeeded(time: number): void {
    if (!this.ownWritten) return;
    const idle = time - this.own.lastSeen > ROTATE_AFTER_MS;
    const folded = this.archiveIncludes(this.own.id);
    if (!idle && !folded) return;
    // Idle: the old shard stays for compaction to fold. Folded/reset: its data is elsewhere.
    this.own = emptyShard(this.newId(), time);
    this.ownWritten = false;
    this.cache = undefined;
  }

  /** Cheap check on the archive's plain header (no inflate/parse on the per-request path). */
  private archiveIncludes(id: string): boolean {
    return this.archiveHeader()?.has(id) === true;
  }

  /** The archive's `includes` from its plain header; empty when there is no archive yet, and
   *  undefined when it is not a v2 archive (newer version or corrupt: never overwrite it). */
  private archiveHeader(): Map<string, number> | undefined {
    const raw = this.kv.get<{ v?: unknown; inc?: unknown }>(ARCHIVE_KEY);
    if (raw === undefined) return new Map();
    if (typeof raw !== 'object' || raw === null || raw.v !== 2) return undefined;
    const inc = raw.inc ?? {};
    if (typeof inc !== 'object' || inc === null) return undefined;
    return new Map(Object.entries(inc as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
  }

  /** The archive, empty when none; undefined when it cannot be read (never overwrite it then). */
  private readArchive(): Shard | undefined {
    const raw = this.kv.get<unknown>(ARCHIVE_KEY);
    if (raw === undefined) return emptyShard(ARCHIVE_ID, 0);
    const decoded = decodeStored(raw, ARCHIVE_ID);
    return decoded.ok && decoded.version === 2 ? decoded.shard : undefined;
  }

  private usageKeys(): { key: string; id: string }[] {
    const out: { key: string; id: string }[] = [];
    for (const key of this.kv.keys()) {
      if (key.startsWith(SHARD_PREFIX)) out.push({ key, id: key.slice(SHARD_PREFIX.length) });
      else if (key === LEGACY_V1_KEY) out.push({ key, id: LEGACY_ID });
    }
    return out;
  }

  /** The merged view of every window, cached until this window rotates or invalidate(). */
  private view(): Shard {
    if (!this.cache) this.cache = this.merge(this.readArchive() ?? emptyShard(ARCHIVE_ID, 0));
    return this.cache;
  }

  /** `archive` + every shard it does not include + this window's in-memory shard. */
  private merge(archive: Shard): Shard {
    const merged = emptyShard('merged', 0);
    mergeShard(merged, archive);
    for (const { key, id } of this.usageKeys()) {
      if (id === this.own.id || archive.includes.has(id)) continue;
      const decoded = decodeStored(this.kv.get<unknown>(key), id);
      if (decoded.ok) mergeShard(merged, decoded.shard);
    }
    if (!archive.includes.has(this.own.id)) mergeShard(merged, this.own);
    merged.includes.clear();
    return merged;
  }
}
