// Usage in files: one atomic file per key, read back by another store (another window) on the
// same folder, only the newest of queued values written, and a damaged file read as unreadable.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeFileSystem, type FileSystem } from '../../../../src/core/files/fileSystem';
import { FileKeyValueStore, fileNameOf } from '../../../../src/core/usage/fileKeyValueStore';
import { StoredJson } from '../../../../src/core/usage/storedJson';
import { UsageStore } from '../../../../src/core/usage/usageStore';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';

const KEY = 'switchboard.usage.v2.window.abc';

describe('FileKeyValueStore', () => {
  after(removeTempFolders);

  it('writes each key to its own file, which a second store reads back; undefined deletes it', async () => {
    const dir = path.join(tempFolder('switchboard-usage-'), 'usage');
    const a = new FileKeyValueStore(dir);
    assert.deepEqual(a.keys(), [], 'a missing folder is an empty store');
    await a.update(KEY, { v: 2, n: 1 });
    await a.update('switchboard.usage.v2.archive', { v: 2 });
    assert.deepEqual(readdirSync(dir).sort(), ['switchboard.usage.v2.archive.json', 'switchboard.usage.v2.window.abc.json']);
    assert.equal(readFileSync(path.join(dir, fileNameOf(KEY)), 'utf8'), '{"v":2,"n":1}');
    const b = new FileKeyValueStore(dir);
    assert.deepEqual([...b.keys()].sort(), ['switchboard.usage.v2.archive', KEY]);
    assert.deepEqual(b.get(KEY), { v: 2, n: 1 });
    await a.update(KEY, undefined);
    assert.equal(existsSync(path.join(dir, fileNameOf(KEY))), false);
    assert.equal(a.get(KEY), undefined);
    assert.deepEqual(a.keys(), ['switchboard.usage.v2.archive']);
  });

  it('writes only the newest of values queued while the disk was busy; every caller is answered', async () => {
    const dir = tempFolder('switchboard-usage-');
    const a = new FileKeyValueStore(dir);
    const writes = Array.from({ length: 50 }, (_, i) => a.updateJson(KEY, `{"n":${i}}`));
    await Promise.all(writes);
    assert.equal(readFileSync(path.join(dir, fileNameOf(KEY)), 'utf8'), '{"n":49}');
    assert.ok(a.fileWrites <= 2, `${a.fileWrites} file writes for 50 updates`);
    assert.deepEqual(a.get(KEY), { n: 49 });
    assert.deepEqual(readdirSync(dir), [fileNameOf(KEY)], 'no temp file left behind');
  });

  it('updateLater() makes a text only for the write that goes out, or once when the key is read first', async () => {
    const dir = tempFolder('switchboard-usage-');
    const a = new FileKeyValueStore(dir);
    const made: number[] = [];
    const later = (n: number) => () => (made.push(n), `{"n":${n}}`);
    const writes = Array.from({ length: 20 }, (_, i) => a.updateLater(KEY, later(i)));
    assert.deepEqual(a.get(KEY), { n: 19 }, 'a read sees the newest value, made for it');
    await Promise.all(writes);
    assert.equal(readFileSync(path.join(dir, fileNameOf(KEY)), 'utf8'), '{"n":19}');
    assert.deepEqual(made, [0, 19], 'the first went out at once; the newest was made once, for the read and the write');
    const failing = a.updateLater(KEY, () => {
      throw new Error('encode failed');
    });
    await assert.rejects(failing, /encode failed/);
    await a.updateLater(KEY, later(20));
    assert.equal(readFileSync(path.join(dir, fileNameOf(KEY)), 'utf8'), '{"n":20}', 'a failed encode loses nothing the next write carries');
  });

  it('usage recorded while the disk is busy is encoded and written once for many records, and every record is in the file', async () => {
    const dir = tempFolder('switchboard-usage-');
    const files = new FileKeyValueStore(dir);
    const store = new UsageStore({ store: files, windowId: 'w1' });
    const entry = { providerId: 'openai', model: 'm', usage: { inputTokens: 1, outputTokens: 2 }, cost: { usd: 0.5, estimated: false, source: 'reported' as const }, latencyMs: 1, outcome: 'ok' as const, workspace: '' };
    await Promise.all(Array.from({ length: 40 }, () => store.record(entry)));
    assert.ok(files.fileWrites <= 2, `${files.fileWrites} file writes for 40 records`);
    const reader = new UsageStore({ store: new FileKeyValueStore(dir) });
    assert.deepEqual([reader.today().requests, reader.today().costUsd], [40, 20]);
  });

  it("refresh() reports another window's changes and deletions, not its own writes", async () => {
    const dir = tempFolder('switchboard-usage-');
    const a = new FileKeyValueStore(dir);
    const b = new FileKeyValueStore(dir);
    await a.update(KEY, { n: 1 });
    assert.deepEqual(await a.refresh(), [], 'its own write');
    assert.deepEqual(b.get(KEY), { n: 1 });
    await a.update(KEY, { n: 2 });
    assert.deepEqual(b.get(KEY), { n: 1 }, 'kept until refreshed');
    assert.deepEqual(await b.refresh(), [KEY]);
    assert.deepEqual(b.get(KEY), { n: 2 });
    await b.update('switchboard.usage.v2.window.other', { n: 3 });
    assert.deepEqual(await a.refresh(), ['switchboard.usage.v2.window.other']);
    assert.deepEqual([...a.keys()].sort(), [KEY, 'switchboard.usage.v2.window.other']);
    await b.update(KEY, undefined);
    assert.deepEqual(await a.refresh(), [KEY]);
    assert.equal(a.get(KEY), undefined);
    assert.deepEqual(await a.refresh(), []);
  });

  it('a damaged file reads as a value the usage codec rejects, and the store goes on', async () => {
    const dir = tempFolder('switchboard-usage-');
    writeFileSync(path.join(dir, fileNameOf(KEY)), '{"v":2,"id":"abc","se');
    const store = new UsageStore({ store: new FileKeyValueStore(dir) });
    assert.equal(store.today().requests, 0);
    await store.record({ providerId: 'openai', model: 'm', usage: { inputTokens: 1, outputTokens: 2 }, cost: { usd: 0.5, estimated: false, source: 'reported' }, latencyMs: 1, outcome: 'ok', workspace: '' });
    assert.equal(store.today().requests, 1);
  });

  it('a failed write rejects its callers only; the next write goes through', async () => {
    const dir = tempFolder('switchboard-usage-');
    let fail = true;
    const flaky: FileSystem = { ...nodeFileSystem, writeDurable: (file, text) => (fail ? Promise.reject(new Error('ENOSPC: no space left on device')) : nodeFileSystem.writeDurable(file, text)) };
    const a = new FileKeyValueStore(dir, flaky);
    await assert.rejects(a.update(KEY, { n: 1 }), /ENOSPC/);
    assert.deepEqual(readdirSync(dir), [], 'the temp file is removed');
    fail = false;
    await a.update(KEY, { n: 2 });
    assert.deepEqual(new FileKeyValueStore(dir).get(KEY), { n: 2 });
  });

  it('with writeBehindMs, records that finish apart share a write made after the pause; flushed() writes at once', async () => {
    const dir = tempFolder('switchboard-usage-');
    const files = new FileKeyValueStore(dir, nodeFileSystem, 150);
    const store = new UsageStore({ store: files, windowId: 'w1' });
    const entry = { providerId: 'openai', model: 'm', usage: { inputTokens: 1, outputTokens: 2 }, cost: { usd: 0.5, estimated: false, source: 'reported' as const }, latencyMs: 1, outcome: 'ok' as const, workspace: '' };
    const written: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      written.push(store.record(entry));
      await new Promise((r) => setTimeout(r, 10)); // apart: with no pause each would get its own write
    }
    assert.equal(files.fileWrites, 0, 'nothing written before the pause ends');
    assert.equal(store.today().requests, 5, 'the store counts them at once');
    await Promise.all(written);
    assert.equal(files.fileWrites, 1, 'one write for the five');
    const reader = () => new UsageStore({ store: new FileKeyValueStore(dir) }).today().requests;
    assert.equal(reader(), 5);
    void store.record(entry);
    const started = Date.now();
    await files.flushed();
    assert.ok(Date.now() - started < 150, 'flushed() does not wait out the pause');
    assert.equal(reader(), 6);
  });

  it('flushed() resolves once every write started so far is on disk', async () => {
    const dir = tempFolder('switchboard-usage-');
    const a = new FileKeyValueStore(dir);
    await a.flushed();
    void a.update(KEY, { n: 1 });
    void a.update('switchboard.usage.v2.archive', { n: 2 });
    await a.flushed();
    assert.equal(readdirSync(dir).length, 2);
  });

  it('two windows record into one folder and each sees both after a refresh', async () => {
    const dir = tempFolder('switchboard-usage-');
    const files = [new FileKeyValueStore(dir), new FileKeyValueStore(dir)];
    const [one, two] = files.map((store) => new UsageStore({ store })) as [UsageStore, UsageStore];
    const entry = { providerId: 'openai', model: 'm', usage: { inputTokens: 1, outputTokens: 2 }, cost: { usd: 0.25, estimated: false, source: 'reported' as const }, latencyMs: 1, outcome: 'ok' as const, workspace: '' };
    for (let i = 0; i < 3; i++) await one.record(entry);
    await two.record(entry);
    for (const f of files) await f.refresh();
    for (const s of [one, two]) s.invalidate();
    assert.equal(one.today().requests, 4);
    assert.equal(two.today().costUsd, 1);
  });
});

describe('StoredJson', () => {
  it('is JSON.stringify for any object, including undefined members, holes and unknown keys', () => {
    const json = new StoredJson();
    const values: object[] = [
      {},
      { v: 2, id: 'x', seen: 1, days: {}, recs: [] },
      { v: 2, days: { '2026-01-01': { m: [[0, 1]] }, skip: undefined }, recs: [[1, 'a', null], null, 3], extra: { nested: [1, undefined] }, f: () => 1, u: undefined },
      { recs: 'not an array', days: [1, 2] },
    ];
    for (const v of values) assert.equal(json.text(v), JSON.stringify(v));
  });

  it('reuses a part by identity: a new part is serialized, a kept one is not', () => {
    const json = new StoredJson();
    const day = { m: [[0, 1]] };
    const first = { days: { a: day }, recs: [] };
    assert.equal(json.text(first), JSON.stringify(first));
    const next = { days: { a: day, b: { m: [[1, 2]] } }, recs: [[5]] };
    assert.equal(json.text(next), JSON.stringify(next));
  });

  it('record arrays that lose items at the front and gain them at the back, or change anywhere, come out as JSON.stringify', () => {
    const json = new StoredJson();
    const tuple = (n: number) => [n, `r${n}`, n % 3 ? null : 1.5];
    let recs: unknown[][] = Array.from({ length: 6 }, (_, i) => tuple(i));
    const steps: ((r: unknown[][]) => unknown[][])[] = [
      (r) => [...r, tuple(100)], // one more at the back
      (r) => [...r.slice(1), tuple(101)], // at the cap: the oldest goes
      (r) => r.slice(3), // several go, none come
      (r) => [...r, tuple(102), tuple(103)],
      (r) => [tuple(104), ...r], // one in front (a record dated back)
      (r) => [...r.slice(0, 2), tuple(105), ...r.slice(3)], // one replaced in the middle
      (r) => (r[1] = tuple(106), r), // the same array changed in place
      () => [], // emptied
      () => [tuple(107)],
      () => Array.from({ length: 4 }, (_, i) => tuple(i)), // another shard's array
    ];
    for (const step of steps) {
      recs = step(recs);
      const value = { v: 2, days: {}, recs };
      assert.equal(json.text(value), JSON.stringify(value));
    }
  });
});
