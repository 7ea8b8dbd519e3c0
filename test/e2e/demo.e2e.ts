// Issue 13 in real VS Code: the demo providers (`npm start -- --demo`), driven the way a newcomer
// would: a wrong key fails Test API Key, a demo key works; an answer streams with code blocks and
// a table, Stop keeps what was written, Copy puts a block's code on the clipboard; Edit Selection
// proposes a real rewrite that Accept applies. The screenshots go to media/screenshots for the README.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_KEYS } from '../fakes/demo/keys';
import { clickEditorTitleAction, openFile, saveAll, selectLines, waitForTab, waitForWorkspaceFile } from './editor';
import { useWorkbench } from './fixture';
import { lastAnswer, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import {
  keepForReadme,
  clearNotifications, escapeRegExp, openSwitchboardView, quickInput, runCommand, screenshot, waitForNotification, waitForNotificationGone,
} from './workbench';

const WRONG_KEY = 'sk-wrongKey-0123456789abcdefWXYZ';
const FILE = 'legacy.js';
const LEGACY = ['function isAnswer(value) {', '  var expected = 42;', '  return value == expected;', '}', ''].join('\n');

/** Drags the sidebar's edge so answers and code blocks have room (as a user would for a screenshot). */
async function widenSidebar(page: import('playwright-core').Page, to: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= to) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + to, y, { steps: 8 });
  await page.mouse.up();
}

/** Keeps a screenshot for the README (media/screenshots/<name>.png). */
async function keepScreenshot(page: import('playwright-core').Page, name: string): Promise<void> {
  keepForReadme(await screenshot(page, name), name);
}

async function testKey(page: import('playwright-core').Page): Promise<void> {
  await runCommand(page, 'Switchboard: Test API Key');
  await quickInput.waitOpen(page, { title: /Test the API key/ });
  await quickInput.pick(page, 'OpenAI');
}

describe('demo: the whole product with no key', function () {
  const wb = useWorkbench({ settings: { 'files.autoSave': 'off' }, viewport: { width: 1400, height: 900 } });
  // Faster than the demo's 60 tokens/s so the suite stays short, slow enough to Stop mid-answer.
  const fp = useFakeProviders(wb, {}, { demo: { tokensPerSecond: 150 } });

  before(async () => {
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.server.baseUrl });
  });

  it('Test API Key says once that a wrong key is rejected, and that a demo key works', async () => {
    const page = wb.page;
    await setKey(page, 'OpenAI', WRONG_KEY);
    await testKey(page);
    const failed = await waitForNotification(page, /rejected the API key/);
    const text = await failed.locator('.notification-list-item-message').innerText();
    assert.equal(text.match(/reject/g)?.length, 1, `the error is stated once: ${text}`);
    assert.ok(fp.fake.requests.some((r) => r.path === '/v1/models' && r.headers.authorization === `Bearer ${WRONG_KEY}`));
    await clearNotifications(page);

    await setKey(page, 'OpenAI', DEMO_KEYS.openai);
    await testKey(page);
    await waitForNotification(page, /OpenAI key works/);
    await clearNotifications(page);
  });

  it('streams an answer with code blocks and a table; Stop keeps what was written; Copy copies a block', async () => {
    const page = wb.page;
    const frame = await openSwitchboardView(page);
    await widenSidebar(page, 560);

    await send(frame, 'Write a long guide to debouncing');
    await waitForStatus(frame, 'streaming');
    await lastAnswer(frame).locator('.answer p').first().waitFor();
    await frame.locator('[data-testid="stop"]').click();
    await waitForStatus(frame, 'stopped');
    const stopped = await lastAnswer(frame).locator('.answer').innerText();
    assert.ok(stopped.length > 20, `the partial answer is kept: ${stopped}`);

    await send(frame, 'How do I debounce a function in TypeScript?');
    await waitForStatus(frame, 'streaming');
    await waitForStatus(frame, 'done', 60_000);
    const answer = lastAnswer(frame);
    const languages = await answer.locator('.code-block .code-language').allInnerTexts();
    assert.ok(new Set(languages.map((l) => l.trim())).size >= 2, `code blocks in several languages: ${languages.join(', ')}`);
    assert.ok((await answer.locator('table').count()) > 0, 'a table');
    assert.ok((await answer.locator(':is(h1, h2, h3)').count()) > 0, 'a heading');
    await answer.locator(':is(h1, h2, h3)').first().evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await keepScreenshot(page, 'demo-answer');

    const block = answer.locator('.code-block').first();
    const code = await block.locator('pre code').innerText();
    await block.locator('button.code-action[aria-label="Copy"]').click();
    await block.locator('button.code-action[aria-label="Copied"]').waitFor();
    const deadline = Date.now() + 10_000;
    let clipboard = '';
    while (clipboard !== code && Date.now() < deadline) {
      clipboard = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      if (clipboard !== code) await page.waitForTimeout(100);
    }
    assert.equal(clipboard, code, 'the code block is on the clipboard');
  });

  it('Edit Selection proposes a real rewrite of the code, and Accept applies it', async () => {
    const page = wb.page;
    writeFileSync(path.join(wb.env.workspace, FILE), LEGACY);
    await openFile(page, FILE);
    await selectLines(page, 1, 4);
    await runCommand(page, 'Switchboard: Edit Selection');
    await quickInput.waitOpen(page, { title: new RegExp(`Switchboard: edit ${escapeRegExp(FILE)}`) });
    await quickInput.type(page, 'Use strict equality', { submit: false });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Use what you typed' }).first().waitFor({ state: 'visible' });
    await quickInput.input(page).press('Enter');
    await quickInput.waitClosed(page);

    await waitForTab(page, new RegExp(`${escapeRegExp(FILE)}: Proposed edit`));
    await waitForNotification(page, /review the proposed edit/);
    await keepScreenshot(page, 'demo-edit-diff');
    await clickEditorTitleAction(page, 'Accept Proposed Edit');
    await waitForNotificationGone(page, /review the proposed edit/);
    await saveAll(page);
    const edited = await waitForWorkspaceFile(wb.env.workspace, FILE, (t) => t !== LEGACY);
    assert.match(edited, /let expected = 42;/);
    assert.match(edited, /value === expected/);
    assert.match(edited, /Use strict equality/, 'the instruction is noted in a comment');
  });
});
