// The text the panel's search looks through: every stored conversation, read once and kept until
// its `updatedAt` changes (so typing a query does not read every file again), and the conversations
// this window holds in memory (the open one may have an answer still streaming) as they are now.
import { searchConversations, type SearchableConversation, type SearchHit } from '../../core/conversations/conversationSearch';
import type { ConversationStore, StoredConversation } from './conversationStore';

export class ConversationSearchIndex {
  private readonly cache = new Map<string, SearchableConversation>();

  constructor(
    private readonly store: ConversationStore,
    /** This window's copy of a conversation, when it has one (newer than the file while it streams). */
    private readonly inMemory: (id: string) => StoredConversation | undefined,
  ) {}

  search(query: string): { hits: SearchHit[]; truncated: boolean } {
    if (!query.trim()) return { hits: [], truncated: false };
    const listed = this.store.list();
    const seen = new Set<string>();
    const conversations: SearchableConversation[] = [];
    for (const summary of listed) {
      seen.add(summary.id);
      const live = this.inMemory(summary.id);
      const searchable = live ? searchableOf(live) : this.stored(summary.id, summary.updatedAt);
      if (searchable) conversations.push(searchable);
    }
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id); // deleted meanwhile
    return searchConversations(query, conversations);
  }

  private stored(id: string, updatedAt: number): SearchableConversation | undefined {
    const cached = this.cache.get(id);
    if (cached?.updatedAt === updatedAt) return cached;
    // peek: reading for search must not count as this window having seen the file (conversationFiles.ts).
    const c = this.store.peek(id);
    if (!c) return undefined;
    const searchable = { ...searchableOf(c), updatedAt }; // as listed, so the next search finds it cached
    this.cache.set(id, searchable);
    return searchable;
  }
}

function searchableOf(c: StoredConversation): SearchableConversation {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt, messages: c.messages.map((m) => ({ id: m.id, text: m.text })) };
}
