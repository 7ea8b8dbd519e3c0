// Where usage lives in the key-value store and how it is read back: one key per window shard,
// one archive key (compressed) whose plain header lists the shard ids it already includes, and
// v1's flat key, read as a shard. The merged view counts every shard the archive does not include,
// so each shard's data is counted once. Why it is sharded this way: see usageStore.ts.

import { decodeStored, type Decoded } from './codec';
import type { StoredShardV2 } from './storedForm';
import type { KeyValueStore } from './keyValueStore';
import { emptyShard, mergeShard, type Shard } from './model';
import { StoredJson } from './storedJson';

export const SHARD_PREFIX = 'switchboard.usage.v2.window.';
export const ARCHIVE_KEY = 'switchboard.usage.v2.archive';
/** Where v1 kept its flat record list; folded into the archive like a shard, then deleted. */
export const LEGACY_V1_KEY = 'switchboard.usage';
export const LEGACY_ID = 'legacy-v1';
export const ARCHIVE_ID = 'archive';

export interface UsageKey {
  key: string;
  /** The shard id (LEGACY_ID for v1's key). */
  id: string;
}

/** Reads and writes the usage keys of one store, counting the writes. */
export class ShardStorage {
  private writeCount = 0;
  private readonly json = new StoredJson();

  constructor(private readonly kv: KeyValueStore) {}

  /** update() calls made through this instance. */
  get writes(): number {
    return this.writeCount;
  }

  /** `undefined` deletes the key. */
  write(key: string, value: unknown): Promise<void> {
    this.writeCount++;
    return Promise.resolve(this.kv.update(key, value));
  }

  /** Writes a value ShardEncoder made, serializing only the days and records it made anew (storedJson.ts). */
  writeEncoded(key: string, value: StoredShardV2): Promise<void> {
    if (!this.kv.updateJson) return this.write(key, value);
    this.writeCount++;
    return Promise.resolve(this.kv.updateJson(key, this.json.text(value)));
  }

  /** Whether writeEncodedLater() can leave encoding to the moment the store writes. */
  get writesLater(): boolean {
    return !!this.kv.updateLater;
  }

  /**
   * Like writeEncoded(encode()), with encode() called when the store writes the key: of several
   * values given while the disk is busy, only the last is encoded and written.
   */
  writeEncodedLater(key: string, encode: () => StoredShardV2): Promise<void> {
    if (!this.kv.updateLater) return this.writeEncoded(key, encode());
    this.writeCount++;
    return Promise.resolve(this.kv.updateLater(key, () => this.json.text(encode())));
  }

  /** The stored value of `key`, decoded as a shard of any version (v1 comes out as `id`). */
  decode(key: string, id: string): Decoded {
    return decodeStored(this.kv.get<unknown>(key), id);
  }

  /** The v2 shard stored under window id `id`; undefined when absent, unreadable or another version. */
  readShard(id: string): Shard | undefined {
    const decoded = this.decode(SHARD_PREFIX + id, id);
    return decoded.ok && decoded.version === 2 ? decoded.shard : undefined;
  }

  /** Whether a window shard is stored under `id` at all (readable or not). */
  hasShard(id: string): boolean {
    return this.kv.get<unknown>(SHARD_PREFIX + id) !== undefined;
  }

  /** A v2 shard's `seen` from its plain header (no inflate/parse); undefined when not a v2 shard. */
  lastSeen(key: string): number | undefined {
    const raw = this.kv.get<{ v?: unknown; seen?: unknown }>(key);
    return raw?.v === 2 && typeof raw.seen === 'number' ? raw.seen : undefined;
  }

  /** Cheap check on the archive's plain header (no inflate/parse on the per-request path). */
  archiveIncludes(id: string): boolean {
    return this.archiveHeader()?.has(id) === true;
  }

  /** The archive's `includes` from its plain header; empty when there is no archive yet, and
   *  undefined when it is not a v2 archive (newer version or corrupt: never overwrite it). */
  archiveHeader(): Map<string, number> | undefined {
    const raw = this.kv.get<{ v?: unknown; inc?: unknown }>(ARCHIVE_KEY);
    if (raw === undefined) return new Map();
    if (typeof raw !== 'object' || raw === null || raw.v !== 2) return undefined;
    const inc = raw.inc ?? {};
    if (typeof inc !== 'object' || inc === null) return undefined;
    return new Map(Object.entries(inc as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
  }

  /** The archive, empty when none; undefined when it cannot be read (never overwrite it then). */
  readArchive(): Shard | undefined {
    const raw = this.kv.get<unknown>(ARCHIVE_KEY);
    if (raw === undefined) return emptyShard(ARCHIVE_ID, 0);
    const decoded = decodeStored(raw, ARCHIVE_ID);
    return decoded.ok && decoded.version === 2 ? decoded.shard : undefined;
  }

  /** Every window shard key, and v1's key as LEGACY_ID. */
  usageKeys(): UsageKey[] {
    const out: UsageKey[] = [];
    for (const key of this.kv.keys()) {
      if (key.startsWith(SHARD_PREFIX)) out.push({ key, id: key.slice(SHARD_PREFIX.length) });
      else if (key === LEGACY_V1_KEY) out.push({ key, id: LEGACY_ID });
    }
    return out;
  }

  /** The stored archive (empty when unreadable) merged with everything else: see merge(). */
  mergedView(own: Shard): Shard {
    return this.merge(this.readArchive() ?? emptyShard(ARCHIVE_ID, 0), own);
  }

  /** `archive` + every shard it does not include + `own`, the window's in-memory shard (read
   *  from memory, not from its key, unless the archive includes it). */
  merge(archive: Shard, own: Shard): Shard {
    const merged = emptyShard('merged', 0);
    mergeShard(merged, archive);
    for (const { key, id } of this.usageKeys()) {
      if (id === own.id || archive.includes.has(id)) continue;
      const decoded = this.decode(key, id);
      if (decoded.ok) mergeShard(merged, decoded.shard);
    }
    if (!archive.includes.has(own.id)) mergeShard(merged, own);
    merged.includes.clear();
    return merged;
  }
}
