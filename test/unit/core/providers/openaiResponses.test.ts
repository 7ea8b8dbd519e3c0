// The OpenAI adapter's Responses API path (src/core/providers/openai/responses.ts): which requests
// take it, what they send, and what recorded Responses streams become — each under every chunking
// (whole, per event, awkward cuts, byte by byte), through the real openai SDK and real HTTP.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, assertStream, caseNamed, collect, request, textOf, thinkingOf, useFakes, type ExpectedStream } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import type { RecordedStream } from '../../../fakes/recorded/openai';
import * as recorded from '../../../fakes/recorded/openaiResponses';
import { Pipeline, type PipelineEvent } from '../../../../src/core/llm/pipeline';
import type { ChatRequest } from '../../../../src/core/llm/types';

const openai = caseNamed('openai');
const HIGH: Partial<ChatRequest> = { model: 'gpt-5', reasoningEffort: 'high' };

type Expected = ExpectedStream;

const CASES: { stream: RecordedStream; expect: Expected }[] = [
  {
    stream: recorded.reasoningSummary,
    expect: {
      text: 'Option B — c’est moins cher ✓',
      thinking: '**Weighing the options**\n\nThe user wants B — it’s cheaper.\n\n**Checking**\n\nPrix: 5 € vs 7 €.',
      usage: { inputTokens: 1_200, outputTokens: 640, cachedInputTokens: 1_024, reasoningTokens: 512 },
      finish: 'stop',
    },
  },
  {
    stream: recorded.incompleteAtLimit,
    expect: { text: 'Le début — and then', thinking: 'Long thought… très long.', usage: { inputTokens: 40, outputTokens: 300, reasoningTokens: 280 }, finish: 'length' },
  },
  { stream: recorded.incompleteFiltered, expect: { text: 'Voilà — ', usage: { inputTokens: 40, outputTokens: 12, reasoningTokens: 8 }, finish: 'content_filter' } },
  {
    stream: recorded.refusal,
    expect: { text: 'I’m sorry, I can’t help with that — désolé.', usage: { inputTokens: 25, outputTokens: 30, reasoningTokens: 16 }, finish: 'content_filter' },
  },
  { stream: recorded.failed, expect: { text: 'Partial — ', error: { code: 'server', providerCode: 'server_error' } } },
  { stream: recorded.errorEvent, expect: { text: '', error: { code: 'rate_limit', providerCode: 'rate_limit_exceeded' } } },
  { stream: recorded.nestedErrorEvent, expect: { text: '', error: { code: 'context_length_exceeded', providerCode: 'context_length_exceeded' } } },
  { stream: recorded.cutShort, expect: { text: 'Héllo wörld — done.', thinking: 'Thinking… ', error: { code: 'network', providerCode: 'incomplete_stream' } } },
];

describe('OpenAI Responses API recorded streams, under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const { stream, expect } of CASES) {
    describe(`${stream.name} — ${stream.covers}`, () => {
      for (const chunking of CHUNKINGS) {
        it(`chunking '${chunking}'`, async () => {
          fake.enqueue('openai', { rawSse: stream.events, chunking });
          const collected = await collect(await adapterFor(openai, fake), request(openai, HIGH));
          assert.equal(fake.requests[0]?.path, '/v1/responses');
          assertStream(collected, expect);
        });
      }
    });
  }

  it('an error event keeps its message, and the rate limit its wait', async () => {
    fake.enqueue('openai', { rawSse: recorded.errorEvent.events });
    const { error } = await collect(await adapterFor(openai, fake), request(openai, HIGH));
    assert.match(error?.message ?? '', /Rate limit reached for gpt-5/);
    assert.equal(error?.retryAfterMs, 2_000);
  });

  it('response.completed is the end even when the server then holds the connection open', async () => {
    fake.enqueue('openai', { rawSse: recorded.reasoningSummary.events, holdOpen: true });
    const adapter = await adapterFor(openai, fake, { firstByteMs: 2_000, idleMs: 300 });
    const { events, error } = await collect(adapter, request(openai, HIGH));
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop' });
  });

  it('through the pipeline: the summary is thinking, the answer holds none of it', async () => {
    fake.enqueue('openai', { rawSse: recorded.reasoningSummary.events, chunking: 'awkward' });
    const adapter = await adapterFor(openai, fake);
    const retry = { maxAttempts: 1, baseDelayMs: 1, factor: 1, maxDelayMs: 1, maxTotalWaitMs: 1 };
    const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), retry: () => retry });
    const handle = pipeline.run({ providerId: 'openai', model: 'gpt-5', reasoningEffort: 'high', messages: [{ role: 'user', content: 'hi' }] });
    const events: PipelineEvent[] = [];
    for await (const e of handle.events) events.push(e);
    const result = await handle.result;
    assert.equal(result.outcome, 'ok', result.error?.message);
    assert.equal(result.text, 'Option B — c’est moins cher ✓');
    assert.equal(events.map((e) => (e.type === 'thinking' ? e.text : '')).join(''), CASES[0]!.expect.thinking);
  });
});

describe('OpenAI: Responses API only for a reasoning model with an effort', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function sent(name: 'openai' | 'compatible' | 'azure', extra: Partial<ChatRequest>) {
    const c = caseNamed(name);
    const out = await collect(await adapterFor(c, fake), request(c, extra));
    assert.equal(out.error, undefined, out.error?.message);
    const posts = fake.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    fake.reset();
    return { path: posts[0]!.path, body: posts[0]!.body as Record<string, unknown>, events: out.events };
  }

  it('Default effort → /v1/chat/completions, as before', async () => {
    assert.equal((await sent('openai', { model: 'gpt-5' })).path, '/v1/chat/completions');
  });

  it('High → /v1/responses with reasoning.effort "high" and summary "auto", instructions, input, no temperature', async () => {
    const { path, body } = await sent('openai', { ...HIGH, temperature: 0.3 });
    assert.equal(path, '/v1/responses');
    assert.deepEqual(body, {
      model: 'gpt-5',
      instructions: 'You are terse.',
      input: [{ role: 'user', content: 'Say hello.' }],
      max_output_tokens: 256 + 24_576,
      reasoning: { effort: 'high', summary: 'auto' },
      stream: true,
      store: false,
    });
  });

  it('every level, o3 and o4-mini too; a dated id is its family', async () => {
    for (const [model, effort] of [['o3', 'low'], ['o4-mini-2025-04-16', 'medium'], ['gpt-5-mini', 'high']] as const) {
      const { path, body } = await sent('openai', { model, reasoningEffort: effort });
      assert.equal(path, '/v1/responses', model);
      assert.deepEqual(body.reasoning, { effort, summary: 'auto' });
    }
  });

  it('a non-reasoning model, an unknown one, and the compatible and Azure adapters stay on Chat Completions', async () => {
    assert.equal((await sent('openai', { model: 'gpt-4o', reasoningEffort: 'high' })).path, '/v1/chat/completions');
    assert.equal((await sent('openai', { model: 'my-finetune', reasoningEffort: 'high' })).path, '/v1/chat/completions');
    assert.equal((await sent('compatible', { model: 'gpt-5', reasoningEffort: 'high' })).path, '/v1/chat/completions');
    assert.match((await sent('azure', { model: 'gpt-5', reasoningEffort: 'high' })).path, /\/chat\/completions$/);
  });

  it('a scripted scenario renders as a Responses stream: thinking by paragraph, chunks, usage with reasoning', async () => {
    fake.enqueue('openai', { thinking: 'First — l’idée.\n\nThen the check ✓', chunks: ['Hé', 'llo ', 'wörld'], usage: { input: 50, output: 90, reasoning: 70, cached: 10 } });
    const { path, events } = await sent('openai', HIGH);
    assert.equal(path, '/v1/responses');
    assert.equal(thinkingOf(events), 'First — l’idée.\n\nThen the check ✓');
    assert.equal(textOf(events), 'Héllo wörld');
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 50, outputTokens: 90, cachedInputTokens: 10, reasoningTokens: 70 } });
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop' });
  });

  it('scripted length and content_filter finishes, and a cut connection', async () => {
    fake.enqueue('openai', { text: 'Cut at the limit', finishReason: 'length' });
    assert.deepEqual((await sent('openai', HIGH)).events.at(-1), { type: 'finish', reason: 'length' });
    fake.enqueue('openai', { text: 'Non.', finishReason: 'content_filter' });
    const refused = await sent('openai', HIGH);
    fake.enqueue('openai', { text: 'abcdefghijklmnop', resetAfterChunks: 1 });
    assert.equal(textOf(refused.events), 'Non.');
    assert.deepEqual(refused.events.at(-1), { type: 'finish', reason: 'content_filter' });
    const out = await collect(await adapterFor(openai, fake), request(openai, HIGH));
    assert.equal(out.error?.code, 'network', out.error?.message);
  });

  it('an HTTP error on /v1/responses is normalized like Chat Completions’', async () => {
    fake.enqueue('openai', { status: 401 }, { status: 429, errorKind: 'rate_limit', headers: { 'retry-after': '3' } });
    const auth = await collect(await adapterFor(openai, fake), request(openai, HIGH));
    assert.equal(auth.error?.code, 'auth');
    const limited = await collect(await adapterFor(openai, fake), request(openai, HIGH));
    assert.equal(limited.error?.code, 'rate_limit');
    assert.equal(limited.error?.retryAfterMs, 3_000);
    assert.ok(fake.requests.every((r) => r.path === '/v1/responses'));
  });
});
