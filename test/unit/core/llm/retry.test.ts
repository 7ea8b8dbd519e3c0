import { strict as assert } from 'node:assert';
import { DEFAULT_RETRY, isRetryable, retryDelayMs } from '../../../../src/core/llm/retry';
import { sleep, WakeSignal } from '../../../../src/core/llm/abortableSleep';

describe('retry policy', () => {
  it('retries temporary failures only', () => {
    for (const code of ['rate_limit', 'overloaded', 'server', 'network', 'timeout']) assert.ok(isRetryable(code), code);
    for (const code of ['auth', 'bad_request', 'context_length_exceeded', 'quota_exhausted', 'cancelled', 'not_found', 'unknown']) assert.ok(!isRetryable(code), code);
  });

  it('backs off exponentially with full jitter under the cap', () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 1000, factor: 2, maxDelayMs: 5000 };
    assert.equal(retryDelayMs(1, undefined, opts, () => 0.999999), 1000);
    assert.equal(retryDelayMs(2, undefined, opts, () => 0.999999), 2000);
    assert.equal(retryDelayMs(3, undefined, opts, () => 0.999999), 4000);
    assert.equal(retryDelayMs(4, undefined, opts, () => 0.999999), 5000, 'capped');
    assert.equal(retryDelayMs(3, undefined, opts, () => 0), 0, 'full jitter reaches zero');
    const samples = Array.from({ length: 500 }, () => retryDelayMs(3, undefined, opts));
    assert.ok(samples.every((d) => d >= 0 && d <= 4000));
    assert.ok(new Set(samples).size > 100, 'jittered, not fixed');
  });

  it("honours the provider's Retry-After beyond the backoff cap, with a little jitter", () => {
    const opts = { ...DEFAULT_RETRY, maxDelayMs: 1000 };
    assert.equal(retryDelayMs(1, 20_000, opts, () => 0), 20_000);
    const d = retryDelayMs(1, 20_000, opts, () => 0.999);
    assert.ok(d > 20_000 && d <= 20_250, String(d));
    assert.equal(retryDelayMs(1, 0, opts, () => 0.5), 0);
  });
});

describe('abortable sleep', () => {
  it('elapses, wakes early, and rejects at once on abort', async () => {
    assert.equal(await sleep(5), 'elapsed');
    const wake = new WakeSignal();
    const t0 = Date.now();
    const p = sleep(10_000, undefined, wake);
    setTimeout(() => wake.wake(), 10);
    assert.equal(await p, 'woken');
    assert.ok(Date.now() - t0 < 1000);

    const ac = new AbortController();
    const t1 = Date.now();
    const q = sleep(10_000, ac.signal);
    setTimeout(() => ac.abort(new Error('stop')), 10);
    await assert.rejects(q, /stop/);
    assert.ok(Date.now() - t1 < 200);
    await assert.rejects(sleep(10, ac.signal), /stop/, 'an already aborted signal rejects at once');
  });
});
