// Gemini tool calling and image input through the real @google/generative-ai SDK over real HTTP to
// the fake (test/fakes/wire/gemini.ts), each test naming the documented behaviour it covers:
// function declarations and calling modes (ai.google.dev/gemini-api/docs/function-calling), whole
// `functionCall` parts streamed, `functionResponse` parts in the next user turn, thought signatures
// sent back on the call's part (docs/thought-signatures), and `inlineData` images
// (docs/image-understanding). Recorded tool-call streams also run under every chunking.

import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, thinkingOf, useFakes } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import { fakeSignature } from '../../../fakes/wire/gemini';
import * as rec from '../../../fakes/recorded/gemini';
import type { AdapterEvent, ChatMessage, ToolCall, ToolDefinition } from '../../../../src/core/llm/types';
import { FOREIGN_SIGNATURE } from '../../../../src/core/providers/gemini/request';

const gemini = caseNamed('gemini');

type Body = {
  contents: { role: string; parts: Record<string, unknown>[] }[];
  tools?: { functionDeclarations: { name: string; description?: string; parametersJsonSchema: unknown }[] }[];
  toolConfig?: unknown;
  [k: string]: unknown;
};

const callsOf = (events: AdapterEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
const finishOf = (events: AdapterEvent[]) => events.find((e) => e.type === 'finish');

/** A tool schema like VS Code's agent sends: JSON-schema keywords the OpenAPI subset would reject. */
const READ_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    filePath: { type: 'string', description: 'Absolute path.' },
    range: { $ref: '#/$defs/range' },
    encoding: { anyOf: [{ type: 'string', enum: ['utf8', 'latin1'] }, { type: 'null' }] },
  },
  required: ['filePath'],
  additionalProperties: false,
  $defs: { range: { type: 'object', properties: { start: { type: 'integer', minimum: 1 }, end: { type: 'integer' } } } },
};

const WEATHER: ToolDefinition = { name: 'get_weather', description: 'Weather for a city.', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('Gemini tools and images: request mapping, streamed calls, round trips', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function run(extra: Parameters<typeof request>[1] = {}) {
    const out = await collect(await adapterFor(gemini, fake), request(gemini, extra));
    return { ...out, body: fake.requests[fake.requests.length - 1]!.body as Body };
  }

  it('text only: the request body is exactly what it was before tools existed (no tools, no toolConfig, one text part per turn)', async () => {
    fake.enqueue('gemini', { text: 'Hi.' });
    const { events, error, body } = await run();
    assert.equal(error, undefined, error?.message);
    assert.equal(textOf(events), 'Hi.');
    // Key order included: the SDK writes the body with JSON.stringify, so these are its bytes.
    assert.equal(
      JSON.stringify(body),
      JSON.stringify({
        generationConfig: { maxOutputTokens: 256 },
        safetySettings: [],
        systemInstruction: { role: 'system', parts: [{ text: 'You are terse.' }] },
        contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }],
      }),
    );
  });

  it('one functionCall part (arguments arrive whole, however the fake would cut them) → one tool_call with a synthesized id and the part\'s thoughtSignature; STOP → tool_calls', async () => {
    const args = { city: 'Zürich', days: 3, units: { temp: 'C', wind: 'km/h' }, note: 'x'.repeat(200) };
    fake.enqueue('gemini', { text: '', toolCalls: [{ name: 'get_weather', args }], argChunkSize: 2 });
    const { events, error } = await run({ tools: [WEATHER] });
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(shape(events), ['tool_call', 'usage', 'finish']);
    const [call] = callsOf(events);
    const responseId = /^gemini-call-(fake\d+)-0$/.exec(call!.id)?.[1];
    assert.ok(responseId, `synthesized from the response id and position: ${call!.id}`);
    assert.deepEqual(call, { id: call!.id, name: 'get_weather', input: args, signature: fakeSignature(responseId) });
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'tool_calls' });
  });

  it('parallel calls (several functionCall parts): one event each, in order, the API\'s id kept, the signature only where Gemini put it (the first)', async () => {
    fake.enqueue('gemini', {
      text: '',
      toolCalls: [
        { name: 'get_weather', args: { city: 'Paris' } },
        { id: 'fc-7f3a', name: 'get_weather', args: { city: 'Oslo' } },
        { name: 'get_time', args: {} },
      ],
    });
    const { events, error } = await run({ tools: [WEATHER, { name: 'get_time', description: 'Now.' }] });
    assert.equal(error, undefined, error?.message);
    const calls = callsOf(events);
    assert.deepEqual(calls.map((c) => [c.name, c.input]), [['get_weather', { city: 'Paris' }], ['get_weather', { city: 'Oslo' }], ['get_time', {}]]);
    assert.equal(calls[1]!.id, 'fc-7f3a');
    assert.match(calls[0]!.id, /^gemini-call-fake\d+-0$/);
    assert.match(calls[2]!.id, /^gemini-call-fake\d+-2$/);
    assert.equal(new Set(calls.map((c) => c.id)).size, 3, 'distinct ids');
    assert.ok(calls[0]!.signature);
    assert.equal(calls[1]!.signature, undefined);
    assert.equal(calls[2]!.signature, undefined);
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'tool_calls' });
  });

  it('text before a call: the text streams first, then the call', async () => {
    fake.enqueue('gemini', { text: 'Let me look that up.', chunkSize: 5, toolCalls: [{ name: 'get_weather', args: { city: 'Rome' } }] });
    const { events, error } = await run({ tools: [WEATHER] });
    assert.equal(error, undefined, error?.message);
    assert.equal(textOf(events), 'Let me look that up.');
    assert.deepEqual(shape(events), ['text', 'tool_call', 'usage', 'finish']);
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'tool_calls' });
  });

  it('40 tools → one tools entry with 40 functionDeclarations, schemas as parametersJsonSchema (root $schema dropped), none → an empty object schema', async () => {
    const tools: ToolDefinition[] = Array.from({ length: 40 }, (_, i) =>
      i === 0 ? { name: 'copilot_readFile', description: 'Read a file.', inputSchema: READ_FILE_SCHEMA } : i === 39 ? { name: 'tool_39', description: 'No input.' } : { name: `tool_${i}`, description: `Tool ${i}.`, inputSchema: { type: 'object', properties: { n: { type: 'number' } } } },
    );
    fake.enqueue('gemini', { text: 'ok' });
    const { error, body } = await run({ tools });
    assert.equal(error, undefined, error?.message);
    assert.equal(body.tools?.length, 1);
    const decls = body.tools![0]!.functionDeclarations;
    assert.equal(decls.length, 40);
    assert.deepEqual(decls.map((d) => d.name), tools.map((t) => t.name));
    const { $schema: _drop, ...rest } = READ_FILE_SCHEMA;
    assert.deepEqual(decls[0], { name: 'copilot_readFile', description: 'Read a file.', parametersJsonSchema: rest });
    assert.deepEqual(decls[5], { name: 'tool_5', description: 'Tool 5.', parametersJsonSchema: { type: 'object', properties: { n: { type: 'number' } } } });
    assert.deepEqual(decls[39]!.parametersJsonSchema, { type: 'object', properties: {} });
    assert.ok(!('parameters' in decls[0]!), 'never the OpenAPI-subset field');
    assert.equal(body.toolConfig, undefined, 'auto is the default mode: no toolConfig');
  });

  it("toolChoice 'required' → toolConfig.functionCallingConfig.mode ANY; 'auto' → none", async () => {
    fake.enqueue('gemini', { text: '', toolCalls: [{ name: 'get_weather', args: { city: 'Lima' } }] }, { text: 'ok' });
    const required = await run({ tools: [WEATHER], toolChoice: 'required' });
    assert.deepEqual(required.body.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    const auto = await run({ tools: [WEATHER], toolChoice: 'auto' });
    assert.equal(auto.body.toolConfig, undefined);
  });

  it('round trip: the streamed call goes back as a model functionCall part with its thoughtSignature, its result as a user functionResponse {result}; the final answer streams', async () => {
    fake.enqueue('gemini', { text: 'Checking.', toolCalls: [{ name: 'get_weather', args: { city: 'Kyoto' } }] }, { text: 'It is sunny in Kyoto.' });
    const first = await run({ tools: [WEATHER] });
    const [call] = callsOf(first.events);
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Kyoto?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_call', ...call! }] },
      { role: 'user', content: [{ type: 'tool_result', callId: call!.id, content: '{"sky":"clear","c":24}' }] },
    ];
    const second = await run({ tools: [WEATHER], messages });
    assert.equal(second.error, undefined, second.error?.message);
    assert.equal(textOf(second.events), 'It is sunny in Kyoto.');
    assert.deepEqual(finishOf(second.events), { type: 'finish', reason: 'stop' });
    assert.deepEqual(second.body.contents, [
      { role: 'user', parts: [{ text: 'Weather in Kyoto?' }] },
      // A synthesized id is ours: it is not sent (Gemini matches by name and order).
      { role: 'model', parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Kyoto' } }, thoughtSignature: call!.signature }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: '{"sky":"clear","c":24}' } } }] },
    ]);
  });

  it('parallel results: all functionResponse parts in one user turn, in order, names looked up by call id, API ids echoed, a failed tool as {error}', async () => {
    fake.enqueue('gemini', { text: 'Done.' });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Two cities.' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_call', id: 'gemini-call-r9-0', name: 'get_weather', input: { city: 'Paris' }, signature: 'c2lnLTE=' },
          { type: 'tool_call', id: 'fc-oslo', name: 'get_time', input: { city: 'Oslo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', callId: 'gemini-call-r9-0', content: 'rain' },
          { type: 'tool_result', callId: 'fc-oslo', content: 'Tool failed: timeout', isError: true },
        ],
      },
    ];
    const { error, body } = await run({ tools: [WEATHER], messages });
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(body.contents.slice(1), [
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' },
          { functionCall: { id: 'fc-oslo', name: 'get_time', args: { city: 'Oslo' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { result: 'rain' } } },
          { functionResponse: { id: 'fc-oslo', name: 'get_time', response: { error: 'Tool failed: timeout' } } },
        ],
      },
    ]);
  });

  it('calls with no signature (another provider\'s history) get the documented placeholder on the first call only; a result whose call is gone goes as text', async () => {
    fake.enqueue('gemini', { text: 'ok' });
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Go.' },
      { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_01', name: 'a', input: {} }, { type: 'tool_call', id: 'toolu_02', name: 'b', input: { x: 1 } }] },
      { role: 'user', content: [{ type: 'tool_result', callId: 'toolu_01', content: 'A' }, { type: 'tool_result', callId: 'toolu_02', content: 'B' }, { type: 'tool_result', callId: 'trimmed_9', content: 'old' }] },
    ];
    const { error, body } = await run({ messages });
    assert.equal(error, undefined, error?.message);
    const [model, results] = [body.contents[1]!, body.contents[2]!];
    assert.equal(model.parts[0]!['thoughtSignature'], FOREIGN_SIGNATURE);
    assert.equal(model.parts[1]!['thoughtSignature'], undefined);
    assert.deepEqual(results.parts[2], { text: 'Result of tool call trimmed_9:\nold' });
  });

  it('an image part → inlineData {mimeType, data} in its place among the text parts', async () => {
    const data = Buffer.from('\x89PNG\r\n\x1a\nfake image bytes').toString('base64');
    fake.enqueue('gemini', { text: 'A cat.' });
    const messages: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data }, { type: 'text', text: 'Be brief.' }] }];
    const { events, error, body } = await run({ messages });
    assert.equal(error, undefined, error?.message);
    assert.equal(textOf(events), 'A cat.');
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data } }, { text: 'Be brief.' }] }]);
  });

  for (const [label, args] of [
    ['a broken JSON string', '{"path": "READ'],
    ['an array', ['README.md']],
    ['a number', 42],
  ] as const) {
    it(`args that are not a JSON object (${label}): a ProviderError naming the tool, no crash, no finish`, async () => {
      fake.enqueue('gemini', { rawSse: rec.badArgs(args) });
      const { events, error, raw } = await run({ tools: [WEATHER] });
      assert.equal(raw, undefined, String(raw));
      assert.equal(error?.code, 'server', error?.message);
      assert.equal(error?.providerCode, 'invalid_tool_arguments');
      assert.match(error!.message, /Google Gemini sent a malformed tool call \(the arguments of the call to "read_file" are not a JSON object\)/);
      assert.deepEqual(callsOf(events), []);
      assert.equal(finishOf(events), undefined);
    });
  }

  it('args passed on as a JSON string by a gateway are read; a call without a name is malformed', async () => {
    fake.enqueue('gemini', { rawSse: rec.badArgs('{"path":"README.md"}') }, { rawSse: rec.namelessCall });
    const ok = await run();
    assert.equal(ok.error, undefined, ok.error?.message);
    assert.deepEqual(callsOf(ok.events).map((c) => c.input), [{ path: 'README.md' }]);
    const nameless = await run();
    assert.equal(nameless.error?.code, 'server');
    assert.equal(nameless.error?.providerCode, 'malformed_function_call');
  });

  for (const chunking of CHUNKINGS) {
    it(`recorded parallel calls across events, chunking ${chunking}: thinking, text, both calls (signature on the first), usage, tool_calls`, async () => {
      fake.enqueue('gemini', { rawSse: rec.toolCallsAcross, chunking });
      const { events, error, raw } = await run({ tools: [WEATHER] });
      assert.equal(raw, undefined, String(raw));
      assert.equal(error, undefined, error?.message);
      assert.equal(thinkingOf(events), 'Both files are needed.');
      assert.equal(textOf(events), rec.TOOL_CALLS_TEXT);
      assert.deepEqual(callsOf(events), [
        { id: 'gemini-call-rec-gemini-tools-0', name: 'read_file', input: { path: 'notes/café ☕.md', lines: { from: 1, to: 40 } }, signature: rec.CALL_SIGNATURE },
        { id: 'gemini-call-rec-gemini-tools-1', name: 'list_dir', input: { path: 'notes', recursive: false } },
      ]);
      assert.deepEqual(shape(events), ['thinking', 'text', 'tool_call', 'tool_call', 'usage', 'finish']);
      assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 900, outputTokens: 50, reasoningTokens: 20 } });
      assert.deepEqual(finishOf(events), { type: 'finish', reason: 'tool_calls' });
    });
  }
});
