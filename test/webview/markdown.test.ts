// webview/lib/markdown.ts in the built bundle, in Chromium (issue 15): an answer is never blank.
// Quotes nested 2,000 deep are cut to a depth the parser handles; a nesting the parser still
// overflows on (quotes inside lists inside quotes…) is shown as plain, escaped text with its line
// breaks. Run: npm run build && npx mocha --import=tsx --timeout 60000 test/webview/markdown.test.ts
import { strict as assert } from 'node:assert';
import { answer, CONVERSATION_ID, stateMessage, usePanels, userMessage, type Panel } from './harness';

describe('chat webview: answers the Markdown renderer cannot take (built bundle in Chromium)', function () {
  const panels = usePanels();

  let panel: Panel | undefined;

  const body = (p: Panel) => p.page.locator('article.assistant .markdown').first();

  it('`>` nested 2,000 deep: the text shows (quotes cut to 8 levels)', async () => {
    panel = await panels.open();
    const deep = `Before the quote.\n\n${'>'.repeat(2_000)} the deepest words`;
    await panel.host(stateMessage([userMessage('q'), answer(deep)]));
    await body(panel).getByText('the deepest words').waitFor();
    assert.match(await body(panel).innerText(), /Before the quote\.[\s\S]*the deepest words/);
    const depth = await body(panel).evaluate((el) => {
      let max = 0;
      for (const q of el.querySelectorAll('blockquote')) {
        let d = 0;
        for (let n: Element | null = q; n && n !== el; n = n.parentElement) if (n.tagName === 'BLOCKQUOTE') d++;
        max = Math.max(max, d);
      }
      return max;
    });
    assert.equal(depth, 8);
  });

  it('quotes in lists in quotes, 1,000 deep (the parser overflows, or it nests past reading): plain text, line breaks kept, inert', async () => {
    panel = await panels.open();
    const deep = `First line <img src=x onerror="window.__pwned=1">\nSecond line\n\n${'> - '.repeat(1_000)}end of the answer`;
    const streaming = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('q'), answer(deep), userMessage('again'), streaming]));
    // Finished, and streamed (the renderer runs again on every batch of deltas).
    for (const piece of deep.match(/[\s\S]{1,500}/g)!) await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: streaming.id, text: piece });
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...streaming, text: deep, status: 'done' } });
    await panel.page.waitForTimeout(300);
    for (const md of await panel.page.locator('article.assistant .markdown').all()) {
      const plain = md.locator('p.plain');
      assert.equal(await plain.count(), 1, 'shown as plain text');
      const text = await plain.innerText();
      assert.ok(text.startsWith('First line <img src=x onerror="window.__pwned=1">\nSecond line\n'), `line breaks kept, HTML as text: ${text.slice(0, 80)}`);
      assert.ok(text.endsWith('end of the answer'));
      assert.equal(await md.locator('img').count(), 0);
    }
    assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  });
});
