// The chat webview, built (dist/webview.js + css), in Chromium with a test VS Code bridge.
// Run: npm run build && npx mocha --import=tsx --timeout 60000 "test/webview/**/*.test.ts"
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { answer, CONVERSATION_ID, PROVIDERS, screenshotDir, stateMessage, usePanels, userMessage, type Panel } from './harness';
import type { ThemeName } from './themes';
import type { ChatOutbound } from '../../src/shared/protocol/chat';

const CODE = 'function debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}';

const RICH_ANSWER = `Use a **debounce**: it waits until calls stop for \`ms\` milliseconds.

\`\`\`ts
${CODE}
\`\`\`

- Works for \`input\` events
- See [MDN setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout)

| Option | Default |
| --- | --- |
| ms | 300 |`;

const META = { providerId: 'openai', model: 'gpt-5-mini', inputTokens: 1234, outputTokens: 321, costUsd: 0.000951, costEstimated: false, latencyMs: 2300, ttftMs: 420 };

/** The answers' rendered DOM must never contain these, whatever the model wrote. */
async function assertInert(panel: Panel): Promise<number> {
  const report = await panel.page.evaluate(() => {
    const app = document.getElementById('app')!;
    const all = [...app.querySelectorAll('*')];
    const onAttrs = all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName}[${a.name}]`));
    const badUrls = all.flatMap((el) =>
      ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster']
        .map((n) => [n, el.getAttribute(n)] as const)
        .filter(([, v]) => v !== null && !/^(https?:|mailto:|data:image\/(png|gif|jpe?g|webp);base64,)/i.test(v.trim()))
        .map(([n, v]) => `${el.tagName}[${n}=${v}]`),
    );
    // Inside rendered answers only the panel's own code-block toolbar may hold a button.
    const forbidden = [...app.querySelectorAll('.markdown :is(script, style, iframe, frame, object, embed, form, input, button, textarea, select, svg, math, link, meta, base, template, noscript, video, audio)')]
      .filter((el) => !(el.matches('button.code-action') && el.closest('.code-header')))
      .map((el) => el.tagName);
    const answers = app.querySelectorAll('.markdown').length;
    const remoteImages = [...app.querySelectorAll('img')].filter((img) => !(img.getAttribute('src') ?? '').startsWith('data:image/')).map((img) => img.outerHTML);
    const inlineStyles = [...app.querySelectorAll('.markdown [style]')].map((el) => el.outerHTML);
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned, onAttrs, badUrls, forbidden, remoteImages, inlineStyles, answers };
  });
  const { answers, ...found } = report;
  assert.deepEqual(found, { pwned: undefined, onAttrs: [], badUrls: [], forbidden: [], remoteImages: [], inlineStyles: [] });
  return answers;
  assert.deepEqual(panel.dialogs, [], 'a dialog fired');
}

const HOSTILE: string[] = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<img src="https://evil.example/track.png" alt="tracker">',
  '![pixel](https://evil.example/pixel.gif)',
  '[click me](javascript:window.__pwned="mdlink")',
  '[Click](JaVaScRiPt:window.__pwned="mdcase")',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:window.__pwned=\'a\'">raw link</a>',
  '<a href="jav&#x09;ascript:window.__pwned=\'entity\'">entity link</a>',
  '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<svg onload="window.__pwned=\'svg\'"><circle r="10"/></svg>',
  '<details open ontoggle="window.__pwned=\'details\'"><summary>x</summary></details>',
  '<form action="https://evil.example"><input name="q"><button>go</button></form>',
  '<object data="javascript:window.__pwned=\'object\'"></object><embed src="javascript:window.__pwned=\'embed\'">',
  '<style>body { display: none }</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'">',
  '<a href="https://example.com" onclick="window.__pwned=\'onclick\'">ok link</a>',
  '<javascript:window.__pwned="autolink">',
  '[ref][r]\n\n[r]: javascript:window.__pwned="ref"',
  '<div style="background:url(https://evil.example/x)">styled</div>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=\'noscript\'>"></noscript>',
  '<x onmouseover="window.__pwned=\'hover\'">hover me</x>',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)',
  '[vb](vbscript:msgbox(1)) and [file](file:///etc/passwd) and [cmd](command:workbench.action.quit)',
  '```html\n<script>window.__pwned="fenced"</script>\n```',
  'And one [safe link](https://example.com).',
];

describe('chat webview (built bundle in Chromium)', function () {
  const panels = usePanels();

  let panel: Panel | undefined;

  it('shows the empty state with ready providers and a Set API Key action', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([], { providers: PROVIDERS.map((p) => ({ ...p, ready: false })), selection: null }));
    const empty = panel.page.getByTestId('empty-state');
    await empty.getByText('Add an API key to start chatting.').waitFor();
    await panel.page.getByTestId('empty-set-key').click();
    assert.deepEqual(await panel.waitForPosted('setApiKey'), { type: 'setApiKey' });
    await panel.host(stateMessage([]));
    await empty.getByText('Ask a question about your code.').waitFor();
    assert.match(await empty.innerText(), /OpenAI\s+ready/);
    await empty.getByRole('button', { name: 'Set API key for Google Gemini' }).click();
    assert.deepEqual(await panel.waitForPosted('setApiKey', (m) => m.providerId === 'gemini'), { type: 'setApiKey', providerId: 'gemini' });
  });

  it('sends with Enter, adds a line with Shift+Enter, and keeps the draft across a reload', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([]));
    const input = panel.page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second line');
    assert.equal(await input.inputValue(), 'first line\nsecond line');
    assert.equal((await panel.posted()).filter((m) => m.type === 'send').length, 0, 'Shift+Enter does not send');
    await panel.page.waitForTimeout(400); // the draft is saved with setState (coalesced)
    await panel.page.reload();
    await panel.page.getByTestId('chat-root').waitFor();
    await panel.host(stateMessage([]));
    const restored = panel.page.getByTestId('composer-input');
    assert.equal(await restored.inputValue(), 'first line\nsecond line', 'the draft survives a reload');
    await restored.press('Enter');
    const send = await panel.waitForPosted('send');
    assert.deepEqual(send, { type: 'send', conversationId: CONVERSATION_ID, text: 'first line\nsecond line', providerId: 'openai', model: 'gpt-5-mini' });
    assert.equal(await restored.inputValue(), '');
  });

  it('streams deltas into the answer, then shows model, tokens, cost and latency', async () => {
    panel = await panels.open();
    const pending = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('How do I debounce?'), pending]));
    await panel.page.getByText('Waiting for the answer…').waitFor();
    const chunks = RICH_ANSWER.match(/[\s\S]{1,7}/g)!;
    for (const text of chunks) await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: pending.id, text });
    const article = panel.page.locator('article.assistant').last();
    await article.locator('.code-block .code-language', { hasText: 'ts' }).waitFor();
    assert.equal(await article.getAttribute('data-status'), 'streaming');
    assert.equal(await article.locator('.answer').getAttribute('aria-live'), null, 'the answer is no live region: its tokens are not read out');
    // The language label shows with the fence; the rest of the code comes with the next throttled render.
    await panel.page
      .waitForFunction((code) => [...document.querySelectorAll<HTMLElement>('article.assistant')].at(-1)?.querySelector<HTMLElement>('pre code')?.innerText === code, CODE, { timeout: 5_000 })
      .catch(() => undefined);
    assert.equal(await article.locator('pre code').innerText(), CODE);
    // Highlighted off the critical path, once its grammar file has loaded (under the real CSP).
    await article.locator('pre code .hljs-keyword').first().waitFor({ timeout: 5_000 });
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...pending, text: RICH_ANSWER, status: 'done', meta: META } });
    const meta = article.locator('.meta').first();
    await meta.waitFor();
    assert.equal(await meta.innerText().then((t) => t.replace(/\s+/g, ' ')), 'GPT-5 mini 1.2k in / 321 out $0.00095 2.3 s first token 420 ms');
    assert.equal(await article.locator('table td').first().innerText(), 'ms');
  });

  it('announces an answer started, finished and failed — once each, never its tokens — and keeps focus in the composer after Send', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('Hi'), answer('Hello.')]));
    const announcer = panel.page.getByTestId('announcer');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    assert.equal(await announcer.innerText(), '', 'opening a conversation announces nothing');
    // The page records every text its live region takes.
    await panel.page.evaluate(() => {
      const el = document.querySelector('[data-testid="announcer"]')!;
      const said: string[] = ((window as unknown as { __said: string[] }).__said = []);
      new MutationObserver(() => el.textContent && said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    });
    const input = panel.page.getByTestId('composer-input');
    await input.fill('And now?');
    await panel.page.getByTestId('send').click();
    await panel.waitForPosted('send');
    assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'composer-input', 'focus back in the composer');
    const live = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('Hi'), answer('Hello.'), userMessage('And now?'), live]));
    for (const text of ['Some ', 'words ', 'stream.']) await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: live.id, text });
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...live, text: 'Some words stream.', status: 'done', meta: META } });
    await announcer.getByText('Answer finished.').waitFor();
    const failing = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('Hi'), failing]));
    await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: failing.id, text: 'Par' });
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...failing, text: 'Par', status: 'error', error: { code: 'network', message: 'The connection was reset.', action: 'retry', providerId: 'openai' } } });
    await announcer.getByText('Answer failed: The connection was reset.').waitFor();
    const said = await panel.page.evaluate(() => (window as unknown as { __said: string[] }).__said);
    assert.deepEqual(said, ['Answer started.', 'Answer finished.', 'Answer started.', 'Answer failed: The connection was reset.']);
  });

  it('renders a finished answer once: streaming another answer and new snapshots leave its DOM alone', async () => {
    panel = await panels.open();
    const first = answer(RICH_ANSWER, { meta: META });
    const pending = answer('', { status: 'streaming' });
    const messages = [userMessage('one'), first, userMessage('two'), pending];
    await panel.host(stateMessage(messages));
    const mark = () => panel!.page.evaluate(() => {
      const el = document.querySelector('article.assistant .markdown > .blocks > :first-child') as (Element & { __mark?: number }) | null;
      if (el) el.__mark = 1;
    });
    const marked = () => panel!.page.evaluate(() => (document.querySelector('article.assistant .markdown > .blocks > :first-child') as (Element & { __mark?: number }) | null)?.__mark === 1);
    await mark();
    for (let i = 0; i < 20; i++) await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: pending.id, text: `word${i} ` });
    const done = { ...pending, text: Array.from({ length: 20 }, (_, i) => `word${i} `).join(''), status: 'done' as const, meta: META };
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: done });
    await panel.host(stateMessage([...messages.slice(0, 3), done])); // the snapshot after the answer
    await panel.page.locator('article.assistant').last().locator('.meta').first().waitFor();
    assert.equal(await panel.page.locator('article.assistant').last().locator('.markdown').innerText(), done.text.trim());
    assert.ok(await marked(), 'the finished answer kept its rendered nodes (it was not parsed again)');
  });

  it('Stop posts stop while an answer streams', async () => {
    panel = await panels.open();
    const pending = answer('Partial', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('Write a novel'), pending]));
    await panel.page.getByTestId('stop').click();
    assert.deepEqual(await panel.waitForPosted('stop'), { type: 'stop', conversationId: CONVERSATION_ID });
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...pending, status: 'stopped', meta: { ...META, costEstimated: true } } });
    await panel.page.getByTestId('messages').getByText('Stopped.').waitFor();
    await panel.page.getByTestId('send').waitFor(); // the send button is back
    await panel.page.getByRole('button', { name: 'Continue' }).click();
    assert.equal((await panel.waitForPosted('continue')).messageId, pending.id);
    assert.match(await panel.page.locator('.meta').first().innerText(), /≈1\.2k in/);
  });

  it('code blocks: Copy, Insert at cursor and Replace selection post the exact code', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer(RICH_ANSWER, { meta: META })]));
    const block = panel.page.locator('.code-block').first();
    await block.getByRole('button', { name: 'Copy' }).click();
    assert.equal((await panel.waitForPosted('copyCode')).code, CODE);
    await block.getByRole('button', { name: 'Insert at cursor' }).click();
    assert.equal((await panel.waitForPosted('insertCode')).code, CODE);
    await block.getByRole('button', { name: 'Replace selection' }).click();
    assert.equal((await panel.waitForPosted('replaceSelection')).code, CODE);
  });

  it('edit and send again: a prompt becomes a box with its text; Enter posts the edit, Escape gives it up; none while an answer runs', async () => {
    panel = await panels.open();
    const first = userMessage('How do I debounce?');
    const second = userMessage('And throttle?');
    await panel.host(stateMessage([first, answer('Use a timer.'), second, answer('Count calls.')]));
    const prompts = panel.page.locator('article.message.user');
    assert.equal(await panel.page.getByRole('button', { name: 'Edit and send again' }).count(), 2);
    await prompts.first().hover();
    await prompts.first().getByRole('button', { name: 'Edit and send again' }).click();
    const box = panel.page.getByTestId('edit-input');
    assert.equal(await box.inputValue(), 'How do I debounce?');
    await box.press('Escape');
    await box.waitFor({ state: 'detached' });
    assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'edit-prompt', 'focus back on the edit button');
    await panel.page.keyboard.press('Enter'); // the focused edit button, from the keyboard
    await box.fill('How do I debounce in Svelte?');
    await box.press('Enter');
    assert.deepEqual(await panel.waitForPosted('editResend'), { type: 'editResend', conversationId: CONVERSATION_ID, messageId: first.id, text: 'How do I debounce in Svelte?' });
    await box.waitFor({ state: 'detached' });
    await panel.host(stateMessage([first, answer('Use a timer.'), second, answer('', { status: 'streaming' })]));
    await panel.page.getByText('Waiting for the answer…').waitFor();
    assert.equal(await panel.page.getByRole('button', { name: 'Edit and send again' }).count(), 0, 'not while an answer is written');
  });

  it('Copy answer (under a finished answer, not a streaming one) asks the host for that answer\'s Markdown', async () => {
    panel = await panels.open();
    const done = answer(RICH_ANSWER, { meta: META });
    await panel.host(stateMessage([userMessage('q'), done, userMessage('more'), answer('Part', { status: 'streaming' })]));
    const copy = panel.page.getByRole('button', { name: 'Copy answer as Markdown' });
    assert.equal(await copy.count(), 1, 'only the finished answer has it');
    await copy.focus();
    await panel.page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('copyAnswer'), { type: 'copyAnswer', conversationId: CONVERSATION_ID, messageId: done.id });
    assert.equal(await panel.page.locator('.meta').first().innerText().then((t) => t.replace(/\s+/g, ' ').trim()), 'GPT-5 mini 1.2k in / 321 out $0.00095 2.3 s first token 420 ms', 'the button adds no text to the line');
  });

  it('links are opened by the host on click; the webview never navigates', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer(RICH_ANSWER)]));
    const url = panel.page.url();
    await panel.page.getByRole('link', { name: 'MDN setTimeout' }).click();
    assert.deepEqual(await panel.waitForPosted('openLink'), { type: 'openLink', href: 'https://developer.mozilla.org/docs/Web/API/setTimeout' });
    await panel.page.getByRole('link', { name: 'MDN setTimeout' }).click({ button: 'middle' });
    await panel.page.waitForTimeout(200);
    assert.equal(panel.page.url(), url);
    assert.equal(panel.page.context().pages().length, 1, 'no new window');
  });

  for (const csp of [false, true]) {
    it(`renders hostile model output inert${csp ? ' (with the CSP)' : ' (sanitizer alone, no CSP)'}`, async () => {
      panel = await panels.open({ csp });
      const all = HOSTILE.join('\n\n');
      // Finished messages (rendered once) and a streamed one (rendered incrementally).
      const streaming = answer('', { status: 'streaming' });
      await panel.host(stateMessage([userMessage('<img src=x onerror="window.__pwned=\'user\'">'), answer(all), userMessage('again'), streaming], {
        conversations: [{ id: CONVERSATION_ID, title: '<img src=x onerror="window.__pwned=\'title\'">', updatedAt: Date.now(), running: true }],
      }));
      for (const piece of all.match(/[\s\S]{1,11}/g)!) await panel.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: streaming.id, text: piece });
      await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...streaming, text: all, status: 'done' } });
      await panel.page.waitForTimeout(300);
      assert.equal(await assertInert(panel), 2, 'both answers were checked');
      // Hover and click everything that looks like a link, then check again that nothing ran.
      for (const link of await panel.page.locator('article.assistant a').all()) {
        await link.hover();
        await link.click();
      }
      assert.equal(await assertInert(panel), 2);
      await panel.page.getByTestId('toggle-conversations').click(); // the titles, in the conversation list
      await panel.page.waitForTimeout(300);
      await assertInert(panel);
      await panel.page.getByTestId('toggle-conversations').click();
      // Raw HTML is shown as text, not interpreted.
      const first = panel.page.locator('article.assistant .markdown').first();
      assert.match(await first.innerText(), /<script>window\.__pwned = "script"<\/script>/);
      const opened = (await panel.posted()).filter((m) => m.type === 'openLink').map((m) => (m as { href: string }).href);
      assert.ok(opened.every((href) => /^https:\/\/example\.com\/?$/.test(href)), `only the safe link was opened: ${opened.join(', ')}`);
      assert.ok(opened.length >= 1);
      assert.deepEqual(panel.errors.filter((e) => e.startsWith('blocked network request')), [], 'nothing was fetched from outside');
    });
  }

  it('follows the stream only while at the bottom; scrolling up stops it; Jump to latest resumes', async () => {
    panel = await panels.open({ height: 480 });
    const pending = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('Long answer please'), pending]));
    const scroller = panel.page.getByTestId('messages');
    const metrics = () => scroller.evaluate((el) => ({ top: el.scrollTop, gap: el.scrollHeight - el.scrollTop - el.clientHeight }));
    const stream = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await panel!.host({ type: 'delta', conversationId: CONVERSATION_ID, messageId: pending.id, text: `Paragraph ${i}: ${'lorem ipsum '.repeat(12)}\n\n` });
        await panel!.page.waitForTimeout(15);
      }
      await panel!.page.waitForTimeout(400); // the throttled Markdown render and the scroll catch up
    };
    await stream(30);
    assert.ok((await metrics()).gap <= 24, 'following: at the bottom');
    await scroller.hover();
    await panel.page.mouse.wheel(0, -600);
    await panel.page.waitForTimeout(200);
    const readingAt = (await metrics()).top;
    assert.ok((await metrics()).gap > 100, 'scrolled up');
    await stream(15);
    assert.ok(Math.abs((await metrics()).top - readingAt) <= 2, 'the view stays where the user is reading');
    const jump = panel.page.getByTestId('jump-to-latest');
    await jump.click();
    await panel.page.waitForTimeout(100);
    assert.ok((await metrics()).gap <= 24, 'back at the bottom');
    await stream(10);
    assert.ok((await metrics()).gap <= 24, 'following again');
    assert.equal(await jump.count(), 0, 'the button is gone');
    // The finished answer (rendered once more, with a longer final text) stays in view too.
    const final = `${'Paragraph: lorem ipsum.\n\n'.repeat(60)}The end, in a paragraph of its own.`;
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...pending, text: final, status: 'done' } });
    await panel.page.getByText('The end, in a paragraph of its own.').waitFor();
    await panel.page.waitForTimeout(200);
    assert.ok((await metrics()).gap <= 24, 'the finished answer is followed to its end');
  });

  it('a long conversation renders the newest answers at once and older ones as they come into view', async () => {
    panel = await panels.open({ height: 480 });
    const turns = Array.from({ length: 40 }, (_, i) => [userMessage(`question ${i}`), answer(`**Answer ${i}** with \`code\`\n\n${'More words here. '.repeat(20)}`)]).flat();
    await panel.host(stateMessage(turns));
    const scroller = panel.page.getByTestId('messages');
    await panel.page.getByText('Answer 39', { exact: true }).waitFor();
    const bold = (i: number) => panel!.page.locator('article.assistant .markdown strong', { hasText: `Answer ${i}` });
    assert.equal(await bold(39).count(), 1, 'the newest answer is rendered');
    assert.equal(await bold(0).count(), 0, 'the oldest waits, shown as its text');
    // The list holds the newest 40 messages (messageWindow.test.ts); the oldest of them waits as text.
    assert.match((await panel.page.locator('article.assistant .markdown').first().textContent()) ?? '', /\*\*Answer 20\*\*/);
    assert.ok(await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24), 'opens at the newest message');
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await panel.page.waitForFunction(() => document.querySelectorAll('article.assistant').length === 40);
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await bold(0).waitFor();
    assert.equal(await panel.page.locator('article.assistant .markdown strong', { hasText: /^Answer 0$/ }).count(), 1);
  });

  it('shows answers as plain text when the Markdown renderer cannot be loaded', async () => {
    panel = await panels.open({ missing: ['renderer.js'] });
    await panel.host(stateMessage([userMessage('q'), answer('# Title\n\n**bold** and <img src=x onerror="window.__pwned=1">')]));
    const md = panel.page.locator('article.assistant .markdown');
    await md.getByText('# Title').waitFor();
    assert.match(await md.innerText(), /\*\*bold\*\* and <img src=x onerror="window.__pwned=1">/);
    assert.equal(await md.locator('h1, strong, img').count(), 0, 'nothing of it is interpreted');
    assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    panel.errors.splice(0, panel.errors.length, ...panel.errors.filter((e) => !/renderer\.js|404/.test(e)));
  });

  it('comes back where the user had scrolled after a reload', async () => {
    panel = await panels.open({ height: 420 });
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'words '.repeat(20)}`).join('\n\n');
    const state = stateMessage([userMessage('q'), answer(long), userMessage('more'), answer(long)]);
    await panel.host(state);
    const scroller = panel.page.getByTestId('messages');
    await panel.page.waitForTimeout(200);
    assert.ok(await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24), 'opens at the newest message');
    await scroller.hover();
    await panel.page.mouse.wheel(0, -1500);
    await panel.page.waitForTimeout(400);
    const top = await scroller.evaluate((el) => el.scrollTop);
    await panel.page.reload();
    await panel.page.getByTestId('chat-root').waitFor();
    await panel.host(state);
    await panel.page.waitForTimeout(300);
    assert.ok(Math.abs((await scroller.evaluate((el) => el.scrollTop)) - top) <= 2, 'the scroll position was restored');
    await panel.page.getByTestId('jump-to-latest').waitFor();
  });

  it('tells the truth about queued, retrying, interrupted and failed answers', async () => {
    panel = await panels.open();
    const a = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('q'), a]));
    const ref = { conversationId: CONVERSATION_ID, messageId: a.id };
    await panel.host({ type: 'status', ...ref, state: 'queued', progress: { position: 2, waitMs: 12_000 } });
    await panel.page.getByText(/Queued by the rate limiter — #2 in line, about 1[12] s\./).waitFor();
    await panel.host({ type: 'status', ...ref, state: 'retrying', progress: { attempt: 2, maxAttempts: 4, delayMs: 8000, reason: 'Rate limited by OpenAI (429).' } });
    await panel.page.getByText(/Rate limited by OpenAI \(429\)\. Retrying in [78] s \(attempt 2 of 4\)\./).waitFor();
    await panel.page.getByRole('button', { name: 'Retry now' }).click();
    assert.deepEqual(await panel.waitForPosted('retryNow'), { type: 'retryNow', ...ref });
    await panel.page.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await panel.waitForPosted('stop'), { type: 'stop', conversationId: CONVERSATION_ID });

    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...a, text: 'Half an answ', status: 'interrupted', error: { code: 'network', message: 'The connection was reset.', action: 'retry', providerId: 'openai' } } });
    await panel.page.getByText('Interrupted: The connection was reset.').waitFor();
    await panel.page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await panel.waitForPosted('retry'), { type: 'retry', ...ref });

    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...a, text: '', status: 'error', error: { code: 'auth', message: 'OpenAI rejected the API key (401).', action: 'setApiKey', providerId: 'openai' } } });
    await panel.page.getByRole('alert').getByText('OpenAI rejected the API key (401).').waitFor();
    await panel.page.getByRole('button', { name: 'Set API Key for OpenAI' }).click();
    assert.deepEqual(await panel.waitForPosted('setApiKey'), { type: 'setApiKey', providerId: 'openai' });

    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...a, status: 'error', error: { code: 'budget_exceeded', message: 'Daily budget reached.', action: 'openSettings', providerId: 'openai', settings: 'budget' } } });
    await panel.page.getByRole('button', { name: 'Open Settings' }).click();
    assert.deepEqual(await panel.waitForPosted('openSettings'), { type: 'openSettings', section: 'budget' });

    // An answer cut at switchboard.maxAnswerCharacters: kept, and both Continue and the setting offered.
    const cut = 'The answer reached the 400,000-character limit (switchboard.maxAnswerCharacters) and was cut here.';
    await panel.host({ type: 'messageDone', conversationId: CONVERSATION_ID, message: { ...a, text: 'A very long answ', status: 'interrupted', error: { code: 'answer_too_long', message: cut, action: 'openSettings', providerId: 'openai', settings: 'maxAnswerCharacters' } } });
    await panel.page.getByText(`Interrupted: ${cut}`).waitFor();
    await panel.page.getByRole('button', { name: 'Open Settings' }).click();
    assert.deepEqual(await panel.waitForPosted('openSettings', (m) => m.section === 'maxAnswerCharacters'), { type: 'openSettings', section: 'maxAnswerCharacters' });
    await panel.page.getByRole('button', { name: 'Continue' }).click();
    assert.deepEqual(await panel.waitForPosted('continue'), { type: 'continue', ...ref });
  });

  // The model picker itself: modelPicker.test.ts.

  it('reasoning effort: a select next to the picker only for a reasoning model; shows the conversation\'s effort and posts a change', async () => {
    panel = await panels.open();
    const providers = PROVIDERS.map((p) => ({ ...p, models: p.models.map((m) => (m.id === 'gpt-5-mini' ? { ...m, reasoning: true as const } : m)) }));
    await panel.host(stateMessage([], { providers }));
    const effort = panel.page.getByRole('combobox', { name: 'Reasoning effort' });
    await effort.waitFor();
    assert.deepEqual(await effort.locator('option').allInnerTexts(), ['Default', 'Low', 'Medium', 'High']);
    assert.equal(await effort.inputValue(), 'Default');
    await effort.selectOption('High');
    assert.deepEqual(await panel.waitForPosted('setEffort'), { type: 'setEffort', conversationId: CONVERSATION_ID, effort: 'high' });
    await effort.selectOption('Default');
    assert.deepEqual(await panel.waitForPosted('setEffort', (m) => m.effort === null), { type: 'setEffort', conversationId: CONVERSATION_ID, effort: null });
    const active = (stateMessage([]) as Extract<ChatOutbound, { type: 'state' }>).active!;
    await panel.host(stateMessage([], { providers, active: { ...active, effort: 'medium' } }));
    assert.equal(await effort.inputValue(), 'Medium');
    // GPT-5 here is not flagged as reasoning: no control at all.
    await panel.host(stateMessage([], { providers, selection: { providerId: 'openai', model: 'gpt-5' } }));
    assert.equal(await effort.count(), 0);
  });

  it('asks for a token + cost estimate once typing pauses and shows the answer', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer('a')]));
    await panel.waitForPosted('estimate'); // the context meter's, for the empty draft
    await panel.clearPosted();
    await panel.page.getByTestId('composer-input').pressSequentially('How much will this cost?', { delay: 20 });
    const request = await panel.waitForPosted('estimate');
    await panel.page.waitForTimeout(500);
    const estimates = (await panel.posted()).filter((m) => m.type === 'estimate');
    assert.equal(estimates.length, 1, 'debounced: one request for the whole phrase');
    assert.equal(request.text, 'How much will this cost?');
    await panel.host({ type: 'estimate', requestId: request.requestId, inputTokens: 1520, systemTokens: 20, historyTokens: 1400, draftTokens: 100, costUsd: 0.00038, maxOutputCostUsd: 0.008192, maxOutputTokens: 4096, contextWindow: 400_000, inputBudget: 395_904, droppedMessages: 2 });
    const shown = panel.page.getByTestId('context-meter');
    await shown.getByText('1.5k / 400k tokens').waitFor();
    assert.equal((await shown.innerText()).replace(/\s+/g, ' ').trim(), '1.5k / 400k tokens · ≈$0.00038');
    assert.match((await shown.getAttribute('title'))!, /up to \$0\.0082 more if the answer uses all 4,096 output tokens/);
    await panel.page.getByTestId('context-notice').getByText('The oldest 2 messages will be left out').waitFor();
    // A reply to an older request is ignored.
    await panel.host({ type: 'estimate', requestId: request.requestId - 1, inputTokens: 9, systemTokens: 0, historyTokens: 0, draftTokens: 9, costUsd: 0, maxOutputCostUsd: 0, maxOutputTokens: 1, contextWindow: null, inputBudget: null, droppedMessages: 0 });
    await panel.page.waitForTimeout(100);
    assert.match(await shown.innerText(), /1\.5k/);
  });

  it('conversation list: open, rename, delete and new chat', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer('a')], {
      conversations: [
        { id: CONVERSATION_ID, title: 'How do I debounce?', updatedAt: Date.now() - 60_000, running: false },
        { id: 'c-2', title: 'Regex for emails', updatedAt: Date.now() - 3 * 86_400_000, running: true },
      ],
    }));
    await panel.page.getByTestId('toggle-conversations').click();
    const list = panel.page.getByTestId('conversation-list');
    assert.match(await list.innerText(), /How do I debounce\?\s+1 min ago[\s\S]*Regex for emails\s+3 days ago/);
    await list.getByRole('button', { name: 'Rename Regex for emails' }).click();
    const input = list.getByRole('textbox', { name: 'Conversation title' });
    await input.fill('Email regex');
    await input.press('Enter');
    assert.deepEqual(await panel.waitForPosted('renameConversation'), { type: 'renameConversation', conversationId: 'c-2', title: 'Email regex' });
    await list.getByRole('button', { name: 'Delete Regex for emails' }).click();
    assert.deepEqual(await panel.waitForPosted('deleteConversation'), { type: 'deleteConversation', conversationId: 'c-2' });
    await list.getByRole('button', { name: /Regex for emails/ }).first().click();
    assert.deepEqual(await panel.waitForPosted('openConversation'), { type: 'openConversation', conversationId: 'c-2' });
    assert.equal(await list.count(), 0, 'opening closes the list');
    await panel.page.getByTestId('new-chat').click();
    assert.deepEqual(await panel.waitForPosted('newChat'), { type: 'newChat' });
    // Before the host answers: the panel is already empty, and a message sent now names no
    // conversation, so the host puts it in the new one rather than the one just left.
    await panel.page.getByTestId('empty-state').waitFor(); // New chat empties the panel at once
    const composerInput = panel.page.getByTestId('composer-input');
    await composerInput.fill('first question of the new chat');
    await composerInput.press('Enter');
    assert.deepEqual(await panel.waitForPosted('send'), { type: 'send', text: 'first question of the new chat', providerId: 'openai', model: 'gpt-5-mini' });
  });

  it('search: typing asks the host once it pauses; hits show the match marked; choosing one opens its conversation at that message', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer('a')]));
    await panel.page.getByTestId('toggle-conversations').click();
    const input = panel.page.getByTestId('search-input');
    await input.pressSequentially('retry pol');
    const asked = await panel.waitForPosted('searchConversations');
    assert.equal(asked.query, 'retry pol', 'one request, after typing paused');
    assert.equal((await panel.posted()).filter((m) => m.type === 'searchConversations').length, 1);
    await panel.host({ type: 'searchResults', requestId: asked.requestId - 1, truncated: false, results: [{ conversationId: 'c-9', title: 'Stale', snippet: 'stale', match: { start: 0, length: 5 } }] });
    const target = answer('x');
    await panel.host({
      type: 'searchResults', requestId: asked.requestId, truncated: false,
      results: [
        { conversationId: 'c-2', title: 'Resilience', snippet: '…so the Retry policy waits', match: { start: 8, length: 9 } },
        { conversationId: 'c-2', title: 'Resilience', messageId: target.id, snippet: 'A retry pol…', match: { start: 2, length: 9 } },
      ],
    });
    const hits = panel.page.getByTestId('search-hit');
    await hits.first().waitFor();
    assert.equal(await hits.count(), 2, 'an answer to an older query is dropped');
    assert.deepEqual(await panel.page.locator('[data-testid=search-hit] mark').allInnerTexts(), ['retry pol']);
    await hits.nth(1).click();
    assert.deepEqual(await panel.waitForPosted('openConversation'), { type: 'openConversation', conversationId: 'c-2' });
    await panel.page.getByTestId('conversation-list').waitFor({ state: 'detached' });
    const long = Array.from({ length: 20 }, (_, i) => [userMessage(`question ${i}`), answer(`answer ${i}\n\n${'Lorem ipsum. '.repeat(40)}`)]).flat();
    long.splice(6, 1, target);
    await panel.host(stateMessage(long, { active: { id: 'c-2', title: 'Resilience', providerId: 'openai', model: 'gpt-5-mini', messages: long } }));
    const shown = panel.page.locator(`[data-message-id="${target.id}"]`);
    await panel.page.locator('.revealed').waitFor();
    assert.equal(await shown.evaluate((el) => el.classList.contains('revealed') && document.activeElement === el), true, 'the message is marked and focused');
    const box = await shown.boundingBox();
    const view = await panel.page.getByTestId('messages').boundingBox();
    assert.ok(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height + 1, 'the message is scrolled into view');
    await panel.page.getByTestId('toggle-conversations').click();
    await input.fill('zzz');
    await panel.page.getByTestId('search-results').waitFor({ state: 'attached' });
    await input.fill('');
    await panel.page.getByTestId('search-results').waitFor({ state: 'detached' });
    assert.ok(await panel.page.getByTestId('conversation-list').getByRole('button', { name: /How do I debounce/ }).first().isVisible(), 'a cleared search shows the list again');
  });

  it('is usable with the keyboard alone: code actions reachable by Tab, Escape closes the list', async () => {
    panel = await panels.open();
    await panel.host(stateMessage([userMessage('q'), answer(RICH_ANSWER, { meta: META })]));
    const reached: string[] = [];
    for (let i = 0; i < 25; i++) {
      await panel.page.keyboard.press('Tab');
      const label = await panel.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? '');
      reached.push(label);
      if (label === 'Insert at cursor') break;
    }
    assert.ok(reached.includes('Conversations') && reached.includes('Copy'), `Tab order: ${reached.join(' → ')}`);
    assert.equal(reached.at(-1), 'Insert at cursor');
    const visible = await panel.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(visible, 'none', 'the focused button shows a focus outline');
    await panel.page.keyboard.press('Enter');
    assert.equal((await panel.waitForPosted('insertCode')).code, CODE);
    await panel.page.getByTestId('toggle-conversations').focus();
    await panel.page.keyboard.press('Enter');
    await panel.page.getByTestId('conversation-list').waitFor();
    await panel.page.getByTestId('conversation-list').getByRole('button').first().focus();
    await panel.page.keyboard.press('Escape');
    await panel.page.getByTestId('conversation-list').waitFor({ state: 'detached' });
  });

  it('drops invalid host messages and keeps working', async () => {
    panel = await panels.open();
    const junk: unknown[] = [null, 'state', { type: 'state' }, { type: 'delta', conversationId: CONVERSATION_ID, messageId: 'x', text: 5 }, { type: 'evil', html: '<img src=x onerror=alert(1)>' }, JSON.parse('{"type":"notice","level":"info","text":"x","__proto__":{"polluted":1}}')];
    for (const m of junk) await panel.host(m);
    await panel.host(stateMessage([userMessage('still here'), answer('fine')]));
    await panel.page.getByText('still here').waitFor();
    assert.equal(await panel.page.evaluate(() => ({} as Record<string, unknown>).polluted), undefined);
    panel.errors.splice(0); // the bundle warns about each dropped kind on the console (warnings, not errors)
  });

  for (const themeName of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
    it(`screenshot: ${themeName} theme`, async () => {
      panel = await panels.open({ theme: themeName, width: 400, height: 760 });
      const failed = answer('', { status: 'error', error: { code: 'auth', message: 'Anthropic rejected the API key (401). Check the key and set it again.', action: 'setApiKey', providerId: 'anthropic' } });
      await panel.host(stateMessage([
        userMessage('How do I debounce an input handler in TypeScript?'),
        answer(RICH_ANSWER, { meta: META }),
        userMessage('And in Claude?'),
        failed,
      ]));
      await panel.page.getByTestId('composer-input').fill('Can you add a cancel() method?');
      await panel.page.waitForTimeout(400);
      const request = (await panel.posted()).filter((m) => m.type === 'estimate').at(-1)!;
      await panel.host({ type: 'estimate', requestId: request.requestId, inputTokens: 1520, systemTokens: 20, historyTokens: 1400, draftTokens: 100, costUsd: 0.00038, maxOutputCostUsd: 0.008192, maxOutputTokens: 4096, contextWindow: 400_000, inputBudget: 395_904, droppedMessages: 0 });
      await panel.page.getByTestId('context-meter').getByText('1.5k / 400k tokens').waitFor();
      await panel.page.getByTestId('messages').evaluate((el) => (el.scrollTop = 0));
      await panel.page.evaluate(() => document.fonts.ready);
      const file = path.join(screenshotDir, `chat-webview-${themeName}.png`);
      await panel.page.screenshot({ path: file });
      // Foreground really follows the theme (not a hard-coded colour).
      const colors = await panel.page.evaluate(() => ({
        fg: getComputedStyle(document.querySelector('.root')!).color,
        link: getComputedStyle(document.querySelector('.markdown a')!).color,
        expected: getComputedStyle(document.documentElement).getPropertyValue('--vscode-foreground').trim(),
      }));
      const hex = (rgb: string) => '#' + rgb.match(/\d+/g)!.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
      assert.equal(hex(colors.fg), colors.expected.slice(0, 7));
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    });
  }

  it('screenshot: waiting states (dark)', async () => {
    panel = await panels.open({ width: 400, height: 520 });
    const queued = answer('', { status: 'streaming' });
    await panel.host(stateMessage([userMessage('Explain monads'), answer('A monad is…', { status: 'stopped', meta: { ...META, costEstimated: true } }), userMessage('Go on'), queued]));
    await panel.host({ type: 'status', conversationId: CONVERSATION_ID, messageId: queued.id, state: 'retrying', progress: { attempt: 1, maxAttempts: 4, delayMs: 4000, reason: 'Anthropic is overloaded (529).' } });
    await panel.page.getByText(/Retrying in/).waitFor();
    await panel.page.screenshot({ path: path.join(screenshotDir, 'chat-webview-states-dark.png') });
  });
});
