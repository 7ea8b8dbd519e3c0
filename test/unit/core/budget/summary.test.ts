import { strict as assert } from 'node:assert';
import { evaluateBudget, type BudgetSettings } from '../../../../src/core/budget/budget';
import { budgetRows, summarizeBudgets } from '../../../../src/core/budget/summary';

const periods = { day: '2026-12-03', month: '2026-12' };
const spend = (day: number, month: number, provider?: { id: string; day: number; month: number }) => ({
  day: { usd: day, unknownPriceRequests: 0 },
  month: { usd: month, unknownPriceRequests: 0 },
  ...(provider ? { provider: { id: provider.id, day: { usd: provider.day, unknownPriceRequests: 0 }, month: { usd: provider.month, unknownPriceRequests: 0 } } } : {}),
});
const settings = (over: Partial<BudgetSettings> = {}): BudgetSettings => ({ daily: 1, monthly: 20, mode: 'soft', perProvider: {}, ...over });

describe('budget summary: status bar alert and report rows', () => {
  it('is ok below 80 %, warns past 80 %, and says which limit', () => {
    assert.deepEqual(summarizeBudgets(evaluateBudget(spend(0.5, 5), settings(), new Set(), periods), 'soft'), { alert: 'ok' });
    assert.deepEqual(summarizeBudgets(evaluateBudget(spend(0.85, 5), settings(), new Set(), periods), 'soft'), { alert: 'warn80', text: 'Over 80 % of the daily budget ($1.00).' });
  });

  it('an exceeded limit wins over a warning; hard mode says requests are blocked', () => {
    const statuses = evaluateBudget(spend(0.85, 21), settings(), new Set(), periods);
    assert.deepEqual(summarizeBudgets(statuses, 'soft'), { alert: 'exceeded', text: 'Monthly budget of $20.00 reached.' });
    assert.deepEqual(summarizeBudgets(statuses, 'hard'), { alert: 'blocked', text: 'Monthly budget of $20.00 reached: new requests are blocked.' });
  });

  it('lists one report row per limit, named by period and provider label, blocked in hard mode', () => {
    const statuses = evaluateBudget(spend(0.2, 3, { id: 'openai', day: 0.9, month: 3 }), settings({ perProvider: { openai: { daily: 0.5 } } }), new Set(), periods);
    const label = (id: string) => (id === 'openai' ? 'OpenAI' : id);
    assert.deepEqual(budgetRows(statuses, 'soft', label), [
      { label: 'Daily', level: 'ok', limitUsd: 1, spentUsd: 0.2 },
      { label: 'Monthly', level: 'ok', limitUsd: 20, spentUsd: 3 },
      { label: 'Daily · OpenAI', level: 'exceeded', limitUsd: 0.5, spentUsd: 0.9 },
    ]);
    assert.equal(budgetRows(statuses, 'hard', label)[2]!.level, 'blocked');
  });

  it('names workspace and conversation limits in the tooltip and the rows', () => {
    const snapshot = {
      ...spend(0.2, 3),
      workspace: { name: 'my-app', day: { usd: 1.7, unknownPriceRequests: 0 }, month: { usd: 31, unknownPriceRequests: 0 } },
      conversation: { id: 'c1', total: { usd: 0.1, unknownPriceRequests: 0 } },
    };
    const statuses = evaluateBudget(snapshot, settings({ perWorkspace: { 'my-app': { daily: 2, monthly: 30 } }, perConversation: 0.5 }), new Set(), periods);
    assert.deepEqual(summarizeBudgets(statuses, 'hard'), { alert: 'blocked', text: 'Monthly budget for workspace "my-app" of $30.00 reached: new requests are blocked.' });
    assert.deepEqual(summarizeBudgets(statuses.slice(0, 3), 'soft'), { alert: 'warn80', text: 'Over 80 % of the daily budget for workspace "my-app" ($2.00).' });
    assert.deepEqual(budgetRows(statuses, 'soft', (id) => id).map((r) => [r.label, r.level]), [
      ['Daily', 'ok'],
      ['Monthly', 'ok'],
      ['Daily · workspace my-app', 'warn80'],
      ['Monthly · workspace my-app', 'exceeded'],
      ['This conversation', 'ok'],
    ]);
  });
});
