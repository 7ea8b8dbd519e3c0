// The conversations the panel holds in memory: the open one, and any other whose answer is still
// running (its live object must keep receiving text after the user switched away). Everything
// else is read from the store when needed. Also remembers conversations deleted mid-answer (here
// or in another window), so that answer cannot bring them back, and takes in another window's
// changes to the open conversation.
import type { UiSelection, UiSource } from '../../shared/protocol/chat';
import type { ConversationStore, StoredConversation } from './conversationStore';
import type { ChatLogger } from './providerList';

export class ChatSession {
  private current: StoredConversation;
  private readonly live = new Map<string, StoredConversation>();
  private readonly deleted = new Set<string>();

  constructor(
    private readonly store: ConversationStore,
    private readonly log: ChatLogger,
    /** Whether an answer is running in that conversation (the run driver knows). */
    private readonly isRunning: (conversationId: string) => boolean,
  ) {
    const reopened = store.activeId();
    this.current = (reopened && store.get(reopened)) || store.create(store.lastSelection() ?? null);
  }

  get active(): StoredConversation {
    return this.current;
  }

  isActive(c: StoredConversation): boolean {
    return c === this.current;
  }

  conversation(id: string): StoredConversation | undefined {
    if (this.current.id === id) return this.current;
    return this.live.get(id) ?? this.store.get(id);
  }

  /** This window's copy of a conversation (the open one, or one whose answer runs), without reading the store. */
  inMemory(id: string): StoredConversation | undefined {
    return this.current.id === id ? this.current : this.live.get(id);
  }

  /** Makes `c` the open conversation, keeping a running one's live object. */
  show(c: StoredConversation): void {
    if (this.current !== c) {
      this.release(this.current);
      this.current = c;
    }
    this.live.set(c.id, c);
    void this.store.setActiveId(c.messages.length > 0 ? c.id : undefined);
  }

  /** Forgets a conversation's live object unless an answer is still running in it. */
  release(c: StoredConversation): void {
    if (!this.isRunning(c.id)) this.live.delete(c.id);
  }

  /** Opens a fresh conversation, unless the open one is still empty and idle. */
  async startNew(selection: UiSelection | null): Promise<void> {
    if (this.current.messages.length === 0 && !this.isRunning(this.current.id)) return;
    this.release(this.current);
    this.current = this.store.create(selection);
    await this.store.setActiveId(undefined);
  }

  async rename(id: string, title: string): Promise<void> {
    const renamed = await this.store.rename(id, title);
    const live = this.live.get(id) ?? (this.current.id === id ? this.current : undefined);
    if (live && renamed) {
      live.title = renamed.title;
      live.titled = true;
    }
  }

  async remove(id: string, selection: UiSelection | null): Promise<void> {
    if (this.isRunning(id)) this.deleted.add(id);
    this.live.delete(id);
    await this.store.delete(id);
    if (this.current.id === id) this.current = this.store.create(selection);
  }

  wasDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  /** Saves `c`; true when another window's messages were merged into it. */
  async persist(c: StoredConversation): Promise<boolean> {
    if (this.deleted.has(c.id)) return false;
    try {
      const outcome = await this.store.save(c);
      if (outcome.saved) return outcome.changed;
      this.log.warn(`Conversation "${c.title.slice(0, 60)}" was deleted in another window; not saved.`);
      this.deleted.add(c.id);
      this.live.delete(c.id);
    } catch (err) {
      this.log.error('Could not save the conversation', err);
    }
    return false;
  }

  /** Another window changed these conversations: show its version of the open one, unless an answer is running in it. */
  reload(ids: readonly string[]): void {
    const id = this.current.id;
    // An answer this window is about to run (or running) is newer here than on disk.
    const answering = this.current.messages.some((m) => m.status === 'streaming' || m.status === 'queued' || m.status === 'retrying');
    if (!ids.includes(id) || this.isRunning(id) || answering) return;
    if (this.store.isDeleted(id)) {
      this.deleted.add(id);
      this.current = this.store.create(this.store.lastSelection() ?? null);
      return;
    }
    const fresh = this.store.get(id);
    if (fresh) {
      this.current = fresh;
      this.live.set(id, fresh);
    }
  }

  /** The source of the question an answer replies to (the nearest user message before it). */
  sourceOf(conversationId: string, messageId: string): UiSource | undefined {
    const messages = this.conversation(conversationId)?.messages ?? [];
    const i = messages.findIndex((m) => m.id === messageId);
    for (let j = i - 1; j >= 0; j--) if (messages[j]!.role === 'user') return messages[j]!.source;
    return undefined;
  }
}
