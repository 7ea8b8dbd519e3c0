// The stored usage format with reasoning tokens: they round-trip (plain and packed), data written
// before them reads as 0, and what is written now still fits the v2 shapes an older Switchboard
// checks (10-field records, aggregate tuples of at most 8), so another window on an older version
// keeps reading the shard.
import { strict as assert } from 'node:assert';
import { decodeStored, encodeShard } from '../../../../src/core/usage/codec';
import { applyRecord, emptyShard, type UsageRecord } from '../../../../src/core/usage/model';
import { totals } from '../../../../src/core/usage/queries';
import { dayKey } from '../../../../src/core/usage/dates';

const T = new Date(2026, 4, 2, 9, 0).getTime();

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: T, providerId: 'openai', model: 'o4', inputTokens: 100, outputTokens: 900, cachedInputTokens: 0, costNanos: 5, latencyMs: 10, outcome: 'ok', estimated: false, workspace: 'w', ...over };
}

function shardWith(records: UsageRecord[]) {
  const shard = emptyShard('win', T);
  for (const r of records) applyRecord(shard, r);
  return shard;
}

describe('usage codec: reasoning tokens', () => {
  const day = { from: dayKey(new Date(T)), to: dayKey(new Date(T)) };

  for (const pack of [false, true]) {
    it(`round-trips per record and per model-day (${pack ? 'packed archive' : 'window shard'})`, () => {
      const shard = shardWith([record({ reasoningTokens: 600 }), record({ time: T + 1, reasoningTokens: 50 }), record({ time: T + 2, model: 'gpt-4o' })]);
      const decoded = decodeStored(JSON.parse(JSON.stringify(encodeShard(shard, pack))), 'legacy');
      assert.ok(decoded.ok);
      assert.deepEqual(decoded.shard.records.map((r) => r.reasoningTokens ?? 0), [600, 50, 0]);
      assert.equal(totals(decoded.shard, day).reasoningTokens, 650);
      assert.equal(totals(decoded.shard, day, { model: 'gpt-4o' }).reasoningTokens, 0);
    });
  }

  it('reads data written before reasoning tokens were kept as 0', () => {
    const old = {
      v: 2,
      id: 'old',
      seen: T,
      pm: [['openai', 'o4']],
      ws: ['w'],
      days: { [day.from]: { m: [[0, 1, 100, 900, 5]], w: [[0, 1, 5]] } },
      recs: [[T, 0, 100, 900, 0, 5, 10, 'ok', 0, 0]],
    };
    const decoded = decodeStored(old, 'legacy');
    assert.ok(decoded.ok);
    assert.equal(decoded.shard.records[0]!.reasoningTokens ?? 0, 0);
    assert.equal(totals(decoded.shard, day).reasoningTokens, 0);
    assert.equal(totals(decoded.shard, day).outputTokens, 900);
  });

  it('writes them only in optional side tables an older reader ignores', () => {
    const plain = encodeShard(shardWith([record({ reasoningTokens: 600 })])) as { recs: unknown[][]; days: Record<string, { m: unknown[][]; r?: unknown }>; rr?: unknown };
    assert.ok(plain.recs.every((r) => r.length === 10), 'records keep their 10 fields');
    assert.ok(Object.values(plain.days).every((d) => d.m.every((t) => t.length <= 8)), 'aggregate tuples keep their length');
    assert.deepEqual(plain.rr, [[0, 600]]);
    assert.deepEqual(Object.values(plain.days)[0]!.r, [[0, 600]]);
    const without = encodeShard(shardWith([record()])) as { days: Record<string, object>; rr?: unknown };
    assert.equal('rr' in without, false, 'no reasoning, no side table: the stored size is unchanged');
    assert.equal('r' in Object.values(without.days)[0]!, false);
  });

  it('rejects a damaged side table like any other damage', () => {
    const plain = { ...(encodeShard(shardWith([record({ reasoningTokens: 1 })])) as object), rr: [[0, -5]] };
    assert.equal(decodeStored(plain, 'legacy').ok, false);
  });
});
