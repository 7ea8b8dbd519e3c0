// Issue 20 (context attachments) in real VS Code: a file attached with `@` in the composer, a
// problem from the Problems view (its Quick Fix "Add Problem to Switchboard Chat") and the git
// diff (`@` again) become chips with token counts; the fake receives exactly their contents before
// the question; the sent message keeps its chips, also once the conversation is opened again.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { fileBlock } from '../../src/core/attachments/attachmentBlocks';
import { openFile } from './editor';
import { useWorkbench } from './fixture';
import { setKey, useFakeProviders, waitForStatus } from './switchboard';
import { keepForReadme, openSwitchboardView, runCommand, screenshot } from './workbench';

const CALC = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const CHANGED = `${CALC}export const added = 1;\n`;
const BROKEN = '{\n  "name": "demo"\n  "version": 1\n}\n';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'E2E', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'E2E', GIT_COMMITTER_EMAIL: 'e2e@example.invalid' } });
}

describe('context attachments: @ file, a problem from the Problems view, the git diff', function () {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'switchboard-attach-'));
  mkdirSync(path.join(folder, 'src'));
  writeFileSync(path.join(folder, 'src', 'calc.ts'), CALC);
  writeFileSync(path.join(folder, 'broken.json'), BROKEN);
  writeFileSync(path.join(folder, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  git(folder, 'init', '-q', '-b', 'main');
  git(folder, 'add', '.');
  git(folder, 'commit', '-q', '-m', 'start');
  // An unstaged change for the diff.
  writeFileSync(path.join(folder, 'src', 'calc.ts'), CHANGED);
  after(() => rmSync(folder, { recursive: true, force: true }));

  const wb = useWorkbench({ folder, settings: { 'files.autoSave': 'off' } });
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(60_000);
    await setKey(wb.page, 'OpenAI', 'sk-attachE2E-0123456789abcdefWXYZ');
  });

  /** Types `@query` in the composer and takes the picker's entry `label`. */
  async function mention(frame: FrameLocator, query: string, label: string, keep?: string): Promise<void> {
    const input = frame.locator('[data-testid="composer-input"]');
    await input.click();
    await input.press('End');
    await input.pressSequentially(`@${query}`);
    // The best match comes first once the host answered this query (an older answer, filtered, shows until then).
    const option = frame.locator('[data-testid="attach-option"]').first().filter({ has: frame.locator('.label', { hasText: label }) });
    await option.waitFor({ timeout: 20_000 });
    if (keep) keepForReadme(await screenshot(wb.page, keep), keep);
    await option.dispatchEvent('pointerdown');
  }

  function chips(frame: FrameLocator, within: 'draft-attachments' | 'message-attachments') {
    return frame.locator(`[data-testid="${within}"]`).last().locator('[data-testid="attachment-chip"]');
  }

  async function chipTexts(frame: FrameLocator, within: 'draft-attachments' | 'message-attachments'): Promise<string[]> {
    const all = chips(frame, within);
    const labels = await all.locator('[data-testid="attachment-label"]').allInnerTexts();
    const tokens = await all.locator('[data-testid="attachment-tokens"]').allInnerTexts();
    return labels.map((l, i) => `${l} ${tokens[i]}`);
  }

  /** The Problems view's row for `text`, its Quick Fix menu, and our action in it. */
  async function attachProblemFromProblemsView(page: Page, text: string): Promise<void> {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.keyboard.press('Control+Period');
    const action = page.locator('.action-widget .action-list-row, .context-view .action-menu-item', { hasText: 'Add Problem to Switchboard Chat' }).first();
    await action.waitFor({ timeout: 10_000 });
    // A click while the menu still animates in can be lost: click until the menu goes.
    for (let i = 0; i < 5 && (await action.isVisible()); i++) {
      await action.click().catch(() => undefined);
      await action.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
  }

  it('attaches with @ and from the Problems view; the fake receives exactly the chips; reopening shows them', async () => {
    const page = wb.page;
    // The JSON language service reports the missing comma once the file is open.
    await openFile(page, 'broken.json');
    const frame = await openSwitchboardView(page);

    // `@` alone lists the sources that make sense now, then the workspace's files and folders.
    const input = frame.locator('[data-testid="composer-input"]');
    await input.click();
    await input.pressSequentially('@');
    await frame.locator('[data-testid="attach-option"]').first().filter({ hasText: 'Current File' }).waitFor({ timeout: 20_000 });
    await frame.locator('[data-testid="attach-option"]', { hasText: 'calc.ts' }).waitFor();
    keepForReadme(await screenshot(page, 'attach-picker'), 'attach-picker');
    await input.press('Escape');
    await input.fill('');

    // A binary file is refused with a message, and nothing is attached.
    await mention(frame, 'logo', 'logo.png');
    await frame.locator('.notice', { hasText: 'logo.png' }).getByText(/binary/).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('[data-testid="draft-attachments"]').count(), 0);
    await frame.locator('.notice').getByRole('button', { name: 'Dismiss' }).click();

    await mention(frame, 'calc', 'calc.ts');
    await chips(frame, 'draft-attachments').first().waitFor({ timeout: 20_000 });

    await attachProblemFromProblemsView(page, 'Expected comma');
    await frame.locator('[data-testid="draft-attachments"] [data-kind="problems"]').waitFor({ timeout: 20_000 });

    // The Git extension finds the repository a moment after the window opens.
    await mention(frame, 'diff', 'Git Diff (Unstaged)');
    await frame.locator('[data-testid="draft-attachments"] [data-kind="gitDiff"]').waitFor({ timeout: 20_000 });

    const draft = await chipTexts(frame, 'draft-attachments');
    assert.equal(draft.length, 3, draft.join(' | '));
    assert.match(draft[0]!, /^calc\.ts \d+$/);
    assert.match(draft[1]!, /^Problem in broken\.json:3 \d+$/);
    assert.match(draft[2]!, /^Git Diff \(Unstaged\) \d+$/);
    keepForReadme(await screenshot(page, 'attachments'), 'attachments');

    fp.fake.enqueue('openai', { text: 'Add the comma after "demo".' });
    await input.fill('Review these');
    await input.press('Enter');
    await waitForStatus(frame, 'done');

    const body = fp.fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
    const sent = body.messages.at(-1)!.content;
    const blocks = sent.split('\n\nReview these');
    assert.equal(blocks.length, 2, sent);
    assert.equal(blocks[1], '', 'the question comes last');
    assert.ok(sent.startsWith(fileBlock('src/calc.ts', 'typescript', CHANGED)), `the file's block first, exactly: ${sent}`);
    assert.match(sent, /broken\.json:3:\d+ Error: Expected comma/);
    assert.ok(sent.includes('+export const added = 1;'), `the diff: ${sent}`);
    assert.ok(sent.indexOf('Expected comma') < sent.indexOf('+export const added'), 'in the order attached');

    const shown = await chipTexts(frame, 'message-attachments');
    assert.deepEqual(shown, draft, 'the sent message shows the chips that were sent');
    assert.equal(await frame.locator('[data-testid="draft-attachments"]').count(), 0, 'the composer is empty again');

    // Another conversation, then this one again: its chips are still there.
    await frame.locator('[data-testid="new-chat"]').click();
    await frame.locator('[data-testid="message-attachments"]').waitFor({ state: 'detached' });
    await frame.locator('[data-testid="toggle-conversations"]').click();
    await frame.locator('[data-testid="conversation-list"]').getByText('Review these').click();
    await frame.locator('[data-testid="message-attachments"]').waitFor();
    assert.deepEqual(await chipTexts(frame, 'message-attachments'), draft);
  });
});
