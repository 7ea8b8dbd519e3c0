// The fake providers in a child process, scripted over IPC: for measurements of the extension's
// own memory and event loop (a flood the fake writes must not count as the client's). The child
// entry is childServerMain.ts; close() ends it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FakeProviderName, Scenario } from './scenario';

export interface RequestSummary {
  path: string;
  clientClosedEarly: boolean;
  completed: boolean;
}

export interface ChildFakeProviders {
  url: string;
  baseURLs: { openai: string; anthropic: string; gemini: string; azure: string };
  enqueue(provider: FakeProviderName, scenario: Scenario): Promise<void>;
  /** Resolves when request `index` has closed (completed or not), with what the fake saw. */
  waitForClose(index: number, timeoutMs?: number): Promise<RequestSummary>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

type ChildRequest =
  | { op: 'enqueue'; provider: FakeProviderName; scenario: Scenario }
  | { op: 'waitForClose'; index: number; timeoutMs: number }
  | { op: 'reset' };

export type ChildCommand = ChildRequest & { id: number };

export async function startChildFakeProviders(): Promise<ChildFakeProviders> {
  const child: ChildProcess = fork(path.join(__dirname, 'childServerMain.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const ready = new Promise<{ url: string; baseURLs: ChildFakeProviders['baseURLs'] }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake provider process exited (${code})`)));
    child.on('message', (m: { ready?: { url: string; baseURLs: ChildFakeProviders['baseURLs'] }; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m.ready);
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    });
  });
  const started = await ready;
  const call = <T>(command: ChildRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return {
    ...started,
    enqueue: (provider, scenario) => call({ op: 'enqueue', provider, scenario }),
    waitForClose: (index, timeoutMs = 5_000) => call({ op: 'waitForClose', index, timeoutMs }),
    reset: () => call({ op: 'reset' }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
