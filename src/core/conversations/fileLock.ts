// A lock file per conversation, so two windows (two extension host processes) never interleave
// their read → merge → write of the same conversation. Created with O_EXCL; a lock older than
// STALE_MS is left over from a killed process and is broken. Within one process, saves of one
// conversation are queued instead (see ConversationFiles).
import type { FileSystem } from '../files/fileSystem';

export const STALE_MS = 10_000;
const RETRY_MS = 15;
const GIVE_UP_MS = 3_000;

export interface LockOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `work` holding `lockFile`. When the lock cannot be had within a few seconds (a stuck but
 * live holder), the work runs anyway: a save merges what is on disk, so the worst case is the
 * lost-update window the lock normally closes — never a lost conversation.
 */
export async function withFileLock<T>(fsys: FileSystem, lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  let held = false;
  while (!held) {
    held = await fsys.createExclusive(lockFile, '').catch(() => false); // empty: a lock costs no bytes
    if (held) break;
    const info = await fsys.stat(lockFile).catch(() => undefined);
    if (info && now() - info.mtimeMs > STALE_MS) {
      await fsys.remove(lockFile).catch(() => undefined);
      continue;
    }
    if (now() - start > GIVE_UP_MS) break;
    await sleep(RETRY_MS);
  }
  try {
    return await work();
  } finally {
    if (held) await fsys.remove(lockFile).catch(() => undefined);
  }
}
