// Tool calling and image input on Chat Completions (_openaiChat.ts, _openaiStream.ts), through the
// real openai SDK and real HTTP, for the three adapters that speak it (OpenAI, compatible, Azure).
// Each test names the documented behaviour it covers: the Chat Completions reference's `tools`
// ({type: 'function', function: {name, description, parameters}}), `tool_choice: 'required'`,
// streamed `delta.tool_calls[{index, id, type, function: {name, arguments}}]`, finish_reason
// 'tool_calls', assistant `tool_calls` + `{role: 'tool', tool_call_id, content}` history, and
// `{type: 'image_url', image_url: {url: 'data:…'}}` user content parts. Compatible servers' quirks
// come as recorded streams (recorded/openaiTools.ts) under every chunking.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, useFakes, type AdapterCase } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import type { RecordedStream } from '../../../fakes/recorded/openai';
import * as recorded from '../../../fakes/recorded/openaiTools';
import { Pipeline } from '../../../../src/core/llm/pipeline';
import type { AdapterEvent, ChatMessage, ToolCall, ToolDefinition } from '../../../../src/core/llm/types';

const VIA: AdapterCase[] = ['openai', 'compatible', 'azure'];
const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const callsOf = (events: AdapterEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
const lastFinish = (events: AdapterEvent[]) => events[events.length - 1];
type Body = { messages: unknown[]; tools?: unknown[]; tool_choice?: unknown };

describe('Chat Completions tool calls (OpenAI, compatible, Azure)', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const name of VIA) {
    describe(name, () => {
      const c = caseNamed(name);

      it('one call, its arguments streamed one character at a time → one tool_call, finish tool_calls', async () => {
        const input = { city: 'Zürich', days: 3, units: { temp: 'C' }, tags: ['a', 'b'] };
        fake.enqueue(c.fake, { text: '', toolCalls: [{ id: 'call_one', name: 'get_weather', args: input }], argChunkSize: 1 });
        const { events, error } = await collect(await adapterFor(c, fake), request(c, { tools: [WEATHER] }));
        assert.equal(error, undefined, error?.message);
        assert.deepEqual(callsOf(events), [{ id: 'call_one', name: 'get_weather', input }]);
        assert.deepEqual(shape(events), ['tool_call', 'usage', 'finish']);
        assert.deepEqual(lastFinish(events), { type: 'finish', reason: 'tool_calls' });
      });

      it('parallel calls (one index each) → one tool_call per call, in index order', async () => {
        const calls = [
          { name: 'get_weather', args: { city: 'Paris' } },
          { name: 'get_weather', args: { city: 'Tōkyō' } },
          { name: 'get_time', args: {} },
        ];
        fake.enqueue(c.fake, { text: '', toolCalls: calls, argChunkSize: 3 });
        const { events, error } = await collect(await adapterFor(c, fake), request(c, { tools: [WEATHER, { name: 'get_time', description: 'Now' }] }));
        assert.equal(error, undefined, error?.message);
        const got = callsOf(events);
        assert.deepEqual(got.map((g) => [g.name, g.input]), calls.map((k) => [k.name, k.args]));
        assert.equal(new Set(got.map((g) => g.id)).size, 3, 'each call keeps its own id');
        assert.ok(got.every((g) => g.id.startsWith('call_')));
        assert.deepEqual(lastFinish(events), { type: 'finish', reason: 'tool_calls' });
      });

      it('text before a tool call: the text streams, then the call', async () => {
        fake.enqueue(c.fake, { text: 'Let me look that up.', toolCalls: [{ name: 'get_weather', args: { city: 'Oslo' } }] });
        const { events, error } = await collect(await adapterFor(c, fake), request(c, { tools: [WEATHER] }));
        assert.equal(error, undefined, error?.message);
        assert.equal(textOf(events), 'Let me look that up.');
        assert.deepEqual(shape(events), ['text', 'tool_call', 'usage', 'finish']);
        assert.deepEqual(callsOf(events)[0]?.input, { city: 'Oslo' });
      });
    });
  }

  it('40 tools all arrive as {type: "function", function: {name, description, parameters}}; no schema → an empty object schema', async () => {
    const c = caseNamed('openai');
    const tools: ToolDefinition[] = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 9 ? { name: `tool_${i}`, description: `Tool ${i}` } : { name: `tool_${i}`, description: `Tool ${i}`, inputSchema: { type: 'object', properties: { [`arg${i}`]: { type: 'integer' } } } },
    );
    fake.enqueue(c.fake, { text: 'ok' });
    const { error } = await collect(await adapterFor(c, fake), request(c, { tools }));
    assert.equal(error, undefined, error?.message);
    const body = fake.requests[0]!.body as Body;
    assert.deepEqual(
      body.tools,
      tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema ?? { type: 'object', properties: {} } } })),
    );
    assert.equal(body.tool_choice, undefined, "'auto' is the documented default when tools are present: not sent");
  });

  it("toolChoice 'required' → tool_choice: 'required'", async () => {
    const c = caseNamed('compatible');
    fake.enqueue(c.fake, { text: '', toolCalls: [{ name: 'get_weather', args: { city: 'Rome' } }] });
    await collect(await adapterFor(c, fake), request(c, { tools: [WEATHER], toolChoice: 'required' }));
    assert.equal((fake.requests[0]!.body as Body).tool_choice, 'required');
  });

  it('a text-only request is sent exactly as before: string contents, no tools, no tool_choice', async () => {
    const c = caseNamed('openai');
    fake.enqueue(c.fake, { text: 'hi' });
    await collect(await adapterFor(c, fake), request(c, { messages: [{ role: 'system', content: 'S' }, { role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Again' }] }));
    assert.deepEqual(fake.requests[0]!.body, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'Say hello.' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Again' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 256,
    });
  });

  for (const name of VIA) {
    it(`round trip (${name}): assistant tool_calls (content null), one {role: "tool"} message per result, then the final answer streams`, async () => {
      const c = caseNamed(name);
      const history: ChatMessage[] = [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_call', id: 'call_p', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_call', id: 'call_o', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', callId: 'call_p', content: '18°C, sunny' },
            { type: 'tool_result', callId: 'call_o', content: 'city not found', isError: true },
          ],
        },
      ];
      fake.enqueue(c.fake, { text: 'Paris: 18°C. Oslo: unknown.' });
      const { events, error } = await collect(await adapterFor(c, fake), request(c, { messages: history, tools: [WEATHER] }));
      assert.equal(error, undefined, error?.message);
      assert.equal(textOf(events), 'Paris: 18°C. Oslo: unknown.');
      assert.deepEqual(lastFinish(events), { type: 'finish', reason: 'stop' });
      assert.deepEqual((fake.requests[0]!.body as Body).messages, [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_p', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_o', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_p', content: '18°C, sunny' },
        { role: 'tool', tool_call_id: 'call_o', content: 'city not found' },
      ]);
    });
  }

  it('an assistant that spoke before calling keeps its text; a user text after the results follows the tool messages', async () => {
    const c = caseNamed('compatible');
    fake.enqueue(c.fake, { text: 'ok' });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'text', text: 'Looking.' }, { type: 'tool_call', id: 'c1', name: 'ls', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', callId: 'c1', content: 'a.ts' }, { type: 'text', text: 'and then?' }] },
    ];
    await collect(await adapterFor(c, fake), request(c, { messages }));
    assert.deepEqual((fake.requests[0]!.body as Body).messages, [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Looking.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'ls', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'a.ts' },
      { role: 'user', content: 'and then?' },
    ]);
  });

  it('an image part → an image_url content part holding a base64 data: URL', async () => {
    const c = caseNamed('azure');
    fake.enqueue(c.fake, { text: 'A red dot.' });
    const data = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const { error } = await collect(
      await adapterFor(c, fake),
      request(c, { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data }] }] }),
    );
    assert.equal(error, undefined, error?.message);
    assert.deepEqual((fake.requests[0]!.body as Body).messages, [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${data}` } }] },
    ]);
  });

  it('through the pipeline: the calls land in result.toolCalls, finishReason tool_calls', async () => {
    const c = caseNamed('openai');
    fake.enqueue(c.fake, { text: '', toolCalls: [{ id: 'call_x', name: 'get_weather', args: { city: 'Lima' } }] });
    const adapter = await adapterFor(c, fake);
    const retry = { maxAttempts: 1, baseDelayMs: 1, factor: 1, maxDelayMs: 1, maxTotalWaitMs: 1 };
    const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), retry: () => retry });
    const handle = pipeline.run({ providerId: c.config(fake).id, model: c.model, messages: [{ role: 'user', content: 'hi' }], tools: [WEATHER] });
    for await (const _ of handle.events) void _;
    const result = await handle.result;
    assert.equal(result.outcome, 'ok', result.error?.message);
    assert.equal(result.finishReason, 'tool_calls');
    assert.deepEqual(result.toolCalls, [{ id: 'call_x', name: 'get_weather', input: { city: 'Lima' } }]);
  });
});

const RECORDED: { stream: RecordedStream; via: AdapterCase[]; text?: string; calls?: Omit<ToolCall, 'signature'>[]; finish?: 'length'; error?: string }[] = [
  {
    stream: recorded.openaiParallel,
    via: ['openai', 'azure'],
    text: 'Checking both — ',
    calls: [
      { id: 'call_q7Wk2pLm9XvB3nRt8YcD1sFa', name: 'get_weather', input: { city: 'Zürich' } },
      { id: 'call_Hn4Tz8Qe2WmK6yVb0LpR5xJc', name: 'get_time', input: { zone: 'Europe/Zürich' } },
    ],
  },
  {
    stream: recorded.interleaved,
    via: ['compatible'],
    calls: [
      { id: 'chatcmpl-tool-a1', name: 'read_file', input: { path: 'a—b.ts' } },
      { id: 'chatcmpl-tool-b2', name: 'list_dir', input: { dir: 'src/é' } },
    ],
  },
  {
    stream: recorded.ollamaWhole,
    via: ['compatible'],
    calls: [
      { id: 'call_ab12cd34', name: 'get_weather', input: { city: 'Köln' } },
      { id: 'call_ef56gh78', name: 'get_weather', input: { city: 'Paris' } },
    ],
  },
  { stream: recorded.noIndex, via: ['compatible'], calls: [{ id: 'call_1', name: 'search', input: { q: 'naïve café' } }] },
  { stream: recorded.badArguments, via: ['openai'], error: 'invalid_tool_arguments' },
  { stream: recorded.cutAtLimit, via: ['openai', 'compatible'], text: 'Sure — ', calls: [], finish: 'length' },
];

describe('Chat Completions tool-call streams as servers send them, under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const t of RECORDED) {
    describe(`${t.stream.name} — ${t.stream.covers}`, () => {
      for (const name of t.via) {
        for (const chunking of CHUNKINGS) {
          it(`${name}, chunking '${chunking}'`, async () => {
            const c = caseNamed(name);
            fake.enqueue(c.fake, { rawSse: t.stream.events, chunking });
            const { events, error, raw } = await collect(await adapterFor(c, fake), request(c, { tools: [WEATHER] }));
            assert.equal(raw, undefined, `not normalized: ${String(raw)}`);
            if (t.error) {
              assert.equal(error?.code, 'bad_request');
              assert.equal(error?.providerCode, t.error);
              assert.match(error?.message ?? '', /get_weather.*not a JSON object/);
              assert.deepEqual(callsOf(events), [], 'no half call');
              return;
            }
            assert.equal(error, undefined, error?.message);
            assert.equal(textOf(events), t.text ?? '');
            assert.deepEqual(callsOf(events), t.calls);
            assert.deepEqual(lastFinish(events), { type: 'finish', reason: t.finish ?? 'tool_calls' });
          });
        }
      }
    });
  }
});
