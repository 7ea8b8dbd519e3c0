// Demo thinking: a request that asks for the model's thinking (an effort on Claude or Gemini 2.5)
// or an OpenAI reasoning model, which then goes through the Responses API for its reasoning summary)
// gets a few sentences of reasoning streamed before the answer, through the real adapters; one
// that does not (no effort: Chat Completions for OpenAI, which never streams reasoning) gets none.
import { strict as assert } from 'node:assert';
import type { ChatRequest } from '../../../../src/core/llm/types';
import { adapterFor, caseNamed, collect, textOf, type AdapterCase } from '../../../fakes/adapterHarness';
import { DEMO_KEYS } from '../../../fakes/demo/keys';
import { demoThinking, wantsThinking } from '../../../fakes/demo/thinking';
import { readPrompt } from '../../../fakes/demo/prompt';
import { startFakeProviders, type FakeProviders } from '../../../fakes/server';

describe('demo thinking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  before(async () => {
    fake = await startFakeProviders({ demo: { tokensPerSecond: 5000 } });
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  const ask = async (name: AdapterCase & keyof typeof DEMO_KEYS, model: string, extra: Partial<ChatRequest> = {}) => {
    const c = caseNamed(name);
    const adapter = await adapterFor(c, fake, undefined, { apiKey: DEMO_KEYS[name] });
    const { events, error } = await collect(adapter, { model, maxOutputTokens: 4096, messages: [{ role: 'user', content: 'How do I cache HTTP responses?' }], ...extra });
    assert.equal(error, undefined);
    const thinking = events.map((e) => (e.type === 'thinking' ? e.text : '')).join('');
    const firstText = events.findIndex((e) => e.type === 'text');
    const lastThinking = events.map((e) => e.type).lastIndexOf('thinking');
    const usage = events.find((e) => e.type === 'usage');
    return { thinking, text: textOf(events), thinkingFirst: lastThinking < firstText, reasoning: usage?.type === 'usage' ? usage.usage.reasoningTokens : undefined };
  };

  for (const [name, model] of [['anthropic', 'claude-sonnet-4-5'], ['anthropic', 'claude-opus-4-7'], ['gemini', 'gemini-2.5-flash'], ['openai', 'o4-mini']] as const) {
    it(`${model} with an effort: thinking about the prompt, then the answer, with reasoning tokens`, async () => {
      const r = await ask(name, model, { reasoningEffort: 'high' });
      assert.match(r.thinking, /cach/i, 'the thinking is about the prompt');
      assert.ok(r.thinking.split(/[.!?]\s/).length >= 2, `a few sentences: ${r.thinking}`);
      assert.ok(r.thinkingFirst, 'all thinking comes before the answer');
      assert.match(r.text, /^#{1,3} /);
      assert.ok(!r.text.includes(r.thinking), 'the thinking is not in the answer');
      assert.ok((r.reasoning ?? 0) > 0, 'reasoning tokens are reported');
    });

    it(`${model} without an effort: no thinking`, async () => {
      const r = await ask(name, model);
      assert.equal(r.thinking, '');
      assert.match(r.text, /^#{1,3} /);
    });
  }

  it('reads the request: Anthropic thinking enabled or adaptive, Gemini includeThoughts, OpenAI reasoning.summary', () => {
    assert.equal(wantsThinking('anthropic', { thinking: { type: 'enabled', budget_tokens: 2048 } }), true);
    assert.equal(wantsThinking('anthropic', { thinking: { type: 'adaptive' } }), true);
    assert.equal(wantsThinking('anthropic', { thinking: { type: 'disabled' } }), false);
    assert.equal(wantsThinking('anthropic', {}), false);
    assert.equal(wantsThinking('gemini', { generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } }), true);
    assert.equal(wantsThinking('gemini', { generationConfig: { thinkingConfig: { thinkingBudget: 2048 } } }), false);
    assert.equal(wantsThinking('openai', { reasoning_effort: 'high' }), false, 'Chat Completions never streams reasoning');
    assert.equal(wantsThinking('openai', { reasoning: { effort: 'high', summary: 'auto' } }), true, 'the Responses API streams its summary');
  });

  it('is the same for the same prompt, and plans the kind of answer', () => {
    const prompt = readPrompt('anthropic', { messages: [{ role: 'user', content: 'Explain retry logic' }] });
    assert.equal(demoThinking(prompt, 'normal'), demoThinking(prompt, 'normal'));
    assert.notEqual(demoThinking(prompt, 'code'), demoThinking(prompt, 'normal'));
  });
});
