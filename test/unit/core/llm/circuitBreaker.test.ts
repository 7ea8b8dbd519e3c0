import { strict as assert } from 'node:assert';
import { CircuitBreaker } from '../../../../src/core/llm/circuitBreaker';

describe('circuit breaker', () => {
  it('opens after repeated outages, half-opens after the cool-down for one trial, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 }, () => now);
    b.failure('server');
    b.failure('network');
    assert.equal(b.current, 'closed');
    b.failure('overloaded');
    assert.equal(b.current, 'open');
    assert.equal(b.allow(), false);
    now = 1000;
    assert.equal(b.current, 'half-open');
    assert.equal(b.allow(), true, 'one trial');
    assert.equal(b.allow(), false, 'only one trial at a time');
    b.success();
    assert.equal(b.current, 'closed');
    assert.equal(b.allow(), true);
  });

  it('re-opens when the trial fails, and ignores failures that say nothing about availability', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 100 }, () => now);
    b.failure('auth');
    b.failure('bad_request');
    assert.equal(b.current, 'closed');
    b.failure('server');
    assert.equal(b.current, 'open');
    now = 100;
    assert.ok(b.allow());
    b.failure('timeout');
    assert.equal(b.current, 'open');
  });

  it('says which request holds the half-open trial, and takes the slot back on release()', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 100 }, () => now);
    assert.equal(b.admit(), 'pass');
    b.failure('network');
    assert.equal(b.admit(), undefined, 'open');
    now = 100;
    assert.equal(b.admit(), 'trial');
    assert.equal(b.admit(), undefined, 'one trial at a time');
    b.release(); // the trial was stopped by the user: no verdict
    assert.equal(b.current, 'half-open');
    assert.equal(b.admit(), 'trial', 'the next request may try');
  });
});
