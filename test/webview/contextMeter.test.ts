// The composer's context meter and an answer's prompt-cache savings (issue 18), in the built bundle
// in Chromium under the real CSP: the meter is there with an empty draft and asks again when the
// draft, a turn or the model changes; it warns near the limit and says in words when trimming
// leaves messages out; an unknown window has no bar. Savings show as such, a costly cache write as
// a cache write, and older answers without cache fields look as they did.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { answer, CONVERSATION_ID, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';
import type { ChatOutbound, UiMeta } from '../../src/shared/protocol/chat';

type Estimate = Extract<ChatOutbound, { type: 'estimate' }>;
const ESTIMATE: Omit<Estimate, 'requestId'> = {
  type: 'estimate', inputTokens: 1520, systemTokens: 20, historyTokens: 1400, draftTokens: 100, costUsd: 0.00038, maxOutputCostUsd: 0.008192,
  maxOutputTokens: 4096, contextWindow: 400_000, inputBudget: 395_904, droppedMessages: 0,
};
const META: UiMeta = { providerId: 'openai', model: 'gpt-5-mini', inputTokens: 1500, outputTokens: 80, costUsd: 0.0005, costEstimated: false, latencyMs: 1200 };
const TRIM_4 = 'The oldest 4 messages will be left out to fit the context window (the system prompt and the newest turns are kept).';

describe('chat webview: context meter and cache savings', function () {
  const panels = usePanels();
  let panel: Panel | undefined;

  const meter = () => panel!.page.getByTestId('context-meter');
  const notice = () => panel!.page.getByTestId('context-notice');
  /** Answers the newest estimate request. */
  async function reply(over: Partial<Estimate> = {}) {
    const asked = (await panel!.posted()).filter((m) => m.type === 'estimate').at(-1);
    assert.ok(asked, 'the panel asked for an estimate');
    await panel!.host({ ...ESTIMATE, requestId: asked.requestId, ...over });
  }
  const estimateRequests = async () => (await panel!.posted()).filter((m) => m.type === 'estimate');

  it('shows the next request against the window with an empty draft, and asks again when the draft, a turn or the model changes', async () => {
    panel = await panels.open();
    const turns = [userMessage('q'), answer('a')];
    await panel.host(stateMessage(turns));
    const first = await panel.waitForPosted('estimate');
    assert.deepEqual(first, { type: 'estimate', requestId: first.requestId, conversationId: CONVERSATION_ID, text: '', providerId: 'openai', model: 'gpt-5-mini' });
    await reply();
    await meter().waitFor();
    assert.equal(await meter().innerText(), '1.5k / 400k tokens · ≈$0.00038');
    assert.equal(await meter().getAttribute('data-tokens'), '1520');
    assert.equal(await meter().getAttribute('role'), 'meter');
    assert.equal(await meter().getAttribute('aria-valuenow'), '1520');
    assert.equal(await meter().getAttribute('aria-valuemax'), '400000');
    assert.equal(await meter().getAttribute('data-level'), 'ok');
    assert.equal(await meter().getAttribute('aria-label'), 'Context used by the next request');
    assert.equal(await meter().locator('rect.fill').getAttribute('width'), `${(1520 / 400_000) * 100}%`);
    assert.equal(await meter().locator('rect.reserved').getAttribute('width'), `${(4096 / 400_000) * 100}%`);
    assert.equal(await meter().getAttribute('title'), [
      'Next request: about 1,520 input tokens', '  System prompt: 20', '  History: 1,400', '  Your message: 100',
      'Context window: 400,000 tokens; 4,096 kept for the answer, 395,904 for the input (warning from 80 %).',
      'Input ≈ $0.00038; up to $0.0082 more if the answer uses all 4,096 output tokens.',
    ].join('\n'));
    assert.equal(await notice().count(), 0, 'nothing is left out');

    // The same state again (the host re-sends it after many changes) asks nothing new.
    await panel.host(stateMessage(turns));
    await panel.page.waitForTimeout(400);
    assert.equal((await estimateRequests()).length, 1);

    await panel.clearPosted();
    await panel.page.getByTestId('composer-input').pressSequentially('Longer?', { delay: 20 });
    await panel.waitForPosted('estimate');
    await panel.page.waitForTimeout(400);
    assert.deepEqual((await estimateRequests()).map((m) => m.text), ['Longer?'], 'debounced while typing');

    // A turn that finishes, then another model: each asks again at once.
    await panel.clearPosted();
    const streaming = answer('', { status: 'streaming' });
    await panel.host(stateMessage([...turns, userMessage('more'), streaming]));
    await panel.waitForPosted('estimate');
    await panel.clearPosted();
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...streaming, status: 'done', text: 'Done.' } });
    await panel.waitForPosted('estimate');
    await panel.clearPosted();
    await panel.page.getByTestId('model-picker').click();
    await panel.page.locator('[data-testid="model-option"][data-model="claude-sonnet-4-5"]').click();
    const other = await panel.waitForPosted('estimate');
    assert.deepEqual([other.providerId, other.model], ['anthropic', 'claude-sonnet-4-5']);
  });

  it('warns near the limit and says in words when trimming leaves the oldest messages out', async () => {
    panel = await panels.open({ width: 360 });
    await panel.host(stateMessage([userMessage('q'), answer('a')]));
    await panel.waitForPosted('estimate');
    // 80 % of the input budget (100,000 of 200,000, half kept for the answer) is 80,000.
    await reply({ inputTokens: 79_999, contextWindow: 200_000, inputBudget: 100_000 });
    await meter().waitFor();
    assert.equal(await meter().getAttribute('data-level'), 'ok');
    await reply({ inputTokens: 80_000, contextWindow: 200_000, inputBudget: 100_000 });
    await panel.page.locator('[data-testid="context-meter"][data-level="warning"]').waitFor();
    const colors = await panel.page.evaluate(() => ({
      text: getComputedStyle(document.querySelector('[data-testid="context-meter"]')!).color,
      warning: getComputedStyle(document.documentElement).getPropertyValue('--vscode-editorWarning-foreground').trim(),
    }));
    const hex = (rgb: string) => '#' + rgb.match(/\d+/g)!.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
    assert.equal(hex(colors.text), colors.warning, 'warning colour');
    assert.equal(await notice().count(), 0);

    await reply({ inputTokens: 97_000, contextWindow: 200_000, inputBudget: 100_000, droppedMessages: 4 });
    await notice().waitFor();
    assert.equal((await notice().innerText()).trim(), TRIM_4);
    assert.equal(await meter().getAttribute('data-level'), 'warning');
    assert.match((await meter().getAttribute('title'))!, /History: 1,400 \(the oldest 4 messages left out\)/);
    assert.ok(await notice().isVisible());
    await panel.page.screenshot({ path: path.join(screenshotDir, 'chat-webview-context-trim-dark.png') });

    await reply({ inputTokens: 30_000, contextWindow: 200_000, inputBudget: 100_000, droppedMessages: 1 });
    await notice().getByText('The oldest message will be left out').waitFor();
    assert.equal(await meter().getAttribute('data-level'), 'warning', 'trimming always warns');

    await reply({ inputTokens: 120_000, contextWindow: 200_000, inputBudget: 100_000, droppedMessages: 2 });
    await notice().getByText("Too long for this model's context window").waitFor();
    assert.equal(await meter().getAttribute('data-level'), 'over');
  });

  it('an unknown context window shows tokens and cost without a bar', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer('a')], { selection: { providerId: 'compat:ollama', model: 'llama3.1' } }));
    await panel.waitForPosted('estimate');
    await reply({ contextWindow: null, inputBudget: null, costUsd: null, maxOutputCostUsd: null });
    await meter().waitFor();
    assert.equal(await meter().innerText(), '1.5k tokens · unknown price');
    assert.equal(await meter().getAttribute('role'), null);
    assert.equal(await meter().locator('.bar').count(), 0);
    assert.equal(await meter().getAttribute('aria-label'), null, 'no meter: its visible text is what a screen reader reads');
  });

  it('an answer shows what the prompt cache saved, a costly write as a cache write, and older answers unchanged', async () => {
    panel = await panels.open();
    const saved = answer('Cached.', { meta: { ...META, cachedInputTokens: 1200, cacheWriteTokens: 300, savedUsd: 0.0123 } });
    const write = answer('Written.', { meta: { ...META, inputTokens: 2000, cacheWriteTokens: 1900, savedUsd: -0.0004 } });
    const unknown = answer('Unknown.', { meta: { ...META, cachedInputTokens: 1200, savedUsd: null } });
    const old = answer('Old.', { meta: META });
    await panel.host(stateMessage([userMessage('1'), saved, userMessage('2'), write, userMessage('3'), unknown, userMessage('4'), old]));
    const cache = panel.page.getByTestId('meta-cache');
    await cache.first().waitFor();
    assert.equal(await cache.count(), 3, 'no cache part under an answer without cache fields');
    assert.equal(await cache.nth(0).innerText(), '1,200 cached, saved $0.01');
    assert.equal(await cache.nth(0).getAttribute('title'), '1,200 of 1,500 input tokens read from the prompt cache; 300 written to it. Caching saved $0.01 compared with the same request uncached.');
    assert.equal(await cache.nth(1).innerText(), 'cache write +$0.0004');
    assert.equal(await cache.nth(1).getAttribute('title'), '1,900 of 2,000 input tokens written to the prompt cache. Writing to the cache cost $0.0004 more than caching saved, compared with the same request uncached; later requests read it at a discount.');
    assert.equal(await cache.nth(2).innerText(), '1,200 cached');
    assert.match((await cache.nth(2).getAttribute('title'))!, /What caching saved is unknown/);
    await panel.page.screenshot({ path: path.join(screenshotDir, 'chat-webview-cache-savings-dark.png') });
    const oldMeta = await panel.page.locator('article[aria-label="Answer"]').nth(3).locator('.meta').first().innerText();
    assert.equal(oldMeta.replace(/\s+/g, ' ').trim(), 'GPT-5 mini 1.5k in / 80 out $0.0005 1.2 s');
  });
});
