// What the test suites need that a fresh machine (Node 20 and nothing else) lacks: Debian's
// Chromium for the webview and e2e suites, libkrb5-dev and ripgrep for code-server's install, and
// code-server itself: every VS Code build the e2e suite runs on (vscodeBuilds.mjs: 1.100 on this
// Node, 1.139 on a Node 24 fetched from the npm registry), cached in .vscode-test/. `npm test`,
// `npm run test:webview`, `npm run test:e2e` and `.ci/run` all run this one step first, so they
// cannot drift apart.
//
//   node test/harness/prerequisites.mjs            everything (Debian packages + every code-server build)
//   node test/harness/prerequisites.mjs --browser  only what the webview suite needs (Chromium)
//   node test/harness/prerequisites.mjs --vscode 1.139   Debian packages + that one build (.ci/run times each)
//
// Plain Node ESM with no dependencies: .ci/run calls it before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const chromiumPath = process.env.SWITCHBOARD_CHROMIUM || '/usr/bin/chromium';

/** Debian package → a file that proves it is installed (for machines without dpkg). */
const BROWSER_PACKAGES = { chromium: chromiumPath };
const CODE_SERVER_PACKAGES = {
  'libkrb5-dev': '/usr/bin/krb5-config',
  ripgrep: '/usr/bin/rg',
  'build-essential': '/usr/bin/g++',
  python3: '/usr/bin/python3',
};

export function log(message) {
  process.stderr.write(`[switchboard] ${message}\n`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  if (r.error) return undefined; // no dpkg: not Debian
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function commandExists(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingOf(packages) {
  return Object.entries(packages)
    .filter(([pkg, file]) => {
      const installed = dpkgInstalled(pkg);
      // A browser given through SWITCHBOARD_CHROMIUM counts, whoever installed it.
      return installed === undefined ? !existsSync(file) : !installed && !(pkg === 'chromium' && existsSync(file));
    })
    .map(([pkg]) => pkg);
}

/** Installs the missing Debian packages with apt-get (as root, or through sudo -n). Throws with the command to run otherwise. */
export function ensureDebianPackages({ browserOnly = false } = {}) {
  const missing = missingOf(browserOnly ? BROWSER_PACKAGES : { ...BROWSER_PACKAGES, ...CODE_SERVER_PACKAGES });
  if (missing.length === 0) return;

  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!commandExists('apt-get')) {
    throw new Error(`The tests need ${missing.join(', ')} (Debian package names) and this machine has no apt-get; install them and retry.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot && !commandExists('sudo')) {
    throw new Error(`The tests need the Debian packages ${missing.join(' ')}. Run as root:\n  ${command}`);
  }
  log(`installing Debian packages ${missing.join(' ')} (first run only)…`);
  const sudo = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-q'], ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]]) {
    const argv = [...sudo, ...args];
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      throw new Error(`\`${argv.join(' ')}\` failed (exit ${r.status ?? r.signal}). Install the packages yourself:\n  sudo sh -c '${command}'`);
    }
  }
}

/**
 * Everything the suites need; `browserOnly` = Chromium alone (the webview suite); `builds` = the
 * VS Code builds to install (default all of them).
 */
export async function ensureTestPrerequisites({ browserOnly = false, builds } = {}) {
  ensureDebianPackages({ browserOnly });
  if (browserOnly) return;
  const { ensureCodeServer } = await import('./codeServerInstall.mjs');
  const { BUILD_IDS } = await import('./vscodeBuilds.mjs');
  for (const build of builds ?? BUILD_IDS) await ensureCodeServer(build);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--vscode');
  const builds = at >= 0 ? [process.argv[at + 1]] : undefined;
  ensureTestPrerequisites({ browserOnly: process.argv.includes('--browser'), builds }).catch((err) => {
    process.stderr.write(`[switchboard] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
