// The in-flight ledger: what admitted requests have reserved, released exactly once.
import { strict as assert } from 'node:assert';
import { ReservationLedger } from '../../../../src/core/budget/reservations';

describe('budget: reservation ledger', () => {
  it('sums live reservations overall and per provider, in exact nano-dollars', () => {
    const ledger = new ReservationLedger();
    ledger.reserve('openai', 0.1);
    ledger.reserve('openai', 0.2);
    ledger.reserve('anthropic', null);
    assert.deepEqual(ledger.committed(), { usd: 0.3, unpriced: 1, requests: 3 });
    assert.deepEqual(ledger.committed({ providerId: 'openai' }), { usd: 0.3, unpriced: 0, requests: 2 });
    assert.deepEqual(ledger.committed({ providerId: 'gemini' }), { usd: 0, unpriced: 0, requests: 0 });
  });

  it('releases a reservation exactly once', () => {
    const ledger = new ReservationLedger();
    const r = ledger.reserve('openai', 0.5);
    ledger.reserve('openai', 0.25);
    assert.equal(r.release(), true);
    assert.equal(r.release(), false, 'a second release does nothing');
    assert.deepEqual(ledger.committed(), { usd: 0.25, unpriced: 0, requests: 1 });
    assert.equal(ledger.size, 1);
  });

  it('moves a reservation to the provider a fallback went to', () => {
    const ledger = new ReservationLedger();
    const r = ledger.reserve('openai', 0.5);
    r.moveTo('anthropic', 0.5);
    assert.equal(ledger.committed({ providerId: 'openai' }).requests, 0);
    assert.deepEqual(ledger.committed({ providerId: 'anthropic' }), { usd: 0.5, unpriced: 0, requests: 1 });
    assert.equal(r.providerId, 'anthropic');
    r.release();
    assert.equal(ledger.size, 0);
  });

  it('filters by workspace and conversation, which a fallback does not change', () => {
    const ledger = new ReservationLedger();
    const r = ledger.reserve('openai', 0.1, { workspace: 'my-app', conversationId: 'c1' });
    ledger.reserve('openai', 0.2, { workspace: 'my-app' });
    ledger.reserve('anthropic', null, { workspace: 'other' });
    ledger.reserve('openai', 0.4);
    assert.deepEqual(ledger.committed({ workspace: 'my-app' }), { usd: 0.3, unpriced: 0, requests: 2 });
    assert.deepEqual(ledger.committed({ workspace: 'other' }), { usd: 0, unpriced: 1, requests: 1 });
    assert.deepEqual(ledger.committed({ workspace: '' }), { usd: 0.4, unpriced: 0, requests: 1 }, 'no workspace given = none open');
    assert.deepEqual(ledger.committed({ conversationId: 'c1' }), { usd: 0.1, unpriced: 0, requests: 1 });
    assert.deepEqual(ledger.committed({ providerId: 'openai', workspace: 'my-app' }), { usd: 0.3, unpriced: 0, requests: 2 }, 'fields combine');
    r.moveTo('anthropic', 0.15);
    assert.deepEqual([r.providerId, r.workspace, r.conversationId], ['anthropic', 'my-app', 'c1']);
    assert.deepEqual(ledger.committed({ conversationId: 'c1' }), { usd: 0.15, unpriced: 0, requests: 1 });
    assert.deepEqual(ledger.committed({ providerId: 'anthropic', workspace: 'my-app' }), { usd: 0.15, unpriced: 0, requests: 1 });
  });
});
