import { strict as assert } from 'node:assert';
import { getEventListeners } from 'node:events';
import { DEFAULT_PROVIDER_LIMITS, providerLimits, RateLimiter, type QueueEntryInfo } from '../../../../src/core/llm/rateLimiter';

describe('rate limiter', () => {
  it('reserves tokens up front and refunds an over-estimate when the real usage is known', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 1000 }), windowMs: 60_000 });
    const first = await limiter.acquire('p', 800);
    assert.equal(first.tokens, 800);
    let started = false;
    const second = limiter.acquire('p', 800).then((r) => ((started = true), r));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(started, false, 'not enough tokens left: queued');
    assert.equal(limiter.snapshot().length, 1);
    first.settle(100); // the request really used 100 tokens: 700 come back
    await second;
    assert.equal(started, true);
    limiter.dispose();
  });

  it('a request with room starts at once: no queue entry and no listener left on its signal; an aborted one is refused', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 2, tokensPerMinute: 1000 }), windowMs: 60_000 });
    const seen: QueueEntryInfo[][] = [];
    limiter.onChange((q) => seen.push(q));
    const controller = new AbortController();
    const first = await limiter.acquire('p', 300, { signal: controller.signal });
    assert.equal(first.tokens, 300);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.deepEqual(seen, [[]], 'listeners still hear of the (empty) queue');
    await limiter.acquire('p', 300, { signal: controller.signal });
    // The request bucket is spent: the third waits, with a listener for its signal, until aborted.
    const third = limiter.acquire('p', 1, { signal: controller.signal });
    assert.equal(limiter.snapshot().length, 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    controller.abort(new Error('stopped'));
    await assert.rejects(third, /stopped/);
    await assert.rejects(limiter.acquire('p', 1, { signal: controller.signal }), /stopped/);
    assert.equal(limiter.snapshot().length, 0);
    limiter.dispose();
  });

  it('caps a reservation at the bucket size so a big request cannot wait forever', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 500 }) });
    const r = await limiter.acquire('p', 10_000);
    assert.equal(r.tokens, 500);
    limiter.dispose();
  });

  it('reports queue positions and expected waits, and unlimited means no queue', async () => {
    const limiter = new RateLimiter({ limits: (id) => (id === 'slow' ? { requestsPerMinute: 1, tokensPerMinute: 0 } : { requestsPerMinute: 0, tokensPerMinute: 0 }), windowMs: 400 });
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquire('fast', 1_000_000)));
    await limiter.acquire('slow', 1);
    const seen: QueueEntryInfo[][] = [];
    const sub = limiter.onChange((q) => seen.push(q));
    const a = limiter.acquire('slow', 1);
    const b = limiter.acquire('slow', 1);
    const snap = limiter.snapshot();
    assert.deepEqual(snap.map((e) => e.position), [1, 2]);
    assert.ok(snap[0]!.waitMs > 0 && snap[0]!.waitMs <= 400);
    assert.ok(snap[1]!.waitMs > snap[0]!.waitMs, 'the second waits longer');
    await Promise.all([a, b]);
    assert.ok(seen.length >= 2);
    assert.deepEqual(seen.at(-1), [], 'the queue emptied');
    sub.dispose();
    limiter.dispose();
  });

  it('releases queued requests in FIFO order', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 2, tokensPerMinute: 0 }), windowMs: 200 });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => limiter.acquire('p', 1).then(() => order.push(i))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    limiter.dispose();

    // No overtaking: a small request that would fit now still waits behind a big one.
    const tokens = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 1000 }), windowMs: 300 });
    await tokens.acquire('p', 900);
    const done: string[] = [];
    await Promise.all([tokens.acquire('p', 800).then(() => done.push('big')), tokens.acquire('p', 50).then(() => done.push('small'))]);
    assert.deepEqual(done, ['big', 'small']);
    tokens.dispose();
  });

  it('a cancelled entry leaves the queue at once and the ones behind it move up', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 1, tokensPerMinute: 0 }), windowMs: 300 });
    await limiter.acquire('p', 1);
    const ac = new AbortController();
    const positions: number[] = [];
    const a = limiter.acquire('p', 1);
    const b = limiter.acquire('p', 1, { signal: ac.signal });
    const c = limiter.acquire('p', 1, { onQueued: (q) => positions.push(q.position) });
    assert.equal(limiter.snapshot().length, 3);
    ac.abort(new Error('user stopped'));
    await assert.rejects(b, /user stopped/);
    assert.deepEqual(limiter.snapshot().map((q) => q.position), [1, 2], 'b is gone');
    assert.deepEqual(positions.slice(0, 2), [3, 2], 'c moved up from 3 to 2');
    const order: string[] = [];
    await Promise.all([a.then(() => order.push('a')), c.then(() => order.push('c'))]);
    assert.deepEqual(order, ['a', 'c']);
    await assert.rejects(limiter.acquire('p', 1, { signal: ac.signal }), /user stopped/, 'an aborted signal never queues');
    limiter.dispose();
  });

  it("waits for the provider's reset when its headers say the request budget is spent", async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }) });
    (await limiter.acquire('p', 1)).settle(1);
    limiter.applyHints('p', { remainingRequests: 0, resetRequestsMs: 200 });
    const t0 = Date.now();
    const snapshots: number[] = [];
    await limiter.acquire('p', 1, { onQueued: (q) => snapshots.push(q.waitMs) });
    assert.ok(Date.now() - t0 >= 180, `waited ${Date.now() - t0} ms`);
    assert.ok(snapshots[0]! > 100 && snapshots[0]! <= 200, `expected wait ${snapshots[0]}`);
    limiter.dispose();
  });

  it("counts the provider's remaining requests down, and trusts a reset no further than its cap", async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), maxHintWaitMs: 150 });
    await limiter.acquire('p', 1);
    // Two left, resetting in an hour (a daily budget): two go now, the third waits — but only 150 ms.
    limiter.applyHints('p', { remainingRequests: 2, resetRequestsMs: 3_600_000 });
    let queued = 0;
    const t0 = Date.now();
    await limiter.acquire('p', 1, { onQueued: () => queued++ });
    await limiter.acquire('p', 1, { onQueued: () => queued++ });
    assert.equal(queued, 0);
    await limiter.acquire('p', 1, { onQueued: () => queued++ });
    assert.ok(queued > 0, 'the third was queued');
    const waited = Date.now() - t0;
    assert.ok(waited >= 130 && waited < 1000, `waited ${waited} ms`);
    limiter.dispose();
  });

  it("holds a request that needs more tokens than the provider says are left, until the reset", async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), defaultResetMs: 150 });
    await limiter.acquire('p', 1);
    limiter.applyHints('p', { remainingTokens: 1000 }); // no reset given: the default guess applies
    const t0 = Date.now();
    await limiter.acquire('p', 400); // fits: 600 left
    assert.ok(Date.now() - t0 < 100);
    await limiter.acquire('p', 800); // does not fit any more
    assert.ok(Date.now() - t0 >= 130, `waited ${Date.now() - t0} ms`);
    limiter.dispose();
  });

  it('dispose fails queued requests instead of leaving them waiting forever', async () => {
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: 1, tokensPerMinute: 0 }) });
    await limiter.acquire('p', 1);
    const queued = limiter.acquire('p', 1);
    limiter.dispose();
    await assert.rejects(queued, /shut down/);
    await assert.rejects(limiter.acquire('p', 1), /shut down/);
  });

  it('adopts changed limits, keeping the spent fraction', async () => {
    let rpm = 2;
    const limiter = new RateLimiter({ limits: () => ({ requestsPerMinute: rpm, tokensPerMinute: 0 }), windowMs: 60_000 });
    await limiter.acquire('p', 1);
    await limiter.acquire('p', 1); // bucket of 2 spent
    rpm = 100; // raised: the bucket is rescaled (still spent), refilling 50× faster
    const t0 = Date.now();
    await limiter.acquire('p', 1);
    const waited = Date.now() - t0;
    assert.ok(waited >= 400 && waited < 2000, `one slot at 100/min takes ~600 ms; waited ${waited} ms`);
    limiter.dispose();
  });

  it('applies the documented defaults per built-in provider, each field overridable, endpoints unlimited', () => {
    assert.deepEqual(providerLimits('anthropic', {}), { requestsPerMinute: 50, tokensPerMinute: 100_000 });
    assert.deepEqual(providerLimits('openai', { openai: { requestsPerMinute: 0 } }), { requestsPerMinute: 0, tokensPerMinute: 200_000 });
    assert.deepEqual(providerLimits('compat:ollama', {}), { requestsPerMinute: 0, tokensPerMinute: 0 });
    assert.deepEqual(providerLimits('compat:ollama', { 'compat:ollama': { tokensPerMinute: 5 } }), { requestsPerMinute: 0, tokensPerMinute: 5 });
    assert.deepEqual(providerLimits('toString', {}), { requestsPerMinute: 0, tokensPerMinute: 0 }, 'no prototype lookups');
    assert.deepEqual(Object.keys(DEFAULT_PROVIDER_LIMITS), ['openai', 'anthropic', 'gemini']);
  });
});
