// Usage history an earlier version kept in globalState moves to files at start: nothing is lost or
// counted twice, a racing second window moves the same data, and a newer globalState copy (a window
// still on the earlier version wrote again) wins over an older file.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { FileKeyValueStore } from '../../../../src/core/usage/fileKeyValueStore';
import { moveUsageToFiles } from '../../../../src/core/usage/moveToFiles';
import { PendingUsage } from '../../../../src/core/usage/pendingUsage';
import { ARCHIVE_KEY, LEGACY_V1_KEY, MemoryKeyValueStore, SHARD_PREFIX, UsageStore } from '../../../../src/core/usage/usageStore';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';

const entry = { providerId: 'openai', model: 'gpt-4o', usage: { inputTokens: 1000, outputTokens: 500 }, cost: { usd: 0.0075, source: 'price-table' as const, estimated: false }, latencyMs: 10, outcome: 'ok' as const, workspace: '' };

describe('moving usage from globalState to files', () => {
  after(removeTempFolders);

  it('moves every shard, the archive and v1 data; globalState keeps only other keys; totals are unchanged', async () => {
    const globalState = new MemoryKeyValueStore();
    const a = new UsageStore({ store: globalState, windowId: 'a' });
    const b = new UsageStore({ store: globalState, windowId: 'b' });
    for (let i = 0; i < 3; i++) await a.record(entry);
    await b.record(entry);
    await globalState.update(LEGACY_V1_KEY, { version: 1, records: [] });
    await globalState.update('switchboard.usage.pending.v1.x', { keep: true });
    await globalState.update('switchboard.lastModel', 'gpt-4o');
    const before = new UsageStore({ store: globalState }).today();

    const dir = tempFolder('switchboard-usage-');
    const files = new FileKeyValueStore(dir);
    const moved = moveUsageToFiles(globalState, files);
    assert.equal(moved.found, 3);
    assert.deepEqual(new UsageStore({ store: files }).today(), before, 'readable before the files are written');
    await moved.done;
    assert.deepEqual([...globalState.keys()].sort(), ['switchboard.lastModel', 'switchboard.usage.pending.v1.x']);
    assert.deepEqual(readdirSync(dir).sort(), ['switchboard.usage.json', `${SHARD_PREFIX}a.json`, `${SHARD_PREFIX}b.json`]);
    assert.deepEqual(new UsageStore({ store: new FileKeyValueStore(dir) }).today(), before);
    assert.equal(moveUsageToFiles(globalState, files).found, 0, 'nothing left to move');
  });

  it('two windows moving at once, and a newer copy written back by an earlier version, count each request once', async () => {
    const globalState = new MemoryKeyValueStore();
    const old = new UsageStore({ store: globalState, windowId: 'old' });
    await old.record(entry);
    const dir = tempFolder('switchboard-usage-');
    const one = new FileKeyValueStore(dir);
    const two = new FileKeyValueStore(dir);
    await Promise.all([moveUsageToFiles(globalState, one).done, moveUsageToFiles(globalState, two).done]);
    assert.equal(new UsageStore({ store: new FileKeyValueStore(dir) }).today().requests, 1);
    // The window on the earlier version records again: its whole shard back in globalState.
    await old.record(entry);
    await moveUsageToFiles(globalState, new FileKeyValueStore(dir)).done;
    assert.equal(new UsageStore({ store: new FileKeyValueStore(dir) }).today().requests, 2);
    // An older copy does not replace a newer file.
    const stale = new MemoryKeyValueStore();
    await stale.update(SHARD_PREFIX + 'old', { v: 2, id: 'old', seen: 1, pm: [], ws: [], days: {}, recs: [] });
    await moveUsageToFiles(stale, new FileKeyValueStore(dir)).done;
    assert.equal(new UsageStore({ store: new FileKeyValueStore(dir) }).today().requests, 2);
    assert.deepEqual(stale.keys(), []);
    assert.ok(!readdirSync(dir).includes(`${ARCHIVE_KEY}.json`));
  });

  it("a dead window's pending requests are settled into the usage files; its pending key leaves globalState", async () => {
    const globalState = new MemoryKeyValueStore();
    const files = new FileKeyValueStore(tempFolder('switchboard-usage-'));
    let now = Date.now();
    let mono = 0;
    const dead = new PendingUsage({ store: globalState, usage: files, now: () => now, monotonic: () => mono });
    dead.begin({ providerId: 'openai', model: 'gpt-4o', workspace: '', inputTokens: 1000, usd: 0.01 });
    await dead.flushed();
    const settler = new PendingUsage({ store: globalState, usage: files, now: () => now, monotonic: () => mono });
    assert.equal(await settler.settleStale(), 0, 'first sight of the beat');
    now += 60_000;
    mono += 60_000;
    assert.equal(await settler.settleStale(), 1);
    assert.deepEqual(globalState.keys(), []);
    const usage = new UsageStore({ store: files });
    assert.deepEqual(usage.recent(5).map((r) => r.outcome), ['interrupted']);
    assert.ok(files.keys().some((k) => k.startsWith(SHARD_PREFIX)), 'the settled shard is a file');
  });
});
