// Runs the fake providers in demo mode as a process: `tsx test/fakes/cli.ts [--port N] [--tps N]`.
// Prints one JSON line {"url", "baseURLs", "demoKeys", "tokensPerSecond"} once listening and runs until SIGINT/SIGTERM.
// Pace: --tps N, else env SWITCHBOARD_DEMO_TPS, else 60 tokens/s. Used by `npm start -- --demo`
// and by the e2e tests.

import { DEMO_KEYS } from './demo/keys';
import { DEFAULT_TOKENS_PER_SECOND } from './demo/pacing';
import { startFakeProviders } from './server';

/** The value of `--name N` or `--name=N`, if given. */
function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function fail(message: string): never {
  process.stderr.write(`fake providers: ${message}\n`);
  process.exit(2);
}

function portArg(argv: string[]): number {
  const raw = argValue(argv, '--port');
  const port = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port "${raw}"`);
  return port;
}

function tpsArg(argv: string[]): number {
  const fromArg = argValue(argv, '--tps');
  const raw = fromArg ?? process.env.SWITCHBOARD_DEMO_TPS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TOKENS_PER_SECOND;
  const tps = Number(raw);
  if (!Number.isFinite(tps) || tps <= 0) fail(`bad ${fromArg !== undefined ? '--tps' : 'SWITCHBOARD_DEMO_TPS'} "${raw}" (tokens per second, > 0)`);
  return tps;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const tokensPerSecond = tpsArg(argv);
  const fake = await startFakeProviders({ port: portArg(argv), demo: { tokensPerSecond } });
  process.stdout.write(`${JSON.stringify({ url: fake.url, baseURLs: fake.baseURLs, demoKeys: DEMO_KEYS, tokensPerSecond })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // close() destroys every socket and cancels pending stream timers; the guard only covers a bug.
    setTimeout(() => process.exit(0), 2_000).unref();
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`fake providers failed to start: ${String(err)}\n`);
  process.exit(1);
});
