// A chat-panel conversation's recorded spend, for its budget (switchboard.budget.perConversation):
// the sum of its answers' costs as stored with each message (`meta.costUsd`; a continued answer's
// meta already adds up its parts). An answer whose price is unknown (`costUsd: null`) adds nothing
// and is counted as one unknown-price request. Answers still running are not here: their
// reservations are (the budget adds them). Read-only over the chat feature's store.
import type { ConversationSpend } from '../../core/budget/budgetTypes';
import { nanosToUsd, usdToNanos } from '../../core/pricing/cost';

/** The part of ConversationStore this needs (it satisfies it). */
export interface ConversationSource {
  peek(id: string): { messages: readonly { meta?: { costUsd: number | null } }[] } | undefined;
}

/** A conversation that is not stored (yet, or any more) has spent nothing. */
export function conversationSpend(source: ConversationSource, conversationId: string): ConversationSpend {
  let nanos = 0;
  let unknownPriceRequests = 0;
  for (const m of source.peek(conversationId)?.messages ?? []) {
    if (!m.meta) continue;
    if (m.meta.costUsd === null) unknownPriceRequests++;
    else nanos += usdToNanos(m.meta.costUsd);
  }
  return { usd: nanosToUsd(nanos), unknownPriceRequests };
}
