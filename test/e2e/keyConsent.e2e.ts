// Issue 15 in real VS Code: the first time a key is about to go to a host other than its
// provider's own (here a base URL on 127.0.0.2, which is not exempt like localhost), Switchboard
// asks once in a modal naming the host. Allow: the request goes, and neither another message nor a
// reload asks again. Cancel: nothing reaches that host, and the panel says why and how to change it.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import { forwardRequest, listenOnLoopback, type Loopback } from '../fakes/loopback';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { openSwitchboardView, screenshot } from './workbench';
import type { Page } from 'playwright-core';

const KEYS = { openai: 'sk-consentE2E-0123456789abcdefWXYZ', anthropic: 'sk-ant-consentE2E-0123456789abcdefWXYZ' };

/** A host on 127.0.0.2 that passes every request on to `upstream`, counting those that carry `key`. */
async function startOtherHost(upstream: () => string): Promise<Loopback & { withKey(key: string): number }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(JSON.stringify(req.headers));
    const target = new URL(req.url ?? '/', upstream());
    forwardRequest(req, res, target, { ...req.headers, host: target.host });
  });
  const listening = await listenOnLoopback(server, 'http', '127.0.0.2');
  return { ...listening, withKey: (key) => seen.filter((h) => h.includes(key)).length };
}

const dialog = (page: Page) => page.locator('.monaco-dialog-box');

describe('key consent: a key goes to another host only after the user allows it', function () {
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);
  let openaiHost: Awaited<ReturnType<typeof startOtherHost>> | undefined;
  let anthropicHost: Awaited<ReturnType<typeof startOtherHost>> | undefined;
  wb.beforeOpen(async () => {
    openaiHost = await startOtherHost(() => fp.fake.baseURLs.openai);
    anthropicHost = await startOtherHost(() => fp.fake.baseURLs.anthropic);
    await wb.server.updateSettings({
      'switchboard.openai.baseUrl': `${openaiHost.url}${new URL(fp.fake.baseURLs.openai).pathname}`,
      'switchboard.anthropic.baseUrl': `${anthropicHost.url}${new URL(fp.fake.baseURLs.anthropic).pathname}`,
    });
  });
  after(async () => {
    await openaiHost?.close();
    await anthropicHost?.close();
  });

  it('asks once naming the host; Allow sends, and neither the next message nor a reload asks again', async () => {
    await setKey(wb.page, 'OpenAI', KEYS.openai);
    const frame = await openSwitchboardView(wb.page);
    // Listing models is the first request with the key: the question comes as the panel opens.
    await dialog(wb.page).waitFor({ state: 'visible', timeout: 20_000 });
    const question = await dialog(wb.page).innerText();
    assert.match(question, new RegExp(`Send your OpenAI API key to 127\\.0\\.0\\.2:${new URL(openaiHost!.url).port}\\?`));
    assert.equal(openaiHost!.withKey(KEYS.openai), 0, 'nothing was sent before the answer');
    await screenshot(wb.page, 'key-consent');
    await dialog(wb.page).getByRole('button', { name: 'Allow' }).click();

    await send(frame, 'first question');
    await waitForStatus(frame, 'done', 30_000);
    assert.ok(openaiHost!.withKey(KEYS.openai) >= 1, 'the allowed host got the request');
    await send(frame, 'second question');
    await lastAnswer(frame).locator('.answer', { hasText: /\S/ }).waitFor({ timeout: 30_000 });
    await waitForStatus(frame, 'done', 30_000);
    assert.equal(await dialog(wb.page).count(), 0, 'not asked again');

    await wb.reload();
    const again = await openSwitchboardView(wb.page);
    await send(again, 'after the reload');
    await waitForStatus(again, 'done', 30_000);
    assert.equal(await dialog(wb.page).count(), 0, 'the answer survived the reload');
  });

  it('Cancel: nothing reaches the host, and the panel says why and what to do', async () => {
    // The open panel lists the new provider's models at once, so the question comes right away.
    await setKey(wb.page, 'Anthropic', KEYS.anthropic, { clear: false });
    await dialog(wb.page).waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await dialog(wb.page).innerText(), /Send your Anthropic API key to 127\.0\.0\.2:\d+\?/);
    await dialog(wb.page).getByRole('button', { name: 'Cancel' }).click();
    // The picker still offers Anthropic's catalogue models; a question to one is refused here.
    const frame = await openSwitchboardView(wb.page);
    await pickModel(frame, 'anthropic', 'claude-sonnet-5');
    await send(frame, 'will this reach the host?');
    // The answer as it ends up (not a state it passes through on the way).
    await lastAnswer(frame).locator('[role="alert"]', { hasText: /did not send your Anthropic key to 127\.0\.0\.2:\d+: you did not allow it/ }).waitFor({ timeout: 30_000 });
    await waitForStatus(frame, 'error');
    assert.equal(await dialog(wb.page).count(), 0, 'a declined host is not asked about again');
    assert.equal(anthropicHost!.withKey(KEYS.anthropic), 0, 'nothing with the key reached the declined host');
    await screenshot(wb.page, 'key-consent-declined');
  });
});
