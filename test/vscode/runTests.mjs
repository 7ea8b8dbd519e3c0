// `npm run test:vscode`: the extension in desktop VS Code 1.100.3 via @vscode/test-electron.
// Needs update.code.visualstudio.com (or VSCODE_EXECUTABLE=/path/to/code); the code-server e2e suite
// (`npm run test:e2e`) covers the same ground without that download and is what CI runs.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const VSCODE_VERSION = '1.100.3';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cachePath = path.join(repoRoot, '.vscode-test');
const outDir = path.join(cachePath, 'vscode-suite');

function fail(message) {
  console.error(`test:vscode: ${message}`);
  process.exit(1);
}

async function reachable(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
const cached = existsSync(path.join(cachePath, `vscode-${process.platform === 'linux' ? `linux-${process.arch}` : process.platform}-${VSCODE_VERSION}`));
if (!vscodeExecutablePath && !cached && !(await reachable('https://update.code.visualstudio.com/api/releases/stable'))) {
  fail(`cannot reach update.code.visualstudio.com to download VS Code ${VSCODE_VERSION}. ` +
    'Set VSCODE_EXECUTABLE=/path/to/code to use an installed VS Code, or run `npm run test:e2e` (code-server, works offline).');
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('test:vscode: no DISPLAY; if VS Code fails to start, run it under xvfb: xvfb-run -a npm run test:vscode');
}

// VS Code loads the suite with require(): bundle the TypeScript suite to CommonJS. mocha 12's entry
// is ESM, so point the bundle at its CommonJS build in node_modules.
const mochaCjs = path.join(repoRoot, 'node_modules', 'mocha', 'lib', 'mocha.cjs');
await build({
  entryPoints: { index: path.join(repoRoot, 'test', 'vscode', 'suite', 'index.ts') },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [{
    name: 'externals',
    setup(b) {
      b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', external: true }));
      b.onResolve({ filter: /^mocha$/ }, () => ({ path: mochaCjs, external: true }));
    },
  }],
});

const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-vscode-'));
process.on('exit', () => rmSync(userDataDir, { recursive: true, force: true }));
try {
  await runTests({
    version: VSCODE_VERSION,
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [
      path.join(repoRoot, 'test', 'e2e', 'sample-workspace'),
      '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', userDataDir,
    ],
    timeout: 30_000,
  });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
