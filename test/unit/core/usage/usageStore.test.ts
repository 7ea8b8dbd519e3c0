import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { csvCell } from '../../../../src/core/usage/csv';
import { simulateUsageYear } from '../../../../src/core/usage/simulate';
import {
  ARCHIVE_KEY,
  DELETE_AFTER_FOLD_MS,
  FOLD_AFTER_MS,
  LEGACY_V1_KEY,
  MemoryKeyValueStore,
  ROTATE_AFTER_MS,
  SHARD_PREFIX,
  UsageStore,
  type KeyValueStore,
  type RequestUsage,
} from '../../../../src/core/usage/usageStore';

// Compile-time: VS Code's globalState can be passed as is.
const mementoFits = (m: vscode.Memento): KeyValueStore => m;
void mementoFits;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A clock the test moves by hand. */
function clock(start = new Date(2026, 0, 15, 10, 0)) {
  let t = start.getTime();
  return {
    now: (): Date => new Date(t),
    advance(ms: number): void {
      t += ms;
    },
    set(date: Date): void {
      t = date.getTime();
    },
  };
}

function ids(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${n++}`;
}

/** A request of `usd` dollars (or unknown price when null). */
function req(usd: number | null, over: Partial<RequestUsage> = {}): RequestUsage {
  return {
    providerId: 'openai',
    model: 'gpt-5-mini',
    usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 200 },
    cost: { usd, source: usd === null ? 'unknown' : 'price-table', estimated: false },
    latencyMs: 1200,
    outcome: 'ok',
    workspace: 'proj',
    ...over,
  };
}

const shardKeys = (kv: KeyValueStore): string[] => kv.keys().filter((k) => k.startsWith(SHARD_PREFIX));

describe('usageStore: recording and totals', () => {
  it('makes exactly one update() per finished request and sums exactly', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const store = new UsageStore({ store: kv, now: c.now, windowId: 'a' });
    for (let i = 0; i < 10; i++) await store.record(req(0.1));
    await store.record(req(0.2));
    assert.equal(kv.updates, 11);
    assert.equal(store.writes, 11);
    const today = store.today();
    assert.equal(today.requests, 11);
    assert.equal(today.costUsd, 1.2, '10 × $0.10 + $0.20 with no float drift');
    assert.equal(today.inputTokens, 11_000);
    assert.equal(today.outputTokens, 1_100);
    assert.equal(today.cachedInputTokens, 2_200);
    assert.deepEqual(shardKeys(kv), [`${SHARD_PREFIX}a`]);
  });

  it('counts unknown-price requests apart from the cost and keeps the estimated count', async () => {
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: clock().now });
    await store.record(req(0.5));
    await store.record(req(null, { providerId: 'compat:Ollama', model: 'llama3' }));
    await store.record(req(0.25, { usage: { inputTokens: 10, outputTokens: 10, estimated: true } }));
    const t = store.today();
    assert.equal(t.requests, 3);
    assert.equal(t.costUsd, 0.75);
    assert.equal(t.unknownPriceRequests, 1);
    assert.equal(t.estimatedRequests, 1);
    assert.equal(store.recent(5).find((r) => r.model === 'llama3')?.costUsd, null);
  });

  it('computes the cost from the usage when none is given (reported cost, else unknown)', async () => {
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: clock().now });
    await store.record({ ...req(0), cost: undefined, usage: { inputTokens: 5, outputTokens: 5, reportedCostUsd: 0.0042 } });
    await store.record({ ...req(0), cost: undefined, usage: { inputTokens: 5, outputTokens: 5 } });
    assert.deepEqual(
      store.recent(2).map((r) => r.costUsd),
      [null, 0.0042],
    );
  });

  it('rolls over at local midnight and at the start of a month', async () => {
    const c = clock(new Date(2026, 0, 31, 23, 50));
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: c.now });
    await store.record(req(1));
    assert.equal(store.today().costUsd, 1);
    c.advance(20 * MINUTE); // 2026-02-01 00:10
    assert.equal(store.today().requests, 0, 'a new day starts empty');
    assert.equal(store.thisMonth().requests, 0, 'and so does a new month');
    await store.record(req(2));
    assert.equal(store.today().costUsd, 2);
    assert.equal(store.totals({ from: '2026-01-31', to: '2026-02-01' }).costUsd, 3);
    c.advance(3 * 24 * HOUR);
    await store.record(req(4));
    assert.equal(store.thisMonth().costUsd, 6);
  });

  it('answers byDay (gap-free, stacked by model), byProviderModel, byWorkspace and recent', async () => {
    const c = clock(new Date(2026, 2, 10, 12, 0));
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: c.now });
    await store.record(req(1, { workspace: 'alpha' }));
    await store.record(req(3, { providerId: 'anthropic', model: 'claude-sonnet-4-5', workspace: 'beta' }));
    c.advance(2 * 24 * HOUR); // two days later, nothing in between
    await store.record(req(0.5, { workspace: 'alpha' }));

    const days = store.byDay(3);
    assert.deepEqual(
      days.map((d) => [d.day, d.total.costUsd]),
      [
        ['2026-03-10', 4],
        ['2026-03-11', 0],
        ['2026-03-12', 0.5],
      ],
    );
    assert.deepEqual(
      days[0].models.map((m) => [m.providerId, m.model, m.costUsd]),
      [
        ['anthropic', 'claude-sonnet-4-5', 3],
        ['openai', 'gpt-5-mini', 1],
      ],
    );
    const range = { from: '2026-03-01', to: '2026-03-31' };
    assert.deepEqual(
      store.byProviderModel(range).map((m) => [m.model, m.requests, m.costUsd]),
      [
        ['claude-sonnet-4-5', 1, 3],
        ['gpt-5-mini', 2, 1.5],
      ],
    );
    assert.deepEqual(
      store.byWorkspace(range).map((w) => [w.workspace, w.requests, w.costUsd]),
      [
        ['beta', 1, 3],
        ['alpha', 2, 1.5],
      ],
    );
    assert.deepEqual(store.byWorkspace({ from: '2026-03-12', to: '2026-03-12' }).map((w) => w.workspace), ['alpha']);
    assert.equal(store.totals(range, { providerId: 'anthropic' }).costUsd, 3);
    assert.equal(store.totals(range, { model: 'gpt-5-mini' }).requests, 2);
    assert.deepEqual(
      store.recent(2).map((r) => r.costUsd),
      [0.5, 3],
      'newest first',
    );
    assert.deepEqual(store.recent(0), []);
  });

  it('stores garbage input as something readable instead of poisoning the shard', async () => {
    const kv = new MemoryKeyValueStore();
    const store = new UsageStore({ store: kv, now: clock().now, windowId: 'w' });
    await store.record(req(-1, { time: new Date(Number.NaN), latencyMs: Number.NaN, errorCode: 'x y', outcome: 'weird' as 'ok' }));
    await store.record(req(Number.POSITIVE_INFINITY, { providerId: 'a\nb', usage: { inputTokens: -3, outputTokens: 1.6 } }));
    const reader = new UsageStore({ store: kv, now: clock().now, windowId: 'r' });
    const [inf, neg] = reader.recent(2);
    assert.deepEqual([neg.costUsd, neg.outcome, neg.latencyMs], [0, 'error', 0]);
    assert.deepEqual([inf.costUsd, inf.providerId, inf.inputTokens, inf.outputTokens], [null, 'a b', 0, 2]);
    assert.equal(reader.today().requests, 2);
  });

  it('keeps error outcomes with their code, and latency', async () => {
    const kv = new MemoryKeyValueStore();
    const store = new UsageStore({ store: kv, now: clock().now });
    await store.record(req(0, { outcome: 'error', errorCode: 'rate_limit', latencyMs: 321, usage: { inputTokens: 0, outputTokens: 0 } }));
    await store.record(req(0.1, { outcome: 'interrupted' }));
    const reopened = new UsageStore({ store: kv, now: clock().now });
    const [interrupted, failed] = reopened.recent(2);
    assert.equal(interrupted.outcome, 'interrupted');
    assert.deepEqual([failed.outcome, failed.errorCode, failed.latencyMs], ['error', 'rate_limit', 321]);
  });
});

describe('usageStore: several windows on one globalState', () => {
  it('two windows writing interleaved lose nothing: totals are the sum', async () => {
    const kv = new MemoryKeyValueStore();
    // Writes land after a random delay, so the two windows' writes are in flight together and
    // reach the store in any order.
    const laggy: KeyValueStore = {
      get: (key) => kv.get(key),
      keys: () => kv.keys(),
      update: (key, value) => new Promise<void>((done) => setTimeout(() => void kv.update(key, value).then(done), Math.random() * 3)),
    };
    const c = clock();
    const a = new UsageStore({ store: laggy, now: c.now, windowId: 'a' });
    const b = new UsageStore({ store: laggy, now: c.now, windowId: 'b' });
    let expected = 0;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      const w = i % 3 === 0 ? b : a;
      const usd = (i + 1) / 100;
      expected += usd;
      pending.push(w.record(req(usd, { providerId: w === a ? 'openai' : 'anthropic' })));
      c.advance(MINUTE);
    }
    await Promise.all(pending);
    a.invalidate();
    b.invalidate();
    for (const w of [a, b]) {
      const t = w.today();
      assert.equal(t.requests, 50);
      assert.equal(t.costUsd, Math.round(expected * 100) / 100);
    }
    assert.deepEqual(shardKeys(kv).sort(), [`${SHARD_PREFIX}a`, `${SHARD_PREFIX}b`], 'each window writes only its own key');
    assert.equal(a.writes + b.writes, 50);
  });

  it('caches the merged view until invalidate()', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const a = new UsageStore({ store: kv, now: c.now, windowId: 'a' });
    const b = new UsageStore({ store: kv, now: c.now, windowId: 'b' });
    await a.record(req(1));
    assert.equal(a.today().costUsd, 1);
    await b.record(req(2));
    assert.equal(a.today().costUsd, 1, 'another window’s write is not seen before invalidate()');
    a.invalidate();
    assert.equal(a.today().costUsd, 3);
    await a.record(req(4));
    assert.equal(a.today().costUsd, 7, "the window's own write is seen at once");
  });

  it('folds an idle window into the archive, then deletes its key, without changing any total', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const old = new UsageStore({ store: kv, now: c.now, windowId: 'old' });
    await old.record(req(1.5, { workspace: 'x' }));
    c.advance(FOLD_AFTER_MS + MINUTE);
    const live = new UsageStore({ store: kv, now: c.now, windowId: 'live' });
    await live.record(req(0.5));

    const first = await live.compact();
    assert.deepEqual(first.folded, [`${SHARD_PREFIX}old`]);
    assert.deepEqual(first.deleted, [], 'not deleted in the pass that folded it');
    assert.ok(kv.get(ARCHIVE_KEY));
    assert.equal(live.totals({ from: '2026-01-01', to: '2026-12-31' }).costUsd, 2, 'counted once, from the archive');

    c.advance(DELETE_AFTER_FOLD_MS);
    const second = await live.compact();
    assert.deepEqual(second.deleted, [`${SHARD_PREFIX}old`]);
    assert.deepEqual(shardKeys(kv), [`${SHARD_PREFIX}live`]);
    assert.equal(live.totals({ from: '2026-01-01', to: '2026-12-31' }).costUsd, 2);
    assert.deepEqual(
      live.byWorkspace({ from: '2026-01-01', to: '2026-12-31' }).map((w) => [w.workspace, w.costUsd]),
      [
        ['x', 1.5],
        ['proj', 0.5],
      ],
    );

    const idle = await live.compact();
    assert.deepEqual([idle.folded, idle.deleted], [[], []]);
    assert.equal(kv.updates, 2 + 1 + 1, 'two records, one archive write, one delete; an idle pass writes nothing');
  });

  it('two windows compacting the same idle shard at once do not double count', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    await new UsageStore({ store: kv, now: c.now, windowId: 'gone' }).record(req(1));
    c.advance(FOLD_AFTER_MS + MINUTE);
    const a = new UsageStore({ store: kv, now: c.now, windowId: 'a' });
    const b = new UsageStore({ store: kv, now: c.now, windowId: 'b' });
    await Promise.all([a.compact(), b.compact()]);
    for (const w of [a, b]) assert.equal(w.today().costUsd, 1);
  });

  it('survives a racing compaction that overwrites the archive from a stale view', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    await new UsageStore({ store: kv, now: c.now, windowId: 'x' }).record(req(1));
    await new UsageStore({ store: kv, now: c.now, windowId: 'y' }).record(req(2));
    c.advance(FOLD_AFTER_MS + MINUTE);

    // Window B's copy of globalState lags: it is a snapshot from before A compacts, in which
    // shard y has not arrived yet. B's writes do reach the real store.
    const snapshot = new Map(kv.keys().filter((k) => k !== `${SHARD_PREFIX}y`).map((k) => [k, kv.get<unknown>(k)]));
    const staleForB: KeyValueStore = {
      get: <T>(key: string) => snapshot.get(key) as T | undefined,
      keys: () => [...snapshot.keys()],
      update: (key, value) => kv.update(key, value),
    };
    const a = new UsageStore({ store: kv, now: c.now, windowId: 'a' });
    const b = new UsageStore({ store: staleForB, now: c.now, windowId: 'b' });
    assert.deepEqual((await a.compact()).folded.sort(), [`${SHARD_PREFIX}x`, `${SHARD_PREFIX}y`]);
    c.advance(MINUTE);
    assert.deepEqual((await a.compact()).deleted, [], 'folded keys are kept a while in case a lagging window overwrites the archive');
    // B folds x only and overwrites A's archive: y is no longer included.
    assert.deepEqual((await b.compact()).folded, [`${SHARD_PREFIX}x`]);

    const reader = new UsageStore({ store: kv, now: c.now, windowId: 'r' });
    assert.equal(reader.today().costUsd, 3, 'y still counts, from its own key');
    c.advance(DELETE_AFTER_FOLD_MS);
    const again = await reader.compact();
    assert.deepEqual(again.folded, [`${SHARD_PREFIX}y`]);
    assert.deepEqual(again.deleted, [`${SHARD_PREFIX}x`]);
    reader.invalidate();
    assert.equal(reader.today().costUsd, 3);
    c.advance(DELETE_AFTER_FOLD_MS);
    await reader.compact();
    assert.deepEqual(shardKeys(kv), []);
    reader.invalidate();
    assert.equal(reader.today().costUsd, 3);
  });

  it('an owner idle for long moves to a fresh shard instead of writing one that may be folded', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const w = new UsageStore({ store: kv, now: c.now, windowId: 'w', newId: ids('w-next-') });
    await w.record(req(1));
    c.advance(ROTATE_AFTER_MS + MINUTE);
    await w.record(req(2));
    assert.equal(w.windowId, 'w-next-0');
    assert.deepEqual(shardKeys(kv).sort(), [`${SHARD_PREFIX}w`, `${SHARD_PREFIX}w-next-0`]);
    assert.equal(w.today().costUsd, 3);
    c.advance(FOLD_AFTER_MS - ROTATE_AFTER_MS + MINUTE);
    await w.compact();
    w.invalidate();
    assert.equal(w.today().costUsd, 3);
  });

  it('reset() clears every window; a racing stale copy and the other owner’s old data stay gone', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const a = new UsageStore({ store: kv, now: c.now, windowId: 'a', newId: ids('a') });
    const b = new UsageStore({ store: kv, now: c.now, windowId: 'b', newId: ids('b') });
    await a.record(req(1));
    await b.record(req(2));
    const staleCopyOfB = kv.get(`${SHARD_PREFIX}b`);

    await a.reset();
    assert.deepEqual(shardKeys(kv), []);
    assert.equal(a.today().requests, 0);

    // A window whose globalState lagged writes the old shard back.
    await kv.update(`${SHARD_PREFIX}b`, staleCopyOfB);
    a.invalidate();
    assert.equal(a.today().requests, 0, 'the resurrected shard is ignored');

    // B records again: it must start over, not re-write its pre-reset $2.
    await b.record(req(5));
    assert.notEqual(b.windowId, 'b');
    a.invalidate();
    assert.equal(a.today().costUsd, 5);
    assert.equal(b.today().costUsd, 5);
  });

  it('caps the merged records at 500, newest first, and stores no more than it can show', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const a = new UsageStore({ store: kv, now: c.now, windowId: 'a' });
    const b = new UsageStore({ store: kv, now: c.now, windowId: 'b' });
    for (let i = 0; i < 400; i++) {
      await a.record(req(0.01, { latencyMs: i }));
      c.advance(1000);
    }
    for (let i = 0; i < 400; i++) {
      await b.record(req(0.01, { latencyMs: 1000 + i }));
      c.advance(1000);
    }
    b.invalidate();
    const recent = b.recent(1000);
    assert.equal(recent.length, 500);
    assert.equal(recent[0].latencyMs, 1399);
    assert.equal(recent[499].latencyMs, 300);
    assert.equal(b.today().requests, 800, 'aggregates keep everything');

    a.invalidate();
    a.recent(1); // the status bar has read the merged view: the next write can trim against it
    await a.record(req(0.01, { latencyMs: 5000 }));
    // Newest 500 merged: b's 400, a's new one and a's 99 newest older ones. The rest of a's
    // records can never be shown again, so a no longer stores them.
    assert.equal(kv.get<{ recs: unknown[] }>(`${SHARD_PREFIX}a`)!.recs.length, 100);
    assert.equal(a.recent(500)[499].latencyMs, 301);
  });

  it('keeps 400 days: older days are dropped from window shards and from the archive', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock(new Date(2026, 1, 10, 12, 0)); // the 400 kept days start on 2025-01-07
    const w = new UsageStore({ store: kv, now: c.now, windowId: 'w' });
    await w.record(req(1, { time: new Date(2025, 0, 6, 12, 0) }));
    await w.record(req(2, { time: new Date(2025, 0, 7, 12, 0) }));
    await w.record(req(4));
    assert.deepEqual(Object.keys(kv.get<{ days: object }>(`${SHARD_PREFIX}w`)!.days), ['2025-01-07', '2026-02-10']);

    c.advance(FOLD_AFTER_MS + MINUTE);
    const reader = new UsageStore({ store: kv, now: c.now, windowId: 'r' });
    await reader.compact(); // w goes to the archive
    assert.equal(reader.totals({ from: '2025-01-01', to: '2026-12-31' }).costUsd, 6);

    c.advance(24 * HOUR); // 2025-01-07 is now 401 days old
    await new UsageStore({ store: kv, now: c.now, windowId: 'z' }).record(req(8));
    c.advance(FOLD_AFTER_MS + MINUTE);
    await reader.compact(); // folding z rewrites the archive, trimmed
    assert.equal(reader.totals({ from: '2025-01-01', to: '2025-12-31' }).requests, 0);
    assert.equal(reader.totals({ from: '2026-01-01', to: '2026-12-31' }).costUsd, 12);
  });
});

describe('usageStore: the 400-day window moves with the clock', () => {
  it('a window writing across midnight drops the day that left the window on its first record of the new day', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock(new Date(2026, 1, 10, 23, 30)); // kept days start on 2025-01-07
    const w = new UsageStore({ store: kv, now: c.now, windowId: 'w' });
    const days = () => Object.keys(kv.get<{ days: object }>(`${SHARD_PREFIX}w`)!.days);
    await w.record(req(1, { time: new Date(2025, 0, 7, 12, 0) }));
    await w.record(req(2));
    await w.record(req(2));
    assert.deepEqual(days(), ['2025-01-07', '2026-02-10']);
    c.advance(HOUR / 2); // 00:00 on 2026-02-11: 2025-01-07 is 401 days old; the same shard (no rotation)
    await w.record(req(4));
    assert.deepEqual(days(), ['2026-02-10', '2026-02-11']);
    assert.equal(w.windowId, 'w');
  });
});

describe('usageStore: stored versions', () => {
  const v1 = {
    version: 1,
    records: [
      { time: new Date(2026, 0, 14, 9, 0).toISOString(), provider: 'openai', model: 'gpt-4o', inputTokens: 100, outputTokens: 10, costUsd: 0.25 },
      { time: new Date(2026, 0, 15, 9, 0).toISOString(), provider: 'anthropic', model: 'claude-3-5-haiku', inputTokens: 200, outputTokens: 20, costUsd: 0.5 },
      { time: new Date(2026, 0, 15, 9, 30).toISOString(), provider: 'compat:Ollama', model: 'llama3', inputTokens: 300, outputTokens: 30, costUsd: null },
    ],
  };

  it('reads v1 data (a flat record list) and migrates it into the archive', async () => {
    const kv = new MemoryKeyValueStore();
    await kv.update(LEGACY_V1_KEY, v1);
    const c = clock();
    const store = new UsageStore({ store: kv, now: c.now });
    const check = (): void => {
      assert.equal(store.today().requests, 2);
      assert.equal(store.today().costUsd, 0.5);
      assert.equal(store.today().unknownPriceRequests, 1);
      assert.equal(store.totals({ from: '2026-01-14', to: '2026-01-14' }).inputTokens, 100);
      assert.deepEqual(
        store.recent(3).map((r) => [r.model, r.latencyMs, r.outcome]),
        [
          ['llama3', null, 'ok'],
          ['claude-3-5-haiku', null, 'ok'],
          ['gpt-4o', null, 'ok'],
        ],
      );
    };
    check(); // before any compaction
    const pass = await store.compact();
    assert.deepEqual(pass.folded, [LEGACY_V1_KEY]);
    check();
    c.advance(DELETE_AFTER_FOLD_MS);
    await store.compact();
    assert.equal(kv.get(LEGACY_V1_KEY), undefined, 'the v1 key is deleted once migrated');
    check();
  });

  it('leaves data written by a newer version alone instead of guessing or deleting it', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    await kv.update(`${SHARD_PREFIX}future`, { v: 3, id: 'future', seen: 0, whatever: true });
    const store = new UsageStore({ store: kv, now: c.now, windowId: 'w' });
    await store.record(req(1));
    c.advance(FOLD_AFTER_MS * 10);
    const pass = await store.compact();
    assert.deepEqual(pass.skipped, [`${SHARD_PREFIX}future`]);
    assert.ok(kv.get(`${SHARD_PREFIX}future`));
    assert.equal(store.totals({ from: '2026-01-01', to: '2026-12-31' }).costUsd, 1);

    await kv.update(ARCHIVE_KEY, { v: 3, id: 'archive', seen: 0 });
    const before = kv.updates;
    const blocked = await store.compact();
    assert.deepEqual(blocked.skipped, [ARCHIVE_KEY]);
    assert.equal(kv.updates, before, 'a newer archive is never overwritten');
  });

  it('round-trips everything through the stored form, the packed archive included', async () => {
    const kv = new MemoryKeyValueStore();
    const c = clock();
    const w = new UsageStore({ store: kv, now: c.now, windowId: 'w' });
    await w.record(req(0.123456789, { workspace: 'a "quoted", name' }));
    await w.record(req(null, { outcome: 'error', errorCode: 'context_length_exceeded', model: 'm/with/slashes' }));
    const before = w.toCsv();
    c.advance(ROTATE_AFTER_MS + FOLD_AFTER_MS);
    const reader = new UsageStore({ store: kv, now: c.now, windowId: 'r' });
    await reader.compact();
    assert.equal(typeof kv.get<{ z?: string }>(ARCHIVE_KEY)?.z, 'string', 'the archive body is deflated');
    assert.equal(reader.toCsv(), before);
  });
});

describe('usageStore: CSV export', () => {
  it('escapes quotes and commas, neutralises spreadsheet formulas, never writes exponents', async () => {
    const c = clock(new Date(2026, 4, 2, 8, 0));
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: c.now });
    await store.record(req(0.0000015, { model: 'odd,"model"', workspace: 'two\nlines' }));
    await store.record(req(null, { workspace: '=HYPERLINK("x")' }));
    const csv = store.toCsv();
    const lines = csv.split('\r\n');
    assert.equal(
      lines[0],
      'type,date,time,provider,model,workspace,requests,input_tokens,output_tokens,cached_input_tokens,cost_usd,unknown_price_requests,estimated_requests,latency_ms,outcome,reasoning_tokens,source,cache_write_tokens,saved_usd,price_source',
    );
    const time = c.now().toISOString();
    assert.equal(lines[1], `request,2026-05-02,${time},openai,gpt-5-mini,"'=HYPERLINK(""x"")",1,1000,100,200,,1,0,1200,ok,0,switchboard,0,,`);
    assert.equal(lines[2], `request,2026-05-02,${time},openai,"odd,""model""",two lines,1,1000,100,200,0.0000015,0,0,1200,ok,0,switchboard,0,,`);
    assert.ok(lines.includes('day,2026-05-02,,openai,"odd,""model""",,1,1000,100,200,0.0000015,0,0,,,0,,0,0,'));
    assert.ok(lines.includes('project-day,2026-05-02,,,,two lines,1,,,,0.0000015,0,0,,,,,,0,'), 'no tokens per project');
    assert.ok(lines.includes('source-day,2026-05-02,,,,,2,,,,0.0000015,1,0,,,,switchboard,,,'), 'spend per source');
    assert.equal(lines.length, 1 + 2 + 2 + 2 + 1 + 1, 'header, 2 requests, 2 day rows, 2 project rows, 1 source row, final CRLF');
  });

  it('has reasoning tokens per request and per model-day in the column before source', async () => {
    const c = clock(new Date(2026, 4, 2, 8, 0));
    const store = new UsageStore({ store: new MemoryKeyValueStore(), now: c.now });
    await store.record(req(0.001, { usage: { inputTokens: 1000, outputTokens: 900, reasoningTokens: 600 } }));
    await store.record(req(0.001, { usage: { inputTokens: 10, outputTokens: 50, reasoningTokens: 20 } }));
    const lines = store.toCsv().split('\r\n');
    assert.ok(lines[1]!.endsWith(',ok,20,switchboard,0,0,') && lines[2]!.endsWith(',ok,600,switchboard,0,0,'), lines.slice(1, 3).join('\n'));
    assert.ok(lines.some((l) => l.startsWith('day,') && l.endsWith(',,620,,0,0,')), 'the model-day sums them');
  });

  it('quotes a cell with a line break or edge spaces', () => {
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell(' padded'), '" padded"');
    assert.equal(csvCell('-1', false), '-1', 'numbers are not formula-guarded');
    assert.equal(csvCell('+cmd'), "'+cmd");
    assert.equal(csvCell(null), '');
  });
});

describe('usageStore: stored size', function () {
  this.timeout(60_000);

  // Savings by prompt caching are signed nano-dollar amounts that barely compress: stored per model,
  // per workspace and per record they took a year from 87.5 to 111.8 KB. Per model and per record
  // they are now predicted from the model's saving rate (only exceptions are stored): 95.8 KB.
  it('keeps a simulated year of 200 requests/day (30 % from VS Code chat, half cached) under 100 KB, with exact totals and savings', async () => {
    const sim = await simulateUsageYear({ vscodeChatShare: 0.3 });
    assert.equal(sim.requests, 365 * 200);
    assert.equal(sim.reportedRequests, sim.requests);
    assert.equal(sim.reportedCostUsd, sim.expectedCostNanos / 1e9);
    assert.ok(sim.expectedSavedNanos > 0);
    assert.equal(sim.reportedSavedUsd, sim.expectedSavedNanos / 1e9, 'savings per day survive record pruning and folding');
    assert.ok(sim.bytes <= 100 * 1024, `stored ${sim.bytes} bytes`);
    // One write per request; compaction adds a few per day at most.
    assert.ok(sim.writes >= sim.requests && sim.writes - sim.requests <= 365 * 4, `writes ${sim.writes}`);
  });
});
