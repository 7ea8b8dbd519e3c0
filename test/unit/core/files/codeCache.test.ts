// The main bundle runs from a V8 code cache: the first start compiles from source and save()
// writes the cache, later starts use it; another build, or data V8 rejects, falls back to source.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheFileName, loadWithCodeCache } from '../../../../src/core/files/codeCache';
import { removeTempFolders, tempFolder } from '../../helpers/conversationFolders';

type Bundle = { answer(): number; helper: string; file: string; dir: string; self: boolean };

const MODULE = path.resolve(__dirname, '../../../../src/core/files/codeCache.ts');

/**
 * Loads in a fresh process, as each window start does (in one process V8 reuses what it compiled
 * for the same source and ignores the cache). Returns how the cache was used and what save() said.
 */
function loadInFreshProcess(file: string, cacheDir: string): { cache: string; answer: number; saved: string | null } {
  const script = `const { loadWithCodeCache } = require(${JSON.stringify(MODULE)});
const m = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
const err = m.save();
console.log(JSON.stringify({ cache: m.cache, answer: m.exports.answer(), saved: err ? err.message : null }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { cache: string; answer: number; saved: string | null };
}

/** A small CommonJS "bundle" next to a file it requires, as dist/main.js requires dist/providers/*.js. */
function bundle(dir: string, answer = 42): string {
  writeFileSync(path.join(dir, 'helper.js'), "module.exports = 'from helper';");
  const file = path.join(dir, 'main.js');
  writeFileSync(file, [
    "'use strict';",
    `exports.answer = () => ${answer};`,
    "exports.helper = require('./helper.js');",
    'exports.file = __filename;',
    'exports.dir = __dirname;',
    'exports.self = module.exports === exports && this === exports;',
  ].join('\n'));
  return file;
}

describe('core/files: loading with a code cache', () => {
  after(removeTempFolders);

  it('runs the file as require() would; the first load writes the cache, the next uses it', () => {
    const dir = tempFolder('switchboard-code-');
    const cacheDir = path.join(dir, 'cache');
    const file = bundle(dir);
    const first = loadWithCodeCache<Bundle>(file, cacheDir);
    assert.equal(first.cache, 'none');
    assert.equal(first.exports.answer(), 42);
    assert.equal(first.exports.helper, 'from helper', 'relative requires resolve from the file');
    assert.deepEqual([first.exports.file, first.exports.dir, first.exports.self], [file, dir, true]);
    assert.equal(first.save(), undefined);
    assert.deepEqual(readdirSync(cacheDir), [cacheFileName(file)]);
    const second = loadWithCodeCache<Bundle>(file, cacheDir);
    assert.equal(second.cache, 'used');
    assert.equal(second.exports.answer(), 42);
    assert.equal(second.save(), undefined, 'nothing to write');
  });

  it('another build of the file never reads the old cache, and replaces it', () => {
    const dir = tempFolder('switchboard-code-');
    const cacheDir = path.join(dir, 'cache');
    const file = bundle(dir, 1);
    loadWithCodeCache<Bundle>(file, cacheDir).save();
    bundle(dir, 2); // same length, new contents: the mtime tells them apart
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const rebuilt = loadWithCodeCache<Bundle>(file, cacheDir);
    assert.equal(rebuilt.cache, 'none');
    assert.equal(rebuilt.exports.answer(), 2);
    rebuilt.save();
    assert.deepEqual(readdirSync(cacheDir), [cacheFileName(file)], 'the old build\'s cache is gone');
  });

  it('in fresh processes: the second start uses the cache; damaged data is rejected, compiled from source and written again', function () {
    this.timeout(60_000);
    const dir = tempFolder('switchboard-code-');
    const cacheDir = path.join(dir, 'cache');
    const file = bundle(dir);
    assert.deepEqual(loadInFreshProcess(file, cacheDir), { cache: 'none', answer: 42, saved: null });
    assert.deepEqual(loadInFreshProcess(file, cacheDir), { cache: 'used', answer: 42, saved: null });
    writeFileSync(path.join(cacheDir, cacheFileName(file)), Buffer.from('not V8 code cache data at all'));
    assert.deepEqual(loadInFreshProcess(file, cacheDir), { cache: 'rejected', answer: 42, saved: null });
    assert.deepEqual(loadInFreshProcess(file, cacheDir), { cache: 'used', answer: 42, saved: null });
  });

  it('a cache folder that cannot be written is reported by save(), not thrown', () => {
    const dir = tempFolder('switchboard-code-');
    const file = bundle(dir);
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    const loaded = loadWithCodeCache<Bundle>(file, path.join(blocked, 'cache'));
    assert.equal(loaded.exports.answer(), 42);
    assert.ok(loaded.save() instanceof Error);
  });
});
