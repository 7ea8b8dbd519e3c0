// Real VS Code for tests and `npm start`: code-server (VS Code 1.100.3 served over HTTP) installed
// into a cache inside the repo, and Debian's Chromium driven by playwright-core.
// Plain Node ESM so the e2e suite, start.mjs and the benchmark can all import it.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, promises as fs, readFileSync, writeFileSync, openSync, closeSync, unlinkSync, copyFileSync, chmodSync, symlinkSync, lstatSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, ensureDebianPackages, log } from './prerequisites.mjs';

export { chromiumPath, log };
/** Installs the Debian packages the harness needs (see prerequisites.mjs). */
export const ensurePrerequisites = () => ensureDebianPackages();

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = path.join(repoRoot, '.vscode-test');
export const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const markerFile = path.join(codeServerDir, '.switchboard-install-complete');
const lockFile = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}.lock`);
const vscodeDir = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');

/** Settings every harness profile gets: no trust dialog, no welcome page, no calls to the gallery. */
export const BASE_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
});


// ---------------------------------------------------------------------------------------------
// code-server install (cached)
// ---------------------------------------------------------------------------------------------

/**
 * The environment minus what an enclosing `npm run` injects about *this* package (its prefix,
 * package.json, lifecycle): child npm commands work on the cache folder, not on the repo.
 * User settings such as npm_config_registry or npm_config_cache pass through.
 */
function cleanNpmEnv(extra = {}) {
  const env = {};
  const injected = /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_local_prefix$|config_user_agent$)/i;
  for (const [k, v] of Object.entries(process.env)) if (!injected.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Runs a command quietly; on failure prints the tail of its output and throws. */
function run(label, cmd, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env: env ?? cleanNpmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const text = Buffer.concat(out).toString('utf8');
      if (code === 0) {
        log(`  ✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        resolve(text);
      } else {
        const tail = text.trimEnd().split('\n').slice(-40).join('\n');
        reject(new Error(`${label} failed: \`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${code ?? signal}\n${tail}`));
      }
    });
  });
}

function markerContent() {
  // Native modules are built for one Node ABI: a Node upgrade must redo the install.
  return JSON.stringify({ version: CODE_SERVER_VERSION, modules: process.versions.modules, platform: process.platform, arch: process.arch });
}

function installIsComplete() {
  try {
    return readFileSync(markerFile, 'utf8') === markerContent() && existsSync(codeServerEntry);
  } catch {
    return false;
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A lock file holding the owner's pid; a lock whose owner died is taken over. */
async function withInstallLock(fn) {
  await fs.mkdir(cacheRoot, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (!Number.isFinite(owner) || !pidAlive(owner)) {
        try { unlinkSync(lockFile); } catch { /* another waiter took it over first */ }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${lockFile} (held by pid ${owner})`);
      if (!announced) log(`waiting for another process (pid ${owner}) that is installing code-server…`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    try { unlinkSync(lockFile); } catch { /* already gone */ }
  }
}

function forceSymlink(target, linkPath) {
  try {
    lstatSync(linkPath);
    rmSync(linkPath, { recursive: true, force: true });
  } catch { /* absent */ }
  symlinkSync(target, linkPath);
}

/** Env for code-server: XDG dirs inside the profile so nothing is written to the user's home. */
function isolatedEnv(profileDir, extra = {}) {
  const env = cleanNpmEnv({
    XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(profileDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
    ...extra,
  });
  delete env.PORT; // code-server reads $PORT and it would override --bind-addr
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI; // set when run from a VS Code terminal: would forward to that VS Code
  return env;
}

async function installCodeServer() {
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, codeServerDir)}/ (first run only, about a minute)…`);
  // A half-finished install is thrown away and redone from scratch.
  await fs.rm(codeServerDir, { recursive: true, force: true });
  await fs.mkdir(codeServerDir, { recursive: true });
  await fs.writeFile(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'switchboard-code-server-cache', private: true }, null, 2));

  const npmEnv = cleanNpmEnv({ npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const npm = (label, cwd, ...args) => run(label, 'npm', args, { cwd, env: npmEnv });

  // Its own postinstall needs --unsafe-perm as root and downloads ripgrep from GitHub: skip scripts,
  // then do what postinstall.sh does by hand.
  await npm('npm install code-server', codeServerDir, 'install', '--ignore-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`);
  await npm('npm install VS Code dependencies', vscodeDir, 'install', '--omit=dev', '--ignore-scripts');

  // @vscode/ripgrep's postinstall would download rg from GitHub; use Debian's build.
  const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) not found; install the Debian package ripgrep');
  await fs.mkdir(path.dirname(rgTarget), { recursive: true });
  copyFileSync(rg, rgTarget);
  chmodSync(rgTarget, 0o755);
  log(`  ✓ ripgrep from ${rg}`);

  // node-pty's post-install runs `npx node-gyp`; npm_config_yes=true lets npx proceed.
  await npm('build native modules (kerberos, node-pty, spdlog…)', vscodeDir, 'rebuild',
    'kerberos', 'native-watchdog', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog');

  // The rest of postinstall.sh: asar symlink and the two platform scripts.
  forceSymlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  forceSymlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  await npm('npm install built-in extensions dependencies', path.join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
  await npm('build argon2', codeServerDir, 'rebuild', 'argon2');

  // Prove the native modules load and the server starts before declaring success.
  const probe = [
    `require(${JSON.stringify(path.join(codeServerDir, 'node_modules', 'argon2'))});`,
    ...['kerberos', 'native-watchdog', 'node-pty', '@vscode/spdlog', '@parcel/watcher'].map(
      (m) => `require(${JSON.stringify(path.join(vscodeDir, 'node_modules', m))});`),
  ].join('');
  await run('native modules load', process.execPath, ['-e', probe], { cwd: codeServerDir });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-cs-probe-'));
  try {
    const out = await run('code-server --version', process.execPath, [codeServerEntry, '--version'], { cwd: tmp, env: isolatedEnv(tmp) });
    if (!out.includes(CODE_SERVER_VERSION)) throw new Error(`unexpected code-server --version output: ${out}`);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }

  await fs.writeFile(markerFile, markerContent());
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** True when the cached code-server install is complete (ensureCodeServer() will return at once). */
export function codeServerInstalled() {
  return installIsComplete();
}

/** Installs code-server into .vscode-test/ once; later calls return at once. Returns the entry script. */
export async function ensureCodeServer() {
  if (installIsComplete()) return codeServerEntry;
  await withInstallLock(async () => {
    if (!installIsComplete()) await installCodeServer(); // another process may have finished it meanwhile
  });
  return codeServerEntry;
}

// ---------------------------------------------------------------------------------------------
// Running code-server
// ---------------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1: `preferred` when it is free, else one the OS picks. */
export async function findFreePort(preferred) {
  const tryListen = (port) => new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address();
      srv.close(() => resolve(bound));
    });
  });
  if (preferred) {
    const p = await tryListen(preferred);
    if (p) return p;
  }
  const p = await tryListen(0);
  if (!p) throw new Error('no free port on 127.0.0.1');
  return p;
}

async function readJson(file) {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Merges `patch` into `<userDataDir>/User/settings.json`; `undefined` removes a key. A running
 * code-server does NOT notice this file change (it is read at page load): use it before the
 * workbench opens, or use updateRemoteSettings() for a live change.
 */
export async function updateUserSettings(userDataDir, patch) {
  await mergeSettingsFile(path.join(userDataDir, 'User', 'settings.json'), patch);
}

/**
 * Merges `patch` into `<userDataDir>/Machine/settings.json`, VS Code's "Remote" settings: a running
 * workbench applies them within a second, and they take precedence over user settings.
 */
export async function updateRemoteSettings(userDataDir, patch) {
  await mergeSettingsFile(path.join(userDataDir, 'Machine', 'settings.json'), patch);
}

/**
 * Settings the extension declares `"scope": "application"` (where a key may be sent: base URLs,
 * endpoints). VS Code ignores those in Remote (Machine) and workspace settings, so they can only
 * come from User/settings.json, which the workbench reads when a page loads.
 */
export const APPLICATION_SCOPED_SETTINGS = Object.freeze(Object.entries(
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).contributes?.configuration?.properties ?? {},
).filter(([, schema]) => schema?.scope === 'application').map(([key]) => key));

/**
 * The harness's one way to change settings: application-scoped keys go to User/settings.json
 * (they apply at the next page load or reload), every other key to Machine/settings.json (live).
 */
export async function updateSettings(userDataDir, patch) {
  const user = {};
  const machine = {};
  for (const [k, v] of Object.entries(patch)) (APPLICATION_SCOPED_SETTINGS.includes(k) ? user : machine)[k] = v;
  if (Object.keys(user).length) await updateUserSettings(userDataDir, user);
  if (Object.keys(machine).length) await updateRemoteSettings(userDataDir, machine);
}

async function mergeSettingsFile(file, patch) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const next = { ...(await readJson(file)), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
  await fs.writeFile(file, JSON.stringify(next, null, 2) + '\n');
}

function codeServerArgs(profile) {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a VSIX into the profile (`--install-extension … --force`). */
export async function installVsix(profile, vsix) {
  if (!existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (run \`npm run package\`)`);
  const out = await run(`install ${path.basename(vsix)}`, process.execPath,
    [codeServerEntry, ...codeServerArgs(profile), '--install-extension', vsix, '--force'],
    { cwd: profile.root, env: isolatedEnv(profile.root) });
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
}

async function waitForServer(url, child, logs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving:\n${logs.text()}`);
    }
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not serve ${url} within ${timeoutMs / 1000} s:\n${logs.text()}`);
}

/** Kills a detached process group: SIGTERM, then SIGKILL after `graceMs`. */
async function killGroup(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone but forked helpers (file watcher, extension host) may linger.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  await Promise.race([exited, timer]);
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
}

function spawnCodeServer(profile, port, folder, echo, temporary) {
  const args = [
    codeServerEntry, ...codeServerArgs(profile),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    folder,
  ];
  // detached: its own process group, so stopping reaches the file watcher and extension hosts too.
  // A temporary profile also holds code-server's temp files (its IPC and git sockets), so they go
  // when the profile does instead of piling up in /tmp. Not for npm start's persistent profile: a
  // socket path under a deep checkout could pass the 108-byte limit of a Unix socket name.
  const tmp = temporary ? { TMPDIR: path.join(profile.root, 'tmp') } : {};
  const child = spawn(process.execPath, args, { cwd: profile.root, env: isolatedEnv(profile.root, tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  const logs = { lines: () => Buffer.concat(chunks).toString('utf8').split('\n'), text: () => Buffer.concat(chunks).toString('utf8') };
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      chunks.push(d);
      if (echo) process.stderr.write(d);
    });
  }
  // Last resort if this process exits without stop() (a crash, Ctrl-C): no orphaned servers.
  const onExit = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (temporary && !process.env.SWITCHBOARD_KEEP_E2E) rmSync(profile.root, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onExit);
  return { child, logs, onExit };
}

/**
 * Starts code-server with the VSIX installed.
 * - `profileDir`: a persistent profile (npm start); default a fresh temp dir removed by stop().
 * - `settings`: merged over BASE_SETTINGS into the user settings.json.
 * - `echo`: copy code-server's output to this process's stderr.
 * Returns { url, port, folder, userDataDir, extensionsDir, profileDir, logs, process, updateSettings, stop }.
 */
export async function startCodeServer({ vsix, folder = repoRoot, settings = {}, port, profileDir, echo = false, timeoutMs = 60_000 } = {}) {
  await ensureCodeServer();
  const temporary = !profileDir;
  const root = profileDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-')));
  const profile = { root, userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
  await fs.mkdir(profile.userDataDir, { recursive: true });
  await fs.mkdir(profile.extensionsDir, { recursive: true });
  if (temporary) await fs.mkdir(path.join(root, 'tmp'), { recursive: true });
  await updateUserSettings(profile.userDataDir, { ...BASE_SETTINGS, ...settings });

  if (vsix) await installVsix(profile, vsix);

  // The port is probed, then bound by code-server: another process can take it in between, so a
  // start that fails with EADDRINUSE is retried on a fresh port.
  let child, logs, onExit, boundPort;
  for (let attempt = 1; ; attempt++) {
    boundPort = await findFreePort(attempt === 1 ? port : undefined);
    ({ child, logs, onExit } = spawnCodeServer(profile, boundPort, folder, echo, temporary));
    try {
      await waitForServer(`http://127.0.0.1:${boundPort}/`, child, logs, timeoutMs);
      break;
    } catch (err) {
      await killGroup(child);
      process.off('exit', onExit);
      if (attempt < 3 && /EADDRINUSE/.test(logs.text())) continue;
      if (temporary && !process.env.SWITCHBOARD_KEEP_E2E) await fs.rm(root, { recursive: true, force: true });
      throw err;
    }
  }
  const base = `http://127.0.0.1:${boundPort}/`;

  let stopped;
  const stop = () => (stopped ??= (async () => {
    await killGroup(child);
    process.off('exit', onExit);
    if (!temporary) return;
    if (process.env.SWITCHBOARD_KEEP_E2E) log(`kept code-server profile at ${root} (SWITCHBOARD_KEEP_E2E)`);
    else await fs.rm(root, { recursive: true, force: true });
  })());

  return {
    url: `${base}?folder=${encodeURIComponent(folder)}`,
    baseUrl: base,
    port: boundPort,
    folder,
    profileDir: root,
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    logs,
    process: child,
    /**
     * Settings change; `undefined` removes a key. Application-scoped keys (base URLs, endpoints)
     * apply at the next page load or reload, the rest live (see updateSettings above).
     */
    updateSettings: (patch) => updateSettings(profile.userDataDir, patch),
    stop,
  };
}

/** Log files the extension host wrote for an output channel named `channel` (newest last). */
export function findOutputChannelLogs(userDataDir, channel) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === `${channel}.log` || e.name.endsWith(`-${channel}.log`)) found.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.sort((a, b) => lstatSync(a).mtimeMs - lstatSync(b).mtimeMs);
}

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------

export const CHROMIUM_ARGS = Object.freeze([
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]);

/** A healthy headless Chromium starts in about a second; a broken one must fail its suite fast. */
const LAUNCH_TIMEOUT_MS = 20_000;

/**
 * Launches Debian's Chromium through playwright-core (its own browser downloads are unreachable).
 * Throws within seconds, saying what to install, when the browser is missing or cannot start.
 */
export async function launchChromium({ args = [], env = {}, ...options } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} not found: run \`node test/harness/prerequisites.mjs --browser\` (installs Debian's chromium) or set SWITCHBOARD_CHROMIUM`);
  }
  const { chromium } = await import('playwright-core');
  // Chromium writes crash-report folders under XDG dirs even with a temp profile: keep them out of $HOME.
  const xdg = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      timeout: LAUNCH_TIMEOUT_MS,
      ...options,
      args: [...CHROMIUM_ARGS, ...args],
      env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg, ...env },
    });
    browser.on('disconnected', () => rmSync(xdg, { recursive: true, force: true }));
    return browser;
  } catch (err) {
    rmSync(xdg, { recursive: true, force: true });
    const detail = (err instanceof Error ? err.message : String(err)).split('\n').slice(0, 12).join('\n');
    throw new Error(`Chromium (${chromiumPath}) failed to start:\n${detail}`);
  }
}
