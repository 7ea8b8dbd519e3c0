// The fake providers' wire formats over raw HTTP (no SDK): SSE framing, error bodies, model-list
// paging and scripting (queues, defaults, reset, close). Adapter-level behaviour is tested in
// providers.*.test.ts; demo mode in demo.test.ts.
import { strict as assert } from 'node:assert';
import { useFakes } from '../../fakes/adapterHarness';
import { estimateTokens, geminiRetryDelay, insufficientQuota, overloaded529, rateLimit, startFakeProviders, type FakeProviders } from '../../fakes/server';

/** Raw HTTP, no SDK: what exactly goes over the wire. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-x', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hello there' }], stream: true, ...extra });

describe('fake providers: wire formats', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('binds 127.0.0.1 and exposes per-provider base URLs', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(fake.baseURLs, { openai: `${fake.url}/v1`, anthropic: fake.url, gemini: fake.url, azure: fake.url, openrouter: `${fake.url}/api/v1`, litellm: `${fake.url}/litellm/v1` });
  });

  it('OpenAI: `data: {chunk}` events, a usage chunk with empty choices, then [DONE]', async () => {
    fake.enqueue('openai', { text: 'abcdef', chunkSize: 3, usage: { input: 11, output: 2, cached: 4 } });
    const res = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody({ stream_options: { include_usage: true } }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
    const events = res.text.split('\n\n');
    assert.equal(events.pop(), '', 'ends with a blank line');
    assert.ok(events.every((e) => e.startsWith('data: ') && !e.includes('\n')), 'one data line per event');
    assert.equal(events.pop(), 'data: [DONE]');
    const chunks = events.map((e) => JSON.parse(e.slice(6)));
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'gpt-x'));
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
    assert.deepEqual(chunks.slice(1, 3).map((c) => c.choices[0].delta.content), ['abc', 'def']);
    assert.equal(chunks[3].choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks[4].choices, []);
    assert.equal(chunks[4].usage.prompt_tokens, 11);
    assert.equal(chunks[4].usage.completion_tokens, 2);
    assert.equal(chunks[4].usage.prompt_tokens_details.cached_tokens, 4);
  });

  it('OpenAI: no usage chunk unless stream_options.include_usage', async () => {
    const res = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody());
    assert.ok(!res.text.includes('"prompt_tokens"'));
  });

  it('Azure: deployment path with api-version, recorded as azure', async () => {
    await post(`${fake.url}/openai/deployments/dep1/chat/completions?api-version=2024-10-21`, chatBody({ stream_options: { include_usage: true } }), { 'api-key': 'k' });
    const [rec] = await fake.waitForRequests(1);
    assert.equal(rec!.provider, 'azure');
    assert.equal(rec!.query['api-version'], '2024-10-21');
    assert.equal(rec!.headers['api-key'], 'k');
    assert.equal(rec!.completed, true);
    assert.equal(rec!.clientClosedEarly, false);
  });

  it('Anthropic: named events in the documented order, usage split across start and delta', async () => {
    fake.enqueue('anthropic', { text: 'hey you', chunkSize: 4, usage: { input: 9, output: 3, cached: 5, cacheWrite: 2 }, finishReason: 'length' });
    const res = await post(`${fake.url}/v1/messages`, { model: 'claude-x', max_tokens: 10, system: 'sys', messages: [{ role: 'user', content: 'hi' }], stream: true }, { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
    const events = res.text.trim().split('\n\n').map((block) => {
      const [eventLine, dataLine, ...rest] = block.split('\n');
      assert.equal(rest.length, 0);
      assert.match(eventLine!, /^event: \w+$/);
      assert.match(dataLine!, /^data: /);
      return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) };
    });
    assert.deepEqual(
      events.map((e) => e.event),
      ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.ok(events.every((e) => e.data.type === e.event), 'data.type matches the event name');
    assert.deepEqual(events[0]!.data.message.usage, { input_tokens: 9, cache_creation_input_tokens: 2, cache_read_input_tokens: 5, output_tokens: 1, service_tier: 'standard' });
    assert.deepEqual(events[3]!.data.delta, { type: 'text_delta', text: 'hey ' });
    assert.equal(events[6]!.data.delta.stop_reason, 'max_tokens');
    assert.equal(events[6]!.data.usage.output_tokens, 3);
  });

  it('Anthropic: accepts Bearer auth and the newer anthropic-version too', async () => {
    const res = await post(`${fake.url}/v1/messages`, { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], stream: true }, { authorization: 'Bearer k', 'anthropic-version': '2026-10-21' });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('event: message_stop'));
  });

  it('Gemini: exactly one `data:` line then a blank line per event, usageMetadata and finishReason last', async () => {
    fake.enqueue('gemini', { text: 'abcd', chunkSize: 2, usage: { input: 7, output: 2, cached: 3 } });
    const res = await post(`${fake.url}/v1beta/models/gemini-x:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': 'k' });
    assert.ok(!/^(event|:)/m.test(res.text), 'no event: or comment lines (the SDK parser rejects them)');
    const events = res.text.split('\r\n\r\n');
    assert.equal(events.pop(), '');
    assert.ok(events.every((e) => /^data: \{.*\}$/.test(e)), 'each event is one data line');
    const parsed = events.map((e) => JSON.parse(e.slice(6)));
    assert.deepEqual(parsed.slice(0, 2).map((p) => p.candidates[0].content.parts[0].text), ['ab', 'cd']);
    const last = parsed[parsed.length - 1];
    assert.equal(last.candidates[0].finishReason, 'STOP');
    assert.equal(last.usageMetadata.promptTokenCount, 7);
    assert.equal(last.usageMetadata.candidatesTokenCount, 2);
    assert.equal(last.usageMetadata.cachedContentTokenCount, 3);
  });

  it('default answer is deterministic and default usage follows the text (~4 chars per token)', async () => {
    const a = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody({ stream_options: { include_usage: true } }));
    const b = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody({ stream_options: { include_usage: true } }));
    const text = (raw: string) =>
      raw
        .split('\n\n')
        .filter((e) => e.startsWith('data: {'))
        .map((e) => JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '')
        .join('');
    assert.equal(text(a.text).replace(/fake\d+/g, ''), text(b.text).replace(/fake\d+/g, ''));
    const usage = JSON.parse(a.text.split('\n\n').filter((e) => e.includes('"prompt_tokens"'))[0]!.slice(6)).usage;
    assert.equal(usage.completion_tokens, estimateTokens(text(a.text)));
    assert.equal(usage.prompt_tokens, estimateTokens('sys\nhello there'));
  });

  it('echo answers with the last user message', async () => {
    fake.enqueue('gemini', { echo: true });
    const res = await post(`${fake.url}/v1beta/models/g:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'one' }] }, { role: 'model', parts: [{ text: 'r' }] }, { role: 'user', parts: [{ text: 'two' }] }] });
    const text = res.text.split('\r\n\r\n').filter(Boolean).map((e) => JSON.parse(e.slice(6)).candidates[0].content.parts[0].text).join('');
    assert.equal(text, 'Echo: two');
  });

  describe('error bodies in each provider\'s shape', () => {
    it('OpenAI insufficient_quota and rate limit with Retry-After', async () => {
      fake.enqueue('openai', insufficientQuota(), rateLimit(7));
      const q = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody());
      assert.equal(q.status, 429);
      const qBody = JSON.parse(q.text);
      assert.equal(qBody.error.code, 'insufficient_quota');
      assert.equal(qBody.error.type, 'insufficient_quota');
      assert.ok('param' in qBody.error);
      const r = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody());
      assert.equal(r.headers.get('retry-after'), '7');
      assert.equal(JSON.parse(r.text).error.code, 'rate_limit_exceeded');
    });

    it('Anthropic 529 overloaded_error', async () => {
      fake.enqueue('anthropic', overloaded529());
      const res = await post(`${fake.url}/v1/messages`, { model: 'c', messages: [] }, { 'anthropic-version': '2023-06-01' });
      assert.equal(res.status, 529);
      assert.deepEqual(JSON.parse(res.text), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_fake' });
    });

    it('Gemini 429 with google.rpc.RetryInfo and QuotaFailure', async () => {
      fake.enqueue('gemini', geminiRetryDelay('2s'));
      const res = await post(`${fake.url}/v1beta/models/g:streamGenerateContent?alt=sse`, { contents: [] });
      assert.equal(res.status, 429);
      const err = JSON.parse(res.text).error;
      assert.equal(err.code, 429);
      assert.equal(err.status, 'RESOURCE_EXHAUSTED');
      const types = err.details.map((d: { '@type': string }) => d['@type']);
      assert.ok(types.includes('type.googleapis.com/google.rpc.QuotaFailure'));
      const retry = err.details.find((d: { '@type': string }) => d['@type'].endsWith('RetryInfo'));
      assert.equal(retry.retryDelay, '2s');
    });

    it('an explicit errorBody is sent verbatim', async () => {
      fake.enqueue('openai', { status: 418, errorBody: { custom: true } });
      const res = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody());
      assert.equal(res.status, 418);
      assert.deepEqual(JSON.parse(res.text), { custom: true });
    });
  });

  describe('model lists', () => {
    it('OpenAI /v1/models is one list', async () => {
      const body = await (await fetch(`${fake.baseURLs.openai}/models`)).json();
      assert.equal(body.object, 'list');
      assert.ok(body.data.every((m: { object: string }) => m.object === 'model'));
    });

    it('Anthropic pages with limit/after_id and has_more/last_id', async () => {
      const headers = { 'anthropic-version': '2023-06-01' };
      const first = await (await fetch(`${fake.url}/v1/models?limit=2`, { headers })).json();
      assert.equal(first.data.length, 2);
      assert.equal(first.has_more, true);
      const second = await (await fetch(`${fake.url}/v1/models?limit=2&after_id=${first.last_id}`, { headers })).json();
      assert.notEqual(second.data[0].id, first.data[0].id);
      assert.equal(fake.requests[0]!.provider, 'anthropic');
    });

    it('Gemini pages with pageToken/nextPageToken', async () => {
      const first = await (await fetch(`${fake.url}/v1beta/models?pageSize=1000`)).json();
      assert.ok(first.nextPageToken);
      assert.ok(first.models[0].name.startsWith('models/'));
      const next = await (await fetch(`${fake.url}/v1beta/models?pageToken=${first.nextPageToken}`)).json();
      assert.notEqual(next.models[0].name, first.models[0].name);
    });
  });

  describe('scripting', () => {
    it('queues are FIFO per provider; setDefault applies when a queue is empty; reset clears all', async () => {
      fake.enqueue('openai', { text: 'one' }, { text: 'two' });
      fake.setDefault('openai', { text: 'dflt' });
      const says = async () => {
        const res = await post(`${fake.baseURLs.openai}/chat/completions`, chatBody());
        return res.text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)).choices[0]?.delta?.content ?? '').join('');
      };
      assert.deepEqual([await says(), await says(), await says()], ['one', 'two', 'dflt']);
      fake.reset();
      assert.equal(fake.requests.length, 0);
      assert.match(await says(), /Hello from the fake OpenAI server/);
    });

    it('records a client that goes away as clientClosedEarly, and close() ends stalled sockets', async () => {
      const other = await startFakeProviders();
      other.enqueue('openai', { text: 'abcdef', chunkSize: 2, stallAfterChunks: 1 });
      const abort = new AbortController();
      const res = await fetch(`${other.baseURLs.openai}/chat/completions`, { method: 'POST', body: JSON.stringify(chatBody()), signal: abort.signal });
      const reader = res.body!.getReader();
      await reader.read();
      abort.abort();
      const rec = await other.waitForClose(0);
      assert.equal(rec.clientClosedEarly, true);
      assert.equal(rec.completed, false);

      other.enqueue('openai', { stallAfterChunks: 0 });
      const stalled = await fetch(`${other.baseURLs.openai}/chat/completions`, { method: 'POST', body: JSON.stringify(chatBody()) });
      assert.equal(stalled.status, 200);
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 2000, 'close() does not wait for the stalled stream');
      await assert.rejects(stalled.text());
    });

    it('waitForRequests times out with a clear message', async () => {
      await assert.rejects(fake.waitForRequests(1, 50), /expected 1 requests, saw 0/);
    });
  });
});
