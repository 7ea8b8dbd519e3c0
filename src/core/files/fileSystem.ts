// The file operations the conversation store uses, as a port: node:fs by default, wrapped in
// tests to count bytes written or to "crash" between two steps. `writeAtomic` is the only way a
// conversation or the index is written: temp file, fsync, rename — a crash at any point leaves
// either the old file or the new one, never half of one.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

export interface FileEntry {
  name: string;
  mtimeMs: number;
  size: number;
}

export interface FileSystem {
  /** The file's text, or undefined when it does not exist. */
  read(file: string): Promise<string | undefined>;
  readSync(file: string): string | undefined;
  /** Writes `text` to `file` and flushes it to disk (the temp half of an atomic write). */
  writeDurable(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  remove(file: string): Promise<void>;
  /** Creates `file` only if it does not exist (a lock); false when it already exists. */
  createExclusive(file: string, text: string): Promise<boolean>;
  mkdirp(dir: string): Promise<void>;
  /** Files in `dir` with their modification times; [] when the folder does not exist. */
  list(dir: string): Promise<FileEntry[]>;
  /** Names in `dir` (no stat); [] when the folder does not exist. */
  listSync(dir: string): string[];
  stat(file: string): Promise<FileEntry | undefined>;
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException)?.code === 'ENOENT';

export const nodeFileSystem: FileSystem = {
  async read(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
  readSync(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
  // The callback API on a plain descriptor: a FileHandle (fsp.open) costs more main-thread time
  // than the write itself, and usage is written once per request. `flush`: fsync before close
  // (Node 20.10+; VS Code 1.100's extension host runs Node 20.18).
  writeDurable: (file, text) => new Promise<void>((resolve, reject) => fs.writeFile(file, text, { encoding: 'utf8', flush: true }, (err) => (err ? reject(err) : resolve()))),
  rename: (from, to) => fsp.rename(from, to),
  async remove(file) {
    await fsp.rm(file, { force: true });
  },
  async createExclusive(file, text) {
    try {
      await fsp.writeFile(file, text, { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code === 'EEXIST') return false;
      throw err;
    }
  },
  async mkdirp(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async list(dir) {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
    const entries = await Promise.all(names.map((name) => nodeFileSystem.stat(path.join(dir, name))));
    return entries.filter((e): e is FileEntry => !!e);
  },
  listSync(dir) {
    try {
      return fs.readdirSync(dir);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
  },
  async stat(file) {
    try {
      const s = await fsp.stat(file);
      return s.isFile() ? { name: path.basename(file), mtimeMs: s.mtimeMs, size: s.size } : undefined;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
};

let tempCounter = 0;

/** Temp files are named `<name>.<pid>.<n>.tmp` next to their target; listings skip `.tmp`. */
export function isTempFile(name: string): boolean {
  return name.endsWith('.tmp');
}

/** Writes `text` to `file` so that a crash leaves the old content or the new, never a mix. */
export async function writeAtomic(fsys: FileSystem, file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  try {
    await fsys.writeDurable(temp, text);
    await fsys.rename(temp, file);
  } catch (err) {
    await fsys.remove(temp).catch(() => undefined);
    throw err;
  }
}
