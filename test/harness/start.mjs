// `npm start [-- [--demo] [--tps N] [--verbose] [folder]]`: build, package, install into code-server
// and serve real VS Code with Switchboard on http://127.0.0.1:<PORT or 8080>/. Ctrl-C stops everything.
//   --demo     also start the demo providers (test/fakes/cli.ts: fake OpenAI, Anthropic and Gemini
//              servers that answer like real models) and point the base URLs at them
//   --tps N    the demo's streaming speed in tokens per second (default 60)
//   --verbose  print code-server's own output
//   folder     the folder to open (default: this repo)
//   PORT       environment variable: the port to serve on (default 8080; a free one if taken)
//   SWITCHBOARD_VSCODE  environment variable: the VS Code build (1.100 default, 1.139); each build
//              keeps its own profile under .vscode-test/
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  codeServerInstalled, ensureCodeServer, ensurePrerequisites, repoRoot, cacheRoot, selectedBuild, DEFAULT_BUILD, startCodeServer, updateUserSettings,
} from './codeServer.mjs';
import { vsixPath } from './packageVsix.mjs';

const args = process.argv.slice(2);
const demo = args.includes('--demo');
const verbose = args.includes('--verbose');
const tpsIndex = args.indexOf('--tps');
const tps = tpsIndex >= 0 ? args[tpsIndex + 1] : undefined;
const folderArg = args.find((a, i) => !a.startsWith('--') && !(tpsIndex >= 0 && i === tpsIndex + 1));
const folder = folderArg ? path.resolve(folderArg) : repoRoot;
const build = selectedBuild();
// A profile opened by a newer VS Code may not open in an older one: one profile per build.
const profileDir = path.join(cacheRoot, build === DEFAULT_BUILD ? 'start-profile' : `start-profile-${build}`);
const fakesCli = path.join(repoRoot, 'test', 'fakes', 'cli.ts');
const DEMO_KEYS = ['switchboard.openai.baseUrl', 'switchboard.anthropic.baseUrl', 'switchboard.gemini.baseUrl'];

const say = (m) => console.log(`[switchboard] ${m}`);
const children = [];
let server;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await server?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

function runNpm(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' });
    children.push(child);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (exit ${code})`))));
  });
}

/** Starts the demo providers and resolves with the base URLs (and demo keys) from the JSON line they print first. */
function startFakes() {
  return new Promise((resolve, reject) => {
    // One plain node process (tsx as a loader, not a wrapper), so a signal reaches the server itself.
    const child = spawn(process.execPath, ['--import', 'tsx', fakesCli, ...(tps ? ['--tps', tps] : [])], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const timer = setTimeout(() => reject(new Error('the fake providers printed no {"url": …} line within 30 s')), 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const { url, baseURLs, demoKeys, tokensPerSecond } = JSON.parse(line);
        if (typeof url === 'string') {
          clearTimeout(timer);
          const base = url.replace(/\/$/, '');
          // The fakes say where each provider lives; else the documented layout under one URL.
          resolve({
            url: base,
            demoKeys: demoKeys ?? {},
            tokensPerSecond,
            openai: baseURLs?.openai ?? `${base}/v1`,
            anthropic: baseURLs?.anthropic ?? base,
            gemini: baseURLs?.gemini ?? base,
          });
          return;
        }
      } catch { /* not the JSON line */ }
      if (verbose) console.log(`[fakes] ${line}`);
    });
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake providers exited (${code}) before printing their URL`));
      if (!stopping) void shutdown(1);
    });
  });
}

async function main() {
  ensurePrerequisites();
  if (!codeServerInstalled(build)) say(`first run: installing VS Code ${build} (code-server, a minute or two)…`);
  await ensureCodeServer(build);

  say('building and packaging the extension…');
  await runNpm('package');

  const settings = {};
  const fakesReady = demo && existsSync(fakesCli);
  if (demo && !fakesReady) say('--demo: test/fakes/cli.ts is not in this checkout yet; starting without fake providers');
  if (fakesReady) {
    const fakes = await startFakes();
    Object.assign(settings, {
      'switchboard.openai.baseUrl': fakes.openai,
      'switchboard.anthropic.baseUrl': fakes.anthropic,
      'switchboard.gemini.baseUrl': fakes.gemini,
    });
    say(`demo: fake OpenAI, Anthropic and Gemini at ${fakes.url}, answering at ${fakes.tokensPerSecond} tokens/s.`);
    say('demo: set a key with "Switchboard: Set API Key": any key containing "demo" works, any other gets 401, e.g.');
    for (const [provider, key] of Object.entries(fakes.demoKeys)) say(`        ${provider.padEnd(10)} ${key}`);
    say('demo: words in a prompt trigger what real providers do: "rate limit", "overloaded", "disconnect", "refuse", "long" (README: Try it without a key).');
  } else {
    // A previous --demo run left base URLs pointing at fakes that are gone: drop those.
    let current = {};
    try { current = JSON.parse(readFileSync(path.join(profileDir, 'user-data', 'User', 'settings.json'), 'utf8')); } catch { /* first run */ }
    const stale = Object.fromEntries(DEMO_KEYS.filter((k) => /^http:\/\/127\.0\.0\.1:/.test(String(current[k] ?? ''))).map((k) => [k, undefined]));
    if (Object.keys(stale).length) await updateUserSettings(path.join(profileDir, 'user-data'), stale);
  }

  const wanted = Number.parseInt(process.env.PORT ?? '', 10) || 8080;
  server = await startCodeServer({ build, vsix: vsixPath(), folder, settings, port: wanted, profileDir, echo: verbose });
  if (server.port !== wanted) {
    say(`port ${wanted} is busy; using ${server.port} (API keys are kept per browser origin, so keys saved on ${wanted} are not seen here)`);
  }
  server.process.on('exit', (code, signal) => {
    if (stopping) return;
    say(`code-server exited (${code ?? signal}); its last output:\n${server.logs.lines().slice(-30).join('\n')}`);
    void shutdown(1);
  });
  say(`VS Code ${build} (code-server ${server.codeServerVersion}) with Switchboard is running: open ${server.url}`);
  say(`(bound to 127.0.0.1 only; profile in ${path.relative(repoRoot, profileDir)}/; Ctrl-C stops it)`);
}

main().catch(async (err) => {
  console.error(`[switchboard] npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
