// The composer's attachments in the built bundle in Chromium, under the real CSP: `@` opens a
// picker the host fills (newest query wins), the keyboard chooses, the chosen entry becomes an
// `attach` and leaves the draft; chips show label and tokens and can be removed; Send names
// exactly the chips shown; a refused send gives the draft back; a sent message keeps its chips
// (and opens them); files dropped from the Explorer are attached.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { answer, CONVERSATION_ID, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';
import type { UiAttachCandidate, UiAttachment } from '../../src/shared/protocol/chat';

const CHIPS: UiAttachment[] = [
  { id: 'x1', kind: 'file', label: 'calc.ts', detail: 'src/calc.ts', tokens: 1234 },
  { id: 'x2', kind: 'problems', label: 'Problems in workspace', detail: '2 errors, 1 warning', tokens: 87 },
  { id: 'x3', kind: 'gitDiff', label: 'Git Diff (Unstaged)', detail: '3 files changed', tokens: 15_400 },
];
const CANDIDATES: UiAttachCandidate[] = [
  { ref: { kind: 'source', source: 'currentFile' }, kind: 'file', label: 'Current File', detail: 'src/calc.ts' },
  { ref: { kind: 'uri', uri: 'file:///w/src/calc.ts' }, kind: 'file', label: 'calc.ts', detail: 'src/calc.ts' },
  { ref: { kind: 'uri', uri: 'file:///w/src/' }, kind: 'folder', label: 'src/', detail: 'src' },
];

describe('chat webview: attachments', function () {
  const panels = usePanels();
  let panel: Panel | undefined;

  it('`@` opens the picker; arrows and Enter choose; the choice is attached and leaves the draft', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    const input = panel.page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('Explain @cal');
    await panel.page.waitForFunction(() => (window as unknown as { __posted: { type: string; query?: string }[] }).__posted.some((m) => m.type === 'attachCandidates' && m.query === 'cal'));
    const asked = (await panel.posted()).filter((m) => m.type === 'attachCandidates').at(-1)!;
    assert.equal(asked.query, 'cal', 'typing pauses: the picker asks for what follows the @');
    const picker = panel.page.getByTestId('attach-picker');
    await picker.getByText('Looking…').waitFor();
    // An answer to an older query is not shown.
    await panel.host({ type: 'attachCandidates', requestId: asked.requestId - 1, items: CANDIDATES.slice(2), truncated: false });
    await panel.host({ type: 'attachCandidates', requestId: asked.requestId, items: CANDIDATES, truncated: true });
    const options = panel.page.getByTestId('attach-option');
    await options.nth(2).waitFor();
    assert.deepEqual(await options.allInnerTexts(), ['Current File\nsrc/calc.ts', 'calc.ts\nsrc/calc.ts', 'src/\nsrc']);
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
    await picker.getByText('Type more to narrow the list.').waitFor();
    await input.press('ArrowDown');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'attach-option-1');
    await input.press('Enter');
    assert.deepEqual(await panel.waitForPosted('attach'), { type: 'attach', ref: { kind: 'uri', uri: 'file:///w/src/calc.ts' } });
    assert.equal(await input.inputValue(), 'Explain ', 'the @query is gone; the rest of the draft stays');
    assert.equal(await picker.count(), 0);
    assert.equal((await panel.posted()).filter((m) => m.type === 'send').length, 0, 'Enter in the picker does not send');
    // Escape closes the picker without attaching; an @ inside a word opens none.
    await input.pressSequentially('@src');
    await picker.waitFor();
    await input.press('Escape');
    assert.equal(await picker.count(), 0);
    await input.fill('mail me at a@b');
    await input.press('End');
    await panel.page.waitForTimeout(150);
    assert.equal(await picker.count(), 0, 'an @ inside a word is not a mention');
  });

  it('chips show label and tokens, can be removed, and Send names exactly the chips shown', async () => {
    panel = await panels.open({ theme: 'dark' });
    await panel.host(stateMessage([], { draftAttachments: CHIPS }));
    const chips = panel.page.getByTestId('draft-attachments').getByTestId('attachment-chip');
    await chips.nth(2).waitFor();
    assert.deepEqual(await chips.getByTestId('attachment-label').allInnerTexts(), ['calc.ts', 'Problems in workspace', 'Git Diff (Unstaged)']);
    assert.deepEqual(await chips.getByTestId('attachment-tokens').allInnerTexts(), ['1.2k', '87', '15k']);
    assert.equal(await chips.nth(0).getByRole('button').first().getAttribute('title'), 'src/calc.ts — 1.2k tokens');
    await panel.page.screenshot({ path: path.join(screenshotDir, 'attachments-composer.png') });
    await chips.nth(0).getByRole('button').first().click();
    assert.deepEqual(await panel.waitForPosted('openAttachment'), { type: 'openAttachment', attachmentId: 'x1' });
    await panel.page.getByRole('button', { name: 'Remove Problems in workspace' }).click();
    assert.deepEqual(await panel.waitForPosted('removeAttachment'), { type: 'removeAttachment', attachmentId: 'x2' });
    await panel.host(stateMessage([], { draftAttachments: [CHIPS[0]!, CHIPS[2]!] }));
    await panel.page.waitForFunction(() => document.querySelectorAll('[data-testid="draft-attachments"] [data-testid="attachment-chip"]').length === 2);
    const input = panel.page.getByTestId('composer-input');
    await input.fill('What changed?');
    await input.press('Enter');
    assert.deepEqual(await panel.waitForPosted('send'), { type: 'send', conversationId: CONVERSATION_ID, text: 'What changed?', providerId: 'openai', model: 'gpt-5-mini', attachmentIds: ['x1', 'x3'] });
    // A refused send gives the draft back.
    assert.equal(await input.inputValue(), '');
    await panel.host({ type: 'restoreDraft', text: 'What changed?' });
    await panel.page.waitForFunction(() => (document.querySelector('[data-testid="composer-input"]') as HTMLTextAreaElement).value === 'What changed?');
  });

  it('the attach button asks the host for its picker; a sent message shows its chips and opens them', async () => {
    panel = await panels.open();
    const asked = { ...userMessage('Why does this fail?'), attachments: [CHIPS[0]!, { ...CHIPS[1]!, id: 'x9' }] };
    await panel.host(stateMessage([asked, answer('Because `x` is undefined.')]));
    await panel.page.getByRole('button', { name: 'Attach context' }).click();
    assert.deepEqual(await panel.waitForPosted('attachPick'), { type: 'attachPick' });
    const sent = panel.page.getByTestId('message-attachments').getByTestId('attachment-chip');
    await sent.nth(1).waitFor();
    assert.deepEqual(await sent.getByTestId('attachment-label').allInnerTexts(), ['calc.ts', 'Problems in workspace']);
    assert.equal(await panel.page.getByTestId('message-attachments').getByRole('button', { name: /^Remove/ }).count(), 0, 'a sent chip stays');
    await sent.nth(1).getByRole('button').click();
    assert.deepEqual(await panel.waitForPosted('openAttachment'), { type: 'openAttachment', attachmentId: 'x9', conversationId: CONVERSATION_ID, messageId: asked.id });
    assert.equal((await panel.page.locator('article.message.user .text').innerText()).trim(), 'Why does this fail?');
  });

  it('files dropped from the Explorer are attached, one attach per file', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    await panel.page.evaluate(() => {
      const target = document.querySelector('.composer')!;
      const data = new DataTransfer();
      data.setData('application/vnd.code.uri-list', 'file:///w/src/a.ts\r\nfile:///w/docs/');
      data.setData('text/plain', 'ignored');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await panel.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'attach').length === 2);
    const refs = (await panel.posted()).flatMap((m) => (m.type === 'attach' ? [m.ref] : []));
    assert.deepEqual(refs, [{ kind: 'uri', uri: 'file:///w/src/a.ts' }, { kind: 'uri', uri: 'file:///w/docs/' }]);
  });
});
