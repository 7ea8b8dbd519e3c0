// The per-record encoder reuses the stored form of unchanged days: what it produces must be,
// byte for byte, what a full encodeShard() of the same shard produces, whatever happened between
// (many records, new days, older records, trimmed days, saving rates that change, rotation).
import { strict as assert } from 'node:assert';
import { encodeShard } from '../../../../src/core/usage/codec';
import { dayKey } from '../../../../src/core/usage/dates';
import { applyRecord, emptyShard, trimDays, type Shard, type UsageRecord } from '../../../../src/core/usage/model';
import { savingRates } from '../../../../src/core/usage/savingRates';
import { ShardEncoder } from '../../../../src/core/usage/shardEncoder';
import { StoredJson } from '../../../../src/core/usage/storedJson';
import { MemoryKeyValueStore, SHARD_PREFIX, UsageStore } from '../../../../src/core/usage/usageStore';

const DAY = 24 * 60 * 60 * 1000;
const storedJson = new StoredJson();

/** The encoder's value as the store writes it (storedJson.ts, reusing each part's text), checked against JSON.stringify. */
function written(value: object): string {
  const text = storedJson.text(value);
  assert.equal(text, JSON.stringify(value), 'StoredJson differs from JSON.stringify');
  return text;
}
const T0 = new Date(2026, 0, 1, 9, 0).getTime();

function record(i: number, time: number): UsageRecord {
  const cached = i % 3 === 0 ? 40 : 0;
  return {
    time,
    providerId: i % 4 === 0 ? 'anthropic' : 'openai',
    model: `m${i % 5}`,
    inputTokens: 100 + i,
    outputTokens: 50,
    cachedInputTokens: cached,
    ...(i % 7 === 0 ? { cacheWriteTokens: 10, reasoningTokens: 5 } : {}),
    costNanos: i % 11 === 0 ? null : 1000 + i,
    ...(cached ? { savedNanos: i % 13 === 0 ? 7 : cached * 3 } : {}),
    latencyMs: 10,
    outcome: i % 17 === 0 ? 'error' : 'ok',
    ...(i % 17 === 0 ? { errorCode: 'server' } : {}),
    estimated: i % 9 === 0,
    workspace: `ws${i % 3}`,
    ...(i % 5 === 0 ? { source: 'vscode-chat' as const } : {}),
  };
}

describe('ShardEncoder', () => {
  it('writes exactly what a full encode writes, after many records and day changes', function () {
    this.timeout(20_000);
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    for (let i = 0; i < 1500; i++) {
      // ~20 records a day for 75 days, with now and then a record dated back a few days.
      const time = i % 50 === 49 ? T0 + Math.floor(i / 20) * DAY - 3 * DAY : T0 + Math.floor(i / 20) * DAY + (i % 20) * 1000;
      applyRecord(shard, record(i, time));
      encoder.changed(dayKey(new Date(time)));
      if (i === 1000) trimDays(shard, dayKey(new Date(T0 + 10 * DAY))); // the oldest days go
      const encoded = written(encoder.encode(shard)); // encoded after every record, as UsageStore does
      if (i % 7 === 0 || i > 1480) assert.equal(encoded, JSON.stringify(encodeShard(shard)), `record ${i}`);
    }
    assert.ok(shard.days.size > 50);
  });

  it('starts afresh for another shard object', () => {
    const encoder = new ShardEncoder();
    const a = emptyShard('a', T0);
    applyRecord(a, record(1, T0));
    encoder.encode(a);
    const b = emptyShard('b', T0);
    applyRecord(b, record(2, T0 + DAY));
    assert.equal(written(encoder.encode(b)), JSON.stringify(encodeShard(b)));
  });

  it('UsageStore still writes once per record, the full-encode value, across a day change', async () => {
    const kv = new MemoryKeyValueStore();
    let now = T0;
    const store = new UsageStore({ store: kv, windowId: 'w1', now: () => new Date(now) });
    let shard = emptyShard('w1', T0);
    for (let i = 0; i < 300; i++) {
      now = T0 + i * 10 * 60 * 1000; // every 10 minutes: crosses into the next day
      const r = record(i, now);
      await store.record({ providerId: r.providerId, model: r.model, usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens }, latencyMs: 10, outcome: 'ok', time: new Date(now) });
    }
    assert.equal(store.writes, 300);
    // The stored value equals a full encode of the shard it decodes to.
    const reopened = new UsageStore({ store: kv, windowId: 'w1', now: () => new Date(now) });
    shard = (reopened as unknown as { own: typeof shard }).own;
    assert.ok(shard.days.size >= 2);
    assert.equal(JSON.stringify(kv.get(SHARD_PREFIX + 'w1')), JSON.stringify(encodeShard(shard)));
  });
});

/** A small deterministic PRNG (mulberry32), so a failing step can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A record whose saving follows `read` (and `write` for cache writes) nano-dollars per token, or is an exception. */
function cachedRecord(time: number, opts: { model: string; read: number; write?: number; cached?: number; written?: number; saving?: 'unknown' | number; workspace?: string; cost?: number | null }): UsageRecord {
  const cached = opts.cached ?? 100;
  const written = opts.written ?? 0;
  const saved = opts.saving === 'unknown' ? undefined : (opts.saving ?? Math.round(cached * opts.read - written * (opts.write ?? 0)));
  return {
    time,
    providerId: 'anthropic',
    model: opts.model,
    inputTokens: 1000,
    outputTokens: 100,
    cachedInputTokens: cached,
    ...(written ? { cacheWriteTokens: written } : {}),
    costNanos: opts.cost === undefined ? 5000 : opts.cost,
    ...(saved !== undefined && opts.cost !== null ? { savedNanos: saved } : {}),
    latencyMs: 10,
    outcome: 'ok',
    estimated: false,
    workspace: opts.workspace ?? 'ws',
  };
}

/** Applies each record as UsageStore.record does (apply, report the day, encode) and compares with a full encode after each. */
function replay(shard: Shard, encoder: ShardEncoder, records: readonly UsageRecord[], after?: (i: number) => void): void {
  records.forEach((r, i) => {
    applyRecord(shard, r);
    encoder.changed(dayKey(new Date(r.time)));
    after?.(i);
    assert.equal(written(encoder.encode(shard)), JSON.stringify(encodeShard(shard)), `record ${i}`);
  });
}

const rates = (shard: Shard) => [...savingRates(shard).values()].map((r) => `${r.read}/${r.write}`);

describe('ShardEncoder: saving rates and names, against a full encode after every record', () => {
  it('a rate that appears mid-way, changes with the mode, and goes when it no longer pays', () => {
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    const seen = new Set<string>();
    const records: UsageRecord[] = [];
    // Days 0–9: exceptions only (no rate pays); days 10–29: rate 3 (it appears); days 30–59: rate 5
    // outnumbers it (the rate changes); days 60–69: unknown savings (the rate no longer pays).
    for (let d = 0; d < 70; d++) {
      for (let k = 0; k < 3; k++) {
        const time = T0 + d * DAY + k * 1000;
        const read = d < 30 ? 3 : 5;
        const saving = d < 10 ? 7 + d * 3 + k : d >= 60 ? 'unknown' : undefined;
        records.push(cachedRecord(time, { model: 'claude', read, cached: 100 + k, saving }));
      }
    }
    replay(shard, encoder, records, () => seen.add(rates(shard).join()));
    assert.ok(seen.has(''), 'no rate at first');
    assert.ok(seen.has('3/0'), 'then rate 3');
    assert.ok(seen.has('5/0'), 'then rate 5');
  });

  it('ties in the mode go to the value that reached the count first, across kept days and today', () => {
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    const seen = new Set<string>();
    // Two read rates in turn, one a day each, so their counts tie every other day; within a day
    // the order flips, so the record list's first-reached value differs from the days'.
    const records: UsageRecord[] = [];
    for (let d = 0; d < 40; d++) {
      const [first, second] = d % 2 ? [2, 4] : [4, 2];
      records.push(cachedRecord(T0 + d * DAY, { model: 'claude', read: first }), cachedRecord(T0 + d * DAY + 1000, { model: 'claude', read: second }));
    }
    replay(shard, encoder, records, () => seen.add(rates(shard).join()));
    assert.ok(seen.has('2/0') && seen.has('4/0'), `both rates win at times: ${[...seen].join(' | ')}`);
  });

  it('cache writes, several models and workspaces, records past the cap, trimmed days and records dated back', function () {
    this.timeout(30_000);
    const random = prng(19);
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    const records: UsageRecord[] = [];
    let time = T0;
    for (let i = 0; i < 1200; i++) {
      time += Math.floor(random() * 4 * 60 * 60 * 1000); // ~3 records a day, with gaps
      // Now and then a record dated back, sometimes to a day the shard does not hold yet.
      const at = random() < 0.05 ? time - Math.floor(random() * 6) * DAY - 3_600_000 : time;
      const pick = random();
      records.push(
        cachedRecord(at, {
          model: `m${Math.floor(random() * 3)}`,
          read: pick < 0.45 ? 3 : pick < 0.9 ? 4 : 6,
          write: 1,
          cached: Math.floor(random() * 3) * 50,
          written: random() < 0.3 ? 20 : 0,
          saving: random() < 0.05 ? 'unknown' : random() < 0.05 ? 11 : undefined,
          workspace: `ws${Math.floor(random() * 4)}`,
          cost: random() < 0.05 ? null : 5000,
        }),
      );
    }
    // Trims as UsageStore makes them (the oldest days go, unannounced), and a rotation's new shard.
    replay(shard, encoder, records, (i) => {
      if (i % 150 === 149) trimDays(shard, dayKey(new Date(records[i]!.time - 60 * DAY)));
    });
    assert.ok(shard.records.length === 500 && shard.days.size > 30);
    assert.ok(new Set(rates(shard)).size >= 1, 'some model has a rate');
  });

  it('a name first used by a record whose day is gone, then dropped with it', () => {
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    const old = cachedRecord(T0, { model: 'only-in-records', read: 3, workspace: 'old-ws' });
    applyRecord(shard, old);
    encoder.changed(dayKey(new Date(T0)));
    encoder.encode(shard);
    trimDays(shard, dayKey(new Date(T0 + DAY))); // its day goes; the record stays and names the model first
    const later = Array.from({ length: 600 }, (_, i) => cachedRecord(T0 + DAY + i * 60_000, { model: i % 2 ? 'a' : 'b', read: 3, workspace: i % 3 ? 'x' : 'old-ws' }));
    replay(shard, encoder, later);
    assert.ok(!shard.records.includes(old), 'dropped past the cap');
  });
});

describe('ShardEncoder: days changed behind its back', () => {
  it('a day trimmed and added again before the next encode is a new day, at the end of the map', () => {
    const shard = emptyShard('win', T0);
    const encoder = new ShardEncoder();
    const add = (time: number, i: number) => {
      applyRecord(shard, cachedRecord(time, { model: `m${i % 2}`, read: 3, workspace: `ws${i % 3}` }));
      encoder.changed(dayKey(new Date(time)));
    };
    for (let d = 0; d < 10; d++) for (let i = 0; i < 3; i++) add(T0 + d * DAY + i * 1000, d + i);
    encoder.encode(shard);
    trimDays(shard, dayKey(new Date(T0 + DAY))); // day 0 goes, unannounced…
    add(T0 + 5_000, 7); // …and comes back with one record, a new object at the end of the map
    assert.equal(written(encoder.encode(shard)), JSON.stringify(encodeShard(shard)));
    add(T0 + 10 * DAY, 8);
    assert.equal(written(encoder.encode(shard)), JSON.stringify(encodeShard(shard)));
  });
});
