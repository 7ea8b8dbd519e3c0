// Real VS Code for tests and `npm start`: code-server (VS Code served over HTTP, one of the builds in
// vscodeBuilds.mjs, installed by codeServerInstall.mjs) and Debian's Chromium driven by playwright-core.
// This file runs them: profiles, settings, start/stop, logs. Plain Node ESM so the e2e suite,
// start.mjs and the benchmark can all import it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, promises as fs, readFileSync, lstatSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath, ensureDebianPackages, log } from './prerequisites.mjs';
import { codeServerInstalled, ensureCodeServer, run } from './codeServerInstall.mjs';
import { BUILD_IDS, DEFAULT_BUILD, buildInfo, cacheRoot, isolatedEnv, repoRoot, selectedBuild } from './vscodeBuilds.mjs';

export { chromiumPath, log, codeServerInstalled, ensureCodeServer, BUILD_IDS, DEFAULT_BUILD, buildInfo, cacheRoot, repoRoot, selectedBuild };
/** Installs the Debian packages the harness needs (see prerequisites.mjs). */
export const ensurePrerequisites = () => ensureDebianPackages();

// The default build's facts, for callers from before there were several builds.
const defaultBuild = buildInfo(DEFAULT_BUILD);
export const CODE_SERVER_VERSION = defaultBuild.codeServerVersion;
export const codeServerDir = defaultBuild.dir;
export const codeServerEntry = defaultBuild.entry;

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

/** Installs a VSIX into the profile (`--install-extension … --force`) with `build`'s code-server. */
export async function installVsix(profile, vsix, build = selectedBuild()) {
  if (!existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (run \`npm run package\`)`);
  const b = buildInfo(build);
  const out = await run(`install ${path.basename(vsix)} into VS Code ${b.id}`, b.nodeBinary,
    [b.entry, ...codeServerArgs(profile), '--install-extension', vsix, '--force'],
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

function spawnCodeServer(b, profile, port, folder, echo, temporary) {
  const args = [
    b.entry, ...codeServerArgs(profile),
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
  // Each build runs on its own Node (4.139 needs Node 24; process.execPath is the suite's Node 20).
  const child = spawn(b.nodeBinary, args, { cwd: profile.root, env: isolatedEnv(profile.root, tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
 * - `build`: the VS Code build (vscodeBuilds.mjs); default SWITCHBOARD_VSCODE, else 1.100.
 * - `extraVsix`: more extensions to install alongside (e2e: a test extension that calls Switchboard).
 * - `profileDir`: a persistent profile (npm start); default a fresh temp dir removed by stop().
 * - `settings`: merged over BASE_SETTINGS and the build's own settings into the user settings.json.
 * - `echo`: copy code-server's output to this process's stderr.
 * Returns { build, vscodeVersion, url, port, folder, userDataDir, extensionsDir, profileDir, tmpDir, logs, process, updateSettings, stop }.
 */
export async function startCodeServer({ build = selectedBuild(), vsix, extraVsix = [], folder = repoRoot, settings = {}, port, profileDir, echo = false, timeoutMs = 60_000 } = {}) {
  const b = buildInfo(build);
  await ensureCodeServer(b.id);
  const temporary = !profileDir;
  const root = profileDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-')));
  const profile = { root, userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
  await fs.mkdir(profile.userDataDir, { recursive: true });
  await fs.mkdir(profile.extensionsDir, { recursive: true });
  if (temporary) await fs.mkdir(path.join(root, 'tmp'), { recursive: true });
  await updateUserSettings(profile.userDataDir, { ...BASE_SETTINGS, ...b.settings, ...settings });

  if (vsix) await installVsix(profile, vsix, b.id);
  for (const extra of extraVsix) await installVsix(profile, extra, b.id);

  // The port is probed, then bound by code-server: another process can take it in between, so a
  // start that fails with EADDRINUSE is retried on a fresh port.
  let child, logs, onExit, boundPort;
  for (let attempt = 1; ; attempt++) {
    boundPort = await findFreePort(attempt === 1 ? port : undefined);
    ({ child, logs, onExit } = spawnCodeServer(b, profile, boundPort, folder, echo, temporary));
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
    build: b.id,
    codeServerVersion: b.codeServerVersion,
    url: `${base}?folder=${encodeURIComponent(folder)}`,
    baseUrl: base,
    port: boundPort,
    folder,
    profileDir: root,
    /** code-server's (and its extension hosts') TMPDIR: the temporary profile's tmp/ (none for a persistent profile). */
    tmpDir: temporary ? path.join(root, 'tmp') : undefined,
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
