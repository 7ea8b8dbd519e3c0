// Issue 8 in real VS Code: Ask About Selection from the editor's context menu (file, language and
// code in the panel and in the provider's request), Replace on the answer's code block (exactly
// the asked-about lines, from another editor, after edits above them; refused when those lines
// changed), and Edit Selection (diff → Accept from the diff's title bar → Undo; Reject from the palette;
// the review notification closes either way).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useWorkbench } from './fixture';
import { activeTabLabel, clickEditorTitleAction, editorContextMenu, openFile, saveAll, selectLines, undo, waitForTab, waitForWorkspaceFile } from './editor';
import { lastAnswer, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { clearNotifications, escapeRegExp, openSwitchboardView, quickInput, runCommand, screenshot, waitForNotification, waitForNotificationGone } from './workbench';

const KEY = 'sk-selectionE2E-0123456789abcdefWXYZ';
const FILE = 'calc.ts';
const OTHER = 'notes.ts';
const LINES = [
  '// Sums and averages.',
  'export function sum(values: number[]): number {',
  '  let total = 0;',
  '  for (const v of values) total += v;',
  '  return total;',
  '}',
  '',
  'export function average(values: number[]): number {',
  '  return values.length ? sum(values) / values.length : 0;',
  '}',
  '',
];
const ORIGINAL = LINES.join('\n');
const OTHER_TEXT = 'export const note = "untouched";\n';
const SIMPLER = ['export function sum(values: number[]): number {', '  return values.reduce((a, b) => a + b, 0);'];

/** Types the prompt into the open quick pick and accepts the "Use what you typed" row. */
async function typePrompt(page: import('playwright-core').Page, text: string): Promise<void> {
  await quickInput.type(page, text, { submit: false });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Use what you typed' }).first().waitFor({ state: 'visible' });
  await quickInput.input(page).press('Enter');
  await quickInput.waitClosed(page);
}

describe('selection: ask, replace, edit', function () {
  // Auto save (on by default in the browser) would race the assertions on the files on disk.
  const wb = useWorkbench({ settings: { 'files.autoSave': 'off' } });
  const fp = useFakeProviders(wb);
  const file = (name: string) => path.join(wb.env.workspace, name);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  const lineOf = (name: string, prefix: string) => read(name).split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

  before(async function () {
    this.timeout(60_000);
    writeFileSync(file(FILE), ORIGINAL);
    writeFileSync(file(OTHER), OTHER_TEXT);
    await setKey(wb.page, 'OpenAI', KEY);
  });

  beforeEach(() => fp.fake.reset());

  it('asks about the selected lines from the context menu; the panel and the request carry file, language and code', async () => {
    const page = wb.page;
    fp.fake.enqueue('openai', { text: `A shorter version:\n\n\`\`\`ts\n${SIMPLER.join('\n')}\n\`\`\`\n`, chunkSize: 12, chunkDelayMs: 20 });
    await openFile(page, FILE);
    await selectLines(page, 2, 5);
    await editorContextMenu(page, 'Switchboard: Ask About Selection');
    await quickInput.waitOpen(page, { title: `Switchboard: ask about ${FILE} lines 2–5` });
    await typePrompt(page, 'Make this shorter');

    const frame = await openSwitchboardView(page);
    await waitForStatus(frame, 'done');
    // The prompt's turn holds the question and a chip for the code (file, lines), never the raw fence.
    const question = frame.locator('article.message.user').last();
    assert.equal((await question.locator('.text').innerText()).trim(), 'Make this shorter');
    const chip = question.locator('[data-testid="attachment-chip"]');
    assert.equal(await chip.locator('[data-testid="attachment-label"]').innerText(), `${path.basename(FILE)}:2-5`);
    assert.match(await chip.locator('[data-testid="attachment-tokens"]').innerText(), /^\d+$/);
    assert.ok(!(await question.innerText()).includes(LINES[1]!), 'the code is not in the prompt');
    assert.match(await lastAnswer(frame).innerText(), /A shorter version/);

    const body = fp.fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as { messages: { role: string; content: string }[] };
    const sent = body.messages.at(-1)!.content;
    assert.ok(sent.startsWith(`From \`${FILE}\` (typescript, lines 2–5):`), sent);
    assert.ok(sent.includes(`\`\`\`typescript\n${LINES.slice(1, 5).join('\n')}\n\`\`\``), `the request has the selection verbatim: ${sent}`);
    assert.ok(sent.endsWith('\n\nMake this shorter'), sent);
    await screenshot(page, 'selection-asked');
  });

  it('Replace puts the code into exactly the asked-about lines, after an edit above them, from another editor', async () => {
    const page = wb.page;
    // Move the code down a line, then leave the file for another one.
    await openFile(page, FILE);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('// edited above');
    await openFile(page, OTHER);

    const frame = await openSwitchboardView(page);
    const replace = lastAnswer(frame).locator('button[data-code-action="replace"]').first();
    assert.equal(await replace.getAttribute('title'), `Replace ${FILE} lines 2–5`);
    await replace.click();
    await waitForTab(page, new RegExp(`^${escapeRegExp(FILE)}`), { active: true });
    await saveAll(page);
    const expected = ['// edited above', LINES[0], ...SIMPLER, ...LINES.slice(5)].join('\n');
    assert.equal(await waitForWorkspaceFile(wb.env.workspace, FILE, expected), expected);
    assert.equal(read(OTHER), OTHER_TEXT, 'the other editor was not touched');
  });

  it('refuses to Replace once the asked-about lines themselves changed, and offers the clipboard', async () => {
    const page = wb.page;
    fp.fake.enqueue('openai', { text: '```ts\nconst replaced = true;\n```' });
    await openFile(page, FILE);
    const line = lineOf(FILE, '  return values.length');
    await selectLines(page, line, line);
    await editorContextMenu(page, 'Switchboard: Ask About Selection');
    await quickInput.waitOpen(page, { title: /ask about/ });
    await typePrompt(page, 'Replace this line');
    const frame = await openSwitchboardView(page);
    await waitForStatus(frame, 'done');

    const before = read(FILE);
    await openFile(page, FILE);
    await selectLines(page, line, line);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // before the ';': inside the asked-about code
    await page.keyboard.type(' + 1');
    await saveAll(page);
    const changed = read(FILE);
    assert.notEqual(changed, before);

    await lastAnswer(frame).locator('button[data-code-action="replace"]').first().click();
    await waitForNotification(page, /changed since you asked, so it was not replaced/);
    await saveAll(page);
    assert.equal(read(FILE), changed, 'nothing was replaced');
    await clearNotifications(page);
  });

  it('Edit Selection shows the proposal as a diff; Accept applies it and Undo restores the file', async () => {
    const page = wb.page;
    const start = read(FILE);
    const startLines = start.split('\n');
    const target = lineOf(FILE, 'export function average');
    fp.fake.enqueue('openai', { text: '```ts\nexport function mean(values: number[]): number {\n```' });
    await openFile(page, FILE);
    await selectLines(page, target, target);
    await editorContextMenu(page, 'Switchboard: Edit Selection');
    await quickInput.waitOpen(page, { title: `Switchboard: edit ${FILE} line ${target}` });
    await typePrompt(page, 'Rename it to mean');

    await waitForTab(page, new RegExp(`${escapeRegExp(FILE)}: Proposed edit \\(line ${target}\\)`));
    await waitForNotification(page, /review the proposed edit/);
    await screenshot(page, 'selection-edit-diff');
    const body = fp.fake.requests.find((r) => r.path === '/v1/chat/completions')!.body as { messages: { role: string; content: string }[] };
    assert.match(body.messages[0]!.content, /code editing tool/);
    assert.ok(body.messages.at(-1)!.content.startsWith('Instruction: Rename it to mean'));

    // Accepted from the diff's title bar (✓): the diff and the review notification both close.
    await clickEditorTitleAction(page, 'Accept Proposed Edit');
    await page.waitForFunction(() => !document.querySelector('.tabs-container .tab[aria-label*="Proposed edit"]'));
    await waitForNotificationGone(page, /review the proposed edit/);
    await saveAll(page);
    const accepted = startLines.map((l, i) => (i === target - 1 ? 'export function mean(values: number[]): number {' : l)).join('\n');
    assert.equal(await waitForWorkspaceFile(wb.env.workspace, FILE, accepted), accepted);
    assert.match(await activeTabLabel(page), new RegExp(escapeRegExp(FILE)));

    await undo(page);
    await saveAll(page);
    assert.equal(await waitForWorkspaceFile(wb.env.workspace, FILE, start), start, 'one Undo restores the file');
  });

  it('Reject discards the proposal and leaves the file as it was', async () => {
    const page = wb.page;
    const start = read(FILE);
    fp.fake.enqueue('openai', { text: '```ts\n// nothing to see\n```' });
    await openFile(page, FILE);
    await selectLines(page, 1, 1);
    await runCommand(page, 'Switchboard: Edit Selection');
    await quickInput.waitOpen(page, { title: /Switchboard: edit/ });
    await typePrompt(page, 'Rewrite the comment');
    await waitForNotification(page, /review the proposed edit/);
    // The palette offers Reject only while an edit is pending; this time it comes from there.
    await runCommand(page, 'Switchboard: Reject Proposed Edit');
    await page.waitForFunction(() => !document.querySelector('.tabs-container .tab[aria-label*="Proposed edit"]'));
    await waitForNotificationGone(page, /review the proposed edit/);
    await saveAll(page);
    assert.equal(read(FILE), start);
    await clearNotifications(page);
  });
});
