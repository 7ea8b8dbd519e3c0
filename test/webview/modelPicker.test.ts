// The composer's model picker, in the built bundle in Chromium under the real CSP: a compact button
// that opens a searchable list of the ready providers' models (grouped, with context window and
// price, the current one checked), driven by mouse and keyboard, with its ARIA wiring; and the
// flat turns and hover-revealed code-block actions around it.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { answer, PROVIDERS, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';
import type { ThemeName } from './themes';

describe('chat webview: model picker', function () {
  const panels = usePanels();
  let panel: Panel;

  const button = () => panel.page.getByTestId('model-picker');
  const search = () => panel.page.getByTestId('model-search');
  const menu = () => panel.page.getByTestId('model-menu');
  const rows = () => panel.page.getByTestId('model-option');
  const rowText = async () => (await rows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const focused = () => panel.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

  async function openWithKeyboard(): Promise<void> {
    await button().focus();
    await panel.page.keyboard.press('Enter');
    await menu().waitFor();
  }

  it('shows the current model on a compact button, and lists the ready providers\' models with context and price, the current one checked', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    assert.equal((await button().innerText()).trim(), 'GPT-5 mini');
    assert.equal(await button().getAttribute('aria-label'), 'Pick Model, GPT-5 mini');
    assert.ok((await button().boundingBox())!.width < 120, 'compact, not the composer\'s width');
    await button().click();
    assert.deepEqual(await rowText(), [
      'GPT-5 mini 400k context · $0.25 in / $2 out per 1M',
      'GPT-5 400k context · $1.25 in / $10 out per 1M',
      'Claude Sonnet 4.5 200k context · $3 in / $15 out per 1M',
      'llama3.1 context unknown · price unknown',
    ]);
    // Grouped by provider; Gemini (no key) is not offered.
    assert.deepEqual(await menu().getByRole('group').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label'))), ['OpenAI', 'Anthropic', 'Ollama']);
    const checked = await rows().evaluateAll((rs) => rs.map((r) => getComputedStyle(r.querySelector('.codicon-check')!).visibility === 'visible'));
    assert.deepEqual(checked, [true, false, false, false]);
    assert.equal(await rows().first().getAttribute('aria-current'), 'true');

    await rows().nth(2).click();
    assert.deepEqual(await panel.waitForPosted('selectModel'), { type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    await menu().waitFor({ state: 'detached' });
    assert.equal((await button().innerText()).trim(), 'Claude Sonnet 4.5');
    assert.equal(await focused(), 'model-picker', 'the focus goes back to the button');
  });

  it('filters as you type, by model name, id or provider, every word', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    await button().click();
    assert.equal(await focused(), 'model-search', 'the search box has the focus');
    await search().fill('sonnet');
    assert.deepEqual(await rowText(), ['Claude Sonnet 4.5 200k context · $3 in / $15 out per 1M']);
    await search().fill('GPT-5-MINI'); // the id, any case
    assert.deepEqual((await rowText()).map((t) => t.split(' 400k')[0]), ['GPT-5 mini']);
    await search().fill('ollama'); // the provider's name
    assert.deepEqual((await rowText()).map((t) => t.split(' context')[0]), ['llama3.1']);
    await search().fill('openai 5 mini');
    assert.equal(await rows().count(), 1);
    await search().fill('gemini'); // not ready: never offered
    assert.equal(await rows().count(), 0);
    await menu().getByText('No model matches.').waitFor();
    assert.equal(await search().getAttribute('aria-activedescendant'), null, 'nothing to point at');
    await search().fill('');
    assert.equal(await rows().count(), 4);
  });

  it('is keyboard-driven: opens on the current model, ↑ ↓ Home End move, Enter picks and returns the focus', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([], { selection: { providerId: 'openai', model: 'gpt-5' } }));
    await openWithKeyboard();
    const active = async () => {
      const id = await search().getAttribute('aria-activedescendant');
      const row = panel.page.locator(`#${id}`);
      assert.equal(await row.getAttribute('aria-selected'), 'true');
      return row.getAttribute('data-model');
    };
    assert.equal(await active(), 'gpt-5', 'starts on the current model');
    await panel.page.keyboard.press('ArrowDown');
    assert.equal(await active(), 'claude-sonnet-4-5');
    await panel.page.keyboard.press('End');
    assert.equal(await active(), 'llama3.1');
    await panel.page.keyboard.press('ArrowDown'); // wraps, as VS Code's quick pick does
    assert.equal(await active(), 'gpt-5-mini');
    await panel.page.keyboard.press('ArrowUp');
    assert.equal(await active(), 'llama3.1');
    await panel.page.keyboard.press('Home');
    assert.equal(await active(), 'gpt-5-mini');
    await panel.page.keyboard.type('claude');
    assert.equal(await active(), 'claude-sonnet-4-5', 'typing starts again at the first match');
    await panel.page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('selectModel'), { type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    await menu().waitFor({ state: 'detached' });
    assert.equal(await focused(), 'model-picker');
  });

  it('Escape closes it and gives the focus back to the button; a click elsewhere closes it; neither picks', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('Hi'), answer('Hello.')]));
    await openWithKeyboard();
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    assert.equal(await focused(), 'model-picker');
    assert.equal(await button().getAttribute('aria-expanded'), 'false');
    await button().click();
    await menu().waitFor();
    await panel.page.getByText('Hello.').click();
    await menu().waitFor({ state: 'detached' });
    await button().click(); // and the button toggles it
    await menu().waitFor();
    await button().click();
    await menu().waitFor({ state: 'detached' });
    assert.equal((await panel.posted()).filter((m) => m.type === 'selectModel').length, 0);
  });

  it('wires its ARIA: a button that opens a listbox, a combobox search box pointing at the active option', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    assert.equal(await button().getAttribute('aria-haspopup'), 'listbox');
    assert.equal(await button().getAttribute('aria-expanded'), 'false');
    await button().click();
    assert.equal(await button().getAttribute('aria-expanded'), 'true');
    const box = panel.page.getByRole('combobox', { name: 'Search models' });
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
    const list = panel.page.getByRole('listbox', { name: 'Models' });
    assert.equal(await box.getAttribute('aria-controls'), await list.getAttribute('id'));
    assert.equal(await list.getByRole('option').count(), 4);
    assert.equal(await box.getAttribute('aria-activedescendant'), await list.getByRole('option', { selected: true }).getAttribute('id'));
    assert.equal(await list.getByRole('option', { name: /^Claude Sonnet 4\.5 200k context/ }).count(), 1, 'an option is named by its text');
    const snapshot = await menu().ariaSnapshot();
    assert.match(snapshot, /group "Anthropic"/);
  });

  it('is disabled with "No model available" when no provider is ready, and shows a selected model no list has', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([], { providers: PROVIDERS.map((p) => ({ ...p, ready: false })), selection: null }));
    assert.equal((await button().innerText()).trim(), 'No model available');
    assert.equal(await button().isDisabled(), true);
    await panel.host(stateMessage([], { selection: { providerId: 'openai', model: 'gpt-4-legacy' } }));
    assert.equal((await button().innerText()).trim(), 'gpt-4-legacy');
    assert.equal(await button().isEnabled(), true);
    await button().click();
    assert.equal(await rows().count(), 4);
    assert.equal(await search().getAttribute('aria-activedescendant'), 'model-option-0', 'nothing to check: the list starts at the top');
  });

  for (const theme of ['dark', 'light'] as ThemeName[]) {
    it(`screenshot: the open picker, ${theme} theme`, async () => {
      panel = await panels.open({ theme, width: 400, height: 560 });
      await panel.host(stateMessage([userMessage('How do I debounce an input handler?'), answer('Wrap it in a **timer** that restarts on every call.', { meta: { providerId: 'openai', model: 'gpt-5-mini', inputTokens: 1234, outputTokens: 321, costUsd: 0.000951, costEstimated: false, latencyMs: 2300 } })]));
      await button().click();
      await search().fill('gpt');
      await panel.page.evaluate(() => document.fonts.ready);
      const file = path.join(screenshotDir, `model-picker-${theme}.png`);
      await panel.page.screenshot({ path: file });
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    });
  }
});

describe('chat webview: flat turns and code-block actions', function () {
  const panels = usePanels();
  let panel: Panel;
  const CODE_ANSWER = 'Like this:\n\n```ts\nconst t = setTimeout(run, 300);\n```';
  const META = { providerId: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 10, outputTokens: 20, costUsd: 0.0003, costEstimated: false, latencyMs: 900 };

  it('shows each turn full width under a header (an icon, "You" or the model), a line between turns', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('First?'), answer('One.', { meta: META }), userMessage('Second?'), answer('Two.', { meta: META })]));
    const turns = panel.page.locator('article.message');
    await turns.nth(3).getByText('Two.').waitFor();
    const headers = await panel.page.locator('article.message .turn-header').evaluateAll((hs) => hs.map((h) => [h.querySelector('.codicon')!.className.replace('codicon ', ''), h.querySelector('.speaker')!.textContent]));
    assert.deepEqual(headers, [['codicon-account', 'You'], ['codicon-sparkle', 'Claude Sonnet 4.5'], ['codicon-account', 'You'], ['codicon-sparkle', 'Claude Sonnet 4.5']]);
    const boxes = await turns.evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.width)]; }));
    assert.ok(boxes.every(([l, w]) => l === boxes[0]![0] && w === boxes[0]![1]), `every turn the same width at the same place: ${JSON.stringify(boxes)}`);
    const prompt = await panel.page.locator('article.message.user .text').first().evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, bg: getComputedStyle(el).backgroundColor }; });
    assert.equal(prompt.left, boxes[0]![0], 'the prompt starts at the left, not right-aligned');
    assert.equal(prompt.bg, 'rgba(0, 0, 0, 0)', 'no bubble');
    const borders = await panel.page.locator('article.message.user').evaluateAll((els) => els.map((el) => getComputedStyle(el).borderTopStyle));
    assert.deepEqual(borders, ['none', 'solid'], 'a line before every turn but the first');
    // Every action stays reachable: the prompt's edit button is in the tab order and labelled.
    assert.equal(await panel.page.getByRole('button', { name: 'Edit and send again' }).count(), 2);
  });

  it('shows a code block\'s actions while the pointer is on it or the focus is in it; always in the tab order and labelled', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('How?'), answer(CODE_ANSWER, { meta: META })]));
    const block = panel.page.locator('.code-block');
    await block.waitFor();
    const opacity = () => block.locator('.code-actions').evaluate((el) => getComputedStyle(el).opacity);
    assert.equal(await opacity(), '0');
    assert.deepEqual(await block.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))), ['Copy', 'Insert at cursor', 'Replace selection'], 'still there for a screen reader');
    await block.hover();
    assert.equal(await opacity(), '1');
    await panel.page.getByText('Like this:').hover();
    assert.equal(await opacity(), '0');
    await block.locator('pre').focus();
    await panel.page.keyboard.press('Shift+Tab'); // back into the header's last button
    assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Replace selection');
    assert.equal(await opacity(), '1');
    await panel.page.keyboard.press('Enter');
    assert.match((await panel.waitForPosted('replaceSelection')).code, /^const t = setTimeout\(run, 300\);\n?$/);
  });
});
