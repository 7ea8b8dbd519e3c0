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
    assert.deepEqual(ledger.committed('openai'), { usd: 0.3, unpriced: 0, requests: 2 });
    assert.deepEqual(ledger.committed('gemini'), { usd: 0, unpriced: 0, requests: 0 });
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
    assert.equal(ledger.committed('openai').requests, 0);
    assert.deepEqual(ledger.committed('anthropic'), { usd: 0.5, unpriced: 0, requests: 1 });
    assert.equal(r.providerId, 'anthropic');
    r.release();
    assert.equal(ledger.size, 0);
  });
});
