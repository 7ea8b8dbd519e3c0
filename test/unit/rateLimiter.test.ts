import { strict as assert } from 'node:assert';
import { RateLimiter, type QueueEntryInfo } from '../../src/core/rateLimiter';

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
});
