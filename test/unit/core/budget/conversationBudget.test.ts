// Conversation budgets (switchboard.budget.perConversation): one chat-panel conversation's total
// spend (its recorded answers plus its requests in flight) against one limit; warned once per day
// and level, blocked in hard mode; requests without a conversation never see it.
import { strict as assert } from 'node:assert';
import { BudgetGuard, evaluateBudget, type BudgetSettings, type ConversationSpend } from '../../../../src/core/budget/budget';
import { MemoryKeyValueStore } from '../../../../src/core/usage/usageStore';

const none: BudgetSettings = { daily: 0, monthly: 0, mode: 'soft', perProvider: {} };
const zero = { usd: 0, unknownPriceRequests: 0 };
const periods = { day: '2026-01-15', month: '2026-01' };
const ask = (usd: number | null, conversationId?: string) => ({ providerId: 'openai', model: 'gpt-4o-mini', usd, workspace: 'my-app', ...(conversationId ? { conversationId } : {}) });

function harness(settings: BudgetSettings) {
  let now = new Date(2026, 0, 15, 10, 0);
  const spent = new Map<string, ConversationSpend>();
  const asked: string[] = [];
  const elsewhere: (string | undefined)[][] = [];
  const guard = new BudgetGuard({
    settings: () => settings,
    spend: () => zero,
    conversationSpend: (id) => (asked.push(id), spent.get(id) ?? zero),
    elsewhere: (providerId, workspace) => (elsewhere.push([providerId, workspace]), { usd: 0, unpriced: 0, requests: 0 }),
    store: new MemoryKeyValueStore(),
    now: () => now,
  });
  return {
    guard,
    asked,
    elsewhere,
    set: (id: string, usd: number, unknownPriceRequests = 0) => spent.set(id, { usd, unknownPriceRequests }),
    setTime: (date: Date) => void (now = date),
  };
}

describe('budget: conversation limit', () => {
  it('evaluateBudget lists it for the snapshot conversation, warned per day', () => {
    const snapshot = { day: zero, month: zero, conversation: { id: 'c1', total: { usd: 0.45, unknownPriceRequests: 0 } } };
    const [s] = evaluateBudget(snapshot, { ...none, perConversation: 0.5 }, new Set(), periods);
    assert.deepEqual([s!.id, s!.period, s!.conversationId, s!.level, s!.warnKey], ['conversation:c1', 'conversation', 'c1', 'warn80', '2026-01-15|conversation:c1|warn80|0.5']);
    assert.deepEqual(evaluateBudget(snapshot, none, new Set(), periods), [], '0 = none');
  });

  it('is ignored by requests without a conversation (nothing is even read)', () => {
    const h = harness({ ...none, perConversation: 0.5, mode: 'hard' });
    h.set('c1', 5);
    const a = h.guard.admit(ask(0.1));
    assert.deepEqual([a.allowed, a.statuses], [true, []]);
    assert.deepEqual(h.asked, []);
  });

  it('is not read at all when no conversation budget is set', () => {
    const h = harness(none);
    h.guard.admit(ask(0.1, 'c1'));
    assert.deepEqual(h.asked, []);
  });

  it('soft: warns at 80 % once per day and conversation, again at 100 %, and never blocks', () => {
    const h = harness({ ...none, perConversation: 1 });
    h.set('c1', 0.85);
    h.set('c2', 0.9);
    const first = h.guard.admit(ask(0.01, 'c1'));
    assert.equal(first.allowed, true);
    assert.equal(first.warnings[0], 'Switchboard: this conversation has used 85 % of its $1.00 budget ($0.85 spent). You will be warned again at 100 %. Start a new chat, or change switchboard.budget.perConversation.');
    assert.deepEqual(h.guard.admit(ask(0.01, 'c1')).warnings, [], 'once per day');
    assert.equal(h.guard.admit(ask(0.01, 'c2')).warnings.length, 1, 'another conversation has its own warning');
    h.set('c1', 1.2);
    const over = h.guard.admit(ask(0.01, 'c1'));
    assert.equal(over.allowed, true);
    assert.match(over.warnings[0]!, /this conversation is over its \$1\.00 budget \(\$1\.2\d spent, \$0\.0\d of it reserved by requests in flight\)\. Requests continue/);
    h.setTime(new Date(2026, 0, 16, 9, 0));
    assert.equal(h.guard.admit(ask(0.01, 'c1')).warnings.length, 1, 'the next day it is said again');
  });

  it('hard: blocks the conversation at its limit, says how to go on; other conversations and requests pass', () => {
    const h = harness({ ...none, perConversation: 1, mode: 'hard' });
    h.set('c1', 1);
    const blocked = h.guard.admit(ask(0.01, 'c1'));
    assert.equal(blocked.allowed, false);
    assert.equal(blocked.message, 'Switchboard blocked this request: this conversation has used its $1.00 budget ($1.00 spent). Start a new chat, or raise switchboard.budget.perConversation.');
    assert.equal(h.guard.admit(ask(0.01, 'c2')).allowed, true);
    assert.equal(h.guard.admit(ask(0.01)).allowed, true);
  });

  it('hard: an answer that may not fit in what is left is blocked, suggesting a new chat', () => {
    const h = harness({ ...none, perConversation: 1, mode: 'hard' });
    h.set('c1', 0.95);
    const blocked = h.guard.admit(ask(0.1, 'c1'));
    assert.equal(blocked.allowed, false);
    assert.match(blocked.message!, /only \$0\.05 of the conversation budget is left \(\$0\.95 of \$1\.00 in this conversation\)\. Lower switchboard\.maxOutputTokens, start a new chat, raise switchboard\.budget\.perConversation/);
  });

  it('counts the conversation\'s own reservations (this window only), not other conversations\'', () => {
    const h = harness({ ...none, perConversation: 1, mode: 'hard' });
    assert.equal(h.guard.admit(ask(0.9, 'c2')).allowed, true);
    const a = h.guard.admit(ask(0.6, 'c1'));
    assert.equal(a.allowed, true, "c2's reservation does not count for c1");
    assert.equal(h.guard.admit(ask(0.6, 'c1')).allowed, false, '$0.60 already reserved in c1');
    const asked = h.elsewhere.length;
    assert.deepEqual(h.guard.committed({ conversationId: 'c1' }), { usd: 0.6, unpriced: 0, requests: 1 });
    assert.equal(h.elsewhere.length, asked, "other windows' pending entries carry no conversation: not asked");
    a.reservation!.release();
    assert.equal(h.guard.admit(ask(0.6, 'c1')).allowed, true);
  });

  it('says how many of its answers had no known price', () => {
    const h = harness({ ...none, perConversation: 1 });
    h.set('c1', 0.8, 2);
    assert.match(h.guard.admit(ask(0, 'c1')).warnings[0]!, /2 requests of unknown price are not counted\./);
  });

  it('status() with a conversation lists its limit next to the others', () => {
    const h = harness({ ...none, daily: 5, perConversation: 1 });
    h.set('c1', 0.3);
    assert.deepEqual(h.guard.status({ conversationId: 'c1' }).map((s) => [s.id, s.spentUsd]), [['daily', 0], ['conversation:c1', 0.3]]);
    assert.deepEqual(h.guard.status().map((s) => s.id), ['daily']);
  });
});
