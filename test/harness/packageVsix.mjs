// `npm run package` (after the production build): checks what goes into the VSIX, packs it as
// switchboard-<version>.vsix in the repo root and prints its size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path of the VSIX `npm run package` writes. */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

// The VSIX carries only these (the .vscodeignore decides; this catches a wrong one).
const ALLOWED = [/^dist\//, /^media\//, /^README\.md$/, /^LICENSE(\.md|\.txt)?$/, /^package\.json$/];
const REQUIRED = ['package.json', 'dist/extension.js', 'dist/main.js', 'dist/webview.js'];

function vsce(args) {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  if (!existsSync(bin)) throw new Error('node_modules/.bin/vsce is missing: run `npm ci` first');
  // stdin closed: vsce asks y/N questions for some problems, and a closed stdin answers "no".
  const r = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`vsce ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`.trimEnd());
  }
  return r.stdout;
}

/** Lists the files vsce would pack and fails on anything outside dist/, media/, README, LICENSE, package.json. */
export function checkVsixContents() {
  const files = vsce(['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
  // Source maps double the size and ship the sources; a stale one is left by a dev build.
  const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)) || f.endsWith('.map'));
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (unexpected.length || missing.length) {
    throw new Error([
      unexpected.length ? `files that must not be in the VSIX: ${unexpected.join(', ')} (fix .vscodeignore — in vsce a \`!\` pattern re-includes a file whatever its position — or delete stale files from dist/)` : '',
      missing.length ? `files missing from the VSIX (did the build run?): ${missing.join(', ')}` : '',
    ].filter(Boolean).join('\n'));
  }
  return files;
}

export function packageVsix() {
  const files = checkVsixContents();
  const out = vsixPath();
  // The VSIX is installed from a file, not published: README links stay relative (vsce would
  // otherwise demand a GitHub repository URL to rewrite them against).
  vsce(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out]);
  const kb = statSync(out).size / 1024;
  console.log(`packaged ${path.basename(out)}: ${kb.toFixed(1)} KB, ${files.length} files`);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageVsix();
  } catch (err) {
    console.error(`npm run package: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
