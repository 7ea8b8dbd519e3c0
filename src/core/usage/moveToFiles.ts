// Usage history used to live in globalState (one key per window shard, the archive, v1's flat
// list). It now lives in files (fileKeyValueStore.ts); this moves what an earlier version left
// behind, once per window start. Several windows may run it at once, and a window still on the
// earlier version may write its shard to globalState again after it was moved: the copy with the
// newer `seen` wins, and the globalState key is deleted only once its file is on disk.

import type { FileKeyValueStore } from './fileKeyValueStore';
import type { KeyValueStore } from './keyValueStore';
import { ARCHIVE_KEY, LEGACY_V1_KEY, SHARD_PREFIX } from './shardStorage';

export interface MoveResult {
  /** Keys found in globalState. */
  found: number;
  /** Settles once each moved key is written and removed from globalState (or the move failed). */
  done: Promise<void>;
}

const isUsageKey = (key: string) => key.startsWith(SHARD_PREFIX) || key === ARCHIVE_KEY || key === LEGACY_V1_KEY;

/** A v2 value's `seen` (its newest write); -1 for v1 data or anything unreadable. */
function seenOf(value: unknown): number {
  const seen = (value as { seen?: unknown } | null)?.seen;
  return typeof seen === 'number' ? seen : -1;
}

/**
 * Copies every usage key of `from` (globalState) into `to` at once (the store's reads see them
 * before this returns), then deletes each from `from` once its file is written.
 */
export function moveUsageToFiles(from: KeyValueStore, to: FileKeyValueStore): MoveResult {
  const keys = from.keys().filter(isUsageKey);
  const moves = keys.map((key) => {
    const value = from.get<unknown>(key);
    const onDisk = to.get<unknown>(key);
    const written = value !== undefined && (onDisk === undefined || seenOf(value) >= seenOf(onDisk)) ? to.update(key, value) : Promise.resolve();
    return written.then(() => from.update(key, undefined));
  });
  return { found: keys.length, done: Promise.all(moves).then(() => undefined) };
}
