// Issue 18 in real VS Code: prompt caching shows up as money — the answer's meta line says how many
// input tokens came from the cache and what that saved, the usage report adds the savings up, the
// composer's context meter grows as the conversation does, and a workspace budget in hard mode
// blocks the next request before it reaches the provider.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { words } from '../fakes/adapterHarness';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { keepForReadme, openSwitchboardView, runCommand, screenshot, webviewFrame } from './workbench';

const MODEL = 'claude-sonnet-4-5-20250929';
// Long enough to be cached (Claude Sonnet 4.5 caches prompts of 1,024 tokens and more).
const SYSTEM = `You are a careful reviewer of TypeScript code in VS Code. House rules follow.\n${words(1500, 'rule')}`;

/** The answer's status once it has stopped changing (done, error, stopped…). */
async function settled(answer: ReturnType<typeof lastAnswer>): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = (await answer.getAttribute('data-status')) ?? '';
    if (!['streaming', 'queued', 'retrying'].includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`the answer is still ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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
    for (let turn = 1; turn <= 3; turn++) {
      fp.fake.enqueue('anthropic', { text: `Answer ${turn}: ${words(150, `a${turn}-`)}` });
      await send(frame, `Question ${turn}: ${words(60, `q${turn}-`)}`);
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
    const bodies = fp.fake.requests.filter((r) => r.provider === 'anthropic').map((r) => JSON.stringify(r.body));
    assert.equal(bodies.length, 3);
    assert.ok(bodies.every((b) => b.includes('"cache_control"')));
    const file = await screenshot(wb.page, 'context-meter');
    keepForReadme(file, 'context-meter');
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
    const workspace = path.basename(wb.env.workspace);
    await wb.server.updateSettings({ 'switchboard.budget.perWorkspace': { [workspace]: { daily: 0.001 } }, 'switchboard.budget.mode': 'hard' });
    try {
      const frame = await openSwitchboardView(wb.page);
      // Settings reach the extension host a moment after the file changes: ask until the budget applies.
      const answers = frame.locator('article.message.assistant');
      const deadline = Date.now() + 20_000;
      for (;;) {
        fp.fake.reset();
        fp.fake.setDefault('anthropic', { text: 'Answered before the budget applied.' });
        const before = await answers.count();
        await send(frame, 'One more question, please.');
        while ((await answers.count()) <= before) await new Promise((r) => setTimeout(r, 50));
        const status = await settled(lastAnswer(frame));
        if (status === 'error') break;
        if (Date.now() > deadline) throw new Error('the workspace budget never blocked a request');
      }
      const text = await lastAnswer(frame).innerText();
      assert.match(text, new RegExp(workspace));
      assert.match(text, /budget/i);
      assert.equal(fp.fake.requests.filter((r) => r.provider === 'anthropic' && r.method === 'POST').length, 0, 'nothing sent');
    } finally {
      await wb.server.updateSettings({ 'switchboard.budget.perWorkspace': undefined, 'switchboard.budget.mode': undefined });
    }
  });
});
