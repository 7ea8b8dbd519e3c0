// A long conversation opens with only its newest messages in the list (MessageList's window):
// older ones join as the user scrolls up to them (what was read stays in place), from the
// "earlier messages" button, for a search hit, and after a reload where the user had scrolled.
import { strict as assert } from 'node:assert';
import { answer, stateMessage, usePanels, userMessage } from './harness';
import type { UiMessage } from '../../src/shared/protocol/chat';

const conversation = (turns: number): UiMessage[] =>
  Array.from({ length: turns }, (_, i) => [userMessage(`question ${i}`), answer(`answer ${i}\n\n${'Lorem ipsum dolor sit amet. '.repeat(8)}`)]).flat();

describe('chat webview: a long conversation', function () {
  const panels = usePanels();

  /** A 100-message conversation, open at its newest message. */
  async function openLong() {
    const panel = await panels.open();
    const messages = conversation(50);
    await panel.host(stateMessage(messages));
    const list = panel.page.getByTestId('messages');
    await list.getByText('question 49').waitFor();
    return { panel, messages, list };
  }

  it('opens with the newest 40 messages; scrolling up brings the older ones in without moving what is read', async () => {
    const { panel, messages, list } = await openLong();
    const articles = list.locator('article.message');
    assert.equal(await articles.count(), 40);
    assert.match(await panel.page.getByTestId('show-older').innerText(), /60 earlier messages/);
    assert.equal(await articles.first().getAttribute('data-message-id'), messages[60]!.id);

    const firstShown = list.locator(`[data-message-id="${messages[60]!.id}"]`);
    // Up to just below the button: the next 40 join above, and the message read stays where it was.
    await list.evaluate((el) => (el.scrollTop = 0));
    await panel.page.waitForFunction(() => document.querySelectorAll('[data-testid="messages"] article.message').length === 80);
    const top = async () => (await firstShown.boundingBox())!.y;
    const listTop = (await list.boundingBox())!.y;
    const now = await top();
    assert.ok(now >= listTop - 2 && now < listTop + 120, `the message read stays at the top of the view (at ${now - listTop} px)`);
    assert.match(await panel.page.getByTestId('show-older').innerText(), /20 earlier messages/);

    // The button, from the keyboard: the rest.
    await panel.page.getByTestId('show-older').focus();
    await panel.page.keyboard.press('Enter');
    await panel.page.getByTestId('show-older').waitFor({ state: 'detached' });
    assert.equal(await articles.count(), 100);
    assert.equal(await articles.first().getAttribute('data-message-id'), messages[0]!.id);
  });

  it('a new turn does not move the window; a search hit older than it joins and is shown', async () => {
    const { panel, messages, list } = await openLong();
    const more = [...messages, userMessage('one more'), answer('and its answer')];
    await panel.host(stateMessage(more));
    await list.getByText('and its answer').waitFor();
    assert.equal(await list.locator('article.message').count(), 42, 'the list grows at the bottom, its first message stays');

    // A search hit on message 3: it joins the list, is scrolled to and focused.
    await panel.page.getByTestId('toggle-conversations').click();
    await panel.page.getByTestId('search-input').fill('question 1');
    const asked = await panel.waitForPosted('searchConversations');
    const target = more[3]!;
    await panel.host({ type: 'searchResults', requestId: asked.requestId, truncated: false, results: [{ conversationId: 'c-other', title: 'Other', messageId: target.id, snippet: 'answer 1', match: { start: 0, length: 6 } }] });
    await panel.page.getByTestId('search-hit').click();
    await panel.waitForPosted('openConversation');
    await panel.host(stateMessage(more, { active: { id: 'c-other', title: 'Other', providerId: 'openai', model: 'gpt-5-mini', messages: more } }));
    const shown = panel.page.locator(`[data-message-id="${target.id}"]`);
    await panel.page.locator('.revealed').waitFor();
    assert.equal(await shown.evaluate((el) => el.classList.contains('revealed') && document.activeElement === el), true, 'the message is marked and focused');
    const box = (await shown.boundingBox())!;
    const view = (await list.boundingBox())!;
    assert.ok(box.y >= view.y && box.y < view.y + view.height, 'the message is scrolled into view');
  });

  it('after a reload, shows as many messages as before, the message read in view', async () => {
    const { panel, messages, list } = await openLong();
    await list.evaluate((el) => (el.scrollTop = 0));
    await panel.page.waitForFunction(() => document.querySelectorAll('[data-testid="messages"] article.message').length === 80);
    await list.evaluate((el) => el.scrollBy(0, 200));
    // Messages that came near the view are formatted meanwhile; then a last scroll saves the place.
    await panel.page.waitForTimeout(500);
    await list.evaluate((el) => el.scrollBy(0, 1));
    await panel.page.waitForTimeout(400); // the view state is saved with setState (coalesced)
    const read = await list.evaluate((el) => {
      const view = el.getBoundingClientRect();
      const first = [...el.querySelectorAll<HTMLElement>('article.message')].find((a) => a.getBoundingClientRect().bottom > view.top)!;
      return { id: first.dataset['messageId'], offset: first.getBoundingClientRect().top - view.top };
    });
    await panel.page.reload();
    await panel.page.getByTestId('chat-root').waitFor();
    await panel.host(stateMessage(messages));
    await list.locator('article.message').first().waitFor();
    await panel.page.waitForTimeout(500);
    assert.equal(await list.locator('article.message').count(), 80);
    const again = list.locator(`[data-message-id="${read.id}"]`);
    // On screen again, near where it was (the messages around it may be formatted a moment later).
    const box = (await again.boundingBox())!;
    const view = (await list.boundingBox())!;
    const offset = box.y - view.y;
    assert.ok(box.y + box.height > view.y && box.y < view.y + view.height, `the message read is in view (${offset} px, was ${read.offset})`);
    assert.ok(Math.abs(offset - read.offset) < view.height / 2, `the message read is near where it was (${offset} px, was ${read.offset})`);
  });
});
