// Reasoning in real VS Code: the Reasoning effort select next to the model picker (catalogue
// reasoning models only) changes what the request carries — Anthropic's thinking budget or
// adaptive thinking, Gemini's thinkingConfig, nothing at Default — and a streamed answer's
// thinking shows in the Thinking section: open while it streams, folded away as soon as the answer
// starts, reopened on a click, with the reasoning tokens on the line under the answer.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { reasoningFieldsOf } from '../fakes/wire/reasoning';
import { repoRoot } from '../harness/codeServer.mjs';
import { useWorkbench } from './fixture';
import { lastAnswer, pickModel, send, setKey, useFakeProviders, waitForStatus } from './switchboard';
import { openSwitchboardView, screenshot } from './workbench';

const ANTHROPIC_KEY = 'sk-ant-api03-reasoningE2E-0123456789abcdef';
const GEMINI_KEY = 'AIzaSyReasoningE2E0123456789abcdefghijk';
// maxOutputTokens (4,096) + High's thinking budget (24,576): the answer keeps its room.
const HIGH_MAX = 4096 + 24_576;
const SONNET = 'claude-sonnet-4-5-20250929'; // Claude 4.5: a thinking budget
const OPUS = 'claude-opus-4-7'; // Claude 4.6 and later: adaptive thinking + output_config.effort
const HAIKU_3 = 'claude-3-5-haiku-20241022'; // no reasoning in the catalogue

const THINKING =
  'The user wants a cache for HTTP responses. First I should check what varies between requests. ' +
  'Then pick a key: method plus URL. Expiry comes from Cache-Control max-age. Last, decide about stale entries.';
const ANSWER = 'Cache by **method and URL**, and expire each entry after its `max-age`. Serve stale entries only while revalidating.';

describe('reasoning: the effort select and the Thinking section', function () {
  const wb = useWorkbench();
  // A temperature is set, so the tests can see an effort leave it out.
  const fp = useFakeProviders(wb, { 'switchboard.temperature': 0.3 });
  const effortSelect = (frame: FrameLocator) => frame.locator('select[aria-label="Reasoning effort"]');

  /** Sets the open conversation's effort and waits for the host's state to confirm it. */
  async function setEffort(frame: FrameLocator, label: 'Default' | 'Low' | 'Medium' | 'High'): Promise<void> {
    await effortSelect(frame).selectOption(label);
    const deadline = Date.now() + 10_000;
    while ((await effortSelect(frame).inputValue()) !== label) {
      if (Date.now() > deadline) throw new Error(`the effort select shows "${await effortSelect(frame).inputValue()}", not "${label}"`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends `prompt` with one scripted answer and returns what the request body said about reasoning. */
  async function ask(frame: FrameLocator, provider: 'anthropic' | 'gemini', prompt: string): Promise<Record<string, unknown>> {
    fp.fake.enqueue(provider, { text: `Answer to: ${prompt}` });
    const before = fp.fake.requests.length;
    await send(frame, prompt);
    await lastAnswer(frame).filter({ hasText: `Answer to: ${prompt}` }).waitFor({ timeout: 20_000 }); // this answer, not the one before
    await waitForStatus(frame, 'done');
    const chat = fp.fake.requests.slice(before).filter((r) => r.provider === provider && r.method === 'POST');
    assert.equal(chat.length, 1, `one ${provider} chat request`);
    return reasoningFieldsOf(provider, chat[0]!.body);
  }

  before(async function () {
    this.timeout(60_000);
    // Model lists take the default scenario (queueForChatOnly): one Claude of each kind, and one without reasoning.
    fp.fake.setDefault('anthropic', { models: [SONNET, OPUS, HAIKU_3] });
    await setKey(wb.page, 'Anthropic', ANTHROPIC_KEY);
    await setKey(wb.page, 'Google Gemini', GEMINI_KEY);
  });

  it('Anthropic: High sends a thinking budget and no temperature; Default sends no thinking; a model without reasoning has no select', async () => {
    const frame = await openSwitchboardView(wb.page);
    await pickModel(frame, 'anthropic', SONNET);
    await effortSelect(frame).waitFor({ timeout: 10_000 });
    await pickModel(frame, 'anthropic', HAIKU_3);
    await effortSelect(frame).waitFor({ state: 'detached', timeout: 10_000 }); // Claude 3.5 Haiku does not reason
    await pickModel(frame, 'anthropic', SONNET);
    await effortSelect(frame).waitFor({ timeout: 10_000 });
    assert.equal(await effortSelect(frame).inputValue(), 'Default');
    assert.deepEqual(await ask(frame, 'anthropic', 'Default effort, please'), { max_tokens: 4096, temperature: 0.3 });

    await setEffort(frame, 'High');
    assert.deepEqual(await ask(frame, 'anthropic', 'Think hard, please'), { thinking: { type: 'enabled', budget_tokens: 24_576 }, max_tokens: HIGH_MAX });

    await setEffort(frame, 'Default');
    assert.deepEqual(await ask(frame, 'anthropic', 'Back to default'), { max_tokens: 4096, temperature: 0.3 });
  });

  it('Anthropic: High on Claude Opus 4.7 sends adaptive thinking with output_config.effort', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    // The effort is the open conversation's: wait until the new one is the one shown.
    await frame.locator('article.message').first().waitFor({ state: 'detached', timeout: 10_000 });
    await pickModel(frame, 'anthropic', OPUS);
    await effortSelect(frame).waitFor({ timeout: 10_000 });
    await setEffort(frame, 'High');
    assert.deepEqual(await ask(frame, 'anthropic', 'Adaptive, please'), {
      thinking: { type: 'adaptive', display: 'summarized' },
      output_config: { effort: 'high' },
      max_tokens: HIGH_MAX,
    });
  });

  it('streams the thinking open, folds it when the answer starts, reopens it on a click, and shows the reasoning tokens', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    await pickModel(frame, 'anthropic', SONNET);
    await effortSelect(frame).waitFor({ timeout: 10_000 });
    await setEffort(frame, 'High');
    // About 3 s of thinking, then about 3 s of answer: time to look at both mid-stream.
    fp.fake.enqueue('anthropic', { thinking: THINKING, text: ANSWER, chunkSize: 8, chunkDelayMs: 110, usage: { input: 1200, output: 900, reasoning: 700 } });
    await send(frame, 'How should I cache HTTP responses?');

    const answer = lastAnswer(frame);
    const toggle = answer.locator('.thinking-toggle');
    const body = answer.locator('.thinking-body');
    // Mid-thinking: the section is open and growing, the answer has not started.
    await body.filter({ hasText: 'First I should' }).waitFor({ timeout: 20_000 });
    assert.equal(await answer.getAttribute('data-status'), 'streaming');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.match(await toggle.innerText(), /Thinking…/);
    const partial = await body.innerText();
    assert.ok(!partial.includes('stale entries'), `the thinking is still streaming: ${partial}`);
    assert.equal((await answer.locator('.answer').innerText()).trim(), '', 'no answer text yet');
    const during = await screenshot(wb.page, 'reasoning-thinking');

    // The answer starts: the section folds while the answer is still streaming.
    await answer.locator('.answer', { hasText: 'Cache by' }).waitFor({ timeout: 20_000 });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await body.count(), 0, 'the thinking is folded away');
    assert.equal(await answer.getAttribute('data-status'), 'streaming', 'folded as the answer starts, not when it ends');
    assert.ok(!(await answer.locator('.answer').innerText()).includes('revalidating'), 'the answer is still streaming');

    await waitForStatus(frame, 'done');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'stays folded once done');
    assert.match(await toggle.innerText(), /^\s*Thinking\s*$/);
    const answerText = await answer.locator('.answer').innerText();
    assert.match(answerText, /Serve stale entries only while revalidating\./);
    assert.ok(!answerText.includes('First I should'), 'the thinking is not in the answer');
    assert.match(await answer.locator('.meta').first().innerText(), /1\.2k in \/ 900 out \(700 reasoning\)/);

    const folded = await screenshot(wb.page, 'reasoning-folded');

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const reopened = (await body.innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(reopened, THINKING);
    const reopenedShot = await screenshot(wb.page, 'reasoning-reopened');
    console.log(`    screenshots: ${[during, folded, reopenedShot].map((f) => path.relative(repoRoot, f)).join(', ')}`);

    const sent = fp.fake.requests.filter((r) => r.path === '/v1/messages').at(-1)!;
    assert.deepEqual(reasoningFieldsOf('anthropic', sent.body), { thinking: { type: 'enabled', budget_tokens: 24_576 }, max_tokens: HIGH_MAX });
  });

  it('Gemini: High sends thinkingConfig with thought summaries, whose thinking shows folded with its tokens; Default sends no thinkingConfig', async () => {
    const frame = await openSwitchboardView(wb.page);
    await frame.locator('[data-testid="new-chat"]').click();
    await pickModel(frame, 'gemini', 'gemini-2.5-flash');
    await effortSelect(frame).waitFor({ timeout: 10_000 });
    await setEffort(frame, 'Default');
    assert.deepEqual(await ask(frame, 'gemini', 'Gemini default'), { maxOutputTokens: 4096, temperature: 0.3 });

    await setEffort(frame, 'High');
    fp.fake.enqueue('gemini', { thinking: 'Weighing the options before answering.', text: 'Gemini thought first.', usage: { input: 300, output: 250, reasoning: 200 } });
    await send(frame, 'Gemini, think hard');
    await lastAnswer(frame).filter({ hasText: 'Gemini thought first.' }).waitFor({ timeout: 20_000 });
    await waitForStatus(frame, 'done');
    const sent = fp.fake.requests.filter((r) => r.provider === 'gemini' && r.method === 'POST').at(-1)!;
    // Gemini takes a temperature with thinking on, so it is kept (reasoningEffort.test.ts).
    assert.deepEqual(reasoningFieldsOf('gemini', sent.body), { thinkingConfig: { thinkingBudget: 24_576, includeThoughts: true }, maxOutputTokens: HIGH_MAX, temperature: 0.3 });
    const answer = lastAnswer(frame);
    assert.equal(await answer.locator('.thinking-toggle').getAttribute('aria-expanded'), 'false');
    assert.equal((await answer.locator('.answer').innerText()).trim(), 'Gemini thought first.');
    // Gemini bills thoughtsTokenCount as output: 50 candidates + 200 thoughts.
    assert.match(await answer.locator('.meta').first().innerText(), /300 in \/ 250 out \(200 reasoning\)/);
  });
});
