// A panel conversation's recorded spend for its budget: the sum of its answers' stored costs, with
// answers of unknown price counted apart.
import { strict as assert } from 'node:assert';
import { conversationSpend, type ConversationSource } from '../../../../src/features/budget/conversationSpend';

const store = (conversations: Record<string, { meta?: { costUsd: number | null } }[]>): ConversationSource => ({
  peek: (id) => (conversations[id] ? { messages: conversations[id] } : undefined),
});

describe('budget: conversation spend', () => {
  it('adds up its answers\' costs exactly, counting unknown prices apart', () => {
    const source = store({
      c1: [{}, { meta: { costUsd: 0.1 } }, {}, { meta: { costUsd: 0.2 } }, {}, { meta: { costUsd: null } }],
      c2: [{}, { meta: { costUsd: 5 } }],
    });
    assert.deepEqual(conversationSpend(source, 'c1'), { usd: 0.3, unknownPriceRequests: 1 }, 'no float error: 0.1 + 0.2 = 0.3');
    assert.deepEqual(conversationSpend(source, 'c2'), { usd: 5, unknownPriceRequests: 0 });
  });

  it('is nothing for a conversation that is not stored (new, or deleted)', () => {
    assert.deepEqual(conversationSpend(store({}), 'new'), { usd: 0, unknownPriceRequests: 0 });
    assert.deepEqual(conversationSpend(store({ c1: [{}] }), 'c1'), { usd: 0, unknownPriceRequests: 0 });
  });
});
