// Issue 16, Gemini: recorded streams (test/fakes/recorded/gemini.ts) and error responses through the
// real @google/generative-ai SDK over real HTTP, each under every chunking (whole, per event,
// awkward cuts, one byte at a time). Error bodies are not SSE: there "event" is the body in one write.

import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, thinkingOf, useFakes } from '../../../fakes/adapterHarness';
import { CHUNKINGS, type Chunking } from '../../../fakes/rawStream';
import { serveRawError } from '../../../fakes/rawError';
import * as rec from '../../../fakes/recorded/gemini';
import type { AdapterEvent, Usage } from '../../../../src/core/llm/types';
import { createAdapter } from '../../../../src/core/providers/registry';

const gemini = caseNamed('gemini');
const usageOf = (events: AdapterEvent[]): Usage | undefined => events.find((e): e is Extract<AdapterEvent, { type: 'usage' }> => e.type === 'usage')?.usage;

// Vertex AI wraps its error in an array: `[{"error": {code, message, status, details}}]`.
const VERTEX_429 = JSON.stringify([
  {
    error: {
      code: 429,
      message: 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.',
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
    },
  },
]);
const VERTEX_503 = JSON.stringify([{ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }]);
const VERTEX_400 = JSON.stringify([{ error: { code: 400, message: 'Unable to submit request because it has an empty text parameter.', status: 'INVALID_ARGUMENT' } }]);
const PLAIN_429 = JSON.stringify({ error: { code: 429, message: 'Too many requests.', status: 'RESOURCE_EXHAUSTED' } });

describe('Gemini wire (issue 16): recorded streams and errors under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function run(rawSse: string[], chunking: Chunking) {
    fake.enqueue('gemini', { rawSse, chunking });
    return collect(await adapterFor(gemini, fake), request(gemini));
  }

  async function failWith(status: number, body: string, headers: Record<string, string>, chunking: Chunking) {
    const server = await serveRawError(status, body, headers, chunking);
    try {
      const adapter = await createAdapter({ ...gemini.config(fake), baseURL: server.url });
      return await collect(adapter, request(gemini));
    } finally {
      await server.close();
    }
  }

  for (const chunking of CHUNKINGS) {
    describe(`chunking: ${chunking}`, () => {
      it('parts[].thought: true → thinking events, never answer text; usageMetadata.thoughtsTokenCount → reasoningTokens (in output)', async () => {
        const { events, error } = await run(rec.thoughts, chunking);
        assert.equal(error, undefined, error?.message);
        assert.equal(thinkingOf(events), rec.THOUGHT_TEXT);
        assert.equal(textOf(events), rec.THOUGHT_ANSWER);
        // candidatesTokenCount 12 + thoughtsTokenCount 300 are both billed as output.
        assert.deepEqual(usageOf(events), { inputTokens: 40, outputTokens: 312, reasoningTokens: 300 });
        assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop' });
      });

      it('usageMetadata.toolUsePromptTokenCount is billed input: added to promptTokenCount', async () => {
        const { events, error } = await run(rec.toolUse, chunking);
        assert.equal(error, undefined, error?.message);
        assert.equal(textOf(events), 'The answer is 42.');
        // promptTokenCount 1,000 (of which cachedContentTokenCount 600) + toolUsePromptTokenCount 350
        assert.deepEqual(usageOf(events), { inputTokens: 1_350, outputTokens: 50, cachedInputTokens: 600 });
      });

      for (const [reason, code] of [
        ['OTHER', 'server'],
        ['MALFORMED_FUNCTION_CALL', 'server'],
        ['LANGUAGE', 'bad_request'],
        ['TOO_MANY_TOOL_CALLS', 'server'],
      ] as const) {
        it(`finishReason ${reason} is not a clean stop: the partial text, its usage, then an error naming the reason`, async () => {
          const { events, error } = await run(rec.stoppedBy(reason), chunking);
          assert.equal(textOf(events), rec.STOPPED_TEXT);
          assert.deepEqual(shape(events), ['text', 'usage'], 'no finish event');
          assert.deepEqual(usageOf(events), { inputTokens: 20, outputTokens: 3 });
          assert.equal(error?.code, code, error?.message);
          assert.equal(error?.providerCode, reason);
          assert.match(error!.message, new RegExp(`Google Gemini stopped the answer .*\\(finishReason ${reason}\\)`));
        });
      }

      it('finishMessage, when sent, is quoted in the error', async () => {
        const { error } = await run(rec.stoppedBy('OTHER', 'Response stopped by the backend.'), chunking);
        assert.match(error!.message, /finishReason OTHER\)\. Google Gemini said: "Response stopped by the backend\."/);
      });

      it('an error event inside a 200 stream fails the answer with its status and message, after the text before it', async () => {
        const { events, error } = await run(rec.failedMidway(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'), chunking);
        assert.equal(textOf(events), 'Partial ');
        assert.equal(error?.code, 'overloaded', error?.message);
        assert.equal(error?.status, 503);
        assert.match(error!.message, /The model is overloaded/);
        const quota = await run(rec.failedMidway(429, 'RESOURCE_EXHAUSTED', 'Resource exhausted.'), chunking);
        assert.equal(quota.error?.code, 'rate_limit', quota.error?.message);
      });

      it('array-wrapped error body ([{"error": …}], Vertex style): its message and RetryInfo.retryDelay are read', async () => {
        const { events, error } = await failWith(429, VERTEX_429, {}, chunking);
        assert.deepEqual(events, []);
        assert.equal(error?.code, 'rate_limit', error?.message);
        assert.equal(error?.retryAfterMs, 7_000);
        assert.match(error!.message, /Resource exhausted\. Please try again later/);
      });

      it('Retry-After on a 429 is read (the SDK drops headers; the adapter\'s fetch keeps them)', async () => {
        const { error } = await failWith(429, PLAIN_429, { 'retry-after': '12' }, chunking);
        assert.equal(error?.code, 'rate_limit', error?.message);
        assert.equal(error?.retryAfterMs, 12_000);
        assert.match(error!.message, /Too many requests\./);
      });

      it('array-wrapped 503 with Retry-After: overloaded, the wait and the message', async () => {
        const { error } = await failWith(503, VERTEX_503, { 'retry-after': '5' }, chunking);
        assert.equal(error?.code, 'overloaded', error?.message);
        assert.equal(error?.retryAfterMs, 5_000);
        assert.match(error!.message, /The model is overloaded/);
      });

      it('array-wrapped 400: the provider\'s message is kept', async () => {
        const { error } = await failWith(400, VERTEX_400, {}, chunking);
        assert.equal(error?.code, 'bad_request', error?.message);
        assert.match(error!.message, /empty text parameter/);
      });
    });
  }
});
