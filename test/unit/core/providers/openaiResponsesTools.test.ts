// Tool calling and image input on the OpenAI adapter's Responses API path (openai/responses.ts,
// responsesStream.ts), through the real openai SDK and real HTTP. Each test names the documented
// behaviour it covers: the Responses reference's function tools ({type: 'function', name,
// description, parameters, strict}), `tool_choice: 'required'`, `function_call` output items with
// streamed `response.function_call_arguments.delta`, `function_call` / `function_call_output` input
// items, and `input_image` content parts. Recorded streams run under every chunking.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, thinkingOf, useFakes } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import * as recorded from '../../../fakes/recorded/openaiResponses';
import type { AdapterEvent, ChatMessage, ChatRequest, ToolCall, ToolDefinition } from '../../../../src/core/llm/types';

const openai = caseNamed('openai');
const HIGH: Partial<ChatRequest> = { model: 'gpt-5', reasoningEffort: 'high' };
const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const callsOf = (events: AdapterEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
type Body = { input: unknown[]; tools?: unknown[]; tool_choice?: unknown };

describe('Responses API tool calls (OpenAI, a reasoning model with an effort)', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function run(extra: Partial<ChatRequest>) {
    const out = await collect(await adapterFor(openai, fake), request(openai, { ...HIGH, ...extra }));
    assert.equal(fake.requests[0]?.path, '/v1/responses', 'tools stay on the Responses API');
    return { ...out, body: fake.requests[0]!.body as Body };
  }

  it('one function_call item, its arguments in one-character deltas → one tool_call, finish tool_calls', async () => {
    const input = { city: 'Zürich', days: 3, nested: { a: [1, 2] } };
    fake.enqueue('openai', { text: '', toolCalls: [{ id: 'call_one', name: 'get_weather', args: input }], argChunkSize: 1 });
    const { events, error } = await run({ tools: [WEATHER] });
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(callsOf(events), [{ id: 'call_one', name: 'get_weather', input }]);
    assert.deepEqual(shape(events), ['tool_call', 'usage', 'finish']);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'tool_calls' });
  });

  it('parallel calls: one function_call item each, in output order, each with its own call_id', async () => {
    const calls = [
      { name: 'get_weather', args: { city: 'Paris' } },
      { name: 'get_weather', args: { city: 'Tōkyō' } },
      { name: 'get_time', args: {} },
    ];
    fake.enqueue('openai', { text: '', toolCalls: calls, argChunkSize: 4 });
    const { events, error } = await run({ tools: [WEATHER, { name: 'get_time', description: 'Now' }] });
    assert.equal(error, undefined, error?.message);
    const got = callsOf(events);
    assert.deepEqual(got.map((g) => [g.name, g.input]), calls.map((c) => [c.name, c.args]));
    assert.equal(new Set(got.map((g) => g.id)).size, 3);
  });

  it('reasoning and text before a call: thinking, text, then the call', async () => {
    fake.enqueue('openai', { thinking: 'Need data.', text: 'Let me check.', toolCalls: [{ name: 'get_weather', args: { city: 'Oslo' } }] });
    const { events, error } = await run({ tools: [WEATHER] });
    assert.equal(error, undefined, error?.message);
    assert.equal(thinkingOf(events), 'Need data.');
    assert.equal(textOf(events), 'Let me check.');
    assert.deepEqual(shape(events).filter((t, i, all) => t !== all[i - 1]), ['thinking', 'text', 'tool_call', 'usage', 'finish']);
  });

  it('40 tools all arrive as {type: "function", name, description, parameters, strict: false}; no schema → an empty object schema', async () => {
    const tools: ToolDefinition[] = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 9 ? { name: `tool_${i}`, description: `Tool ${i}` } : { name: `tool_${i}`, description: `Tool ${i}`, inputSchema: { type: 'object', properties: { [`arg${i}`]: { type: 'integer' } } } },
    );
    fake.enqueue('openai', { text: 'ok' });
    const { body, error } = await run({ tools });
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(
      body.tools,
      tools.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.inputSchema ?? { type: 'object', properties: {} }, strict: false })),
    );
    assert.equal(body.tool_choice, undefined);
  });

  it("toolChoice 'required' → tool_choice: 'required'", async () => {
    fake.enqueue('openai', { text: '', toolCalls: [{ name: 'get_weather', args: { city: 'Rome' } }] });
    const { body } = await run({ tools: [WEATHER], toolChoice: 'required' });
    assert.equal(body.tool_choice, 'required');
  });

  it('round trip: function_call and function_call_output input items (no item id), then the final answer streams', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris and Oslo?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_call', id: 'call_p', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_call', id: 'call_o', name: 'get_weather', input: { city: 'Oslo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', callId: 'call_p', content: '18°C, sunny' },
          { type: 'tool_result', callId: 'call_o', content: 'city not found', isError: true },
          { type: 'text', text: 'Short, please.' },
        ],
      },
    ];
    fake.enqueue('openai', { text: 'Paris: 18°C. Oslo: unknown.' });
    const { events, error, body } = await run({ messages, tools: [WEATHER] });
    assert.equal(error, undefined, error?.message);
    assert.equal(textOf(events), 'Paris: 18°C. Oslo: unknown.');
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
    assert.deepEqual(body.input, [
      { role: 'user', content: 'Weather in Paris and Oslo?' },
      { role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'call_p', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'call_o', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'call_p', output: '18°C, sunny' },
      { type: 'function_call_output', call_id: 'call_o', output: 'city not found' },
      { role: 'user', content: 'Short, please.' },
    ]);
  });

  it('an image part → an input_image content part holding a base64 data: URL', async () => {
    fake.enqueue('openai', { text: 'A red dot.' });
    const data = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const { error, body } = await run({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data }] }] });
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(body.input, [
      { role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: `data:image/png;base64,${data}`, detail: 'auto' }] },
    ]);
  });
});

describe('Responses API function-call streams, under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  describe(`${recorded.functionCalls.name} — ${recorded.functionCalls.covers}`, () => {
    for (const chunking of CHUNKINGS) {
      it(`chunking '${chunking}'`, async () => {
        fake.enqueue('openai', { rawSse: recorded.functionCalls.events, chunking });
        const { events, error } = await collect(await adapterFor(openai, fake), request(openai, { ...HIGH, tools: [WEATHER] }));
        assert.equal(error, undefined, error?.message);
        assert.equal(thinkingOf(events), 'Need the weather — both cities.');
        assert.deepEqual(callsOf(events), [
          { id: 'call_Wq1', name: 'get_weather', input: { city: 'Zürich' } },
          { id: 'call_Wq2', name: 'get_weather', input: { city: 'Kraków', unit: '°C' } },
        ]);
        assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 300, outputTokens: 120, reasoningTokens: 64 } });
        assert.deepEqual(events.at(-1), { type: 'finish', reason: 'tool_calls' });
      });
    }
  });

  describe(`${recorded.badFunctionArguments.name} — ${recorded.badFunctionArguments.covers}`, () => {
    for (const chunking of CHUNKINGS) {
      it(`chunking '${chunking}'`, async () => {
        fake.enqueue('openai', { rawSse: recorded.badFunctionArguments.events, chunking });
        const { events, error, raw } = await collect(await adapterFor(openai, fake), request(openai, { ...HIGH, tools: [WEATHER] }));
        assert.equal(raw, undefined, `not normalized: ${String(raw)}`);
        assert.equal(error?.code, 'bad_request');
        assert.equal(error?.providerCode, 'invalid_tool_arguments');
        assert.match(error?.message ?? '', /get_weather/);
        assert.deepEqual(callsOf(events), []);
      });
    }
  });
});
