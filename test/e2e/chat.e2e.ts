// Issues 5, 6 and 7 in real VS Code: the chat panel streams from a (fake) provider, stops, shows the
// retry state, offers "Set API Key" on a bad key, survives a reload, switches models; the status
// bar and the usage report show the cost of what was streamed; removing the key removes the
// provider from the picker.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { invalidKey, rateLimit } from '../fakes/server';
import { repoRoot } from '../harness/codeServer.mjs';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, statusBarText, useFakeProviders, waitForStatus } from './switchboard';
import { EXTENSION_ID, keepForReadme, openSwitchboardView, quickInput, runCommand, screenshot, waitForNotification, webviewFrame } from './workbench';

const KEY = 'sk-chatE2E-0123456789abcdefWXYZ';

describe('chat panel: streaming, states, persistence, cost', function () {
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(60_000);
    await setKey(wb.page, 'OpenAI', KEY);
  });

  beforeEach(() => fp.fake.reset());

  it('streams an answer into the panel, with its model, tokens and cost', async () => {
    const frame = await openSwitchboardView(wb.page);
    const answer = 'Streaming works: **token by token**, with `code` and a list:\n\n- one\n- two\n\nThe end.';
    fp.fake.enqueue('openai', { text: answer, chunkSize: 4, chunkDelayMs: 60, usage: { input: 1000, output: 500 } });
    await pickModel(frame, 'openai', 'gpt-4o-2024-08-06');
    await send(frame, 'Hello, stream please');
    // Mid-stream: some of the answer is shown, not all of it yet.
    await waitForStatus(frame, 'streaming');
    await lastAnswer(frame).locator('.answer', { hasText: 'Streaming' }).waitFor();
    const partial = await lastAnswer(frame).locator('.answer').innerText();
    assert.ok(partial.length > 0 && !partial.includes('The end.'), `mid-stream text: ${partial}`);
    assert.equal(await lastAnswer(frame).getAttribute('data-status'), 'streaming');
    await waitForStatus(frame, 'done');
    const done = await lastAnswer(frame).innerText();
    assert.match(done, /token by token/);
    assert.match(done, /The end\./);
    assert.match(done, /1k in \/ 500 out|1,000 in|1000 in/);
    const body = fp.fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as { model: string; stream: boolean; messages: { role: string; content: string }[] };
    assert.equal(body.model, 'gpt-4o-2024-08-06');
    assert.equal(body.stream, true);
    assert.equal(body.messages.at(-1)!.content, 'Hello, stream please');
    assert.equal(body.messages[0]!.role, 'system');
    // gpt-4o (dated id → catalogue family): $2.50 in / $10 out per 1M → 1000 × 2.5e-6 + 500 × 10e-6 = $0.0075.
    assert.match(await statusBarText(wb.page), /\$0\.0075 today · \$0\.0075 month/);
    await screenshot(wb.page, 'chat-streamed');
    // The model picker open on a search, for the README.
    await frame.locator('[data-testid="model-picker"]').click();
    await frame.locator('[data-testid="model-search"]').fill('gpt');
    await frame.locator('[data-testid="model-option"]').first().waitFor();
    keepForReadme(await screenshot(wb.page, 'model-picker'), 'model-picker');
    await frame.locator('[data-testid="model-search"]').press('Escape');
    await frame.locator('[data-testid="model-menu"]').waitFor({ state: 'detached' });
  });

  it('Stop mid-stream keeps the partial answer, marked stopped', async () => {
    const frame = await openSwitchboardView(wb.page);
    fp.fake.enqueue('openai', { text: 'A long answer that the user will stop before it finishes, '.repeat(20), chunkSize: 6, chunkDelayMs: 80 });
    await send(frame, 'Tell me a long story');
    await waitForStatus(frame, 'streaming');
    await lastAnswer(frame).locator('.answer', { hasText: 'A long' }).waitFor();
    await frame.locator('[data-testid="stop"]').click();
    await waitForStatus(frame, 'stopped');
    const text = await lastAnswer(frame).locator('.answer').innerText();
    assert.match(text, /^A long/);
    assert.match(await lastAnswer(frame).innerText(), /Stopped/);
    const req = await fp.fake.waitForClose(fp.fake.requests.length - 1);
    assert.equal(req.clientClosedEarly, true, 'the HTTP stream was closed');
  });

  it('shows the retry state on a 429, then the answer', async () => {
    const frame = await openSwitchboardView(wb.page);
    fp.fake.enqueue('openai', rateLimit(3), { text: 'Answered after the rate limit.' });
    await send(frame, 'Will you retry?');
    await waitForStatus(frame, 'retrying');
    assert.match(await lastAnswer(frame).innerText(), /attempt 2 of 4/);
    await screenshot(wb.page, 'chat-retrying');
    await waitForStatus(frame, 'done', 30_000);
    assert.match(await lastAnswer(frame).innerText(), /Answered after the rate limit\./);
  });

  it('a bad key shows the error with a working "Set API Key" action', async () => {
    const frame = await openSwitchboardView(wb.page);
    fp.fake.enqueue('openai', invalidKey());
    await send(frame, 'This key is wrong');
    await waitForStatus(frame, 'error');
    const answer = lastAnswer(frame);
    assert.match(await answer.locator('[role="alert"]').innerText(), /key/i);
    assert.ok(!(await answer.innerText()).includes(KEY), 'no key in the error');
    await answer.getByRole('button', { name: /Set API Key/ }).click();
    await quickInput.waitOpen(wb.page, { title: 'Switchboard: OpenAI API key' });
    await quickInput.dismiss(wb.page);
  });

  it('keeps the conversation across a window reload', async () => {
    await wb.reload();
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('article.message.user', { hasText: 'This key is wrong' }).waitFor({ timeout: 20_000 });
    await frame.locator('[data-testid="toggle-conversations"]').click();
    const list = await frame.locator('[data-testid="conversation-list"]').innerText();
    assert.match(list, /Hello, stream please/);
    await frame.locator('[data-testid="toggle-conversations"]').click();
  });

  it('a window start runs from the code cache the first start wrote (not written again)', async () => {
    const dir = path.join(wb.server.userDataDir, 'User', 'globalStorage', EXTENSION_ID.toLowerCase(), 'code-cache');
    const cacheFiles = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cache')) : []);
    // Written 10 s after a start that had none (or when that window closed).
    for (let i = 0; i < 30 && cacheFiles().length === 0; i++) await new Promise((r) => setTimeout(r, 1000));
    assert.equal(cacheFiles().length, 1, `one cache file in ${dir}`);
    const file = path.join(dir, cacheFiles()[0]!);
    const written = statSync(file).mtimeMs;
    await wb.reload();
    await openSwitchboardView(wb.page);
    await new Promise((r) => setTimeout(r, 11_000)); // past the time a start without a usable cache writes one
    assert.deepEqual(cacheFiles(), [path.basename(file)]);
    assert.equal(statSync(file).mtimeMs, written, 'the reloaded window used the cache: V8 accepted it');
  });

  it('switches model via the picker', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    await pickModel(frame, 'openai', 'gpt-5-mini');
    fp.fake.enqueue('openai', { text: 'From the other model.' });
    await send(frame, 'Which model?');
    await waitForStatus(frame, 'done');
    const body = fp.fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as { model: string };
    assert.equal(body.model, 'gpt-5-mini');
    assert.match(await lastAnswer(frame).innerText(), /GPT-5 mini/);
  });

  it('the usage report lists the requests, and its screenshot is taken', async () => {
    await runCommand(wb.page, 'Switchboard: Show Usage Report');
    const report = await webviewFrame(wb.page, 'usage');
    await report.locator('[data-testid="usage-root"]').waitFor({ timeout: 20_000 });
    await report.locator('[data-testid="recent"] tbody tr', { hasText: 'gpt-4o-2024-08-06' }).first().waitFor();
    const models = await report.locator('[data-testid="by-model"]').innerText();
    assert.match(models, /gpt-4o-2024-08-06/);
    assert.match(models, /gpt-5-mini/);
    assert.match(await report.locator('[data-testid="total-today"]').innerText(), /\$0\.0/);
    const file = await screenshot(wb.page, 'usage-report');
    console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
    await wb.page.keyboard.press('Control+W').catch(() => undefined);
  });

  it('two windows streaming at once record the sum of both', async () => {
    const requestsToday = async (page: import('playwright-core').Page): Promise<number> => {
      await runCommand(page, 'Switchboard: Show Usage Report');
      const card = (await webviewFrame(page, 'usage')).locator('[data-testid="total-today"]');
      await card.waitFor({ timeout: 20_000 });
      return Number(/(\d+) requests/.exec(await card.innerText())![1]);
    };
    const before = await requestsToday(wb.page);
    await wb.page.keyboard.press('Control+W').catch(() => undefined);
    const second = await wb.newWindow();
    const frames = [await openSwitchboardView(wb.page), await openSwitchboardView(second)];
    fp.fake.setDefault('openai', { text: 'Concurrent answer.', chunkDelayMs: 30, usage: { input: 1000, output: 500 } });
    for (const f of frames) await f.locator('[data-testid="new-chat"]').click();
    await Promise.all(frames.map((f, i) => send(f, `Window ${i + 1} asks`)));
    await Promise.all(frames.map((f) => waitForStatus(f, 'done')));
    // A third window merges every window's usage shard from globalState (persisted asynchronously).
    let third = await wb.newWindow();
    let after = await requestsToday(third);
    for (let i = 0; i < 10 && after !== before + 2; i++) {
      await third.close();
      await new Promise((r) => setTimeout(r, 1000));
      third = await wb.newWindow();
      after = await requestsToday(third);
    }
    assert.equal(after, before + 2, 'both windows\' requests are counted');
    await second.close();
    await third.close();
  });

  it('removing the key takes the provider out of the model picker', async () => {
    await runCommand(wb.page, 'Switchboard: Remove API Key');
    await quickInput.waitOpen(wb.page, { title: /Remove the API key/ });
    await quickInput.pick(wb.page, 'OpenAI');
    await waitForNotification(wb.page, /OpenAI key removed/);
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="empty-set-key"], [data-testid="model-picker"][disabled]').first().waitFor({ timeout: 20_000 });
    const picker = frame.locator('[data-testid="model-picker"]');
    let options: string[] = [];
    if (await picker.isEnabled().catch(() => false)) {
      await picker.click();
      await frame.locator('[data-testid="model-menu"]').waitFor();
      options = await frame.locator('[data-testid="model-option"]').allInnerTexts();
      await frame.locator('[data-testid="model-search"]').press('Escape');
    }
    assert.ok(!options.some((o) => /GPT/.test(o)), `still offered: ${options.join(', ')}`);
  });
});
