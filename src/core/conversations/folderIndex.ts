// The small index of the conversations folder: per file, its title, updatedAt (or deletedAt for
// a tombstone) and the mtime/size it had when read. It is a cache, not the truth: it is written
// at start-up when the folder changed since, never on a save, so a save costs only its own file.
// On start-up, files whose mtime/size still match are not read again; the rest are.
import * as z from 'zod/mini';
import { LIMITS } from '../../shared/protocol/limits';

export interface ListedConversation {
  title: string;
  updatedAt: number;
  mtimeMs: number;
  size: number;
}
export interface ListedTombstone {
  deletedAt: number;
  mtimeMs: number;
  size: number;
}
export type IndexEntry = ListedConversation | ListedTombstone;

export const isTombstone = (e: IndexEntry): e is ListedTombstone => 'deletedAt' in e;

const stat = { mtimeMs: z.number(), size: z.number() };
const indexSchema = z.object({
  v: z.literal(1),
  entries: z.record(
    z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
    z.union([
      z.object({ title: z.string().check(z.maxLength(LIMITS.label)), updatedAt: z.number(), ...stat }),
      z.object({ deletedAt: z.number(), ...stat }),
    ]),
  ),
});

/** The index file's entries; an unreadable or foreign index is an empty one (every file is read). */
export function parseIndex(text: string | undefined): Map<string, IndexEntry> {
  if (text === undefined) return new Map();
  try {
    const parsed = z.safeParse(indexSchema, JSON.parse(text));
    return parsed.success ? new Map(Object.entries(parsed.data.entries)) : new Map();
  } catch {
    return new Map();
  }
}

export function serializeIndex(entries: ReadonlyMap<string, IndexEntry>): string {
  return JSON.stringify({ v: 1, entries: Object.fromEntries(entries) });
}

/** Whether two indexes list the same files at the same versions. */
export function sameIndex(a: ReadonlyMap<string, IndexEntry>, b: ReadonlyMap<string, IndexEntry>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, e] of a) {
    const o = b.get(id);
    if (!o || JSON.stringify(o) !== JSON.stringify(e)) return false;
  }
  return true;
}
