// How long usage data stays where: when a window starts a fresh shard, when an idle shard is
// folded into the archive, when a folded key is deleted and its id forgotten, and how many days
// are kept at all. compact() folds idle shards (and v1 data) into the archive and records their
// ids in the archive's `includes` in the SAME value, so a shard is counted from one place only.
// Why these timings are safe with several windows: see usageStore.ts.

import { addDays, dayKey, dayKeyAt } from './dates';
import { encodeShard } from './codec';
import { KEEP_DAYS, MAX_RECORDS, dropRecordsBefore, mergeShard, trimDays, type Shard } from './model';
import { ARCHIVE_KEY, LEGACY_ID, type ShardStorage } from './shardStorage';

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

export interface CompactResult {
  folded: string[];
  deleted: string[];
  /** Keys left alone: written by a newer Switchboard version, or unreadable. */
  skipped: string[];
}

/** What compact() needs from the window that runs it. */
export interface CompactionContext {
  storage: ShardStorage;
  /** This window's shard: never folded here, merged in from memory. */
  own: Shard;
  now(): Date;
  /** Drops the window's merged view; called when compact() wrote, before the writes settle. */
  invalidate(): void;
}

/** The day oldestKeptDay() last worked out for: every record of a day asks for the same one. */
let keptFrom = { today: '', oldest: '' };

/** The oldest local day kept on `now`'s date; older days are trimmed. */
export function oldestKeptDay(now: Date): string {
  const today = dayKeyAt(now.getTime());
  if (today !== keptFrom.today) keptFrom = { today, oldest: dayKey(addDays(now, -(KEEP_DAYS - 1))) };
  return keptFrom.oldest;
}

/**
 * Folds idle shards (and v1 data) into the archive and deletes keys folded long enough ago.
 * Never called on the per-request path: run it at activation and every COMPACT_EVERY_MS.
 */
export async function compact({ storage, own, now, invalidate }: CompactionContext): Promise<CompactResult> {
  const result: CompactResult = { folded: [], deleted: [], skipped: [] };
  const nowMs = now().getTime();
  // Decide from the plain headers first: most passes have nothing to do and must stay cheap.
  const included = storage.archiveHeader();
  if (!included) return { ...result, skipped: [ARCHIVE_KEY] };
  const pending: Promise<void>[] = [];
  const candidates: { key: string; id: string }[] = [];

  for (const { key, id } of storage.usageKeys()) {
    if (id === own.id) continue;
    const foldedAt = included.get(id);
    if (foldedAt !== undefined) {
      if (nowMs - foldedAt >= DELETE_AFTER_FOLD_MS) {
        pending.push(storage.write(key, undefined));
        result.deleted.push(key);
      }
      continue;
    }
    const seen = storage.lastSeen(key);
    if (id === LEGACY_ID || (seen !== undefined && nowMs - seen > FOLD_AFTER_MS)) candidates.push({ key, id });
    else if (seen === undefined) result.skipped.push(key);
  }

  const present = new Set(storage.usageKeys().map((k) => k.id));
  const forget = [...included].filter(([id, at]) => nowMs - at > FORGET_FOLDED_MS && !present.has(id)).map(([id]) => id);

  if (candidates.length > 0 || forget.length > 0) {
    const archive = storage.readArchive();
    if (!archive) {
      await Promise.all(pending);
      return { ...result, skipped: [...result.skipped, ARCHIVE_KEY] };
    }
    for (const { key, id } of candidates) {
      const decoded = storage.decode(key, id);
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
    trimDays(archive, oldestKeptDay(now()));
    // Records older than the merged newest 500 can never be shown again: do not store them.
    const merged = storage.merge(archive, own);
    if (merged.records.length >= MAX_RECORDS) dropRecordsBefore(archive, merged.records[0].time);
    pending.push(storage.write(ARCHIVE_KEY, encodeShard(archive, true)));
  }
  if (pending.length > 0) invalidate();
  await Promise.all(pending);
  return result;
}
