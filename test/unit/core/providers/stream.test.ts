import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { CASES, KEYS, adapterFor, caseNamed, collect, everythingSent, request, shape, textOf, useFakes } from '../../../fakes/adapterHarness';
import type { Usage } from '../../../../src/core/llm/types';

describe('provider adapters: streaming over the real SDKs', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  // What each adapter must report for the same wire usage {input 120, output 30, cached 100, cacheWrite 7}.
  const expectedUsage: Record<string, Usage> = {
    openai: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    compatible: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    azure: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    gemini: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    // Anthropic's input_tokens excludes cache reads/writes: 120 + 100 + 7.
    anthropic: { inputTokens: 227, outputTokens: 30, cachedInputTokens: 100, cacheWriteTokens: 7 },
  };

  for (const c of CASES) {
    describe(c.name, () => {
      it('streams text deltas, then one usage event, then finish', async () => {
        fake.enqueue(c.fake, { text: 'The quick brown fox jumps.', chunkSize: 5, usage: { input: 120, output: 30, cached: 100, cacheWrite: 7 } });
        const { events, error } = await collect(await adapterFor(c, fake), request(c));
        assert.equal(error, undefined);
        assert.deepEqual(shape(events), ['text', 'usage', 'finish']);
        assert.equal(textOf(events), 'The quick brown fox jumps.');
        assert.ok(events.filter((e) => e.type === 'text').length >= 5, 'arrives as several deltas, not one block');
        assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: expectedUsage[c.name] });
        assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop' });
      });

      it('maps the finish reason (length, content_filter)', async () => {
        fake.enqueue(c.fake, { text: 'cut', finishReason: 'length' }, { text: 'no', finishReason: 'content_filter' });
        const adapter = await adapterFor(c, fake);
        const first = await collect(adapter, request(c));
        const second = await collect(adapter, request(c));
        assert.deepEqual(first.events[first.events.length - 1], { type: 'finish', reason: 'length' });
        assert.deepEqual(second.events[second.events.length - 1], { type: 'finish', reason: 'content_filter' });
      });

      it('sends the key only in its auth header', async () => {
        fake.enqueue(c.fake, {});
        await collect(await adapterFor(c, fake), request(c));
        const [req] = await fake.waitForRequests(1);
        assert.equal(req!.headers[c.authHeader.name], c.authHeader.value);
        const others = { ...req!.headers };
        delete others[c.authHeader.name];
        const elsewhere = JSON.stringify({ path: req!.path, query: req!.query, headers: others, body: req!.body });
        assert.ok(!elsewhere.includes(c.key), `key leaked outside ${c.authHeader.name}: ${elsewhere}`);
        assert.ok(!elsewhere.includes(c.key.slice(-12)), 'no fragment of the key either');
      });

      it('aborting mid-stream closes the HTTP stream and surfaces "cancelled"', async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown) => unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        try {
          fake.enqueue(c.fake, { text: 'x'.repeat(200), chunkSize: 2, chunkDelayMs: 20 });
          const abort = new AbortController();
          const { events, error } = await collect(await adapterFor(c, fake), request(c, { signal: abort.signal }), (e) => {
            if (e.type === 'text') abort.abort();
          });
          assert.equal(error?.code, 'cancelled', `got ${error?.code}: ${error?.message}`);
          assert.ok(textOf(events).length > 0 && textOf(events).length < 200);
          const rec = await fake.waitForClose(0);
          assert.equal(rec.clientClosedEarly, true, 'the fake saw the socket close before the answer ended');
          assert.equal(rec.completed, false);
          // Give a dangling SDK promise (Gemini's result.response) time to reject unhandled.
          await new Promise((r) => setTimeout(r, 50));
          assert.deepEqual(unhandled, []);
        } finally {
          process.off('unhandledRejection', onUnhandled);
        }
      });

      it('a consumer that stops reading early also closes the stream', async () => {
        fake.enqueue(c.fake, { text: 'y'.repeat(200), chunkSize: 2, chunkDelayMs: 10 });
        const adapter = await adapterFor(c, fake);
        for await (const e of adapter.stream(request(c))) {
          if (e.type === 'text') break;
        }
        const rec = await fake.waitForClose(0);
        assert.equal(rec.clientClosedEarly, true);
      });

      it('an already-aborted signal fails fast with "cancelled" and sends nothing', async () => {
        const abort = new AbortController();
        abort.abort();
        const { error } = await collect(await adapterFor(c, fake), request(c, { signal: abort.signal }));
        assert.equal(error?.code, 'cancelled');
        assert.equal(fake.requests.length, 0);
      });

      it('first-byte timeout: nothing arrives in time → "timeout" naming the first-byte limit', async () => {
        fake.enqueue(c.fake, { firstByteDelayMs: 1500 });
        const started = Date.now();
        const { events, error } = await collect(await adapterFor(c, fake, { firstByteMs: 150, idleMs: 0 }), request(c));
        assert.equal(error?.code, 'timeout');
        assert.match(error!.message, /first-byte timeout 150 ms/);
        assert.equal(events.length, 0);
        assert.ok(Date.now() - started < 1400, 'gave up before the server answered');
      });

      it('idle timeout: the stream stalls mid-answer → "timeout" naming the idle limit, socket closed', async () => {
        fake.enqueue(c.fake, { text: 'abcdefghij', chunkSize: 2, stallAfterChunks: 2 });
        const { events, error } = await collect(await adapterFor(c, fake, { firstByteMs: 2000, idleMs: 150 }), request(c));
        assert.equal(error?.code, 'timeout');
        assert.match(error!.message, /idle timeout 150 ms/);
        assert.equal(textOf(events), 'abcd');
        assert.equal((await fake.waitForClose(0)).clientClosedEarly, true);
      });

      it('a slow but steady stream is not cut by the idle timeout', async () => {
        fake.enqueue(c.fake, { text: 'abcdefgh', chunkSize: 2, chunkDelayMs: 60 });
        const { events, error } = await collect(await adapterFor(c, fake, { firstByteMs: 1000, idleMs: 400 }), request(c));
        assert.equal(error, undefined, error?.message);
        assert.equal(textOf(events), 'abcdefgh');
      });

      it('connection reset mid-stream → "network" after the partial text', async () => {
        fake.enqueue(c.fake, { text: 'partial answer here', chunkSize: 4, resetAfterChunks: 2 });
        const { events, error } = await collect(await adapterFor(c, fake), request(c));
        assert.equal(error?.code, 'network', `got ${error?.code}: ${error?.message}`);
        assert.equal(textOf(events), 'partial ');
        assert.ok(!events.some((e) => e.type === 'finish'));
      });

      it('a stream cut off inside an event → "network", never a short "stop"', async () => {
        fake.enqueue(c.fake, { text: 'abcdef', chunkSize: 2, truncatedJsonAfterChunks: 2 });
        const { events, error } = await collect(await adapterFor(c, fake), request(c));
        assert.equal(error?.code, 'network', `got ${error?.code}: ${error?.message}`);
        assert.ok(!events.some((e) => e.type === 'finish'));
      });

      it('a garbage event → "server" (malformed response)', async () => {
        fake.enqueue(c.fake, { text: 'abcdef', chunkSize: 2, malformedAfterChunks: 1 });
        const { error } = await collect(await adapterFor(c, fake), request(c));
        assert.equal(error?.code, 'server', `got ${error?.code}: ${error?.message}`);
        assert.match(error!.message, /malformed/);
      });

      it('echo scenario answers with the last user message (request body reached the server intact)', async () => {
        fake.enqueue(c.fake, { echo: true });
        const { events } = await collect(
          await adapterFor(c, fake),
          request(c, {
            messages: [
              { role: 'user', content: 'first question' },
              { role: 'assistant', content: 'first answer' },
              { role: 'user', content: 'second question' },
            ],
          }),
        );
        assert.equal(textOf(events), 'Echo: second question');
      });
    });
  }

  describe('system prompts land where each API wants them', () => {
    it('OpenAI, compatible and Azure: a system message first', async () => {
      for (const name of ['openai', 'compatible', 'azure'] as const) {
        fake.reset();
        const c = caseNamed(name);
        await collect(await adapterFor(c, fake), request(c));
        const body = (await fake.waitForRequests(1))[0]!.body as { messages: { role: string; content: string }[] };
        assert.deepEqual(body.messages[0], { role: 'system', content: 'You are terse.' }, name);
        assert.deepEqual(body.messages[1], { role: 'user', content: 'Say hello.' }, name);
      }
    });

    it('Anthropic: the `system` field, not a message', async () => {
      const c = caseNamed('anthropic');
      await collect(await adapterFor(c, fake), request(c));
      const body = (await fake.waitForRequests(1))[0]!.body as { system?: unknown; messages: { role: string }[]; max_tokens: number };
      assert.equal(body.system, 'You are terse.');
      assert.deepEqual(
        body.messages.map((m) => m.role),
        ['user'],
      );
      assert.equal(body.max_tokens, 256);
    });

    it('Gemini: systemInstruction, with roles user/model', async () => {
      const c = caseNamed('gemini');
      await collect(
        await adapterFor(c, fake),
        request(c, {
          messages: [
            { role: 'system', content: 'You are terse.' },
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'b' },
            { role: 'user', content: 'c' },
          ],
        }),
      );
      const rec = (await fake.waitForRequests(1))[0]!;
      const body = rec.body as { systemInstruction?: { parts: { text: string }[] }; contents: { role: string; parts: { text: string }[] }[]; generationConfig?: { maxOutputTokens?: number } };
      assert.deepEqual(body.systemInstruction?.parts, [{ text: 'You are terse.' }]);
      assert.deepEqual(
        body.contents.map((t) => [t.role, t.parts[0]!.text]),
        [
          ['user', 'a'],
          ['model', 'b'],
          ['user', 'c'],
        ],
      );
      assert.equal(body.generationConfig?.maxOutputTokens, 256);
      assert.equal(rec.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent');
      assert.equal(rec.query.alt, 'sse');
    });
  });

  describe('request details per API', () => {
    it('OpenAI asks for usage in the stream and uses max_completion_tokens', async () => {
      const c = caseNamed('openai');
      await collect(await adapterFor(c, fake), request(c, { temperature: 0.2 }));
      const body = (await fake.waitForRequests(1))[0]!.body as Record<string, unknown>;
      assert.deepEqual(body.stream_options, { include_usage: true });
      assert.equal(body.stream, true);
      assert.equal(body.max_completion_tokens, 256);
      assert.equal(body.max_tokens, undefined);
      assert.equal(body.temperature, 0.2);
    });

    it('Azure calls the deployment URL with api-version and the api-key header', async () => {
      const c = caseNamed('azure');
      await collect(await adapterFor(c, fake), request(c));
      const rec = (await fake.waitForRequests(1))[0]!;
      assert.equal(rec.provider, 'azure');
      assert.equal(rec.path, '/openai/deployments/chat-dep/chat/completions');
      assert.equal(rec.query['api-version'], '2024-10-21');
      assert.equal(rec.headers['api-key'], KEYS.azure);
      assert.equal(rec.headers.authorization, undefined);
    });

    it('Anthropic sends an anthropic-version header the fake accepts', async () => {
      const c = caseNamed('anthropic');
      const { error } = await collect(await adapterFor(c, fake), request(c));
      assert.equal(error, undefined);
      assert.ok(fake.requests[0]!.headers['anthropic-version']);
    });
  });

  describe('rate-limit hints from response headers', () => {
    it('OpenAI x-ratelimit-* headers become one ratelimit event before the text', async () => {
      const c = caseNamed('openai');
      fake.enqueue('openai', {
        headers: {
          'x-ratelimit-remaining-requests': '59',
          'x-ratelimit-remaining-tokens': '149000',
          'x-ratelimit-reset-requests': '1s',
          'x-ratelimit-reset-tokens': '6m0s',
        },
      });
      const { events } = await collect(await adapterFor(c, fake), request(c));
      assert.deepEqual(events[0], {
        type: 'ratelimit',
        hints: { remainingRequests: 59, remainingTokens: 149000, resetRequestsMs: 1000, resetTokensMs: 360_000 },
      });
      assert.equal(events.filter((e) => e.type === 'ratelimit').length, 1);
    });

    it('Anthropic anthropic-ratelimit-* headers (RFC 3339 resets)', async () => {
      const c = caseNamed('anthropic');
      const inTenSeconds = new Date(Date.now() + 10_000).toISOString();
      fake.enqueue('anthropic', {
        headers: {
          'anthropic-ratelimit-requests-remaining': '49',
          'anthropic-ratelimit-tokens-remaining': '39000',
          'anthropic-ratelimit-requests-reset': inTenSeconds,
          'anthropic-ratelimit-tokens-reset': inTenSeconds,
        },
      });
      const { events } = await collect(await adapterFor(c, fake), request(c));
      const hint = events[0];
      assert.equal(hint?.type, 'ratelimit');
      if (hint?.type !== 'ratelimit') return;
      assert.equal(hint.hints.remainingRequests, 49);
      assert.equal(hint.hints.remainingTokens, 39000);
      assert.ok(hint.hints.resetRequestsMs! > 8000 && hint.hints.resetRequestsMs! <= 10_000, String(hint.hints.resetRequestsMs));
    });

    it('no rate-limit headers → no ratelimit event', async () => {
      const c = caseNamed('openai');
      const { events } = await collect(await adapterFor(c, fake), request(c));
      assert.ok(!events.some((e) => e.type === 'ratelimit'));
    });
  });

  describe('OpenAI-compatible endpoints', () => {
    it('a keyless endpoint (Ollama style) sends no Authorization header at all', async () => {
      const c = caseNamed('compatible');
      const adapter = await adapterFor(c, fake, undefined, { id: 'compat:ollama', label: 'Ollama', apiKey: undefined });
      const { error } = await collect(adapter, request(c));
      assert.equal(error, undefined);
      const headers = (await fake.waitForRequests(1))[0]!.headers;
      assert.equal(headers.authorization, undefined);
      assert.ok(!JSON.stringify(headers).includes('no-key'), 'the SDK placeholder is never sent');
    });

    it('extra headers arrive, and instances side by side keep their own key and headers', async () => {
      const c = caseNamed('compatible');
      const router = await adapterFor(c, fake, undefined, { id: 'compat:openrouter', label: 'OpenRouter', apiKey: 'sk-or-v1-routerKEY000000000', headers: { 'X-Title': 'Switchboard', 'HTTP-Referer': 'https://example.invalid' } });
      const local = await adapterFor(c, fake, undefined, { id: 'compat:ollama', label: 'Ollama', apiKey: undefined, headers: { 'X-Local': 'yes' } });
      await collect(router, request(c));
      await collect(local, request(c));
      const [a, b] = await fake.waitForRequests(2);
      assert.equal(a!.headers['x-title'], 'Switchboard');
      assert.equal(a!.headers['http-referer'], 'https://example.invalid');
      assert.equal(a!.headers.authorization, 'Bearer sk-or-v1-routerKEY000000000');
      assert.equal(a!.headers['x-local'], undefined);
      assert.equal(b!.headers['x-local'], 'yes');
      assert.equal(b!.headers['x-title'], undefined);
      assert.equal(b!.headers.authorization, undefined);
    });

    it('an OpenRouter-style usage.cost becomes reportedCostUsd; compatible uses max_tokens', async () => {
      const c = caseNamed('compatible');
      fake.enqueue('openai', { usage: { input: 10, output: 5, cost: 0.00042 } });
      const { events } = await collect(await adapterFor(c, fake), request(c));
      assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 10, outputTokens: 5, reportedCostUsd: 0.00042 } });
      const body = fake.requests[0]!.body as Record<string, unknown>;
      assert.equal(body.max_tokens, 256);
      assert.equal(body.max_completion_tokens, undefined);
    });

    it('without a base URL the adapter refuses to build, with a message that says what to fix', async () => {
      const c = caseNamed('compatible');
      await assert.rejects(adapterFor(c, fake, undefined, { baseURL: undefined }), (e: Error & { code?: string }) => e.code === 'bad_request' && /base URL/.test(e.message));
    });
  });

  it('no key material appears anywhere the fake could log except the auth headers', () => {
    // Guard for the whole suite: request bodies and paths never carry a key.
    const sent = everythingSent(fake);
    for (const key of Object.values(KEYS)) assert.ok(!sent.replace(/"(authorization|api-key|x-goog-api-key)":"[^"]*"/g, '').includes(key));
  });
});
