// Opens this window's conversation store: the files under globalStorage (moving any conversations
// still in globalState there first), the two small prefs in globalState, and a watch on the folder
// so another window's conversations show up here. Host glue only; the logic is in
// src/core/conversations.
import * as vscode from 'vscode';
import { ConversationFiles } from '../../core/conversations/conversationFiles';
import { migrateFromGlobalState } from '../../core/conversations/migration';
import { watchFolder } from '../../core/files/watchFolder';
import { ConversationStore } from './conversationStore';

export interface ConversationStorage extends vscode.Disposable {
  store: ConversationStore;
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
  const watch = watchFolder({ dir: files.dir, what: 'the conversations folder', refresh: () => files.refresh() }, (ids) => store.emit(ids), { log });
  return {
    store,
    flush: () => files.writeIndex(),
    dispose: () => watch.dispose(),
  };
}
