// Moves conversations from globalState (one key per conversation, the first version) into files.
// Each one is written, read back and compared, and only then is its key removed — so a crash at
// any point loses nothing and the next start simply continues (a conversation already in a file
// is merged by message id, not duplicated). All verified keys are removed in the same tick: VS
// Code coalesces the updates into one write of the globalState blob instead of one per key.
import type { KeyValueStore } from '../usage/keyValueStore';
import { parseLegacyConversation, type StoredConversation } from './conversation';
import { ConversationFiles } from './conversationFiles';

export const LEGACY_PREFIX = 'switchboard.chat.v1.c.';

export interface MigrationResult {
  moved: number;
  /** Keys whose value was not a conversation at all (removed: nothing in them could be shown). */
  unreadable: number;
  /** Conversations that did not read back the same (their keys are kept for the next start). */
  failed: number;
  skippedMessages: number;
}

export async function migrateFromGlobalState(state: KeyValueStore, files: ConversationFiles, log: { warn(m: string): void }): Promise<MigrationResult> {
  const result: MigrationResult = { moved: 0, unreadable: 0, failed: 0, skippedMessages: 0 };
  const done: string[] = [];
  for (const key of state.keys()) {
    if (!key.startsWith(LEGACY_PREFIX)) continue;
    const legacy = parseLegacyConversation(state.get(key));
    if (!legacy || LEGACY_PREFIX + legacy.conversation.id !== key || !ConversationFiles.isValidId(legacy.conversation.id)) {
      log.warn(`Conversation key ${key.slice(0, 80)} is not a readable conversation; removed.`);
      result.unreadable++;
      done.push(key);
      continue;
    }
    const c = legacy.conversation;
    result.skippedMessages += legacy.skipped;
    try {
      if (files.isDeleted(c.id)) {
        done.push(key); // deleted in another window after it migrated: stays deleted
        continue;
      }
      const saved = await files.save(structuredClone(c));
      const back = files.read(c.id);
      if (saved.saved && back && contains(back, c)) {
        done.push(key);
        result.moved++;
      } else {
        result.failed++;
        log.warn(`Conversation ${c.id} did not read back the same; its globalState copy is kept.`);
      }
    } catch (err) {
      result.failed++;
      log.warn(`Could not move conversation ${c.id} to a file: ${String(err)}`);
    }
  }
  await Promise.all(done.map((key) => state.update(key, undefined)));
  return result;
}

/** Every message of `legacy` is in `back`, unchanged (a file may hold more: merged from another window). */
function contains(back: StoredConversation, legacy: StoredConversation): boolean {
  const byId = new Map(back.messages.map((m) => [m.id, JSON.stringify(m)]));
  return legacy.messages.every((m) => {
    const { progress: _transient, ...stored } = m;
    return byId.get(m.id) === JSON.stringify(stored);
  });
}
