// Temp folders for conversation-store tests (removed after the run), an in-memory FileSystem
// (its operations settle in microtasks, so tests on virtual time stay deterministic) and a
// FileSystem wrapper that counts what is written through it, per file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeFileSystem, type FileEntry, type FileSystem } from '../../../src/core/files/fileSystem';

const made: string[] = [];

/** A fresh temp folder, removed when the test file's run ends. */
export function tempFolder(prefix = 'switchboard-conv-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CountingFs extends FileSystem {
  /** Bytes written, by final file name (temp files are counted under their target). */
  bytes: Map<string, number>;
  writes: string[];
  reset(): void;
  total(): number;
}

const target = (file: string) => path.basename(file).replace(/\.\d+\.\d+\.tmp$/, '');

export function countingFs(inner: FileSystem = nodeFileSystem): CountingFs {
  const fs: CountingFs = {
    ...inner,
    bytes: new Map(),
    writes: [],
    async writeDurable(file, text) {
      const name = target(file);
      fs.writes.push(name);
      fs.bytes.set(name, (fs.bytes.get(name) ?? 0) + Buffer.byteLength(text));
      await inner.writeDurable(file, text);
    },
    async createExclusive(file, text) {
      fs.bytes.set(target(file), (fs.bytes.get(target(file)) ?? 0) + Buffer.byteLength(text));
      return inner.createExclusive(file, text);
    },
    reset() {
      fs.bytes.clear();
      fs.writes.length = 0;
    },
    total() {
      return [...fs.bytes.values()].reduce((a, b) => a + b, 0);
    },
  };
  return fs;
}

/** Files in a Map: paths as given, folders implied. mtime advances by one per write. */
export function memoryFs(): FileSystem & { files: Map<string, { text: string; mtimeMs: number }> } {
  const files = new Map<string, { text: string; mtimeMs: number }>();
  let clock = 1;
  const entry = (file: string): FileEntry | undefined => {
    const f = files.get(file);
    return f ? { name: path.basename(file), mtimeMs: f.mtimeMs, size: Buffer.byteLength(f.text) } : undefined;
  };
  return {
    files,
    read: async (file) => files.get(file)?.text,
    readSync: (file) => files.get(file)?.text,
    async writeDurable(file, text) {
      files.set(file, { text, mtimeMs: clock++ });
    },
    async rename(from, to) {
      const f = files.get(from);
      if (!f) throw Object.assign(new Error(`ENOENT ${from}`), { code: 'ENOENT' });
      files.delete(from);
      files.set(to, f);
    },
    async remove(file) {
      files.delete(file);
    },
    async createExclusive(file, text) {
      if (files.has(file)) return false;
      files.set(file, { text, mtimeMs: clock++ });
      return true;
    },
    async mkdirp() {},
    async list(dir) {
      return [...files.keys()].filter((f) => path.dirname(f) === dir).map((f) => entry(f)!);
    },
    listSync: (dir) => [...files.keys()].filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)),
    stat: async (file) => entry(file),
  };
}
