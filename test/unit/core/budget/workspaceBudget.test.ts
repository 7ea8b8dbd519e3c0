// Workspace budgets (switchboard.budget.perWorkspace): the current workspace's daily/monthly limits
// apply to every request made in it, counting its recorded spend plus what requests in flight for
// it have reserved (this window's ledger, other windows' pending entries), with the same 80 %
// warning once per period and the same soft/hard behaviour as the other budgets.
import { strict as assert } from 'node:assert';
import {
  BudgetGuard,
  evaluateBudget,
  spendFromUsage,
  workspaceSpendFromUsage,
  type BudgetPeriod,
  type BudgetSettings,
  type PeriodSpend,
} from '../../../../src/core/budget/budget';
import type { Committed } from '../../../../src/core/budget/reservations';
import { PendingUsage } from '../../../../src/core/usage/pendingUsage';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';

const none: BudgetSettings = { daily: 0, monthly: 0, mode: 'soft', perProvider: {} };
const spend = (usd: number, unknownPriceRequests = 0): PeriodSpend => ({ usd, unknownPriceRequests });
const periods = { day: '2026-01-15', month: '2026-01' };
const mine = (limits: { daily?: number; monthly?: number }, over: Partial<BudgetSettings> = {}): BudgetSettings => ({ ...none, perWorkspace: { 'my-app': limits }, ...over });
const ask = (usd: number | null, workspace = 'my-app') => ({ providerId: 'openai', model: 'gpt-4o-mini', usd, workspace });

/** A guard over workspace spend figures set by hand, with a hand-moved clock. */
function harness(settings: BudgetSettings, elsewhere?: (providerId?: string, workspace?: string) => Committed) {
  let now = new Date(2026, 0, 15, 10, 0);
  const spent: Record<string, PeriodSpend> = {};
  const guard = new BudgetGuard({
    settings: () => settings,
    spend: () => spend(0),
    workspaceSpend: (period, workspace) => spent[`${period}:${workspace}`] ?? spend(0),
    store: new MemoryKeyValueStore(),
    now: () => now,
    ...(elsewhere ? { elsewhere } : {}),
  });
  return {
    guard,
    set(period: BudgetPeriod, usd: number, workspace = 'my-app', unknown = 0): void {
      spent[`${period}:${workspace}`] = spend(usd, unknown);
    },
    setTime(date: Date): void {
      now = date;
    },
  };
}

describe('budget: workspace limits (evaluateBudget)', () => {
  it('lists the snapshot workspace\'s daily and monthly limits, with their own ids and warn keys', () => {
    const snapshot = { day: spend(0), month: spend(0), workspace: { name: 'my-app', day: spend(1.7), month: spend(31) } };
    const statuses = evaluateBudget(snapshot, mine({ daily: 2, monthly: 30 }), new Set(), periods);
    assert.deepEqual(
      statuses.map((s) => [s.id, s.period, s.workspace, s.level, s.warnKey]),
      [
        ['workspace:daily:my-app', 'day', 'my-app', 'warn80', '2026-01-15|workspace:daily:my-app|warn80|2'],
        ['workspace:monthly:my-app', 'month', 'my-app', 'exceeded', '2026-01|workspace:monthly:my-app|exceeded|30'],
      ],
    );
  });

  it('has no limits for a workspace without an entry, or with 0', () => {
    const snapshot = (name: string) => ({ day: spend(5), month: spend(5), workspace: { name, day: spend(5), month: spend(5) } });
    assert.deepEqual(evaluateBudget(snapshot('other'), mine({ daily: 1 }), new Set(), periods), []);
    assert.deepEqual(evaluateBudget(snapshot('my-app'), mine({ daily: 0 }), new Set(), periods), []);
    assert.deepEqual(evaluateBudget(snapshot('toString'), mine({ daily: 1 }), new Set(), periods), [], 'no inherited keys');
  });
});

describe('budget: workspace limits (BudgetGuard)', () => {
  it('status() shows the workspace\'s limits only when asked about that workspace', () => {
    const h = harness(mine({ daily: 2 }));
    h.set('day', 1);
    assert.deepEqual(h.guard.status({ workspace: 'my-app' }).map((s) => [s.id, s.spentUsd, s.level]), [['workspace:daily:my-app', 1, 'ok']]);
    assert.deepEqual(h.guard.status(), []);
    assert.deepEqual(h.guard.status({ workspace: '' }), [], 'no folder open: no workspace budget');
  });

  it('soft: warns at 80 % once per day, again at 100 %, and never blocks', () => {
    const h = harness(mine({ daily: 2 }));
    h.set('day', 1.6);
    const first = h.guard.admit(ask(0));
    assert.equal(first.allowed, true);
    assert.equal(first.warnings.length, 1);
    assert.match(first.warnings[0]!, /80 % of your daily budget for workspace "my-app" used \(\$1\.60 of \$2\.00 today\)\. You will be warned again at 100 %\./);
    assert.match(first.warnings[0]!, /switchboard\.budget\.perWorkspace \("my-app": \{ "daily": … \}\) in your user settings/);
    assert.deepEqual(h.guard.admit(ask(0)).warnings, [], 'once per period');
    h.set('day', 2.5);
    const over = h.guard.admit(ask(0.1));
    assert.equal(over.allowed, true);
    assert.match(over.warnings[0]!, /daily budget for workspace "my-app" exceeded \(\$2\.50 of \$2\.00 today\)\. Requests continue because switchboard\.budget\.mode is "soft"\./);
    h.setTime(new Date(2026, 0, 16, 9, 0));
    assert.equal(h.guard.admit(ask(0)).warnings.length, 1, 'a new day re-arms the daily warning');
  });

  it('remembers monthly warnings for the month', () => {
    const h = harness(mine({ monthly: 10 }));
    h.set('month', 8.5);
    assert.equal(h.guard.admit(ask(0)).warnings.length, 1);
    h.setTime(new Date(2026, 0, 20, 9, 0));
    assert.equal(h.guard.admit(ask(0)).warnings.length, 0, 'same month: not again');
  });

  it('hard: blocks requests in the workspace at 100 %, naming it, spent vs limit and the setting; others pass', () => {
    const h = harness(mine({ daily: 2 }, { mode: 'hard' }));
    h.set('day', 2);
    const blocked = h.guard.admit(ask(0.01));
    assert.equal(blocked.allowed, false);
    assert.equal(blocked.reservation, undefined);
    assert.equal(
      blocked.message,
      'Switchboard blocked this request: the daily budget for workspace "my-app" is used up ($2.00 of $2.00 today). It resets at midnight. ' +
        'To continue now, raise switchboard.budget.perWorkspace ("my-app": { "daily": … }) in your user settings or set switchboard.budget.mode to "soft".',
    );
    assert.equal(h.guard.admit(ask(0.01)).warnings.length, 0, 'a block is not a warning');
    assert.equal(h.guard.admit(ask(0.01, 'other')).allowed, true, 'another workspace has no such budget');
    assert.equal(h.guard.admit({ providerId: 'openai', model: 'm', usd: 0.01 }).allowed, true, 'a request without a workspace');
  });

  it('hard: blocks a request whose estimate does not fit in what is left of the workspace budget', () => {
    const h = harness(mine({ daily: 2 }, { mode: 'hard' }));
    h.set('day', 1.95);
    const blocked = h.guard.admit(ask(0.1));
    assert.equal(blocked.allowed, false);
    assert.match(blocked.message!, /only \$0\.05 of the daily budget for workspace "my-app" is left/);
    assert.equal(h.guard.admit(ask(0.05)).allowed, true);
  });

  it('counts this window\'s reservations for the workspace, not those of another workspace', () => {
    const h = harness(mine({ daily: 1 }, { mode: 'hard' }));
    const elsewhereWs = h.guard.admit(ask(0.9, 'other'));
    assert.equal(elsewhereWs.allowed, true);
    assert.equal(h.guard.admit(ask(0.5)).allowed, true, "another workspace's reservation does not count");
    const third = h.guard.admit(ask(0.6));
    assert.equal(third.allowed, false, '$0.50 already reserved for my-app');
    assert.match(third.message!, /\$0\.00 spent \+ \$0\.50 reserved by requests in flight, of \$1\.00 today/);
    assert.deepEqual(h.guard.committed({ workspace: 'my-app' }), { usd: 0.5, unpriced: 0, requests: 1 });
  });

  it('counts what other windows\' requests in flight reserved for the workspace (their pending entries)', () => {
    const kv = new MemoryKeyValueStore();
    const now = () => new Date(2026, 0, 15, 10, 0).getTime();
    const a = new PendingUsage({ store: kv, now });
    const b = new PendingUsage({ store: kv, now });
    a.begin({ providerId: 'openai', model: 'm', workspace: 'my-app', inputTokens: 10, usd: 0.7 });
    a.begin({ providerId: 'openai', model: 'm', workspace: 'other', inputTokens: 10, usd: 5 });
    const h = harness(mine({ daily: 1 }, { mode: 'hard' }), (providerId, workspace) => b.elsewhere(providerId, workspace));
    assert.equal(h.guard.admit(ask(0.4)).allowed, false, '$0.70 in flight in window a + $0.40 > $1.00');
    assert.equal(h.guard.admit(ask(0.3)).allowed, true);
  });

  it('20 simultaneous admissions in two windows under a hard workspace budget never overshoot it', async () => {
    const kv = new MemoryKeyValueStore();
    const clock = () => new Date(2026, 0, 15, 10, 0);
    const usage = new UsageStore({ store: kv, now: clock });
    const settings = mine({ daily: 1 }, { mode: 'hard' });
    const windows = ['a', 'b'].map(() => {
      const pending = new PendingUsage({ store: kv, now: () => clock().getTime() });
      const guard = new BudgetGuard({
        settings: () => settings,
        spend: spendFromUsage(usage),
        workspaceSpend: workspaceSpendFromUsage(usage),
        elsewhere: (providerId, workspace) => pending.elsewhere(providerId, workspace),
        store: kv,
        now: clock,
      });
      return { pending, guard };
    });
    const record = (usd: number) =>
      usage.record({ providerId: 'openai', model: 'm', usage: { inputTokens: 1, outputTokens: 1 }, cost: { usd, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok', workspace: 'my-app' });
    await record(0.9);
    const tick = (n: number) => new Promise<void>((resolve) => setTimeout(resolve, n % 3));
    // Each request costs what it reserved (the worst case): $0.90 + 5 × $0.02 = $1.00 fits, a sixth does not.
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { guard, pending } = windows[i % 2]!;
        await tick(i);
        const admission = guard.admit(ask(0.02));
        if (!admission.allowed) return false;
        const handle = pending.begin({ providerId: 'openai', model: 'm', workspace: 'my-app', inputTokens: 1, usd: 0.02 });
        await tick(i + 1);
        handle.end();
        await record(0.02);
        admission.reservation!.release();
        return true;
      }),
    );
    assert.equal(results.filter(Boolean).length, 5);
    const spent = usage.workspaceSpend('day', 'my-app').costUsd;
    assert.ok(spent <= 1 + 1e-9, `spent ${spent} within the $1.00 limit`);
    assert.ok(windows.every((w) => w.guard.committed().requests === 0), 'every reservation released');
  });
});
