// Pending usage: requests in flight written down so a crash still counts their spend, settled
// exactly once — by their own window, or, when that window died, by another one — and never a
// live window's request.
import { strict as assert } from 'node:assert';
import { HEARTBEAT_MS, PendingUsage, STALE_AFTER_MS } from '../../../../src/core/usage/pendingUsage';
import { PENDING_PREFIX, type StoredPending } from '../../../../src/core/usage/pendingFormat';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';

const PRICE = { input: 2, output: 10 }; // USD per 1M tokens
const START = new Date(2026, 0, 15, 10, 0).getTime();

/** Windows sharing one store and one wall clock; each has its own monotonic clock. */
function world() {
  const kv = new MemoryKeyValueStore();
  let wall = START;
  let ids = 0;
  const windows: { mono: number; pending: PendingUsage }[] = [];
  return {
    kv,
    window(name: string) {
      const w = { mono: 0, pending: undefined as unknown as PendingUsage };
      w.pending = new PendingUsage({ store: kv, now: () => wall, monotonic: () => w.mono, newId: () => `${name}${++ids}` });
      windows.push(w);
      return w;
    },
    /** Time passes for everyone (awake). */
    advance(ms: number) {
      wall += ms;
      for (const w of windows) w.mono += ms;
    },
    /** The machine slept: the wall clock moved, monotonic clocks did not. */
    sleep(ms: number) {
      wall += ms;
    },
    stored(owner: string): StoredPending | undefined {
      return kv.get<StoredPending>(PENDING_PREFIX + owner);
    },
    usage: () => new UsageStore({ store: kv, now: () => new Date(wall) }),
  };
}

const start = { providerId: 'openai', model: 'gpt-4o-mini', workspace: 'ws', inputTokens: 1000, usd: 0.05, price: PRICE };

describe('pending usage: written when a request starts, removed when it ends', () => {
  it('writes provider, model, workspace, input estimate and start time; refreshes the output at the heartbeat; deletes the key at the end', async () => {
    const w = world();
    const a = w.window('a');
    const handle = a.pending.begin(start);
    const stored = w.stored(a.pending.ownerId)!;
    assert.equal(stored.entries.length, 1);
    assert.deepEqual(
      { p: stored.entries[0]!.p, m: stored.entries[0]!.m, ws: stored.entries[0]!.ws, in: stored.entries[0]!.in, out: stored.entries[0]!.out, start: stored.entries[0]!.start },
      { p: 'openai', m: 'gpt-4o-mini', ws: 'ws', in: 1000, out: 0, start: START },
    );
    handle.addOutput(120);
    const writes = w.kv.updates;
    a.pending.tick();
    assert.equal(w.kv.updates, writes, 'no write sooner than half a heartbeat after the last one');
    w.advance(HEARTBEAT_MS);
    a.pending.tick();
    assert.equal(w.stored(a.pending.ownerId)!.entries[0]!.out, 120);
    assert.equal(w.stored(a.pending.ownerId)!.beat, START + HEARTBEAT_MS);
    assert.equal(handle.end(), true);
    assert.equal(handle.end(), false, 'ends once');
    assert.equal(w.stored(a.pending.ownerId), undefined, 'no key left once nothing is in flight');
    await a.pending.flushed();
    const idle = w.kv.updates;
    w.advance(HEARTBEAT_MS);
    a.pending.tick();
    assert.equal(w.kv.updates, idle, 'an idle window writes nothing');
  });

  it('other windows see what its requests in flight reserved', () => {
    const w = world();
    const a = w.window('a');
    const b = w.window('b');
    a.pending.begin(start);
    a.pending.begin({ ...start, providerId: 'anthropic', usd: null });
    assert.deepEqual(b.pending.elsewhere(), { usd: 0.05, unpriced: 1, requests: 2 });
    assert.deepEqual(b.pending.elsewhere('openai'), { usd: 0.05, unpriced: 0, requests: 1 });
    assert.deepEqual(a.pending.elsewhere(), { usd: 0, unpriced: 0, requests: 0 }, 'its own are in its ledger already');
  });

  it('sums other windows\' reservations for one workspace (workspace budgets)', () => {
    const w = world();
    const a = w.window('a');
    const b = w.window('b');
    a.pending.begin({ ...start, workspace: 'my-app', usd: 0.05 });
    a.pending.begin({ ...start, workspace: 'my-app', providerId: 'anthropic', usd: null });
    a.pending.begin({ ...start, workspace: 'other', usd: 0.5 });
    assert.deepEqual(b.pending.elsewhere(undefined, 'my-app'), { usd: 0.05, unpriced: 1, requests: 2 });
    assert.deepEqual(b.pending.elsewhere('openai', 'my-app'), { usd: 0.05, unpriced: 0, requests: 1 });
    assert.deepEqual(b.pending.elsewhere(undefined, 'none-such'), { usd: 0, unpriced: 0, requests: 0 });
  });
});

describe('pending usage: settling a dead window', () => {
  it('a reloaded window’s request is settled as an estimated, interrupted record within a minute, once', async () => {
    const w = world();
    const dead = w.window('dead');
    const h = dead.pending.begin(start);
    h.addOutput(500);
    w.advance(HEARTBEAT_MS);
    dead.pending.tick(); // its last heartbeat; then the host is killed
    const owner = dead.pending.ownerId;

    const next = w.window('next'); // the window after the reload
    assert.equal(await next.pending.settleStale(), 0, 'first sight: not yet');
    let settledAfter = 0;
    for (let t = 10_000; t <= 60_000 && settledAfter === 0; t += 10_000) {
      w.advance(10_000);
      if ((await next.pending.settleStale()) > 0) settledAfter = t;
    }
    assert.ok(settledAfter > 0 && settledAfter <= 60_000, `settled after ${settledAfter} ms`);
    assert.equal(w.stored(owner), undefined, 'the pending key is gone');
    assert.equal(await next.pending.settleStale(), 0, 'nothing left to settle');

    const usage = w.usage();
    const [record] = usage.recent(10);
    assert.equal(usage.today().requests, 1);
    assert.deepEqual(
      [record!.outcome, record!.estimated, record!.inputTokens, record!.outputTokens, record!.costUsd, record!.workspace],
      ['interrupted', true, 1000, 500, 0.007, 'ws'],
      '1,000 × $2/M + 500 × $10/M = $0.007',
    );
    assert.equal(usage.today().estimatedRequests, 1);
    assert.match(usage.toCsv(), /request,[^\r]*,gpt-4o-mini,ws,1,1000,500,0,0\.007,0,1,[^\r]*,interrupted/);
  });

  it('keeps the request’s source: stored only when not Switchboard, and on the settled record', async () => {
    const w = world();
    const dead = w.window('dead');
    dead.pending.begin({ ...start, source: 'vscode-chat' });
    dead.pending.begin(start);
    const owner = dead.pending.ownerId;
    assert.deepEqual(w.stored(owner)!.entries.map((e) => e.src), ['vscode-chat', undefined]);
    assert.equal('src' in w.stored(owner)!.entries[1]!, false, 'the default is not written');
    const next = w.window('next');
    await next.pending.settleStale();
    w.advance(STALE_AFTER_MS + 10_000);
    assert.equal(await next.pending.settleStale(), 2);
    const usage = w.usage();
    assert.deepEqual(usage.recent(2).map((r) => r.source).sort(), ['switchboard', 'vscode-chat']);
    assert.deepEqual(usage.summary('today').bySource.map((s) => [s.source, s.requests]).sort(), [['switchboard', 1], ['vscode-chat', 1]]);
  });

  it('reads a pending entry with an unknown source (a newer version) and settles it as Switchboard', async () => {
    const w = world();
    const entry = { id: 'x', p: 'openai', m: 'gpt-4o-mini', ws: '', start: START, in: 10, out: 0, usd: null, src: 'agent-mode' };
    await w.kv.update(PENDING_PREFIX + 'old', { v: 1, owner: 'old', beat: START, entries: [entry] });
    const a = w.window('a');
    await a.pending.settleStale();
    w.advance(STALE_AFTER_MS + 10_000);
    assert.equal(await a.pending.settleStale(), 1);
    assert.equal(w.usage().recent(1)[0]!.source, 'switchboard');
  });

  it('two windows settling the same dead window at once count it once', async () => {
    const w = world();
    const dead = w.window('dead');
    dead.pending.begin(start);
    dead.pending.begin({ ...start, usd: null, price: undefined, model: 'llama3.2' });
    const a = w.window('a');
    const b = w.window('b');
    await a.pending.settleStale();
    await b.pending.settleStale();
    w.advance(STALE_AFTER_MS + 1);
    // b decides from its own (stale) copy of the key, as if a's delete had not reached it yet.
    const raw = w.kv.get(PENDING_PREFIX + dead.pending.ownerId);
    assert.equal(await a.pending.settleStale(), 2);
    await w.kv.update(PENDING_PREFIX + dead.pending.ownerId, raw);
    assert.equal(await b.pending.settleStale(), 2);
    const usage = w.usage();
    assert.equal(usage.today().requests, 2, 'both settled the same two requests into the same key');
    assert.equal(usage.today().unknownPriceRequests, 1, 'an unpriced one stays unknown, never $0');
  });

  it('never settles a live window: its heartbeat keeps moving', async () => {
    const w = world();
    const live = w.window('live');
    live.pending.begin(start);
    const other = w.window('other');
    for (let t = 0; t < 120_000; t += HEARTBEAT_MS) {
      w.advance(HEARTBEAT_MS);
      live.pending.tick();
      assert.equal(await other.pending.settleStale(), 0);
    }
    assert.equal(w.stored(live.pending.ownerId)!.entries.length, 1);
  });

  it('after the machine slept, a stale-looking heartbeat is not taken for a dead window', async () => {
    const w = world();
    const live = w.window('live');
    live.pending.begin(start);
    const other = w.window('other');
    await other.pending.settleStale();
    w.sleep(2 * 60 * 60_000); // two hours asleep: every beat looks old by the wall clock
    assert.equal(await other.pending.settleStale(), 0, 'seen for 0 s of its own time');
    w.advance(HEARTBEAT_MS);
    live.pending.tick();
    w.advance(STALE_AFTER_MS);
    assert.equal(await other.pending.settleStale(), 0, 'the beat moved: alive');
  });

  it('a window frozen past the limit and settled by another does not record the same request again', async () => {
    const w = world();
    const frozen = w.window('frozen');
    const h = frozen.pending.begin(start);
    const oldOwner = frozen.pending.ownerId;
    const other = w.window('other');
    await other.pending.settleStale();
    w.advance(STALE_AFTER_MS + 1);
    assert.equal(await other.pending.settleStale(), 1);
    // The frozen window wakes up: a new request, then the old one ends.
    const fresh = frozen.pending.begin(start);
    assert.notEqual(frozen.pending.ownerId, oldOwner, 'it took a fresh owner id');
    assert.equal(h.end(), false, 'already counted by the other window: do not record it');
    assert.equal(fresh.end(), true);
    assert.equal(w.stored(oldOwner), undefined);
  });

  it('leaves a pending key it cannot read alone', async () => {
    const w = world();
    await w.kv.update(PENDING_PREFIX + 'future', { v: 2, owner: 'future', beat: 0, entries: 'opaque' });
    const a = w.window('a');
    await a.pending.settleStale();
    w.advance(10 * STALE_AFTER_MS);
    assert.equal(await a.pending.settleStale(), 0);
    assert.ok(w.kv.get(PENDING_PREFIX + 'future'));
  });
});
