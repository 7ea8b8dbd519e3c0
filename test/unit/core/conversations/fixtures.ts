// Conversations to store in the conversation-store tests.
import type { StoredConversation } from '../../../../src/core/conversations/conversation';

let n = 0;

export function conversation(messages: number, over: Partial<StoredConversation> = {}): StoredConversation {
  const id = over.id ?? `c${++n}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    v: 1, id, title: `Conversation ${id}`, titled: false, createdAt: 1, updatedAt: 1, providerId: 'openai', model: 'gpt-5-mini',
    messages: Array.from({ length: messages }, (_, i) => ({
      id: `${id}-m${i}`, role: i % 2 ? 'assistant' as const : 'user' as const, text: `message ${i} of ${id}`, status: 'done' as const, createdAt: 10 + i,
    })),
    ...over,
  };
}
