// Admission under concurrency and for unpriced models: BudgetGuard.admit() counts what requests in
// flight reserved (this window's ledger and other windows' pending entries) as spent, and blocks a
// hard-budget request whose own estimate does not fit; models of unknown price are blocked under a
// hard budget unless allowed.
import { strict as assert } from 'node:assert';
import { BudgetGuard, type BudgetSettings } from '../../../../src/core/budget/budget';
import type { Committed } from '../../../../src/core/budget/reservations';
import { MemoryKeyValueStore } from '../../../../src/core/usage/usageStore';

const none: BudgetSettings = { daily: 0, monthly: 0, mode: 'soft', perProvider: {} };

function guard(settings: BudgetSettings, spentUsd = 0, elsewhere?: (providerId?: string) => Committed) {
  return new BudgetGuard({
    settings: () => settings,
    spend: () => ({ usd: spentUsd, unknownPriceRequests: 0 }),
    store: new MemoryKeyValueStore(),
    now: () => new Date(2026, 0, 15, 10, 0),
    providerLabel: (id) => ({ openai: 'OpenAI' })[id] ?? id,
    ...(elsewhere ? { elsewhere } : {}),
  });
}

const ask = (usd: number | null, model = 'gpt-4o-mini') => ({ providerId: 'openai', model, usd });

describe('budget: admission with reservations', () => {
  it('hard $1.00 with $0.99 spent: of 20 requests at $0.004 each, only those that fit are admitted', () => {
    const g = guard({ ...none, daily: 1, mode: 'hard' }, 0.99);
    const admitted = Array.from({ length: 20 }, () => g.admit(ask(0.004))).filter((a) => a.allowed);
    assert.equal(admitted.length, 2, '$0.99 + 2 × $0.004 = $0.998; a third would reach $1.002');
    assert.deepEqual(g.committed(), { usd: 0.008, unpriced: 0, requests: 2 });
    const blocked = g.admit(ask(0.004));
    assert.equal(blocked.allowed, false);
    assert.equal(blocked.reservation, undefined, 'a blocked request reserves nothing');
    assert.match(blocked.message!, /may cost up to ≈\$0\.004.*only \$0\.002 of the daily budget is left \(\$0\.99 spent \+ \$0\.008 reserved by requests in flight, of \$1\.00 today\)/);
    assert.match(blocked.message!, /switchboard\.maxOutputTokens/);
    for (const a of admitted) a.reservation!.release();
    assert.equal(g.admit(ask(0.004)).allowed, true, 'released reservations free the room again');
  });

  it('reservations count in status(): a budget full of requests in flight is "exceeded"', () => {
    const g = guard({ ...none, daily: 1, mode: 'hard' }, 0.5);
    const a = g.admit(ask(0.5));
    assert.equal(a.allowed, true);
    const [daily] = g.status();
    assert.deepEqual([daily!.level, daily!.spentUsd, daily!.committedUsd], ['exceeded', 1, 0.5]);
    a.reservation!.release();
    assert.equal(g.status()[0]!.level, 'ok', '$0.50 of $1.00 once the request settled');
  });

  it('soft mode reserves too, but never blocks', () => {
    const g = guard({ ...none, daily: 1 }, 0.99);
    const all = Array.from({ length: 5 }, () => g.admit(ask(0.01)));
    assert.ok(all.every((a) => a.allowed && a.reservation));
    assert.equal(g.committed().requests, 5);
  });

  it('counts other windows\' requests in flight (their pending entries)', () => {
    const g = guard({ ...none, daily: 1, mode: 'hard' }, 0.9, () => ({ usd: 0.1, unpriced: 0, requests: 3 }));
    const a = g.admit(ask(0.001));
    assert.equal(a.allowed, false);
    assert.match(a.message!, /the daily budget is used up \(\$0\.90 spent \+ \$0\.10 reserved by requests in flight, of \$1\.00 today\)/);
  });

  it('check() without an estimate keeps its old meaning: blocks only at 100 %', () => {
    const g = guard({ ...none, daily: 1, mode: 'hard' }, 0.999);
    assert.equal(g.check('openai').allowed, true);
    assert.equal(g.committed().requests, 0, 'check() reserves nothing');
  });
});

describe('budget: models of unknown price', () => {
  it('hard budget: blocked, saying why and how to allow it', () => {
    const g = guard({ ...none, monthly: 20, mode: 'hard' });
    const a = g.admit(ask(null, 'llama3.2'));
    assert.equal(a.allowed, false);
    assert.equal(
      a.message,
      'Switchboard blocked this request: the price of llama3.2 (OpenAI) is unknown, so its spend cannot be counted against your hard budget. ' +
        'Give it a price in switchboard.prices ("llama3.2": { "input": …, "output": … }, USD per million tokens), or set switchboard.budget.allowUnpricedModels to true.',
    );
    assert.equal(g.committed().requests, 0);
  });

  it('hard budget with allowUnpricedModels: admitted, warned once per day and model, counted as unpriced', () => {
    const g = guard({ ...none, monthly: 20, mode: 'hard', allowUnpriced: true });
    const first = g.admit(ask(null, 'llama3.2'));
    assert.equal(first.allowed, true);
    assert.equal(first.warnings.length, 1);
    assert.match(first.warnings[0]!, /price of llama3\.2 \(OpenAI\) is unknown, so its requests are not counted against your budget/);
    assert.deepEqual(g.admit(ask(null, 'llama3.2')).warnings, []);
    assert.equal(g.admit(ask(null, 'other')).warnings.length, 1, 'another model is warned about on its own');
    assert.deepEqual(g.committed(), { usd: 0, unpriced: 3, requests: 3 });
  });

  it('soft budget: warns, does not block', () => {
    const g = guard({ ...none, daily: 5 });
    const a = g.admit(ask(null, 'llama3.2'));
    assert.equal(a.allowed, true);
    assert.equal(a.warnings.length, 1);
  });

  it('no budget set (or none for this provider): neither blocked nor warned', () => {
    const hardWithoutLimits = guard({ ...none, mode: 'hard' });
    assert.deepEqual([hardWithoutLimits.admit(ask(null)).allowed, hardWithoutLimits.admit(ask(null)).warnings], [true, []]);
    const otherProvider = guard({ ...none, mode: 'hard', perProvider: { anthropic: { daily: 1 } } });
    assert.equal(otherProvider.admit(ask(null)).allowed, true);
  });
});
