// Recorded OpenAI-shaped streams (OpenAI, Azure OpenAI, compatible servers) through the real openai
// SDK and real HTTP, each under every chunking (whole, per event, awkward cuts, byte by byte) with
// the same result: refusals, reasoning deltas, [DONE] without a finish_reason, reasoning token counts.
// The 429 wait is checked on the SDK's APIError too, and through the pipeline for what it then does.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, assertStream, caseNamed, collect, request, textOf, useFakes, type AdapterCase, type ExpectedStream } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import * as recorded from '../../../fakes/recorded/openai';
import { Pipeline, type PipelineEvent, type PipelineOutcome } from '../../../../src/core/llm/pipeline';
import type { FinishReason, ProviderAdapter } from '../../../../src/core/llm/types';

type Expected = ExpectedStream;


const CASES: { stream: recorded.RecordedStream; via: AdapterCase[]; expect: Expected }[] = [
  {
    stream: recorded.openaiRefusal,
    via: ['openai', 'compatible'],
    expect: { text: 'I’m sorry, but I can’t help with that — désolé.', usage: { inputTokens: 21, outputTokens: 14 }, finish: 'content_filter' },
  },
  {
    stream: recorded.azureRefusal,
    via: ['azure'],
    expect: { text: 'I can’t assist with that request. Désolé.', usage: { inputTokens: 19, outputTokens: 11 }, finish: 'content_filter' },
  },
  {
    stream: recorded.openaiReasoningTokens,
    via: ['openai', 'azure'],
    expect: { text: 'Forty-two — naturellement.', usage: { inputTokens: 30, outputTokens: 220, reasoningTokens: 192 }, finish: 'stop' },
  },
  {
    stream: recorded.compatibleDoneWithoutFinish,
    via: ['compatible', 'openai'],
    expect: { text: 'Héllo wörld — done.', finish: 'stop' },
  },
  {
    stream: recorded.compatibleCutShort,
    via: ['compatible', 'openai'],
    expect: { text: 'Héllo wörld — done.', error: { code: 'network', providerCode: 'incomplete_stream' } },
  },
  {
    stream: recorded.compatibleDoneEmpty,
    via: ['compatible'],
    expect: { text: '', error: { code: 'network', providerCode: 'incomplete_stream' } },
  },
  {
    stream: recorded.openaiErrorMidStream,
    via: ['openai', 'azure'],
    expect: { text: 'Partial — ', error: { code: 'server', providerCode: 'server_error' } },
  },
  {
    stream: recorded.deepseekReasoning,
    via: ['compatible'],
    expect: {
      text: 'Hello! 你好！',
      thinking: 'The user wants a greeting — 你好.',
      usage: { inputTokens: 12, outputTokens: 40, reasoningTokens: 31 },
      finish: 'stop',
    },
  },
  {
    stream: recorded.vllmReasoning,
    via: ['compatible'],
    expect: { text: '2 + 2 = 4 ✓', thinking: 'Two plus two… is four.', usage: { inputTokens: 15, outputTokens: 24, reasoningTokens: 17 }, finish: 'stop' },
  },
  {
    stream: recorded.openrouterReasoning,
    via: ['compatible'],
    expect: {
      text: 'Option B — it’s cheaper.',
      thinking: 'Weighing the options… Summary: pick B.',
      usage: { inputTokens: 40, outputTokens: 60, reasoningTokens: 45, reportedCostUsd: 0.00102 },
      finish: 'stop',
    },
  },
];

describe('OpenAI-shaped recorded streams, under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const { stream, via, expect } of CASES) {
    describe(`${stream.name} — ${stream.covers}`, () => {
      for (const name of via) {
        for (const chunking of CHUNKINGS) {
          it(`${name}, chunking '${chunking}'`, async () => {
            const c = caseNamed(name);
            fake.enqueue(c.fake, { rawSse: stream.events, chunking });
            assertStream(await collect(await adapterFor(c, fake), request(c)), expect);
          });
        }
      }
    });
  }
});

describe('[DONE] is the end even when the server then holds the connection open', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('finishes at once instead of waiting for the body to end (which would be an idle timeout)', async () => {
    const c = caseNamed('compatible');
    fake.enqueue(c.fake, { rawSse: recorded.compatibleDoneWithoutFinish.events, holdOpen: true });
    const adapter = await adapterFor(c, fake, { firstByteMs: 2_000, idleMs: 300 });
    const { events, error } = await collect(adapter, request(c));
    assert.equal(error, undefined, error?.message);
    assert.equal(textOf(events), 'Héllo wörld — done.');
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop' });
  });
});

// What the pipeline (and so the chat panel, which stores result.outcome/text) makes of them.
const THROUGH_PIPELINE: { stream: recorded.RecordedStream; via: AdapterCase; outcome: PipelineOutcome; text: string; thinking: string; finish?: FinishReason; code?: string }[] = [
  { stream: recorded.openaiRefusal, via: 'openai', outcome: 'ok', text: 'I’m sorry, but I can’t help with that — désolé.', thinking: '', finish: 'content_filter' },
  { stream: recorded.compatibleDoneWithoutFinish, via: 'compatible', outcome: 'ok', text: 'Héllo wörld — done.', thinking: '', finish: 'stop' },
  { stream: recorded.compatibleCutShort, via: 'compatible', outcome: 'interrupted', text: 'Héllo wörld — done.', thinking: '', code: 'network' },
  { stream: recorded.openrouterReasoning, via: 'compatible', outcome: 'ok', text: 'Option B — it’s cheaper.', thinking: 'Weighing the options… Summary: pick B.', finish: 'stop' },
];

describe('OpenAI-shaped recorded streams through the pipeline, under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const t of THROUGH_PIPELINE) {
    for (const chunking of CHUNKINGS) {
      it(`${t.stream.name} (${t.via}, '${chunking}') → outcome ${t.outcome}${t.finish ? `, finishReason ${t.finish}` : `, ${t.code}`}`, async () => {
        const c = caseNamed(t.via);
        fake.enqueue(c.fake, { rawSse: t.stream.events, chunking });
        const adapter: ProviderAdapter = await adapterFor(c, fake);
        const retry = { maxAttempts: 1, baseDelayMs: 1, factor: 1, maxDelayMs: 1, maxTotalWaitMs: 1 };
        const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), retry: () => retry });
        const handle = pipeline.run({ providerId: c.config(fake).id, model: c.model, messages: [{ role: 'user', content: 'hi' }] });
        const events: PipelineEvent[] = [];
        for await (const e of handle.events) events.push(e);
        const result = await handle.result;
        assert.equal(result.outcome, t.outcome, result.error?.message);
        assert.equal(result.text, t.text, 'the answer holds no reasoning');
        assert.equal(events.map((e) => (e.type === 'thinking' ? e.text : '')).join(''), t.thinking);
        if (t.finish) {
          assert.equal(result.finishReason, t.finish);
          assert.deepEqual(events[events.length - 1], { type: 'finish', reason: t.finish });
        } else {
          assert.equal(result.error?.code, t.code);
        }
      });
    }
  }
});
