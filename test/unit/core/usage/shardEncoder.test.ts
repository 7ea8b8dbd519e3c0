// The per-record encoder reuses the stored form of unchanged days: what it produces must be,
// byte for byte, what a full encodeShard() of the same shard produces, whatever happened between
// (many records, new days, older records, trimmed days, saving rates that change, rotation).
import { strict as assert } from 'node:assert';
import { encodeShard } from '../../../../src/core/usage/codec';
import { dayKey } from '../../../../src/core/usage/dates';
import { applyRecord, emptyShard, trimDays, type UsageRecord } from '../../../../src/core/usage/model';
import { ShardEncoder } from '../../../../src/core/usage/shardEncoder';
import { MemoryKeyValueStore, SHARD_PREFIX, UsageStore } from '../../../../src/core/usage/usageStore';

const DAY = 24 * 60 * 60 * 1000;
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
      const encoded = JSON.stringify(encoder.encode(shard)); // encoded after every record, as UsageStore does
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
    assert.equal(JSON.stringify(encoder.encode(b)), JSON.stringify(encodeShard(b)));
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
