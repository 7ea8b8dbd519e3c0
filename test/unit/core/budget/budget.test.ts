import { strict as assert } from 'node:assert';
import {
  BUDGET_WARNINGS_KEY,
  BudgetGuard,
  budgetLevel,
  evaluateBudget,
  spendFromUsage,
  type BudgetPeriod,
  type BudgetSettings,
  type PeriodSpend,
} from '../../../../src/core/budget/budget';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';

const none: BudgetSettings = { daily: 0, monthly: 0, mode: 'soft', perProvider: {} };
const spend = (usd: number, unknownPriceRequests = 0): PeriodSpend => ({ usd, unknownPriceRequests });
const periods = { day: '2026-01-15', month: '2026-01' };

/** A guard over spend figures the test sets by hand, with a hand-moved clock. */
function harness(settings: BudgetSettings, store = new MemoryKeyValueStore()) {
  let now = new Date(2026, 0, 15, 10, 0);
  const spent: Record<string, PeriodSpend> = {};
  const key = (period: BudgetPeriod, providerId?: string): string => `${period}:${providerId ?? '*'}`;
  const guard = new BudgetGuard({
    settings: () => settings,
    spend: (period, providerId) => spent[key(period, providerId)] ?? spend(0),
    store,
    now: () => now,
    providerLabel: (id) => ({ openai: 'OpenAI', anthropic: 'Anthropic' })[id] ?? id,
  });
  return {
    guard,
    store,
    set(period: BudgetPeriod, usd: number, providerId?: string, unknown = 0): void {
      spent[key(period, providerId)] = spend(usd, unknown);
    },
    setTime(date: Date): void {
      now = date;
    },
  };
}

describe('budget: levels', () => {
  it('is ok below 80 %, warn80 from 80 %, exceeded from 100 %', () => {
    assert.equal(budgetLevel(7.99, 10), 'ok');
    assert.equal(budgetLevel(8, 10), 'warn80');
    assert.equal(budgetLevel(9.999, 10), 'warn80');
    assert.equal(budgetLevel(10, 10), 'exceeded');
    assert.equal(budgetLevel(25, 10), 'exceeded');
    assert.equal(budgetLevel(1000, 0), 'ok', '0 = no limit');
  });

  it('has no float error at the threshold: 80 % of $0.30 is $0.24', () => {
    // In floats 0.3 × 0.8 = 0.24000000000000002 > 0.24.
    assert.equal(budgetLevel(0.24, 0.3), 'warn80');
    assert.equal(budgetLevel(0.239999999, 0.3), 'ok');
  });
});

describe('budget: evaluateBudget', () => {
  const settings: BudgetSettings = { daily: 5, monthly: 50, mode: 'soft', perProvider: { openai: { daily: 1, monthly: 0 } } };

  it('evaluates the overall limits and the checked provider’s, skipping 0 = none', () => {
    const statuses = evaluateBudget(
      { day: spend(4.5), month: spend(10), provider: { id: 'openai', day: spend(1.2), month: spend(3) } },
      settings,
      new Set(),
      periods,
    );
    assert.deepEqual(
      statuses.map((s) => [s.id, s.level, s.spentUsd, s.limitUsd, s.notify]),
      [
        ['daily', 'warn80', 4.5, 5, true],
        ['monthly', 'ok', 10, 50, false],
        ['daily:openai', 'exceeded', 1.2, 1, true],
      ],
    );
    const other = evaluateBudget({ day: spend(0), month: spend(0), provider: { id: 'anthropic', day: spend(99), month: spend(99) } }, settings, new Set(), periods);
    assert.deepEqual(
      other.map((s) => s.id),
      ['daily', 'monthly'],
      'openai’s budget does not apply to anthropic',
    );
    assert.deepEqual(evaluateBudget({ day: spend(1e6), month: spend(1e6) }, none, new Set(), periods), []);
  });

  it('does not notify a level already announced in this period and for this limit', () => {
    const [first] = evaluateBudget({ day: spend(4.5), month: spend(0) }, settings, new Set(), periods);
    assert.equal(first.warnKey, '2026-01-15|daily|warn80|5');
    const [again] = evaluateBudget({ day: spend(4.6), month: spend(0) }, settings, new Set([first.warnKey]), periods);
    assert.equal(again.notify, false);
    const [raised] = evaluateBudget({ day: spend(8.5), month: spend(0) }, { ...settings, daily: 10 }, new Set([first.warnKey]), periods);
    assert.equal(raised.notify, true, 'a raised limit re-arms its warnings');
  });
});

describe('budget: BudgetGuard', () => {
  it('soft mode: warns once at 80 %, once at 100 %, and never blocks', () => {
    const h = harness({ ...none, daily: 10 });
    h.set('day', 7);
    const calm = h.guard.check('openai');
    assert.deepEqual([calm.allowed, calm.warnings, calm.message], [true, [], undefined]);

    h.set('day', 8.5);
    const warned = h.guard.check('openai');
    assert.equal(warned.allowed, true);
    assert.equal(warned.warnings.length, 1);
    assert.match(warned.warnings[0], /85 % of your daily budget used \(\$8\.50 of \$10\.00 today\)/);
    assert.match(warned.warnings[0], /switchboard\.budget\.daily/);
    assert.deepEqual(h.guard.check('openai').warnings, [], 'dismissed: not shown again at once');

    h.set('day', 10.5);
    const over = h.guard.check('openai');
    assert.equal(over.allowed, true);
    assert.equal(over.warnings.length, 1);
    assert.match(over.warnings[0], /daily budget exceeded \(\$10\.50 of \$10\.00 today\)\. Requests continue/);
    assert.deepEqual(h.guard.check('openai').warnings, []);
  });

  it('hard mode: warns at 80 %, then blocks every request with a clear message', () => {
    const h = harness({ ...none, monthly: 20, mode: 'hard' });
    h.set('month', 16);
    const warned = h.guard.check('anthropic');
    assert.equal(warned.allowed, true);
    assert.match(warned.warnings[0], /80 % of your monthly budget used .* New requests will be blocked at 100 %/);

    h.set('month', 20.01);
    for (let i = 0; i < 2; i++) {
      const blocked = h.guard.check('anthropic');
      assert.equal(blocked.allowed, false);
      assert.deepEqual(blocked.warnings, []);
      assert.equal(
        blocked.message,
        'Switchboard blocked this request: the monthly budget is used up ($20.01 of $20.00 this month). ' +
          'It resets on the 1st of next month. To continue now, raise switchboard.budget.monthly or set switchboard.budget.mode to "soft".',
      );
    }
  });

  it('per-provider budgets block only that provider and name it', () => {
    const h = harness({ ...none, mode: 'hard', perProvider: { openai: { daily: 1 } } });
    h.set('day', 1.2, 'openai');
    h.set('day', 1.2);
    const blocked = h.guard.check('openai');
    assert.equal(blocked.allowed, false);
    assert.match(blocked.message!, /the daily budget for OpenAI is used up \(\$1\.20 of \$1\.00 today\)/);
    assert.match(blocked.message!, /switchboard\.budget\.perProvider \("openai": \{ "daily": … \}\)/);
    assert.equal(h.guard.check('anthropic').allowed, true);
  });

  it('re-arms daily warnings on a new day and monthly ones on a new month', () => {
    const h = harness({ ...none, daily: 10, monthly: 100 });
    h.set('day', 9);
    h.set('month', 90);
    assert.equal(h.guard.check('openai').warnings.length, 2);
    assert.equal(h.guard.check('openai').warnings.length, 0);

    h.setTime(new Date(2026, 0, 16, 9, 0)); // next day, same month
    const nextDay = h.guard.check('openai').warnings;
    assert.equal(nextDay.length, 1);
    assert.match(nextDay[0], /daily budget/);

    h.setTime(new Date(2026, 1, 1, 9, 0)); // next month
    const nextMonth = h.guard.check('openai').warnings;
    assert.equal(nextMonth.length, 2);
    // Only the current periods' keys are kept.
    assert.deepEqual(h.store.get<string[]>(BUDGET_WARNINGS_KEY)!.sort(), ['2026-02-01|daily|warn80|10', '2026-02|monthly|warn80|100']);
  });

  it('shares announced warnings with other windows through the store', () => {
    const store = new MemoryKeyValueStore();
    const one = harness({ ...none, daily: 10 }, store);
    const two = harness({ ...none, daily: 10 }, store);
    one.set('day', 9);
    two.set('day', 9);
    assert.equal(one.guard.check('openai').warnings.length, 1);
    assert.equal(two.guard.check('openai').warnings.length, 0);
  });

  it('says when requests of unknown price are not counted', () => {
    const h = harness({ ...none, daily: 1 });
    h.set('day', 0.9, undefined, 3);
    assert.match(h.guard.check('openai').warnings[0], /3 requests of unknown price are not counted\./);
  });

  it('status() reports levels without announcing anything', () => {
    const h = harness({ ...none, daily: 1 });
    h.set('day', 0.95);
    assert.deepEqual(
      h.guard.status().map((s) => [s.id, s.level]),
      [['daily', 'warn80']],
    );
    assert.equal(h.guard.check('openai').warnings.length, 1, 'status() did not use up the warning');
  });

  it('reads the spend from the usage store', async () => {
    const now = (): Date => new Date(2026, 0, 15, 10, 0);
    const usage = new UsageStore({ store: new MemoryKeyValueStore(), now });
    const guard = new BudgetGuard({ settings: () => ({ ...none, mode: 'hard', daily: 1, perProvider: { openai: { daily: 0.5 } } }), spend: spendFromUsage(usage), now });
    const record = (providerId: string, usd: number) =>
      usage.record({ providerId, model: 'm', usage: { inputTokens: 1, outputTokens: 1 }, cost: { usd, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok' });
    await record('openai', 0.3);
    await record('anthropic', 0.3);
    assert.equal(guard.check('openai').allowed, true);
    await record('openai', 0.2);
    assert.equal(guard.check('openai').allowed, false, 'openai reached its own $0.50');
    assert.equal(guard.check('anthropic').allowed, true, '$0.80 of the overall $1');
    await record('anthropic', 0.2);
    assert.match(guard.check('anthropic').message!, /the daily budget is used up \(\$1\.00 of \$1\.00 today\)/);
  });
});
