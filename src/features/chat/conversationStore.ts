import * as z from 'zod/mini';
import { LIMITS } from '../../shared/protocol/limits';
import { messageSchema, type UiConversationSummary, type UiMessage, type UiSelection } from '../../shared/protocol/chat';
import { systemClock, type Clock } from '../../core/clock';

/** The parts of `vscode.Memento` the store uses (globalState satisfies it). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
}

export interface StoredConversation {
  v: 1;
  id: string;
  title: string;
  /** The user renamed it: the title is no longer derived from the first message. */
  titled: boolean;
  createdAt: number;
  updatedAt: number;
  providerId: string | null;
  model: string | null;
  messages: UiMessage[];
}

export interface StoreLimits {
  /** Conversations kept; the least recently updated are deleted beyond this. */
  maxConversations: number;
  /** Messages kept per conversation; the oldest are dropped beyond this. */
  maxMessages: number;
  /** Characters of message text kept per conversation; the oldest messages are dropped beyond this. */
  maxChars: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxConversations: 200, maxMessages: 500, maxChars: 2_000_000 };

const PREFIX = 'switchboard.chat.v1.c.';
const PREFS_KEY = 'switchboard.chat.v1.prefs';
export const NEW_CHAT_TITLE = 'New chat';
const TITLE_CHARS = 60;

// Stored data is read back through the same bounds as the wire format: a corrupted or foreign
// entry is skipped, not trusted.
const storedConversation = z.object({
  v: z.literal(1),
  id: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
  title: z.string().check(z.maxLength(LIMITS.label)),
  titled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  providerId: z.nullable(z.string()),
  model: z.nullable(z.string()),
  messages: z.array(messageSchema),
});
/** Listing reads only these fields (plus one full check per stored version), not every message every time. */
const summarySchema = z.object({
  v: z.literal(1),
  id: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
  title: z.string().check(z.maxLength(LIMITS.label)),
  updatedAt: z.number(),
});
const prefsSchema = z.object({
  selection: z.optional(z.object({ providerId: z.string(), model: z.string() })),
  activeId: z.optional(z.string()),
});
type Prefs = z.infer<typeof prefsSchema>;

/** The title of a conversation: the first line of its first user message, shortened. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const collapsed = line.replace(/\s+/g, ' ');
  if (!collapsed) return NEW_CHAT_TITLE;
  return collapsed.length > TITLE_CHARS ? `${collapsed.slice(0, TITLE_CHARS - 1).trimEnd()}…` : collapsed;
}

/**
 * Conversations in globalState, one key per conversation. Separate keys mean two VS Code windows
 * writing different conversations never overwrite each other (globalState is last-writer-wins per
 * key), and saving one conversation rewrites only that one. Bounded in count and size.
 */
export class ConversationStore {
  private readonly limits: StoreLimits;
  private readonly validated = new Map<string, number>();

  constructor(
    private readonly memento: MementoLike,
    private readonly clock: Clock = systemClock,
    limits: Partial<StoreLimits> = {},
  ) {
    this.limits = { ...DEFAULT_STORE_LIMITS, ...limits };
  }

  newId(): string {
    return globalThis.crypto.randomUUID();
  }

  /** A fresh conversation, not stored until it has a message. */
  create(selection: UiSelection | null): StoredConversation {
    const now = this.clock.now();
    return {
      v: 1, id: this.newId(), title: NEW_CHAT_TITLE, titled: false, createdAt: now, updatedAt: now,
      providerId: selection?.providerId ?? null, model: selection?.model ?? null, messages: [],
    };
  }

  /** Stored conversations, most recently updated first. */
  list(): Omit<UiConversationSummary, 'running'>[] {
    const out: Omit<UiConversationSummary, 'running'>[] = [];
    for (const key of this.memento.keys()) {
      if (!key.startsWith(PREFIX)) continue;
      const parsed = z.safeParse(summarySchema, this.memento.get(key));
      if (!parsed.success || PREFIX + parsed.data.id !== key) continue;
      // Each stored version is validated in full once (a broken one is not listed), then trusted by its updatedAt.
      if (this.validated.get(key) !== parsed.data.updatedAt) {
        if (!this.read(key)) continue;
        this.validated.set(key, parsed.data.updatedAt);
      }
      out.push({ id: parsed.data.id, title: parsed.data.title, updatedAt: parsed.data.updatedAt });
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * A stored conversation (a copy). Answers that were still running when it was last saved (the
   * window reloaded or closed mid-answer) come back as interrupted: nothing is streaming them now.
   */
  get(id: string): StoredConversation | undefined {
    const c = this.read(PREFIX + id);
    if (!c) return undefined;
    for (const m of c.messages) {
      if (m.status === 'streaming' || m.status === 'queued' || m.status === 'retrying') {
        m.status = 'interrupted';
        delete m.progress;
      }
    }
    return c;
  }

  /** Writes one conversation (bounded); deletes the least recently updated beyond the limit. */
  async save(conversation: StoredConversation): Promise<void> {
    const stored = this.bounded(conversation);
    await this.memento.update(PREFIX + stored.id, stored);
    const all = this.list();
    for (const old of all.slice(this.limits.maxConversations)) {
      if (old.id === stored.id) continue;
      await this.memento.update(PREFIX + old.id, undefined);
      this.validated.delete(PREFIX + old.id);
    }
  }

  async rename(id: string, title: string): Promise<StoredConversation | undefined> {
    const c = this.read(PREFIX + id);
    if (!c) return undefined;
    c.title = title.trim().slice(0, LIMITS.label) || c.title;
    c.titled = true;
    await this.memento.update(PREFIX + id, c);
    return c;
  }

  async delete(id: string): Promise<void> {
    await this.memento.update(PREFIX + id, undefined);
    this.validated.delete(PREFIX + id);
    if (this.prefs().activeId === id) await this.setPrefs({ activeId: undefined });
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
    await this.memento.update(PREFS_KEY, next);
  }

  private read(key: string): StoredConversation | undefined {
    const parsed = z.safeParse(storedConversation, this.memento.get(key));
    if (!parsed.success || PREFIX + parsed.data.id !== key) return undefined;
    return structuredClone(parsed.data) as StoredConversation;
  }

  private bounded(c: StoredConversation): StoredConversation {
    let messages = c.messages.map(({ progress: _transient, ...m }) => m);
    if (messages.length > this.limits.maxMessages) messages = messages.slice(messages.length - this.limits.maxMessages);
    let chars = messages.reduce((n, m) => n + m.text.length, 0);
    let start = 0;
    while (chars > this.limits.maxChars && start < messages.length - 1) chars -= messages[start++]!.text.length;
    messages = messages.slice(start);
    return { ...c, messages };
  }
}
