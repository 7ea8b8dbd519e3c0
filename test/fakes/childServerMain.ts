// Child-process entry of childServer.ts: the fake providers, driven by the parent over IPC.
import type { ChildCommand } from './childServer';
import { startFakeProviders } from './server';

async function main(): Promise<void> {
  const fake = await startFakeProviders();
  process.on('message', (command: ChildCommand) => {
    void (async () => {
      try {
        let result: unknown;
        if (command.op === 'enqueue') fake.enqueue(command.provider, command.scenario);
        else if (command.op === 'reset') fake.reset();
        else {
          const r = await fake.waitForClose(command.index, command.timeoutMs);
          result = { path: r.path, clientClosedEarly: r.clientClosedEarly, completed: r.completed };
        }
        process.send!({ id: command.id, result });
      } catch (err) {
        process.send!({ id: command.id, error: String(err) });
      }
    })();
  });
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.send!({ ready: { url: fake.url, baseURLs: fake.baseURLs } });
}

void main();
