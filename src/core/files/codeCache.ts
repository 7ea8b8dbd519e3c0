// Loads the extension's main bundle with a V8 code cache, so a window start does not compile it
// from source again: compiling dist/main.js is most of what activation costs (about 12 ms of
// ~18 on the 2-CPU machines here; from the cache, under 2 ms). Node's own compile cache
// (module.enableCompileCache) is process-wide and Node 22+ only, and the extension host is shared
// with other extensions, so this compiles just our file with vm.Script and its cachedData.
//
// The cache file's name carries the bundle's size and mtime and V8's version: a new install or a
// new VS Code never reads an old one. V8 rejects data it cannot use (other flags, damage); the
// bundle then compiles from source as without a cache, and save() writes a fresh one. save()
// runs once, after start-up, so the cache holds the functions start-up compiled too.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CachedModule<T> {
  exports: T;
  /** 'used': compiled from the cache; 'none': no cache yet; 'rejected': V8 could not use it. */
  cache: 'used' | 'none' | 'rejected';
  /** Writes the cache when it was not used (once; errors are returned, never thrown). */
  save(): Error | undefined;
}

/** CommonJS's own wrapper, on the source's first line so line numbers stay those of the file. */
const WRAP_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAP_END = '\n});';

export function cacheFileName(file: string): string {
  const s = statSync(file);
  return `${path.basename(file)}-${s.size}-${Math.floor(s.mtimeMs)}-v8-${process.versions.v8}.cache`;
}

/** Runs `file` (a CommonJS bundle) as require() would, compiled with its code cache in `cacheDir`. */
export function loadWithCodeCache<T>(file: string, cacheDir: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  const cacheFile = path.join(cacheDir, cacheFileName(file));
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first start of this build: compiled from source, cached by save()
  }
  const script = new vm.Script(WRAP_START + source + WRAP_END, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const cache = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';

  const dir = path.dirname(file);
  const mod = new Module(file, module);
  mod.filename = file;
  // Requires from the bundle resolve as from the file itself (VS Code's `vscode` module included:
  // it finds the extension by the requiring module's path).
  const requireFromFile = Module.createRequire(file);
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, requireFromFile, mod, file, dir);
  mod.loaded = true;

  let saved = cache === 'used';
  return {
    exports: mod.exports as T,
    cache,
    save() {
      if (saved) return undefined;
      saved = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
        // Other builds' caches are of no further use.
        for (const name of readdirSync(cacheDir)) if (name !== path.basename(cacheFile)) rmSync(path.join(cacheDir, name), { force: true });
        return undefined;
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
    },
  };
}
