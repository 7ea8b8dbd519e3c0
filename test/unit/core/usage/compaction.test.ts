import { strict as assert } from 'node:assert';
import { encodeShard } from '../../../../src/core/usage/codec';
import {
  COMPACT_EVERY_MS,
  DELETE_AFTER_FOLD_MS,
  FOLD_AFTER_MS,
  FORGET_FOLDED_MS,
  ROTATE_AFTER_MS,
  compact,
  oldestKeptDay,
} from '../../../../src/core/usage/compaction';
import { MemoryKeyValueStore } from '../../../../src/core/usage/keyValueStore';
import { KEEP_DAYS, applyRecord, emptyShard, type Shard } from '../../../../src/core/usage/model';
import { ARCHIVE_KEY, SHARD_PREFIX, ShardStorage } from '../../../../src/core/usage/shardStorage';

const NOW = new Date(2026, 0, 15, 10, 0);
const T = NOW.getTime();

function shard(id: string, lastSeen: number, costNanos = 1): Shard {
  const s = emptyShard(id, lastSeen);
  applyRecord(s, { time: lastSeen, providerId: 'openai', model: 'gpt-4o', inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, costNanos, latencyMs: 1, outcome: 'ok', estimated: false, workspace: '' });
  return s;
}

function setup() {
  const kv = new MemoryKeyValueStore();
  const storage = new ShardStorage(kv);
  let invalidated = 0;
  const run = (own = emptyShard('own', T)) => compact({ storage, own, now: () => NOW, invalidate: () => invalidated++ });
  return { kv, storage, run, invalidated: () => invalidated };
}

describe('compaction: timings', () => {
  it('keeps the order the multi-window safety depends on', () => {
    assert.ok(ROTATE_AFTER_MS < FOLD_AFTER_MS, 'an owner moves on before its shard can be folded');
    assert.ok(COMPACT_EVERY_MS > 0 && DELETE_AFTER_FOLD_MS > 0);
    assert.ok(FORGET_FOLDED_MS > FOLD_AFTER_MS + DELETE_AFTER_FOLD_MS);
  });

  it('keeps KEEP_DAYS local days, today included', () => {
    assert.equal(oldestKeptDay(new Date(2026, 0, 15, 23, 59)), oldestKeptDay(new Date(2026, 0, 15, 0, 0)));
    const d = new Date(2026, 0, 15);
    d.setDate(d.getDate() - (KEEP_DAYS - 1));
    assert.equal(oldestKeptDay(NOW), `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  });
});

describe('compaction: compact()', () => {
  it('writes nothing and keeps the merged view when nothing is idle', async () => {
    const { kv, storage, run, invalidated } = setup();
    await kv.update(SHARD_PREFIX + 'b', encodeShard(shard('b', T - FOLD_AFTER_MS)));
    assert.deepEqual(await run(), { folded: [], deleted: [], skipped: [] });
    assert.equal(storage.writes, 0);
    assert.equal(invalidated(), 0);
  });

  it('folds an idle shard (never the own one) into the archive in one write', async () => {
    const { kv, storage, run, invalidated } = setup();
    await kv.update(SHARD_PREFIX + 'b', encodeShard(shard('b', T - FOLD_AFTER_MS - 1, 5)));
    await kv.update(SHARD_PREFIX + 'own', encodeShard(shard('own', T - FOLD_AFTER_MS - 1)));
    const result = await run();
    assert.deepEqual(result, { folded: [SHARD_PREFIX + 'b'], deleted: [], skipped: [] });
    assert.equal(storage.writes, 1);
    assert.equal(invalidated(), 1);
    const archive = storage.readArchive()!;
    assert.deepEqual([...archive.includes], [['b', T]]);
    assert.deepEqual(archive.records.map((r) => r.costNanos), [5]);
  });

  it('folds savings by prompt caching with the rest: per model, per workspace and per record', async () => {
    const { kv, storage, run } = setup();
    for (const [id, saved, workspace] of [['b', 900, 'app'], ['c', -400, 'site']] as const) {
      const s = emptyShard(id, T - FOLD_AFTER_MS - 1);
      applyRecord(s, { time: T - FOLD_AFTER_MS - 1, providerId: 'anthropic', model: 'claude', inputTokens: 100, outputTokens: 1, cachedInputTokens: 50, cacheWriteTokens: 30, costNanos: 10, savedNanos: saved, priceSource: 'catalogue', latencyMs: 1, outcome: 'ok', estimated: false, workspace });
      await kv.update(SHARD_PREFIX + id, encodeShard(s));
    }
    await run();
    const archive = storage.readArchive()!;
    const day = [...archive.days.values()][0]!;
    assert.deepEqual([day.models.get('anthropic\nclaude')!.savedNanos, day.models.get('anthropic\nclaude')!.cacheWriteTokens], [500, 60]);
    assert.deepEqual([...day.workspaces].map(([w, a]) => [w, a.savedNanos]).sort(), [['app', 900], ['site', -400]]);
    assert.deepEqual(archive.records.map((r) => [r.savedNanos, r.priceSource]), [[900, 'catalogue'], [-400, 'catalogue']]);
  });

  it('deletes a folded key only DELETE_AFTER_FOLD_MS after the fold', async () => {
    const { kv, run } = setup();
    const archive = emptyShard('archive', T);
    archive.includes.set('b', T - DELETE_AFTER_FOLD_MS + 1);
    archive.includes.set('c', T - DELETE_AFTER_FOLD_MS);
    await kv.update(ARCHIVE_KEY, encodeShard(archive, true));
    await kv.update(SHARD_PREFIX + 'b', encodeShard(shard('b', T)));
    await kv.update(SHARD_PREFIX + 'c', encodeShard(shard('c', T)));
    assert.deepEqual(await run(), { folded: [], deleted: [SHARD_PREFIX + 'c'], skipped: [] });
    assert.deepEqual([...kv.keys()].sort(), [SHARD_PREFIX + 'b', ARCHIVE_KEY].sort());
  });

  it('forgets a folded id whose key is gone after FORGET_FOLDED_MS', async () => {
    const { kv, storage, run } = setup();
    const archive = emptyShard('archive', T);
    archive.includes.set('old', T - FORGET_FOLDED_MS - 1);
    archive.includes.set('recent', T - FORGET_FOLDED_MS);
    await kv.update(ARCHIVE_KEY, encodeShard(archive, true));
    await run();
    assert.deepEqual([...storage.archiveHeader()!.keys()], ['recent']);
  });

  it('leaves a newer version alone: an unknown shard is skipped, an unknown archive stops it', async () => {
    const { kv, storage, run } = setup();
    await kv.update(SHARD_PREFIX + 'b', { v: 3, seen: T - FOLD_AFTER_MS - 1 });
    assert.deepEqual(await run(), { folded: [], deleted: [], skipped: [SHARD_PREFIX + 'b'] });
    await kv.update(ARCHIVE_KEY, { v: 3 });
    const writes = storage.writes;
    assert.deepEqual(await run(), { folded: [], deleted: [], skipped: [ARCHIVE_KEY] });
    assert.equal(storage.writes, writes);
  });
});
