// Issue 18 in real VS Code: prompt caching shows up as money — the answer's meta line says how many
// input tokens came from the cache and what that saved, the usage report adds the savings up, the
// composer's context meter grows as the conversation does, and a workspace budget in hard mode
// blocks the next request before it reaches the provider.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { words } from '../fakes/adapterHarness';
import { estimateTokens } from '../../src/core/llm/tokenEstimate';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { openChatView, keepForReadme, openSwitchboardView, runCommand, screenshot, webviewFrame } from './workbench';

const MODEL = 'claude-sonnet-4-5-20250929';
// Long enough to be cached (Claude Sonnet 4.5 caches prompts of 1,024 tokens and more).
const SYSTEM = `You are a careful reviewer of TypeScript code in VS Code. House rules follow.\n${words(1500, 'rule')}`;
const TURNS = [
  {
    ask: 'How do I debounce a function in TypeScript?',
    answer: 'Wrap it in a closure that resets a timer on every call:\n\n```ts\nexport function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n```\n\nOnly the last call within `ms` runs.',
  },
  {
    ask: 'And how do I cancel a pending call?',
    answer: 'Return a `cancel` function next to the debounced one that clears the timer:\n\n```ts\nconst cancel = () => clearTimeout(timer);\n```\n\nCall it when the component is disposed, so no callback runs after that.',
  },
  {
    ask: 'Should the timer be cleared on dispose in a VS Code extension too?',
    answer: 'Yes. Push a `{ dispose: cancel }` into `context.subscriptions`: VS Code calls it when the extension deactivates, and a late callback can no longer touch a disposed editor or webview.',
  },
];

describe('costs: caching savings, the context meter, workspace budgets', function () {
  const wb = useWorkbench();
  const fp = useFakeProviders(wb, { 'switchboard.systemPrompt': SYSTEM });

  before(async function () {
    this.timeout(60_000);
    await setKey(wb.page, 'Anthropic', 'sk-ant-costsE2E-0123456789abcdefWXYZ');
  });

  beforeEach(() => fp.fake.reset());

  /** The tokens the context meter says the next request will send. */
  async function meterTokens(frame: Awaited<ReturnType<typeof openSwitchboardView>>): Promise<number> {
    const meter = frame.locator('[data-testid="context-meter"]');
    await meter.waitFor({ state: 'visible' });
    return Number(await meter.getAttribute('data-tokens'));
  }

  /** Waits until the meter shows more than `than` tokens (it refreshes after each turn). */
  async function meterAbove(frame: Awaited<ReturnType<typeof openSwitchboardView>>, than: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const tokens = await meterTokens(frame);
      if (tokens > than) return tokens;
      if (Date.now() > deadline) throw new Error(`the context meter stayed at ${tokens} tokens (expected more than ${than})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('each answer shows its cached tokens and what caching saved; the context meter grows with every turn', async () => {
    const frame = await openSwitchboardView(wb.page);
    await pickModel(frame, 'anthropic', MODEL);
    let tokens = await meterAbove(frame, 1000); // the system prompt alone
    const seen = [tokens];
    for (const [i, { ask, answer }] of TURNS.entries()) {
      const turn = i + 1;
      fp.fake.enqueue('anthropic', { text: answer });
      await send(frame, ask);
      await waitForStatus(frame, 'done');
      tokens = await meterAbove(frame, tokens);
      seen.push(tokens);
      const cache = lastAnswer(frame).locator('[data-testid="meta-cache"]');
      await cache.waitFor({ state: 'visible' });
      const shown = (await cache.innerText()).trim();
      // Turn 1 writes the system prompt to the cache (a write costs more than it saves that turn);
      // later turns read it back and save money.
      if (turn === 1) assert.match(shown, /cache write \+\$0\.\d+/, `turn 1 meta: ${shown}`);
      else assert.match(shown, /[\d,.]+K? cached.*saved \$0\.\d+/s, `turn ${turn} meta: ${shown}`);
    }
    assert.ok(seen.every((t, i) => i === 0 || t > seen[i - 1]!), `meter grew: ${seen.join(' → ')}`);
    // What the fake received: the system prompt marked on every turn, the conversation from turn 2.
    const bodies = fp.fake.requests.filter((r) => r.provider === 'anthropic' && r.method === 'POST').map((r) => JSON.stringify(r.body));
    assert.equal(bodies.length, 3);
    assert.ok(bodies.every((b) => b.includes('"cache_control"')));
    await screenshot(wb.page, 'context-savings');
  });

  it('near the context window the meter warns and says which messages will be left out', async () => {
    const frame = await openSwitchboardView(wb.page);
    const meter = frame.locator('[data-testid="context-meter"]');
    const empty = await meterTokens(frame);
    const title = (await meter.getAttribute('title')) ?? '';
    const figure = (re: RegExp) => Number(re.exec(title)?.[1]?.replace(/,/g, ''));
    const system = figure(/System prompt: ([\d,]+)/);
    const budget = figure(/([\d,]+) for the input/);
    assert.ok(system > 1000 && budget > 100_000, title);
    // A pasted log just big enough that the history no longer fits beside it, but the system prompt still does.
    const history = empty - system;
    const line = (i: number) => `2026-12-03T19:${String(i % 60).padStart(2, '0')}:07.${String(i % 1000).padStart(3, '0')}Z INFO http GET /api/items/${i} 200 in ${i % 97} ms\n`;
    let draft = '';
    for (let i = 0; estimateTokens(draft) < budget - empty + history / 2; i++) draft += line(i);
    // Pasted in one go (fill() would insert it as typed text, which is far slower than a paste).
    const started = Date.now();
    await frame.locator('[data-testid="composer-input"]').evaluate((el, text) => {
      (el as HTMLTextAreaElement).value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, draft);
    const notice = frame.locator('[data-testid="context-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await notice.innerText(), /The oldest \d+ messages? will be left out to fit the context window \(the system prompt and the newest turns are kept\)/);
    assert.equal(await meter.getAttribute('data-level'), 'warning');
    console.log(`      a ${Math.round(draft.length / 1024)} KB paste: the notice showed after ${Date.now() - started} ms`);
    await frame.locator('[data-testid="composer-input"]').evaluate((el) => el.scrollTo(0, 0));
    const file = await screenshot(wb.page, 'context-meter');
    keepForReadme(file, 'context-meter');
    await frame.locator('[data-testid="composer-input"]').fill('');
    await notice.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('the usage report shows what caching saved', async () => {
    await runCommand(wb.page, 'Switchboard: Show Usage Report');
    const report = await webviewFrame(wb.page, 'usage');
    await report.locator('[data-testid="usage-root"]').waitFor({ timeout: 20_000 });
    const saved = report.locator('[data-testid="saved-by-caching"]').first();
    await saved.waitFor({ state: 'visible' });
    assert.match(await saved.innerText(), /\$0\.\d*[1-9]/, 'a non-zero saving');
    await saved.scrollIntoViewIfNeeded();
    const file = await screenshot(wb.page, 'usage-savings');
    keepForReadme(file, 'usage-savings');
  });

  it('a workspace budget in hard mode blocks the next request; nothing reaches the provider', async () => {
    // Budgets are user settings only (a workspace cannot loosen its own): they apply at the next load.
    const workspace = path.basename(wb.env.workspace);
    await wb.server.updateSettings({ 'switchboard.budget.perWorkspace': { [workspace]: { daily: 0.001 } }, 'switchboard.budget.mode': 'hard' });
    try {
      await wb.reload();
      const frame = await openChatView(wb.page);
      fp.fake.reset();
      fp.fake.setDefault('anthropic', { text: 'Not to be sent.' });
      await send(frame, 'One more question, please.');
      await waitForStatus(frame, 'error');
      const text = await lastAnswer(frame).innerText();
      assert.match(text, new RegExp(`budget for workspace "${workspace}" is used up`), text);
      assert.match(text, /switchboard\.budget\.perWorkspace/);
      assert.equal(fp.fake.requests.filter((r) => r.provider === 'anthropic' && r.method === 'POST').length, 0, 'nothing sent');
      await screenshot(wb.page, 'workspace-budget-blocked');
    } finally {
      await wb.server.updateSettings({ 'switchboard.budget.perWorkspace': undefined, 'switchboard.budget.mode': undefined });
    }
  });
});
