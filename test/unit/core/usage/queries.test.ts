// Spend by source and the period summary the `/usage` chat command shows: by model and by source,
// for today and this month, kept in the daily aggregates so they outlive the 500 kept records and
// add up across windows (merge) and through the archive.
import { strict as assert } from 'node:assert';
import { applyRecord, emptyShard, mergeShard, type UsageRecord } from '../../../../src/core/usage/model';
import { byDay, byProviderModel, bySource, byWorkspace, periodSummary, recent, totals, workspaceSpend } from '../../../../src/core/usage/queries';
import { dayKey } from '../../../../src/core/usage/dates';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';
import { USAGE_SOURCES, toUsageSource, usageSourceLabel } from '../../../../src/core/usage/usageSource';

const NOW = new Date(2026, 4, 20, 15, 0);
const at = (date: number, hour = 9) => new Date(2026, 4, date, hour, 0).getTime();

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return { time: at(20), providerId: 'openai', model: 'gpt-5-mini', inputTokens: 100, outputTokens: 50, cachedInputTokens: 10, costNanos: 1_000, latencyMs: 10, outcome: 'ok', estimated: false, workspace: 'w', ...over };
}

function shardWith(records: UsageRecord[], id = 'win', maxRecords?: number) {
  const shard = emptyShard(id, 0);
  for (const r of records) applyRecord(shard, r, maxRecords);
  return shard;
}

describe('usage source', () => {
  it('has a label per source; anything unknown or absent is Switchboard', () => {
    assert.deepEqual(USAGE_SOURCES.map(usageSourceLabel), ['Switchboard', 'VS Code chat']);
    assert.deepEqual([undefined, 'switchboard', 'vscode-chat', 'agent', 3].map(toUsageSource), ['switchboard', 'switchboard', 'vscode-chat', 'switchboard', 'switchboard']);
  });
});

describe('usage queries: spend by source', () => {
  const today = { from: dayKey(NOW), to: dayKey(NOW) };

  it('keeps spend by source per day, records without a source counting as Switchboard', () => {
    const shard = shardWith([record(), record({ source: 'switchboard', costNanos: 500 }), record({ source: 'vscode-chat', costNanos: null, estimated: true })]);
    assert.deepEqual(bySource(shard, today), [
      { source: 'switchboard', requests: 2, costUsd: 1.5e-6, unknownPriceRequests: 0, estimatedRequests: 0 },
      { source: 'vscode-chat', requests: 1, costUsd: 0, unknownPriceRequests: 1, estimatedRequests: 1 },
    ]);
    assert.deepEqual(recent(shard, 3).map((r) => r.source), ['vscode-chat', 'switchboard', 'switchboard']);
  });

  it('outlives record pruning and adds up across merged shards', () => {
    const a = shardWith(
      Array.from({ length: 30 }, (_, i) => record({ time: at(20) + i, source: i % 3 === 0 ? 'vscode-chat' : undefined })),
      'a',
      5,
    );
    assert.equal(a.records.length, 5, 'only the newest 5 records are kept');
    const b = shardWith([record({ source: 'vscode-chat', costNanos: 4_000 })], 'b');
    mergeShard(a, b);
    assert.deepEqual(
      bySource(a, today).map((s) => [s.source, s.requests, s.costUsd]),
      [['switchboard', 20, 20e-6], ['vscode-chat', 11, 14e-6]],
    );
  });
});

describe('usage queries: periodSummary', () => {
  const view = shardWith([
    record({ time: at(1), model: 'gpt-5', costNanos: 90_000 }), // this month, not today
    record({ time: at(20, 8), model: 'gpt-5-mini', costNanos: 2_000, source: 'vscode-chat' }),
    record({ time: at(20, 9), model: 'gpt-5-mini', costNanos: 1_000 }),
    record({ time: at(20, 10), providerId: 'anthropic', model: 'claude', costNanos: 5_000, source: 'vscode-chat', estimated: true }),
    record({ time: at(20, 11), providerId: 'local', model: 'llama', costNanos: null }),
    record({ time: new Date(2026, 3, 30, 23, 0).getTime(), costNanos: 1_000_000 }), // last month
  ]);

  it('today: totals, by model (largest cost first, with tokens) and by source', () => {
    const s = periodSummary(view, 'today', NOW);
    assert.deepEqual({ costNanos: s.costNanos, unknownPrice: s.unknownPrice, estimated: s.estimated, requests: s.requests }, { costNanos: 8_000, unknownPrice: 1, estimated: 1, requests: 4 });
    assert.deepEqual(s.byModel, [
      { providerId: 'anthropic', model: 'claude', requests: 1, costNanos: 5_000, unknownPrice: 0, inputTokens: 100, outputTokens: 50, cachedInputTokens: 10, cacheWriteTokens: 0, savedNanos: 0 },
      { providerId: 'openai', model: 'gpt-5-mini', requests: 2, costNanos: 3_000, unknownPrice: 0, inputTokens: 200, outputTokens: 100, cachedInputTokens: 20, cacheWriteTokens: 0, savedNanos: 0 },
      { providerId: 'local', model: 'llama', requests: 1, costNanos: 0, unknownPrice: 1, inputTokens: 100, outputTokens: 50, cachedInputTokens: 10, cacheWriteTokens: 0, savedNanos: 0 },
    ]);
    assert.deepEqual(s.bySource, [
      { source: 'vscode-chat', requests: 2, costNanos: 7_000, unknownPrice: 0 },
      { source: 'switchboard', requests: 2, costNanos: 1_000, unknownPrice: 1 },
    ]);
  });

  it('month: the local calendar month, last month left out', () => {
    const s = periodSummary(view, 'month', NOW);
    assert.equal(s.requests, 5);
    assert.equal(s.costNanos, 98_000);
    assert.deepEqual(s.byModel.map((m) => m.model), ['gpt-5', 'claude', 'gpt-5-mini', 'llama']);
    assert.deepEqual(s.bySource.map((b) => [b.source, b.requests, b.costNanos]), [['switchboard', 3, 91_000], ['vscode-chat', 2, 7_000]]);
  });

  it('an empty period has no rows', () => {
    assert.deepEqual(periodSummary(emptyShard('e', 0), 'month', NOW), { costNanos: 0, savedNanos: 0, unknownPrice: 0, estimated: 0, requests: 0, byModel: [], bySource: [] });
  });

  it('the store answers it across windows, sources kept through the stored form', async () => {
    const kv = new MemoryKeyValueStore();
    const now = () => NOW;
    const a = new UsageStore({ store: kv, now, windowId: 'a' });
    const b = new UsageStore({ store: kv, now, windowId: 'b' });
    const usage = { inputTokens: 1000, outputTokens: 100 };
    await a.record({ providerId: 'openai', model: 'gpt-5-mini', usage, cost: { usd: 0.01, source: 'price-table', estimated: false }, latencyMs: 5, outcome: 'ok' });
    await b.record({ providerId: 'openai', model: 'gpt-5-mini', usage, cost: { usd: 0.02, source: 'price-table', estimated: false }, latencyMs: 5, outcome: 'ok', source: 'vscode-chat', time: new Date(NOW.getTime() + 1) });
    const reader = new UsageStore({ store: kv, now, windowId: 'r' });
    const s = reader.summary('today');
    assert.deepEqual(s.bySource.map((x) => [x.source, x.requests, x.costNanos]), [['vscode-chat', 1, 20_000_000], ['switchboard', 1, 10_000_000]]);
    assert.deepEqual(reader.recent(2).map((r) => r.source), ['vscode-chat', 'switchboard']);
    assert.deepEqual(reader.summary('month').byModel.map((m) => [m.model, m.requests]), [['gpt-5-mini', 2]]);
  });
});

describe('usage queries: savings by prompt caching', () => {
  const today = { from: dayKey(NOW), to: dayKey(NOW) };
  const cachedRecord = (i: number, over: Partial<UsageRecord> = {}) => record({ time: at(20) + i, cachedInputTokens: 40, cacheWriteTokens: 10, savedNanos: 500, priceSource: 'catalogue', ...over });

  it('sums writes and savings (negative ones included) per period, model, workspace and day', () => {
    const shard = shardWith([cachedRecord(0), cachedRecord(1, { savedNanos: -200, workspace: 'x' }), cachedRecord(2, { model: 'o4', savedNanos: 1_000 }), record({ time: at(20) + 3 })]);
    const t = totals(shard, today);
    assert.deepEqual([t.cacheWriteTokens, t.savedUsd, t.cachedInputTokens], [30, 1.3e-6, 130]);
    assert.deepEqual(byProviderModel(shard, today).map((m) => [m.model, m.cacheWriteTokens, m.savedUsd]), [['gpt-5-mini', 20, 3e-7], ['o4', 10, 1e-6]]);
    assert.deepEqual(byWorkspace(shard, today).map((w) => [w.workspace, w.savedUsd]), [['w', 1.5e-6], ['x', -2e-7]]);
    assert.equal(byDay(shard, [dayKey(NOW)])[0]!.total.savedUsd, 1.3e-6);
    const s = periodSummary(shard, 'today', NOW);
    assert.equal(s.savedNanos, 1_300);
    assert.deepEqual(s.byModel.map((m) => [m.model, m.cacheWriteTokens, m.savedNanos]), [['gpt-5-mini', 20, 300], ['o4', 10, 1_000]]);
  });

  it('keeps the workspace spend a budget compares with its limit as it was (no savings in it)', () => {
    const shard = shardWith([cachedRecord(0)]);
    assert.deepEqual(workspaceSpend(shard, today, 'w'), { requests: 1, costUsd: 1e-6, unknownPriceRequests: 0, estimatedRequests: 0 });
  });

  it('lists each recent request with its writes, saving and price source (unknown saving = null, none = 0)', () => {
    const shard = shardWith([cachedRecord(0, { savedNanos: -1_200_000 }), record({ time: at(20) + 1, costNanos: null }), record({ time: at(20) + 2, cachedInputTokens: 0 })]);
    assert.deepEqual(recent(shard, 3).map((r) => [r.cacheWriteTokens, r.savedUsd, r.priceSource]), [[0, 0, null], [0, null, null], [10, -0.0012, 'catalogue']]);
  });

  it('savings per day outlive record pruning and add up across merged shards', () => {
    const a = shardWith(Array.from({ length: 30 }, (_, i) => cachedRecord(i)), 'a', 5);
    assert.equal(a.records.length, 5);
    mergeShard(a, shardWith([cachedRecord(100, { savedNanos: -1_000, workspace: 'x' })], 'b'));
    assert.equal(totals(a, today).savedUsd, 14e-6);
    assert.deepEqual(byWorkspace(a, today).map((w) => [w.workspace, w.savedUsd]), [['w', 15e-6], ['x', -1e-6]]);
  });
});
