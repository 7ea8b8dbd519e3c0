// Issue 15 part 3 in real VS Code (code-server): two windows of one browser profile chat at the
// same time — 10 exchanges each, both windows sending at once — then both reload. Every
// conversation and every usage record must still be there. Conversations live in files under
// globalStorage, shared by both windows' extension hosts; each window also sees the other's new
// conversations without a reload (the folder watch).
import { strict as assert } from 'node:assert';
import type { FrameLocator, Page } from 'playwright-core';
import { useWorkbench } from '../e2e/fixture';
import { send, setKey, useFakeProviders, waitForStatus } from '../e2e/switchboard';
import { openChatView, runCommand, waitForWorkbench, webviewFrame } from '../e2e/workbench';
import { reportReliability } from './reliabilityTable';

const KEY = 'sk-twoWindows-0123456789abcdefWXYZ';
const EXCHANGES = 10;
const title = (w: number, i: number) => `Window ${w} exchange ${i}`;

async function conversationTitles(frame: FrameLocator): Promise<string[]> {
  const toggle = frame.locator('[data-testid="toggle-conversations"]');
  await toggle.click();
  const list = frame.locator('[data-testid="conversation-list"]');
  await list.waitFor();
  const titles = await list.locator('.title').allInnerTexts();
  await toggle.click();
  return titles.map((t) => t.trim());
}

async function requestsToday(page: Page): Promise<number> {
  await runCommand(page, 'Switchboard: Show Usage Report');
  const card = (await webviewFrame(page, 'usage')).locator('[data-testid="total-today"]');
  await card.waitFor({ timeout: 20_000 });
  const n = Number(/(\d+) requests?/.exec(await card.innerText())?.[1] ?? 0);
  await page.keyboard.press('Control+W').catch(() => undefined);
  return n;
}

describe('faults: two code-server windows chatting at once', function () {
  this.timeout(600_000);
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(120_000);
    await setKey(wb.page, 'OpenAI', KEY);
  });

  it('two code-server windows × 10 exchanges → conversations and usage kept', async () => {
    const usageBefore = await requestsToday(wb.page);
    const second = await wb.newWindow();
    const pages = [wb.page, second];
    const frames = [await openChatView(wb.page), await openChatView(second)];
    fp.fake.setDefault('openai', { text: 'A concurrent answer, streamed in a few chunks.', chunkSize: 8, chunkDelayMs: 25, usage: { input: 100, output: 20 } });
    for (let i = 0; i < EXCHANGES; i++) {
      await Promise.all(frames.map(async (f, w) => {
        await f.locator('[data-testid="new-chat"]').click();
        // The composer sends to the conversation it shows: wait until the new, empty one is shown.
        await f.locator('article.message').first().waitFor({ state: 'detached', timeout: 20_000 });
        await send(f, title(w + 1, i));
        await f.locator('article.message.user', { hasText: title(w + 1, i) }).waitFor({ timeout: 20_000 });
        await waitForStatus(f, 'done', 30_000);
      }));
    }
    // Without a reload, window 1 lists window 2's conversations too (the folder watch).
    let live: string[] = [];
    for (let t = 0; t < 20; t++) {
      live = await conversationTitles(frames[0]!);
      if (live.filter((x) => x.startsWith('Window 2')).length === EXCHANGES) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seenLive = live.filter((x) => x.startsWith('Window 2')).length;

    await Promise.all(pages.map((p) => p.reload()));
    await Promise.all(pages.map((p) => waitForWorkbench(p)));
    const kept: number[] = [];
    for (const p of pages) {
      const titles = await conversationTitles(await openChatView(p));
      kept.push(Array.from({ length: 2 }, (_, w) => Array.from({ length: EXCHANGES }, (_, i) => title(w + 1, i))).flat().filter((t) => titles.includes(t)).length);
    }
    let usageAfter = await requestsToday(wb.page);
    // Usage shards are written asynchronously by each window: give the last write a moment.
    for (let t = 0; t < 5 && usageAfter < usageBefore + 2 * EXCHANGES; t++) {
      await new Promise((r) => setTimeout(r, 1000));
      usageAfter = await requestsToday(wb.page);
    }
    const usageKept = usageAfter - usageBefore;
    if (process.env.DEBUG_TWO_WINDOWS) {
      const { readdirSync, readFileSync } = await import('node:fs');
      const pathMod = await import('node:path');
      const dir = pathMod.join(wb.server.userDataDir, 'User', 'globalStorage');
      for (const ext of readdirSync(dir)) {
        const conv = pathMod.join(dir, ext, 'chat', 'conversations');
        try {
          for (const f of readdirSync(conv)) {
            const c = JSON.parse(readFileSync(pathMod.join(conv, f), 'utf8'));
            console.log(f, c.title, (c.messages ?? []).map((m: { role: string; text: string; status: string }) => `${m.role}:${m.text.slice(0, 25)}:${m.status}`).join(' | '));
          }
        } catch { /* not ours */ }
      }
      console.log('usage before', usageBefore, 'after', usageAfter);
    }
    console.log(`      conversations kept after reload: window 1 lists ${kept[0]}/20, window 2 lists ${kept[1]}/20; live in window 1 before reload: ${seenLive}/${EXCHANGES} of window 2's; usage records: ${usageKept}/20`);
    const conversationsKept = Math.min(...kept);
    reportReliability({
      check: 'two code-server windows × 10 exchanges → conversations and usage kept',
      figure: `${conversationsKept}/20 conversations, ${usageKept}/20 usage records (seen live in the other window: ${seenLive}/10)`,
      target: '20/20',
      ok: conversationsKept === 20 && usageKept === 20,
    });
    assert.equal(conversationsKept, 20);
    assert.equal(usageKept, 20);
    assert.equal(seenLive, EXCHANGES, "window 1 saw window 2's conversations without a reload");
    await second.close();
  });
});
