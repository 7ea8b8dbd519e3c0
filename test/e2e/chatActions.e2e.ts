// Issue 20 (chat actions) in real VS Code: Export Chat to Markdown from the palette asks where to
// save (VS Code's own save dialog, suggesting <workspace>/<title>.md) and writes the conversation
// there, turn by turn, exactly as the panel shows it; editing a prompt and sending it again changes
// the latest question in place, and an earlier one into a new conversation (a branch); search across
// the conversations finds a word and opens the conversation at the message it is in; Regenerate
// writes the latest answer again with the model picked now, keeping both as versions.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { clearNotifications, keepForReadme, openSwitchboardView, quickInput, runCommand, screenshot, waitForNotification } from './workbench';

const QUESTION = 'How do I export this chat?';
const ANSWER = 'Run **Export Chat to Markdown**:\n\n```md\n# Your chat\n```\n\n- one heading per turn';

describe('chat actions: export to Markdown, edit and send again, search, regenerate', function () {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'switchboard-export-'));
  writeFileSync(path.join(folder, 'README.md'), '# A project whose chats are exported\n');
  after(() => rmSync(folder, { recursive: true, force: true }));

  const wb = useWorkbench({ folder });
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(60_000);
    await setKey(wb.page, 'OpenAI', 'sk-exportE2E-0123456789abcdefWXYZ');
  });

  it('Export Chat to Markdown (palette) writes the conversation to the file chosen in the save dialog', async () => {
    const frame = await openSwitchboardView(wb.page);
    fp.fake.enqueue('openai', { text: ANSWER });
    await send(frame, QUESTION);
    await waitForStatus(frame, 'done');
    // The heading of an answer is the model's label, as its line under the answer shows it.
    const model = (await lastAnswer(frame).locator('.meta span').first().innerText()).trim();
    assert.ok(model, 'the answer names its model');

    await runCommand(wb.page, 'Switchboard: Export Chat to Markdown…');
    await quickInput.waitOpen(wb.page, { title: 'Export Chat to Markdown' });
    // VS Code's save dialog (a quick input in the browser) fills in the suggested path a moment after it opens.
    await wb.page.waitForFunction(() => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value.endsWith('.md'), undefined, { timeout: 10_000 });
    const suggested = await quickInput.input(wb.page).inputValue();
    assert.match(suggested, /How do I export this chat\.md$/, `suggested: ${suggested}`);
    await quickInput.input(wb.page).press('Enter');
    await waitForNotification(wb.page, /Exported the chat to How do I export this chat\.md/);
    await clearNotifications(wb.page);

    const file = path.join(folder, 'How do I export this chat.md');
    assert.ok(existsSync(file), 'the file was written where the dialog said');
    assert.equal(readFileSync(file, 'utf8'), `# ${QUESTION}\n\n## You\n\n${QUESTION}\n\n## ${model}\n\n${ANSWER}\n`);
  });

  /** The user messages' text of the last chat request the fake received. */
  function lastAsked(): string[] {
    const body = fp.fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
    return body.messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${m.content}`);
  }

  /** Edits the `index`-th prompt of the panel (hover shows its pencil) and sends it with Enter. */
  async function editPrompt(frame: Awaited<ReturnType<typeof openSwitchboardView>>, index: number, text: string): Promise<void> {
    const prompt = frame.locator('article.message.user').nth(index);
    await prompt.hover();
    await prompt.getByRole('button', { name: 'Edit and send again' }).click();
    const box = frame.locator('[data-testid="edit-input"]');
    await box.fill(text);
    await box.press('Enter');
  }

  it('edits the latest prompt in place; an earlier one goes to a new conversation and the original keeps its turns', async () => {
    const frame = await openSwitchboardView(wb.page);
    const prompts = frame.locator('article.message.user');
    fp.fake.enqueue('openai', { text: 'HTML is not offered, only Markdown.' });
    await editPrompt(frame, 0, 'Can I export this chat as HTML?');
    await lastAnswer(frame).getByText('HTML is not offered').waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    assert.deepEqual(lastAsked(), ['user: Can I export this chat as HTML?']);
    assert.deepEqual(await prompts.locator('.text').allInnerTexts(), ['Can I export this chat as HTML?'], 'the same turn, edited');

    fp.fake.enqueue('openai', { text: 'You are welcome.' });
    await send(frame, 'Thanks!');
    await lastAnswer(frame).getByText('You are welcome.').waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    fp.fake.enqueue('openai', { text: 'A branch of its own.' });
    await editPrompt(frame, 0, 'Can I export it as plain text?');
    await lastAnswer(frame).getByText('A branch of its own.').waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    assert.deepEqual(lastAsked(), ['user: Can I export it as plain text?'], 'the branch asks the edited question alone');
    assert.equal((await frame.locator('h1.title').innerText()).trim(), `${QUESTION} (edited)`);
    await frame.locator('[data-testid="toggle-conversations"]').click();
    const list = frame.locator('[data-testid="conversation-list"]');
    await list.getByText(`${QUESTION} (edited)`).waitFor();
    await list.getByText(QUESTION, { exact: true }).click();
    await prompts.nth(1).waitFor();
    assert.deepEqual(await prompts.locator('.text').allInnerTexts(), ['Can I export this chat as HTML?', 'Thanks!'], 'the original keeps its later turns');
  });

  it('search finds a word in a 3-conversation history and jumps to the message it is in', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    await frame.locator('.notice').getByRole('button', { name: 'Dismiss' }).click(); // the branch's notice, from the test before
    fp.fake.enqueue('openai', { text: 'Use a debounce of 300 ms.' });
    await send(frame, 'How long should a debounce wait?');
    await waitForStatus(frame, 'done');

    await frame.locator('[data-testid="toggle-conversations"]').click();
    const list = frame.locator('[data-testid="conversation-list"]');
    assert.equal(await list.locator('li').count(), 3, 'three conversations');
    await frame.locator('[data-testid="search-input"]').fill('WELCOME');
    const hits = frame.locator('[data-testid="search-hit"]');
    await hits.first().waitFor();
    keepForReadme(await screenshot(wb.page, 'search'), 'search');
    assert.deepEqual((await hits.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), [`${QUESTION} You are welcome.`], 'one hit: the answer in the original conversation');
    await hits.first().click();
    await frame.locator('.revealed').waitFor();
    assert.equal((await frame.locator('h1.title').innerText()).trim(), QUESTION);
    assert.equal((await frame.locator('.revealed').innerText()).includes('You are welcome.'), true, 'the hit\'s message is the one marked');
  });

  it('regenerate with another model keeps both answers; the one shown is what a follow-up sends', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    fp.fake.enqueue('openai', { text: 'Quicksort.' });
    await send(frame, 'Name a sorting algorithm.');
    await waitForStatus(frame, 'done');
    const first = fp.fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { model: string; messages: unknown[] };

    // Regenerate answers with the model picked now.
    await pickModel(frame, 'openai', 'gpt-4o-2024-08-06');
    fp.fake.enqueue('openai', { text: 'Merge sort.' });
    await lastAnswer(frame).getByRole('button', { name: 'Regenerate answer' }).click();
    await lastAnswer(frame).getByText('Merge sort.').waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    const again = fp.fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { model: string; messages: unknown[] };
    assert.deepEqual(again.messages, first.messages, 'the same question again');
    assert.equal(again.model, 'gpt-4o-2024-08-06', 'the model picked now');
    assert.notEqual(first.model, again.model);
    assert.equal(await frame.locator('article.message.assistant').count(), 1, 'no second answer: a second version');
    const versions = lastAnswer(frame).locator('[data-testid="versions"]');
    assert.equal(await versions.locator('[data-testid="version-label"]').innerText(), '2 / 2');

    await versions.getByRole('button', { name: 'Previous version' }).click();
    await lastAnswer(frame).getByText('Quicksort.').waitFor();
    assert.equal(await versions.locator('[data-testid="version-label"]').innerText(), '1 / 2');
    fp.fake.enqueue('openai', { text: 'It is fast on average.' });
    await send(frame, 'Why that one?');
    await lastAnswer(frame).getByText('It is fast on average.').waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    assert.deepEqual(lastAsked(), ['user: Name a sorting algorithm.', 'assistant: Quicksort.', 'user: Why that one?'], 'the version shown is the history');
  });
});
