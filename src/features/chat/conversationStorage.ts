// Opens this window's conversation store: the files under globalStorage (moving any conversations
// still in globalState there first), the two small prefs in globalState, and a watch on the folder
// so another window's conversations show up here; attached images in their own folder beside them,
// swept of images no conversation refers to a minute after start, at most once a day. Host glue
// only; the logic is in src/core/conversations and src/core/attachments/imageStore.ts.
import * as vscode from 'vscode';
import { ConversationFiles } from '../../core/conversations/conversationFiles';
import { migrateFromGlobalState } from '../../core/conversations/migration';
import { watchFolder } from '../../core/files/watchFolder';
import { ImageStore, referencedImages } from '../../core/attachments/imageStore';
import { ConversationStore } from './conversationStore';

const SWEEP_DELAY_MS = 60_000;
const SWEEP_EVERY_MS = 24 * 3600_000;
const LAST_SWEEP_KEY = 'switchboard.images.lastSweep';

export interface ConversationStorage extends vscode.Disposable {
  store: ConversationStore;
  /** Attached images' files. */
  images: ImageStore;
  /** Writes the folder's index (when the window closes: the next start reads fewer files). */
  flush(): Promise<void>;
}

export async function openConversationStorage(context: vscode.ExtensionContext, log: { info(m: string): void; warn(m: string): void }): Promise<ConversationStorage> {
  const root = vscode.Uri.joinPath(context.globalStorageUri, 'chat');
  if (root.scheme !== 'file') throw new Error(`Conversations need a local globalStorage folder (got ${root.scheme}:).`);
  const files = await ConversationFiles.open(root.fsPath, { log });
  const migrated = await migrateFromGlobalState(context.globalState, files, log);
  if (migrated.moved + migrated.unreadable + migrated.failed > 0) {
    log.info(`Conversations moved from globalState to ${files.dir}: ${migrated.moved} moved, ${migrated.unreadable} unreadable, ${migrated.failed} kept for a retry, ${migrated.skippedMessages} invalid message(s) skipped.`);
  }
  const store = new ConversationStore(files, context.globalState);
  const images = new ImageStore(vscode.Uri.joinPath(root, 'images').fsPath);
  const sweep = setTimeout(() => void sweepImages(context.globalState, images, files.dir, log), SWEEP_DELAY_MS);
  const watch = watchFolder({ dir: files.dir, what: 'the conversations folder', refresh: () => files.refresh() }, (ids) => store.emit(ids), { log });
  return {
    store,
    images,
    flush: () => files.writeIndex(),
    dispose: () => {
      clearTimeout(sweep);
      watch.dispose();
    },
  };
}

async function sweepImages(state: vscode.Memento, images: ImageStore, conversationsDir: string, log: { info(m: string): void; warn(m: string): void }): Promise<void> {
  const last = state.get<number>(LAST_SWEEP_KEY, 0);
  if (Date.now() - last < SWEEP_EVERY_MS) return;
  try {
    await state.update(LAST_SWEEP_KEY, Date.now());
    const removed = await images.sweep(await referencedImages(conversationsDir));
    if (removed) log.info(`Removed ${removed} attached image file(s) no conversation refers to any more.`);
  } catch (err) {
    log.warn(`Sweeping attached images failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
