// Which version of each message a window last read or wrote, so a save can stamp only what this
// window changed: a message it changed gets `at = now`, one it did not keeps the stamp it came
// with, and the merge then lets a stale window's untouched copy lose to another window's newer
// one. Also carries another window's changes back into the live conversation the panel holds.
import type { UiMessage } from '../../shared/protocol/chat';
import { withoutStamp, type ConversationFile, type FileMessage, type StoredConversation } from './conversation';

interface Base {
  meta: number;
  metaAt: number;
  messages: Map<string, { hash: number; at: number }>;
}

/** FNV-1a over a string: enough to tell "this window changed the message" apart. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const messageHash = (m: UiMessage) => hashOf(JSON.stringify(withoutStamp(m as FileMessage)));
const metaHash = (c: Pick<StoredConversation, 'title' | 'titled' | 'providerId' | 'model' | 'effort'>) =>
  hashOf(JSON.stringify([c.title, c.titled, c.providerId, c.model, c.effort ?? null]));

export class VersionStamps {
  private readonly bases = new Map<string, Base>();

  /** Remembers `file` as what this window last saw of that conversation. */
  remember(file: ConversationFile): void {
    this.bases.set(file.id, {
      meta: metaHash(file),
      metaAt: file.metaAt,
      messages: new Map(file.messages.map((m) => [m.id, { hash: messageHash(m), at: m.at }])),
    });
  }

  forget(id: string): void {
    this.bases.delete(id);
  }

  /** `c` as a file, each message stamped with when this window last changed it. */
  stamp(c: StoredConversation, now: number): ConversationFile {
    const base = this.bases.get(c.id);
    const next = (at: number | undefined) => Math.max(now, (at ?? 0) + 1);
    const metaChanged = !base || base.meta !== metaHash(c);
    return {
      v: 2,
      id: c.id,
      title: c.title,
      titled: c.titled,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      providerId: c.providerId,
      model: c.model,
      ...(c.effort ? { effort: c.effort } : {}),
      metaAt: metaChanged ? next(base?.metaAt) : base.metaAt,
      messages: c.messages.map((m) => {
        const { progress: _transient, ...message } = m;
        const known = base?.messages.get(m.id);
        const at = known && known.hash === messageHash(message) ? known.at : next(known?.at);
        return { ...structuredClone(message), at };
      }),
    };
  }
}

/**
 * Brings another window's part of `merged` into `live` (the object the panel and a running answer
 * hold), without undoing what this window changed since `sent` was taken: only messages and
 * fields this window did not touch meanwhile are replaced; new ones are inserted in order.
 * Returns whether anything changed.
 */
export function applyForeign(live: StoredConversation, sent: ConversationFile, merged: ConversationFile): boolean {
  let changed = false;
  const sentById = new Map(sent.messages.map((m) => [m.id, m]));
  const liveById = new Map(live.messages.map((m) => [m.id, m]));
  if (merged.metaAt !== sent.metaAt && metaHash(live) === metaHash(sent)) {
    Object.assign(live, { title: merged.title, titled: merged.titled, providerId: merged.providerId, model: merged.model });
    if (merged.effort) live.effort = merged.effort;
    else delete live.effort;
    changed = true;
  }
  let previous: UiMessage | undefined;
  for (const m of merged.messages) {
    const mine = sentById.get(m.id);
    const current = liveById.get(m.id);
    if (current) {
      if (mine && mine.at !== m.at && messageHash(current) === messageHash(mine)) {
        for (const key of Object.keys(current)) delete (current as Record<string, unknown>)[key];
        Object.assign(current, withoutStamp(structuredClone(m)));
        changed = true;
      }
      previous = current;
      continue;
    }
    if (mine) continue; // this window removed it meanwhile (bounded), keep it removed
    const added = withoutStamp(structuredClone(m));
    const at = previous ? live.messages.indexOf(previous) + 1 : 0;
    live.messages.splice(at, 0, added);
    liveById.set(added.id, added);
    previous = added;
    changed = true;
  }
  if (merged.updatedAt > live.updatedAt) live.updatedAt = merged.updatedAt;
  return changed;
}
