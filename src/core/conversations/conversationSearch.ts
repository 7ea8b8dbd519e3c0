// Search across conversations: a case-insensitive match of the words as typed (spaces squeezed) in
// titles and message text, newest conversations first, a few hits per conversation, each with a
// one-line snippet around the match that the panel shows with the match marked.
import { LIMITS } from '../../shared/protocol/limits';

export interface SearchableConversation {
  id: string;
  title: string;
  updatedAt: number;
  messages: readonly { id: string; text: string }[];
}

export interface SearchHit {
  conversationId: string;
  title: string;
  /** The message the match is in; absent when the title matched. */
  messageId?: string;
  snippet: string;
  /** Where the match is in the snippet. */
  match: { start: number; length: number };
}

const MAX_QUERY_CHARS = LIMITS.searchQuery;
const MAX_HITS = LIMITS.searchHits;
const HITS_PER_CONVERSATION = 3;
const BEFORE = 40;
const AFTER = 100;

/** The hits for `query` (empty for a blank one), and whether more were left out. */
export function searchConversations(query: string, conversations: Iterable<SearchableConversation>): { hits: SearchHit[]; truncated: boolean } {
  const words = query.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS);
  if (!words) return { hits: [], truncated: false };
  // Matched on the text as it is (no lower-casing, which can change lengths), with the flags doing the case.
  const pattern = new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'), 'iu');
  const sorted = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);
  const hits: SearchHit[] = [];
  for (const c of sorted) {
    const found: SearchHit[] = [];
    const inTitle = pattern.exec(c.title);
    if (inTitle) found.push({ conversationId: c.id, title: c.title, ...snippetAround(c.title, inTitle.index, inTitle[0].length) });
    for (const m of c.messages) {
      if (found.length >= HITS_PER_CONVERSATION) break;
      const at = pattern.exec(m.text);
      if (at) found.push({ conversationId: c.id, title: c.title, messageId: m.id, ...snippetAround(m.text, at.index, at[0].length) });
    }
    for (const hit of found) {
      if (hits.length === MAX_HITS) return { hits, truncated: true };
      hits.push(hit);
    }
  }
  return { hits, truncated: false };
}

/** One line around text[index, index + length): up to BEFORE characters before it and AFTER after, with … where cut. */
export function snippetAround(text: string, index: number, length: number): Pick<SearchHit, 'snippet' | 'match'> {
  const from = Math.max(0, index - BEFORE);
  const to = Math.min(text.length, index + length + AFTER);
  const lead = from > 0 ? '…' : '';
  const line = (s: string) => s.replace(/\s+/g, ' ');
  const before = lead + line(text.slice(from, index)).trimStart();
  const matched = line(text.slice(index, index + length));
  const after = line(text.slice(index + length, to)).trimEnd() + (to < text.length ? '…' : '');
  return { snippet: before + matched + after, match: { start: before.length, length: matched.length } };
}
