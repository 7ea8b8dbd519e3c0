import { strict as assert } from 'node:assert';
import { encodeShard } from '../../../../src/core/usage/codec';
import { MemoryKeyValueStore } from '../../../../src/core/usage/keyValueStore';
import { applyRecord, emptyShard, type Shard, type UsageRecord } from '../../../../src/core/usage/model';
import { ARCHIVE_KEY, LEGACY_ID, LEGACY_V1_KEY, SHARD_PREFIX, ShardStorage } from '../../../../src/core/usage/shardStorage';

const T = new Date(2026, 0, 15, 10, 0).getTime();

function rec(costNanos: number): UsageRecord {
  return { time: T, providerId: 'openai', model: 'gpt-4o', inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, costNanos, latencyMs: 1, outcome: 'ok', estimated: false, workspace: '' };
}

function shard(id: string, ...costs: number[]): Shard {
  const s = emptyShard(id, T);
  for (const c of costs) applyRecord(s, rec(c));
  return s;
}

const costs = (s: Shard): number[] => s.records.map((r) => r.costNanos ?? -1).sort((a, b) => a - b);

describe('shardStorage: the usage keys and how they are read back', () => {
  it('lists window shards and the v1 key, and nothing else', async () => {
    const kv = new MemoryKeyValueStore();
    await kv.update(SHARD_PREFIX + 'a', encodeShard(shard('a', 1)));
    await kv.update(LEGACY_V1_KEY, { version: 1, records: [] });
    await kv.update(ARCHIVE_KEY, encodeShard(emptyShard('archive', T), true));
    await kv.update('someone.else', 1);
    assert.deepEqual(new ShardStorage(kv).usageKeys(), [
      { key: SHARD_PREFIX + 'a', id: 'a' },
      { key: LEGACY_V1_KEY, id: LEGACY_ID },
    ]);
  });

  it('counts its writes, deletes included', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = new ShardStorage(kv);
    await storage.write('k', 1);
    await storage.write('k', undefined);
    assert.equal(storage.writes, 2);
    assert.deepEqual(kv.keys(), []);
  });

  it('reads the archive header: empty without an archive, undefined for a newer or broken one', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = new ShardStorage(kv);
    assert.deepEqual(storage.archiveHeader(), new Map());
    assert.equal(storage.archiveIncludes('a'), false);
    const archive = emptyShard('archive', T);
    archive.includes.set('a', T);
    await kv.update(ARCHIVE_KEY, encodeShard(archive, true));
    assert.deepEqual(storage.archiveHeader(), new Map([['a', T]]));
    assert.equal(storage.archiveIncludes('a'), true);
    await kv.update(ARCHIVE_KEY, { v: 3 });
    assert.equal(storage.archiveHeader(), undefined);
    assert.equal(storage.readArchive(), undefined, 'never read as empty: that would overwrite it');
    await kv.update(ARCHIVE_KEY, undefined);
    assert.equal(storage.readArchive()?.records.length, 0);
  });

  it('reads a window shard and its plain `seen` only when it is v2', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = new ShardStorage(kv);
    assert.equal(storage.hasShard('a'), false);
    assert.equal(storage.readShard('a'), undefined);
    await kv.update(SHARD_PREFIX + 'a', encodeShard(shard('a', 7)));
    assert.equal(storage.hasShard('a'), true);
    assert.deepEqual(costs(storage.readShard('a')!), [7]);
    assert.equal(storage.lastSeen(SHARD_PREFIX + 'a'), T);
    await kv.update(SHARD_PREFIX + 'a', { v: 3, seen: T });
    assert.equal(storage.hasShard('a'), true);
    assert.equal(storage.readShard('a'), undefined);
    assert.equal(storage.lastSeen(SHARD_PREFIX + 'a'), undefined);
  });

  it('merges the archive, every shard it does not include, and the own shard from memory', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = new ShardStorage(kv);
    await kv.update(SHARD_PREFIX + 'a', encodeShard(shard('a', 1)));
    await kv.update(SHARD_PREFIX + 'b', encodeShard(shard('b', 2)));
    await kv.update(SHARD_PREFIX + 'own', encodeShard(shard('own', 100))); // stale copy: ignored
    const archive = shard('archive', 20);
    archive.includes.set('b', T); // b's data is in the archive already
    const merged = storage.merge(archive, shard('own', 4));
    assert.deepEqual(costs(merged), [1, 4, 20]);
    assert.equal(merged.includes.size, 0);
    archive.includes.set('own', T);
    assert.deepEqual(costs(storage.merge(archive, shard('own', 4))), [1, 20], 'an own shard the archive includes counts once');
  });

  it('builds the merged view from the stored archive, or from nothing when it is unreadable', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = new ShardStorage(kv);
    await kv.update(ARCHIVE_KEY, encodeShard(shard('archive', 3), true));
    assert.deepEqual(costs(storage.mergedView(shard('own', 4))), [3, 4]);
    await kv.update(ARCHIVE_KEY, { v: 2, inc: {}, z: '!!' });
    assert.deepEqual(costs(storage.mergedView(shard('own', 4))), [4]);
  });
});
