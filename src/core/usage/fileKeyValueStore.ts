// Usage history as files, one per key, in a folder under the extension's globalStorageUri.
// globalState is a single blob that VS Code rewrites (and sends between processes) on every update,
// so it suits small data only; a window's shard and the archive grow to tens of KB each.
//
// - Reads are synchronous, as the usage store needs: a key's file is read once, when first asked
//   for, and kept (as text, parsed on first get) until refresh() sees its file change.
// - Every write is atomic (temp file, fsync, rename: fileSystem.ts writeAtomic). Writes of one key
//   go out one at a time and only the newest waiting value is written: a shard is always written
//   whole, so a value overtaken while the disk was busy need not be written at all. updateLater()
//   goes further: its text is made only when its write goes out (or the key is read), so requests
//   that finish while the disk is busy cost one encode and one write between them.
// - With `writeBehindMs`, a write goes out that long after the value that starts it, and again
//   after each write while values keep coming: an agent's burst of requests shares one encode and
//   one write per interval. Encoding a shard and writing it costs ~0.3 ms of the host's thread
//   (half of it the file system calls' own start-up), more than all the rest of a request. Reads
//   see every value at once; flushed() (deactivation) writes what waits without waiting.
// - Other windows write their own files; refresh() (driven by a folder watch) notices them.

import path from 'node:path';
import { isTempFile, nodeFileSystem, writeAtomic, type FileEntry, type FileSystem } from '../files/fileSystem';
import type { KeyValueStore } from './keyValueStore';

const SUFFIX = '.json';

/** The extension's writeBehindMs for usage (see the file comment): a crash loses at most this much. */
export const USAGE_WRITE_BEHIND_MS = 100;

/** A value's JSON text, or what makes it when it is first needed (updateLater). */
type Text = string | (() => string);

interface Entry {
  /** undefined: no file (or deleted here). */
  json: Text | undefined;
  value?: unknown;
}

interface KeyWrites {
  /** The newest value not yet handed to the disk (undefined json = delete). */
  next?: { json: Text | undefined; done: Array<{ resolve(): void; reject(err: unknown): void }> };
  running: boolean;
}

/** Key → file name (`switchboard.usage.v2.window.<id>.json`); anything unusual is escaped. */
export function fileNameOf(key: string): string {
  return `${encodeURIComponent(key)}${SUFFIX}`;
}

function keyOf(name: string): string | undefined {
  if (!name.endsWith(SUFFIX) || isTempFile(name)) return undefined;
  try {
    return decodeURIComponent(name.slice(0, -SUFFIX.length));
  } catch {
    return undefined;
  }
}

export class FileKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  /** Keys with a file, from one listing at first use, kept current by writes and refresh(). */
  private listed: Set<string> | undefined;
  /** The size and time of each file as last read or written here, to tell others' changes from ours. */
  private readonly stamps = new Map<string, string>();
  private readonly writes = new Map<string, KeyWrites>();
  private readonly idle = new Set<() => void>();
  /** Writes waiting out writeBehindMs, woken at once by flushed(). */
  private readonly pauses = new Set<() => void>();
  /** Set by flushed() until the store is idle: waiting writes go out without a pause. */
  private hurry = false;
  private dirMade = false;
  /** Files written (renames) and deleted, for tests and the benchmark. */
  fileWrites = 0;

  constructor(
    readonly dir: string,
    private readonly fsys: FileSystem = nodeFileSystem,
    private readonly writeBehindMs = 0,
  ) {}

  get<T>(key: string): T | undefined {
    const entry = this.entry(key);
    if (entry.json === undefined) return undefined;
    if (!('value' in entry)) {
      try {
        entry.value = JSON.parse(typeof entry.json === 'string' ? entry.json : this.made(key, entry.json));
      } catch {
        // A damaged file reads as a value the codec rejects, never as a crash of every reader.
        entry.value = { unreadable: true };
      }
    }
    return entry.value as T;
  }

  keys(): readonly string[] {
    return [...this.listing()];
  }

  update(key: string, value: unknown): Promise<void> {
    return this.updateJson(key, value === undefined ? undefined : JSON.stringify(value));
  }

  /** Stores `json` (already serialized) under `key`; undefined deletes. Resolves once it is on disk. */
  updateJson(key: string, json: string | undefined): Promise<void> {
    return this.store(key, json);
  }

  /**
   * Stores the text `make` returns, called when the write goes out or the key is first read —
   * at most once, and never if a newer value overtakes it first. Resolves once it is on disk.
   */
  updateLater(key: string, make: () => string): Promise<void> {
    return this.store(key, make);
  }

  private store(key: string, json: Text | undefined): Promise<void> {
    this.entries.set(key, { json });
    if (json === undefined) this.listing().delete(key);
    else this.listing().add(key);
    let queue = this.writes.get(key);
    if (!queue) this.writes.set(key, (queue = { running: false }));
    const waiting = (queue.next ??= { json, done: [] });
    waiting.json = json;
    const written = new Promise<void>((resolve, reject) => waiting.done.push({ resolve, reject }));
    if (!queue.running) void this.drain(key, queue);
    return written;
  }

  /** Resolves once every write started so far is on disk (or failed). */
  flushed(): Promise<void> {
    if (this.writes.size === 0) return Promise.resolve();
    this.hurry = true;
    for (const wake of this.pauses) wake();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /**
   * Lists the folder again and forgets what changed on disk since it was read or written here.
   * Returns the keys that changed (added, changed or removed by someone else).
   */
  async refresh(): Promise<string[]> {
    const files = await this.fsys.list(this.dir);
    const seen = new Set<string>();
    const changed: string[] = [];
    for (const file of files) {
      const key = keyOf(file.name);
      if (key === undefined || this.writes.has(key)) continue; // a key being written here is ours
      seen.add(key);
      const stamp = stampOf(file);
      if (this.stamps.get(key) !== stamp) {
        changed.push(key);
        this.entries.delete(key); // read again when next asked for
        this.stamps.set(key, stamp);
      }
    }
    for (const key of this.listing()) {
      if (seen.has(key) || this.writes.has(key)) continue;
      changed.push(key);
      this.forget(key);
    }
    this.listed = new Set([...seen, ...[...this.writes.keys()].filter((k) => this.entries.get(k)?.json !== undefined)]);
    return changed;
  }

  /** Makes a text left for later, once: the entry and a waiting write keep what it made. */
  private made(key: string, make: () => string): string {
    const text = make();
    const entry = this.entries.get(key);
    if (entry?.json === make) entry.json = text;
    const next = this.writes.get(key)?.next;
    if (next?.json === make) next.json = text;
    return text;
  }

  private forget(key: string): void {
    this.entries.delete(key);
    this.stamps.delete(key);
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      const file = this.fileOf(key);
      const json = this.fsys.readSync(file);
      entry = { json };
      this.entries.set(key, entry);
      if (json !== undefined) this.stampAfterRead(key, file);
    }
    return entry;
  }

  /** Remembers the file's stamp so refresh() does not re-read a file nobody changed. */
  private stampAfterRead(key: string, file: string): void {
    void this.fsys.stat(file).then((s) => s && !this.stamps.has(key) && this.stamps.set(key, stampOf(s)), () => undefined);
  }

  private listing(): Set<string> {
    if (!this.listed) {
      this.listed = new Set();
      for (const name of this.fsys.listSync(this.dir)) {
        const key = keyOf(name);
        if (key !== undefined) this.listed.add(key);
      }
    }
    return this.listed;
  }

  private fileOf(key: string): string {
    return path.join(this.dir, fileNameOf(key));
  }

  private async drain(key: string, queue: KeyWrites): Promise<void> {
    queue.running = true;
    const file = this.fileOf(key);
    while (queue.next) {
      if (this.writeBehindMs > 0 && !this.hurry) await this.pause();
      const waiting = queue.next;
      queue.next = undefined;
      const { done } = waiting;
      try {
        const json = typeof waiting.json === 'function' ? this.made(key, waiting.json) : waiting.json;
        if (json === undefined) {
          await this.fsys.remove(file);
          this.stamps.delete(key);
        } else {
          if (!this.dirMade) await this.fsys.mkdirp(this.dir);
          this.dirMade = true;
          await writeAtomic(this.fsys, file, json);
          // Without the stamp, refresh() takes the file for another window's and reads it again: harmless.
          const s = await this.fsys.stat(file).catch(() => undefined);
          if (s) this.stamps.set(key, stampOf(s));
        }
        this.fileWrites++;
        for (const d of done) d.resolve();
      } catch (err) {
        for (const d of done) d.reject(err);
      }
    }
    queue.running = false;
    this.writes.delete(key);
    if (this.writes.size === 0) {
      this.hurry = false;
      for (const resolve of this.idle) resolve();
      this.idle.clear();
    }
  }

  /** writeBehindMs, or less if flushed() is called meanwhile. */
  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pauses.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.writeBehindMs);
      this.pauses.add(wake);
    });
  }
}

function stampOf(file: FileEntry): string {
  return `${file.size}:${file.mtimeMs}`;
}
