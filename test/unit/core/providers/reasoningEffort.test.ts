// Issue 16 part 2: a reasoning effort becomes each provider's own request field. The real SDKs
// send to the fake servers; the assertions read the request body the fake received.

import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, textOf, useFakes, type AdapterCase } from '../../../fakes/adapterHarness';
import { reasoningFieldsOf } from '../../../fakes/wire/reasoning';
import type { Wire } from '../../../fakes/wire';
import type { ChatRequest, ReasoningEffort } from '../../../../src/core/llm/types';
import { anthropicThinking, MIN_THINKING_BUDGET } from '../../../../src/core/providers/_reasoning';

const WIRE: Record<AdapterCase, Wire> = { openai: 'openai', compatible: 'openai', azure: 'openai', anthropic: 'anthropic', gemini: 'gemini' };

describe('reasoning effort → request body (issue 16)', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function sent(name: AdapterCase, extra: Partial<ChatRequest>) {
    const c = caseNamed(name);
    const out = await collect(await adapterFor(c, fake), request(c, extra));
    assert.equal(out.error, undefined, out.error?.message);
    assert.ok(textOf(out.events).length > 0);
    const chat = fake.requests.filter((r) => r.method === 'POST');
    assert.equal(chat.length, 1);
    return reasoningFieldsOf(WIRE[name], chat[0]!.body);
  }

  describe('Default (no effort): nothing reasoning-related is sent', () => {
    it('OpenAI, compatible, Azure: no reasoning_effort; temperature and the limit as set', async () => {
      assert.deepEqual(await sent('openai', { model: 'gpt-5', temperature: 0.3 }), { max_completion_tokens: 256, temperature: 0.3 });
      fake.reset();
      assert.deepEqual(await sent('compatible', {}), { max_tokens: 256 });
      fake.reset();
      assert.deepEqual(await sent('azure', {}), { max_completion_tokens: 256 });
    });
    it('Anthropic: no thinking, no output_config', async () => {
      assert.deepEqual(await sent('anthropic', { temperature: 0.3 }), { max_tokens: 256, temperature: 0.3 });
    });
    it('Gemini: no thinkingConfig', async () => {
      assert.deepEqual(await sent('gemini', {}), { maxOutputTokens: 256 });
    });
  });

  const levels: { effort: ReasoningEffort; budget: number }[] = [
    { effort: 'low', budget: 2_048 },
    { effort: 'medium', budget: 8_192 },
    { effort: 'high', budget: 24_576 },
  ];
  for (const { effort, budget } of levels) {
    describe(`effort ${effort}`, () => {
      it('OpenAI (gpt-5): the Responses API, reasoning.effort with summaries, room for the reasoning, no temperature', async () => {
        // Only the Responses API returns OpenAI's reasoning (summaries): openaiResponses.test.ts.
        assert.deepEqual(await sent('openai', { model: 'gpt-5', temperature: 0.3, reasoningEffort: effort }), {});
        const body = fake.requests[0]!.body as Record<string, unknown>;
        assert.equal(fake.requests[0]!.path, '/v1/responses');
        assert.deepEqual(body.reasoning, { effort, summary: 'auto' });
        assert.equal(body.max_output_tokens, 256 + budget);
        assert.equal('temperature' in body, false);
      });
      it('OpenAI, a model the catalogue does not know: reasoning_effort on Chat Completions', async () => {
        assert.deepEqual(await sent('openai', { model: 'my-reasoner', reasoningEffort: effort }), { reasoning_effort: effort, max_completion_tokens: 256 + budget });
      });
      it('OpenAI-compatible and Azure: the same field', async () => {
        assert.deepEqual(await sent('compatible', { reasoningEffort: effort }), { reasoning_effort: effort, max_tokens: 256 + budget });
        fake.reset();
        assert.deepEqual(await sent('azure', { reasoningEffort: effort }), { reasoning_effort: effort, max_completion_tokens: 256 + budget });
      });
      it('Anthropic, Claude 4.5 (budget form): thinking enabled with budget_tokens < max_tokens, no temperature', async () => {
        assert.deepEqual(await sent('anthropic', { model: 'claude-haiku-4-5', temperature: 0.3, reasoningEffort: effort }), {
          thinking: { type: 'enabled', budget_tokens: budget },
          max_tokens: 256 + budget,
        });
      });
      it('Anthropic, Claude 4.6 and later (adaptive): thinking adaptive, summarized, output_config.effort', async () => {
        assert.deepEqual(await sent('anthropic', { model: 'claude-opus-4-7', temperature: 0.3, reasoningEffort: effort }), {
          thinking: { type: 'adaptive', display: 'summarized' },
          output_config: { effort },
          max_tokens: 256 + budget,
        });
      });
      it('Gemini 2.5: thinkingConfig with the budget and includeThoughts', async () => {
        assert.deepEqual(await sent('gemini', { model: 'gemini-2.5-flash', temperature: 0.3, reasoningEffort: effort }), {
          thinkingConfig: { thinkingBudget: budget, includeThoughts: true },
          maxOutputTokens: 256 + budget,
          temperature: 0.3,
        });
      });
    });
  }

  it('a dated Anthropic id takes its family\'s form; an unknown (newer) one is adaptive', async () => {
    assert.deepEqual((await sent('anthropic', { model: 'claude-opus-4-5-20251101', reasoningEffort: 'low' })).thinking, { type: 'enabled', budget_tokens: 2_048 });
    fake.reset();
    assert.deepEqual((await sent('anthropic', { model: 'claude-future-9', reasoningEffort: 'low' })).thinking, { type: 'adaptive', display: 'summarized' });
  });
});

describe('anthropicThinking: budget_tokens stays ≥ 1,024 and below max_tokens, within the model\'s cap', () => {
  it('adds the budget on top of the answer when the model has room', () => {
    assert.deepEqual(anthropicThinking('claude-sonnet-4-5', 4_096, 'high'), { max_tokens: 28_672, thinking: { type: 'enabled', budget_tokens: 24_576 } });
  });
  it('near the model\'s cap (64K) the budget shrinks, never below 1,024', () => {
    const big = anthropicThinking('claude-sonnet-4-5', 60_000, 'high');
    assert.deepEqual(big, { max_tokens: 64_000, thinking: { type: 'enabled', budget_tokens: 4_000 } });
    const full = anthropicThinking('claude-sonnet-4-5', 64_000, 'low');
    assert.equal(full.max_tokens, 64_000);
    assert.deepEqual(full.thinking, { type: 'enabled', budget_tokens: MIN_THINKING_BUDGET });
    for (const t of [big, full]) if (t.thinking.type === 'enabled') assert.ok(t.thinking.budget_tokens < t.max_tokens);
  });
  it('adaptive models get headroom capped at their maximum output', () => {
    assert.equal(anthropicThinking('claude-opus-4-7', 128_000, 'medium').max_tokens, 128_000);
  });
});
