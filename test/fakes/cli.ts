// Runs the fake providers as a process: `tsx test/fakes/cli.ts [--port N]`.
// Prints one JSON line {"url", "baseURLs"} once listening and runs until SIGINT/SIGTERM.
// Used by `npm start`'s demo mode and by the e2e tests.

import { startFakeProviders } from './fakeProviders';

function portArg(argv: string[]): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  const port = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`fake providers: bad --port "${raw}"\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const fake = await startFakeProviders({ port: portArg(process.argv.slice(2)) });
  process.stdout.write(`${JSON.stringify({ url: fake.url, baseURLs: fake.baseURLs })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`fake providers failed to start: ${String(err)}\n`);
  process.exit(1);
});
