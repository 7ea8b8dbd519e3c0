// test/fakes/cli.ts as `npm start -- --demo` runs it: a separate process in demo mode that prints
// one JSON line (URLs and demo keys) and exits cleanly on SIGINT/SIGTERM, even mid-stream.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { DEMO_KEYS } from '../../fakes/demo/keys';

const root = path.resolve(__dirname, '../../..');

interface Started {
  child: ChildProcessWithoutNullStreams;
  info: { url: string; baseURLs: Record<string, string>; demoKeys: Record<string, string> };
}

/** Spawns cli.ts and resolves with its first stdout line, parsed (fails after 20 s). */
function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fakes/cli.ts', ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no output within 20 s')), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(out.split('\n')[0]!) });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${code}`));
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
}

describe('fake providers: cli.ts (demo mode)', function () {
  this.timeout(30_000);
  const children: ChildProcessWithoutNullStreams[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('prints {"url", "baseURLs", "demoKeys"}, lists models for a demo key only, and exits 0 on SIGTERM', async () => {
    const { child, info } = await startCli(['--port', '0']);
    children.push(child);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.baseURLs.openai, `${info.url}/v1`);
    assert.deepEqual(info.demoKeys, DEMO_KEYS);
    const ok = await fetch(`${info.url}/v1/models`, { headers: { authorization: `Bearer ${DEMO_KEYS.openai}` } });
    assert.equal((await ok.json()).object, 'list');
    const wrong = await fetch(`${info.url}/v1/models`, { headers: { authorization: 'Bearer sk-not-the-right-one' } });
    assert.equal(wrong.status, 401);
    await wrong.arrayBuffer();
    child.kill('SIGTERM');
    assert.equal(await exitOf(child), 0);
  });

  it('exits 0 on SIGINT while an answer is still streaming at the default pace', async () => {
    const { child, info } = await startCli([], { ...process.env, SWITCHBOARD_DEMO_TPS: '' });
    children.push(child);
    const res = await fetch(`${info.baseURLs.openai}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_KEYS.openai}` },
      body: JSON.stringify({ model: 'gpt-5', stream: true, messages: [{ role: 'user', content: 'Explain retry logic with a long example' }] }),
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    assert.equal((await reader.read()).done, false, 'the stream started');
    child.kill('SIGINT');
    assert.equal(await exitOf(child), 0);
    await assert.rejects(async () => {
      for (let i = 0; i < 100_000; i++) if ((await reader.read()).done) throw new Error('ended normally');
    }, (err: Error) => err.message !== 'ended normally');
  });

  it('rejects a bad --tps', async () => {
    await assert.rejects(startCli(['--tps', 'fast']), /exited early with 2/);
  });
});
