// The chat panel's view of stored conversations: the files in core/conversations (one file per
// conversation under globalStorage, merged on save, shared by every window) plus two small
// preferences kept in globalState (the last model and reasoning effort chosen, the conversation
// that was open).
// Answers that were running when a conversation was last saved come back as interrupted.
import * as z from 'zod/mini';
import { LIMITS } from '../../shared/protocol/limits';
import type { UiConversationSummary, UiSelection } from '../../shared/protocol/chat';
import { systemClock, type Clock } from '../../core/clock';
import { NEW_CHAT_TITLE, titleFrom, type StoredConversation } from '../../core/conversations/conversation';
import type { ConversationFiles, SaveOutcome } from '../../core/conversations/conversationFiles';
import { REASONING_EFFORTS, type ReasoningEffort } from '../../shared/reasoning';

export { NEW_CHAT_TITLE, titleFrom, type StoredConversation };

/** The parts of `vscode.Memento` the store uses (globalState satisfies it). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
}

const PREFS_KEY = 'switchboard.chat.v1.prefs';
const prefsSchema = z.object({
  selection: z.optional(z.object({ providerId: z.string(), model: z.string() })),
  activeId: z.optional(z.string()),
  effort: z.catch(z.optional(z.enum(REASONING_EFFORTS)), undefined),
});
type Prefs = z.infer<typeof prefsSchema>;

const UNFINISHED = new Set(['streaming', 'queued', 'retrying']);

export class ConversationStore {
  private readonly listeners = new Set<(ids: string[]) => void>();

  constructor(
    private readonly files: ConversationFiles,
    private readonly memento: MementoLike,
    private readonly clock: Clock = systemClock,
  ) {}

  newId(): string {
    return globalThis.crypto.randomUUID();
  }

  /** A fresh conversation, not stored until it has a message; it starts with the last effort chosen. */
  create(selection: UiSelection | null): StoredConversation {
    const now = this.clock.now();
    const effort = this.lastEffort();
    return {
      v: 1, id: this.newId(), title: NEW_CHAT_TITLE, titled: false, createdAt: now, updatedAt: now,
      providerId: selection?.providerId ?? null, model: selection?.model ?? null, ...(effort ? { effort } : {}), messages: [],
    };
  }

  /** Stored conversations, most recently updated first. */
  list(): Omit<UiConversationSummary, 'running'>[] {
    return this.files.list().map((s) => ({ id: s.id, title: s.title.slice(0, LIMITS.label), updatedAt: Math.max(0, s.updatedAt) }));
  }

  /** A stored conversation (a fresh copy); answers still running when it was saved come back interrupted. */
  get(id: string): StoredConversation | undefined {
    return this.files.read(id, (c) => {
      for (const m of c.messages) {
        if (UNFINISHED.has(m.status)) {
          m.status = 'interrupted';
          delete m.progress;
        }
      }
    });
  }

  /** A stored conversation as it is on disk, read without side effects (see ConversationFiles.peek). */
  peek(id: string): StoredConversation | undefined {
    return this.files.peek(id);
  }

  /** Writes one conversation, merged with another window's changes to it (added to `c` in place). */
  save(c: StoredConversation): Promise<SaveOutcome> {
    return this.files.save(c);
  }

  async rename(id: string, title: string): Promise<StoredConversation | undefined> {
    const c = this.files.read(id);
    if (!c) return undefined;
    c.title = title.trim().slice(0, LIMITS.label) || c.title;
    c.titled = true;
    await this.files.save(c);
    return c;
  }

  async delete(id: string): Promise<void> {
    await this.files.delete(id);
    if (this.prefs().activeId === id) await this.setPrefs({ activeId: undefined });
  }

  /** Whether another window deleted it (its file is a tombstone). */
  isDeleted(id: string): boolean {
    return this.files.isDeleted(id);
  }

  /** Called when conversations changed in another window (the folder watch calls `emit`). */
  onDidChange(listener: (ids: string[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(ids: string[]): void {
    for (const l of [...this.listeners]) l(ids);
  }

  /** The model chosen last (new conversations start with it). */
  lastSelection(): UiSelection | undefined {
    return this.prefs().selection;
  }

  async setLastSelection(selection: UiSelection): Promise<void> {
    const current = this.prefs().selection;
    if (current?.providerId === selection.providerId && current.model === selection.model) return;
    await this.setPrefs({ selection });
  }

  /** The reasoning effort chosen last (new conversations start with it); undefined = default. */
  lastEffort(): ReasoningEffort | undefined {
    return this.prefs().effort;
  }

  async setLastEffort(effort: ReasoningEffort | undefined): Promise<void> {
    if (this.prefs().effort === effort) return;
    await this.setPrefs({ effort });
  }

  /** The conversation that was open, reopened when the view comes back. */
  activeId(): string | undefined {
    return this.prefs().activeId;
  }

  async setActiveId(id: string | undefined): Promise<void> {
    if (this.prefs().activeId === id) return;
    await this.setPrefs({ activeId: id });
  }

  private prefs(): Prefs {
    const parsed = z.safeParse(prefsSchema, this.memento.get(PREFS_KEY));
    return parsed.success ? parsed.data : {};
  }

  private async setPrefs(patch: Partial<Prefs>): Promise<void> {
    const next: Prefs = { ...this.prefs(), ...patch };
    if (next.activeId === undefined) delete next.activeId;
    if (next.effort === undefined) delete next.effort;
    await this.memento.update(PREFS_KEY, next);
  }
}
