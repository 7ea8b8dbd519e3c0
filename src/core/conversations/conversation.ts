// The stored shape of a conversation and how it is read back from disk. A file is parsed in two
// steps: the header (id, title, times, model) must be valid or the file is corrupt; the messages
// are parsed one by one, so one invalid message (too long, wrong shape) is skipped and reported
// instead of dropping the whole conversation with all its earlier turns.
import * as z from 'zod/mini';
import { messageSchema, type UiMessage } from '../../shared/protocol/chat';
import { LIMITS } from '../../shared/protocol/limits';
import { REASONING_EFFORTS, type ReasoningEffort } from '../../shared/reasoning';

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
  /** The reasoning effort chosen for it; absent = the provider's default (and in older files). */
  effort?: ReasoningEffort;
  messages: UiMessage[];
}

/** A message on disk: the message plus when this version of it was written (merge: newer wins). */
export type FileMessage = UiMessage & { at: number };

/** What a conversation file holds. `metaAt` stamps title/model the way `at` stamps a message. */
export interface ConversationFile extends Omit<StoredConversation, 'messages' | 'v'> {
  v: 2;
  metaAt: number;
  messages: FileMessage[];
}

/** What a deleted conversation's file becomes, so a stale window cannot bring it back. */
export interface Tombstone {
  v: 2;
  id: string;
  deletedAt: number;
}

export const NEW_CHAT_TITLE = 'New chat';
const TITLE_CHARS = 60;

const idSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
const stamp = z.number().check(z.gte(0));

const headerSchema = z.object({
  v: z.literal(2),
  id: idSchema,
  title: z.string().check(z.maxLength(LIMITS.label)),
  titled: z.boolean(),
  createdAt: stamp,
  updatedAt: stamp,
  metaAt: stamp,
  providerId: z.nullable(z.string().check(z.maxLength(LIMITS.id))),
  model: z.nullable(z.string().check(z.maxLength(LIMITS.id))),
  // Optional (older files have none); an unknown value reads as the default, never as a corrupt file.
  effort: z.catch(z.optional(z.enum(REASONING_EFFORTS)), undefined),
  messages: z.array(z.unknown()),
});
const tombstoneSchema = z.object({ v: z.literal(2), id: idSchema, deletedAt: stamp });
const fileMessageSchema = z.extend(messageSchema, { at: z.optional(stamp) });

/** The first version (one globalState key per conversation), read for migration only. */
const legacyHeaderSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  title: z.string().check(z.maxLength(LIMITS.label)),
  titled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  providerId: z.nullable(z.string()),
  model: z.nullable(z.string()),
  messages: z.array(z.unknown()),
});

export type ParsedFile =
  | { kind: 'conversation'; file: ConversationFile; skipped: number }
  | { kind: 'tombstone'; tombstone: Tombstone }
  | { kind: 'corrupt'; reason: string };

/** Parses a conversation file's JSON text. Never throws. */
export function parseConversationFile(text: string, expectedId?: string): ParsedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { kind: 'corrupt', reason: `not JSON (${err instanceof Error ? err.message.slice(0, 80) : 'parse error'})` };
  }
  const tomb = z.safeParse(tombstoneSchema, raw);
  if (tomb.success && !('messages' in (raw as object))) {
    if (expectedId && tomb.data.id !== expectedId) return { kind: 'corrupt', reason: 'id does not match the file name' };
    return { kind: 'tombstone', tombstone: tomb.data };
  }
  const header = z.safeParse(headerSchema, raw);
  if (!header.success) return { kind: 'corrupt', reason: 'invalid header' };
  if (expectedId && header.data.id !== expectedId) return { kind: 'corrupt', reason: 'id does not match the file name' };
  const { messages, skipped } = parseMessages(header.data.messages, header.data.metaAt);
  const { effort, ...rest } = header.data;
  return { kind: 'conversation', file: { ...rest, ...(effort ? { effort } : {}), messages }, skipped };
}

/** A conversation of the first version (globalState), with its messages parsed one by one. */
export function parseLegacyConversation(raw: unknown): { conversation: StoredConversation; skipped: number } | undefined {
  const header = z.safeParse(legacyHeaderSchema, raw);
  if (!header.success) return undefined;
  const { messages, skipped } = parseMessages(header.data.messages, 0);
  return { conversation: { ...header.data, messages: messages.map(withoutStamp) }, skipped };
}

function parseMessages(raw: unknown[], defaultAt: number): { messages: FileMessage[]; skipped: number } {
  const messages: FileMessage[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const item of raw) {
    const parsed = z.safeParse(fileMessageSchema, item);
    if (!parsed.success || seen.has(parsed.data.id)) {
      skipped++;
      continue;
    }
    seen.add(parsed.data.id);
    messages.push({ ...parsed.data, at: parsed.data.at ?? defaultAt } as FileMessage);
  }
  return { messages, skipped };
}

export function withoutStamp(m: FileMessage): UiMessage {
  const { at: _at, ...message } = m;
  return message;
}

/** The title of a conversation: the first line of its first user message, shortened. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const collapsed = line.replace(/\s+/g, ' ');
  if (!collapsed) return NEW_CHAT_TITLE;
  return collapsed.length > TITLE_CHARS ? `${collapsed.slice(0, TITLE_CHARS - 1).trimEnd()}…` : collapsed;
}
