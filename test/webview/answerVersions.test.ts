// Regenerate and answer versions in the built bundle in Chromium, under the real CSP: the latest
// finished answer offers Regenerate (none while an answer runs, none on earlier answers); an answer
// with versions shows "n / m" and steps through them at the ends' limits.
import { strict as assert } from 'node:assert';
import { answer, CONVERSATION_ID, stateMessage, usePanels, userMessage, type Panel } from './harness';

describe('chat webview: regenerate and answer versions', function () {
  const panels = usePanels();
  let panel: Panel | undefined;

  it('Regenerate on the latest answer only, never while one runs; versions step with their buttons', async () => {
    panel = await panels.open();
    const earlier = answer('The first answer.');
    const latest = answer('The third try.', { versions: { index: 2, count: 3 } });
    await panel.host(stateMessage([userMessage('one'), earlier, userMessage('two'), latest]));
    const answers = panel.page.locator('article.message.assistant');
    await answers.nth(1).waitFor();
    assert.equal(await answers.nth(0).getByTestId('regenerate').count(), 0, 'an earlier answer has none');
    await answers.nth(1).getByRole('button', { name: 'Regenerate answer' }).click();
    assert.deepEqual(await panel.waitForPosted('regenerate'), { type: 'regenerate', conversationId: CONVERSATION_ID, messageId: latest.id });

    const versions = answers.nth(1).getByTestId('versions');
    assert.equal(await versions.getByTestId('version-label').innerText(), '3 / 3');
    assert.equal(await versions.getByRole('button', { name: 'Next version' }).isDisabled(), true, 'the last has no next');
    await versions.getByRole('button', { name: 'Previous version' }).click();
    assert.deepEqual(await panel.waitForPosted('showVersion'), { type: 'showVersion', conversationId: CONVERSATION_ID, messageId: latest.id, index: 1 });
    await panel.host(stateMessage([userMessage('one'), earlier, userMessage('two'), { ...latest, text: 'The second try.', versions: { index: 0, count: 3 } }]));
    await answers.nth(1).getByText('The second try.').waitFor();
    assert.equal(await versions.getByTestId('version-label').innerText(), '1 / 3');
    assert.equal(await versions.getByRole('button', { name: 'Previous version' }).isDisabled(), true, 'the first has no previous');

    // While an answer runs nothing can be regenerated or switched.
    await panel.host(stateMessage([userMessage('one'), earlier, userMessage('two'), { ...latest, versions: { index: 0, count: 3 } }, userMessage('three'), answer('', { status: 'streaming' })]));
    await answers.nth(2).waitFor();
    assert.equal(await panel.page.getByTestId('regenerate').count(), 0);
    assert.equal(await versions.getByRole('button', { name: 'Next version' }).isDisabled(), true);
  });
});
