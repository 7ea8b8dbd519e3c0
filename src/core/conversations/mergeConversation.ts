// How two versions of one conversation become one, so two windows writing the same conversation
// never drop each other's messages: the union of messages by id, in order, and for a message both
// hold, the version written later (its `at` stamp) — on a tie, the one already on disk.
import type { ConversationFile, FileMessage } from './conversation';

/** Merges `mine` (about to be written) with `disk` (what another window may have written). */
export function mergeConversation(disk: ConversationFile, mine: ConversationFile): ConversationFile {
  const meta = mine.metaAt > disk.metaAt ? mine : disk;
  return {
    v: 2,
    id: mine.id,
    title: meta.title,
    titled: meta.titled,
    providerId: meta.providerId,
    model: meta.model,
    ...(meta.effort ? { effort: meta.effort } : {}),
    metaAt: Math.max(mine.metaAt, disk.metaAt),
    createdAt: Math.min(mine.createdAt, disk.createdAt),
    updatedAt: Math.max(mine.updatedAt, disk.updatedAt),
    messages: mergeMessages(disk.messages, mine.messages),
  };
}

/**
 * Union by id. The disk's order is kept; each of my messages it lacks goes after my previous
 * message, past the disk's own newer-or-equal-time messages there (so two windows' turns
 * interleave by time but a question and its answer stay together).
 */
export function mergeMessages(disk: readonly FileMessage[], mine: readonly FileMessage[]): FileMessage[] {
  if (disk.length === 0) return [...mine];
  const mineById = new Map(mine.map((m) => [m.id, m]));
  const out: FileMessage[] = disk.map((d) => {
    const m = mineById.get(d.id);
    return m && m.at > d.at ? m : d;
  });
  const position = new Map(out.map((m, i) => [m.id, i]));
  const onDisk = new Set(disk.map((m) => m.id));
  let after = -1; // index in `out` of my previous message
  for (const m of mine) {
    const known = position.get(m.id);
    if (known !== undefined) {
      after = known;
      continue;
    }
    let at = after + 1;
    while (at < out.length && !mineById.has(out[at]!.id) && onDisk.has(out[at]!.id) && out[at]!.createdAt <= m.createdAt) at++;
    out.splice(at, 0, m);
    after = at;
    position.clear();
    out.forEach((x, i) => position.set(x.id, i));
  }
  return out;
}
