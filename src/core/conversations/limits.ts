// How much is kept: conversations, messages per conversation and characters per conversation,
// the oldest going first. A message text over the wire limit is cut to it when written, so no
// stored message can fail to load for its length.
import { LIMITS } from '../../shared/protocol/limits';
import type { ConversationFile } from './conversation';

export interface ConversationLimits {
  /** Conversations kept; the least recently updated are deleted beyond this. */
  maxConversations: number;
  /** Messages kept per conversation; the oldest are dropped beyond this. */
  maxMessages: number;
  /** Characters of message text kept per conversation; the oldest messages are dropped beyond this. */
  maxChars: number;
}

export const DEFAULT_LIMITS: ConversationLimits = { maxConversations: 200, maxMessages: 500, maxChars: 2_000_000 };

export function boundConversation(c: ConversationFile, limits: ConversationLimits): ConversationFile {
  let messages = c.messages.map((m) => (m.text.length > LIMITS.text ? { ...m, text: m.text.slice(0, LIMITS.text) } : m));
  if (messages.length > limits.maxMessages) messages = messages.slice(messages.length - limits.maxMessages);
  let chars = messages.reduce((n, m) => n + m.text.length, 0);
  let start = 0;
  while (chars > limits.maxChars && start < messages.length - 1) chars -= messages[start++]!.text.length;
  if (start > 0) messages = messages.slice(start);
  return messages === c.messages ? c : { ...c, messages };
}
