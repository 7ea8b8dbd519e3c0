// Scenario.thinking on every fake wire format: the raw events are in each provider's documented
// shape (Anthropic's thinking block at index 0 with a signature, the text block at index 1;
// Gemini's `thought: true` parts; compatible servers' `delta.reasoning_content`), reasoning
// tokens are reported the provider's way, and the real adapters read it back as `thinking`
// events before the answer — streamed, so a client sees the thinking before the answer exists.
import { strict as assert } from 'node:assert';
import { adapterFor, caseNamed, collect, request, shape, textOf, useFakes } from '../../fakes/adapterHarness';
import type { FakeProviders } from '../../fakes/server';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  assert.equal(res.status, 200);
  return res.text();
}

const THOUGHT = { thinking: 'Let me think. Two plus two.', text: 'It is 4.', chunkSize: 10 };

describe('fake providers: thinking before the answer', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('Anthropic: a thinking block (index 0, deltas, signature, stop), then the text block at index 1', async () => {
    fake.enqueue('anthropic', { ...THOUGHT, usage: { input: 5, output: 30, reasoning: 20 } });
    const text = await post(`${fake.url}/v1/messages`, { model: 'claude-sonnet-4-5', max_tokens: 9000, thinking: { type: 'enabled', budget_tokens: 8192 }, messages: [{ role: 'user', content: 'hi' }], stream: true }, { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
    const events = text.trim().split('\n\n').map((b) => JSON.parse(b.split('\n')[1]!.slice(6)) as Record<string, any>);
    const kinds = events.map((e) => (e.delta?.type ?? e.content_block?.type ? `${e.type}:${e.delta?.type ?? e.content_block.type}@${e.index}` : e.index !== undefined ? `${e.type}@${e.index}` : e.type));
    assert.deepEqual(kinds, [
      'message_start',
      'content_block_start:thinking@0', 'ping',
      'content_block_delta:thinking_delta@0', 'content_block_delta:thinking_delta@0', 'content_block_delta:thinking_delta@0',
      'content_block_delta:signature_delta@0', 'content_block_stop@0',
      'content_block_start:text@1', 'content_block_delta:text_delta@1', 'content_block_stop@1',
      'message_delta', 'message_stop',
    ]);
    assert.deepEqual(events[1]!.content_block, { type: 'thinking', thinking: '', signature: '' });
    assert.equal(events.filter((e) => e.delta?.type === 'thinking_delta').map((e) => e.delta.thinking).join(''), THOUGHT.thinking);
    assert.match(events[6]!.delta.signature, /^[A-Za-z0-9+/]+=*$/);
    assert.equal(events[9]!.delta.text, 'It is 4.');
    assert.deepEqual(events[11]!.usage, { input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 30, output_tokens_details: { thinking_tokens: 20 } });
  });

  it('Gemini: thought parts before the answer, thoughtsTokenCount apart from candidatesTokenCount', async () => {
    fake.enqueue('gemini', { ...THOUGHT, usage: { input: 5, output: 30, reasoning: 20 } });
    const text = await post(`${fake.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': 'k' });
    const events = text.split('\r\n\r\n').filter(Boolean).map((e) => JSON.parse(e.slice(6)));
    const parts = events.map((e) => e.candidates[0].content.parts[0]);
    assert.deepEqual(parts.slice(0, 4), [
      { text: 'Let me thi', thought: true }, { text: 'nk. Two pl', thought: true }, { text: 'us two.', thought: true }, { text: 'It is 4.' },
    ]);
    const meta = events.at(-1).usageMetadata;
    assert.equal(meta.candidatesTokenCount, 10);
    assert.equal(meta.thoughtsTokenCount, 20);
    assert.equal(meta.totalTokenCount, 35);
  });

  it('OpenAI-compatible: reasoning_content chunks before content, reasoning_tokens in the usage', async () => {
    fake.enqueue('openai', { ...THOUGHT, usage: { input: 5, output: 30, reasoning: 20 } });
    const text = await post(`${fake.baseURLs.openai}/chat/completions`, { model: 'deepseek-reasoner', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const chunks = text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)));
    const deltas = chunks.map((c) => c.choices[0]?.delta).filter((d) => d && (d.reasoning_content || d.content));
    assert.deepEqual(deltas.map((d) => (d.reasoning_content ? `r:${d.reasoning_content}` : `c:${d.content}`)), ['r:Let me thi', 'r:nk. Two pl', 'r:us two.', 'c:It is 4.']);
    assert.equal(chunks.at(-1).usage.completion_tokens, 30);
    assert.equal(chunks.at(-1).usage.completion_tokens_details.reasoning_tokens, 20);
  });

  it('without usage.reasoning, the thinking is counted into the output (~4 chars per token)', async () => {
    fake.enqueue('gemini', { thinking: 'x'.repeat(40), text: 'y'.repeat(8) });
    const text = await post(`${fake.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': 'k' });
    const meta = JSON.parse(text.split('\r\n\r\n').filter(Boolean).at(-1)!.slice(6)).usageMetadata;
    assert.deepEqual([meta.thoughtsTokenCount, meta.candidatesTokenCount], [10, 2]);
  });

  for (const name of ['anthropic', 'gemini', 'compatible'] as const) {
    it(`${name}: the real adapter streams the thinking, then the answer, with the reasoning tokens`, async () => {
      const c = caseNamed(name);
      fake.enqueue(c.fake, { thinking: 'Step one. Step two. Done thinking.', text: 'The answer.', chunkSize: 6, chunkDelayMs: 40, usage: { input: 5, output: 30, reasoning: 20 } });
      let answeredWithThinking = -1;
      const { events, error, raw } = await collect(await adapterFor(c, fake), request(c), (e) => {
        // When the first thinking arrives, the server has not sent the answer yet (it is paced).
        if (e.type === 'thinking' && answeredWithThinking < 0) answeredWithThinking = fake.requests.at(-1)!.completed ? 1 : 0;
      });
      assert.equal(error ?? raw, undefined);
      assert.equal(answeredWithThinking, 0, 'thinking arrives mid-stream');
      assert.deepEqual(dedupeThinking(shape(events)), ['thinking', 'text', 'usage', 'finish']);
      assert.equal(events.map((e) => (e.type === 'thinking' ? e.text : '')).join(''), 'Step one. Step two. Done thinking.');
      assert.equal(textOf(events), 'The answer.');
      const usage = events.find((e) => e.type === 'usage');
      assert.ok(usage?.type === 'usage');
      assert.equal(usage.usage.outputTokens, 30);
      assert.equal(usage.usage.reasoningTokens, 20);
    });
  }
});

/** Runs of thinking collapsed, like shape() does for text. */
function dedupeThinking(kinds: string[]): string[] {
  return kinds.filter((k, i) => !(k === 'thinking' && kinds[i - 1] === 'thinking'));
}
