// Issue 20 (workspace instructions) in real VS Code: an AGENTS.md at the workspace root is added to
// the panel's system prompt, the composer names it with its tokens, a second instructions file
// created while the panel is open shows up (the file watcher), and turning the setting off
// removes them from the panel and from the request.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useWorkbench } from './fixture';
import { send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { keepForReadme, openSwitchboardView, screenshot } from './workbench';

const AGENTS = '# Agents\n\nAlways answer in British English. Marker: AGENTS-7f3a.';
const COPILOT = 'Prefer small pure functions. Marker: COPILOT-91c2.';

describe('workspace instructions: AGENTS.md in the system prompt, shown in the composer', function () {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'switchboard-instructions-'));
  writeFileSync(path.join(folder, 'AGENTS.md'), AGENTS);
  writeFileSync(path.join(folder, 'README.md'), '# A project with instructions for AI assistants\n');
  after(() => rmSync(folder, { recursive: true, force: true }));

  const wb = useWorkbench({ folder });
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(60_000);
    await setKey(wb.page, 'OpenAI', 'sk-instructionsE2E-0123456789abcdefWXYZ');
  });

  beforeEach(() => fp.fake.reset());

  /** Sends `question` and waits for its answer (not the answer before it) to finish. */
  async function ask(frame: Awaited<ReturnType<typeof openSwitchboardView>>, question: string): Promise<void> {
    const answers = await frame.locator('article.message.assistant').count();
    await send(frame, question);
    await frame.locator('article.message.assistant').nth(answers).waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
  }

  /** The system prompt of the last chat request the fake received. */
  function lastSystemPrompt(): string {
    const body = fp.fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
    assert.equal(body.messages[0]!.role, 'system');
    return body.messages[0]!.content;
  }

  it('sends AGENTS.md after the system prompt and names it, with its tokens, above the composer', async () => {
    const frame = await openSwitchboardView(wb.page);
    const indicator = frame.locator('[data-testid="instructions"]');
    await indicator.locator('[data-testid="instructions-file"]', { hasText: 'AGENTS.md' }).waitFor({ timeout: 20_000 });
    assert.match(await indicator.locator('[data-testid="instructions-tokens"]').innerText(), /^\d+ tokens$/);
    fp.fake.enqueue('openai', { text: 'Understood, colour and all.' });
    await ask(frame, 'Which spelling do you use?');
    const system = lastSystemPrompt();
    assert.match(system, /^You are a helpful coding assistant/, "the user's system prompt comes first");
    assert.ok(system.includes(`Instructions from the workspace file AGENTS.md:\n\n${AGENTS}`), system);
    keepForReadme(await screenshot(wb.page, 'instructions'), 'instructions');
  });

  it('a second instructions file created while the panel is open shows up and is sent too', async () => {
    mkdirSync(path.join(folder, '.github'), { recursive: true });
    writeFileSync(path.join(folder, '.github', 'copilot-instructions.md'), COPILOT);
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="instructions-file"]', { hasText: '.github/copilot-instructions.md' }).waitFor({ timeout: 20_000 });
    fp.fake.enqueue('openai', { text: 'Noted.' });
    await ask(frame, 'And the style?');
    const system = lastSystemPrompt();
    assert.ok(system.indexOf('AGENTS-7f3a') < system.indexOf('COPILOT-91c2'), system);
  });

  it('switchboard.instructions.enabled = false takes them out of the panel and of the request', async () => {
    await wb.server.updateSettings({ 'switchboard.instructions.enabled': false });
    try {
      const frame = await openSwitchboardView(wb.page);
      await frame.locator('[data-testid="instructions"]').waitFor({ state: 'detached', timeout: 20_000 });
      fp.fake.enqueue('openai', { text: 'Plain again.' });
      await ask(frame, 'Without instructions?');
      const system = lastSystemPrompt();
      assert.ok(!system.includes('Marker:'), system);
    } finally {
      await wb.server.updateSettings({ 'switchboard.instructions.enabled': undefined });
    }
  });
});
