// An answer's Thinking section, its reasoning tokens and its incomplete-stop notice (issue 16),
// in the built bundle in Chromium under the real CSP: Thinking is open while it streams, closes
// when the answer starts and can be reopened; a length stop says so and offers Continue; a
// content filter offers Retry only. Screenshots in a light and a dark theme.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { answer, CONVERSATION_ID, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';
import type { ThemeName } from './themes';
import type { UiMessage } from '../../src/shared/protocol/chat';

const META = { providerId: 'openai', model: 'gpt-5-mini', inputTokens: 1234, outputTokens: 812, reasoningTokens: 512, costUsd: 0.00193, costEstimated: false, latencyMs: 6400, ttftMs: 3100 };
const THOUGHT = 'The user wants to **debounce** an input handler. Options:\n\n- a timer reset on every call\n- `requestAnimationFrame`\n\nA timer is simpler; mention the `cancel()` case.';
const LENGTH = { kind: 'length' as const, text: 'Stopped at the output limit (switchboard.maxOutputTokens = 4,096).' };

describe('chat webview: thinking and incomplete stops', function () {
  const panels = usePanels();

  let panel: Panel | undefined;

  const toggle = () => panel!.page.getByRole('button', { name: /^Thinking/ });
  const expanded = async () => (await toggle().getAttribute('aria-expanded')) === 'true';

  it('shows thinking open while it streams, closes it when the answer starts, and reopens it on a click', async () => {
    panel = await panels.open();
    const streaming = answer('', { status: 'streaming' });
    const ref = { conversationId: CONVERSATION_ID, messageId: streaming.id };
    await panel.host(stateMessage([userMessage('How do I debounce?'), streaming]));
    await panel.host({ type: 'delta', ...ref, part: 'thinking', text: 'The user wants to **debounce**' });
    await panel.host({ type: 'delta', ...ref, part: 'thinking', text: ' an input handler.' });
    await toggle().waitFor();
    assert.equal(await toggle().textContent().then((t) => t?.trim()), 'Thinking…');
    assert.equal(await expanded(), true, 'open while thinking streams');
    const body = panel.page.locator('.thinking-body');
    await body.getByText('an input handler.').waitFor();
    assert.equal(await body.locator('strong').textContent(), 'debounce', 'thinking is rendered as Markdown');
    assert.equal(await panel.page.locator('.answer .markdown').count(), 0, 'no answer text yet');
    assert.equal(await panel.page.getByText('Waiting for the answer…').count(), 0, 'the Thinking section says it is working');

    await panel.host({ type: 'delta', ...ref, text: 'Use a **debounce**.' });
    await panel.page.locator('.answer').getByText('debounce').waitFor();
    await body.waitFor({ state: 'detached' });
    assert.equal(await expanded(), false, 'collapsed when the answer starts');
    assert.equal(await toggle().textContent().then((t) => t?.trim()), 'Thinking');
    assert.equal(await panel.page.locator('.answer').getByText('an input handler').count(), 0, 'thinking never joins the answer');

    await toggle().click();
    assert.equal(await expanded(), true, 'the user can reopen it');
    await body.getByText('an input handler.').waitFor();
    assert.equal(await toggle().getAttribute('aria-controls'), await body.getAttribute('id'));

    const done: UiMessage = { ...streaming, status: 'done', text: 'Use a **debounce**.', thinking: 'The user wants to **debounce** an input handler.', meta: META };
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: done });
    await panel.page.getByText('1.2k in / 812 out (512 reasoning)').waitFor();
    assert.equal(await expanded(), true, 'stays as the user left it when the answer is done');
    await toggle().click();
    await body.waitFor({ state: 'detached' });
  });

  it('a finished answer from history shows its thinking collapsed', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer('Answer.', { thinking: THOUGHT, meta: META })]));
    await toggle().waitFor();
    assert.equal(await expanded(), false);
    await panel.page.keyboard.press('Tab');
    await toggle().focus();
    await panel.page.keyboard.press('Enter');
    assert.equal(await expanded(), true, 'opens from the keyboard');
  });

  it('a length stop shows its notice, Continue and Retry; a content filter offers Retry only', async () => {
    panel = await panels.open();
    const cut = answer('The first half of a long answer', { notice: LENGTH, meta: META });
    await panel.host(stateMessage([userMessage('Write it all'), cut]));
    await panel.page.getByText(LENGTH.text).waitFor();
    await panel.page.getByRole('button', { name: 'Continue' }).click();
    assert.deepEqual(await panel.waitForPosted('continue'), { type: 'continue', conversationId: CONVERSATION_ID, messageId: cut.id });
    await panel.page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await panel.waitForPosted('retry'), { type: 'retry', conversationId: CONVERSATION_ID, messageId: cut.id });

    const filtered = answer("I can't help with that.", { notice: { kind: 'filtered', text: "Stopped by the provider's content filter, or the model refused." } });
    await panel.host(stateMessage([userMessage('Write it all'), cut, userMessage('something else'), filtered]));
    await panel.page.getByText('content filter').waitFor();
    assert.equal(await panel.page.getByRole('button', { name: 'Continue' }).count(), 0, 'no Continue after a filter, nor on an older answer');
    assert.equal(await panel.page.getByRole('button', { name: 'Retry' }).count(), 1);
    assert.equal(await panel.page.locator('[data-notice="length"]').count(), 1, 'the older answer keeps its notice');
  });

  for (const theme of ['light', 'dark'] as ThemeName[]) {
    it(`screenshot: thinking and a length stop, ${theme} theme`, async () => {
      panel = await panels.open({ theme, width: 400, height: 700 });
      await panel.host(stateMessage([
        userMessage('How do I debounce an input handler?'),
        answer('Use a timer that restarts on every call.', { thinking: THOUGHT, meta: META }),
        userMessage('Write the whole module with tests.'),
        answer('Here is the module:\n\n```ts\nexport function debounce<T extends unknown[]>(fn: (...a: T) => void, ms: number) {\n  let t: ReturnType<typeof setTimeout>;\n```', { thinking: 'Module first, then the tests.', meta: { ...META, outputTokens: 4096, reasoningTokens: 1210 }, notice: LENGTH }),
      ]));
      await toggle().first().click(); // reopened by the user
      await panel.page.locator('.thinking-body').getByText('requestAnimationFrame').waitFor();
      await panel.page.getByText(LENGTH.text).waitFor();
      await panel.page.getByRole('button', { name: 'Continue' }).waitFor();
      await panel.page.evaluate(() => document.fonts.ready);
      const file = path.join(screenshotDir, `chat-thinking-${theme}.png`);
      await panel.page.screenshot({ path: file });
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    });
  }
});
