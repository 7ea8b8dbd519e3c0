// Tool calling and image input on the Anthropic adapter, through the real SDK over real HTTP to the
// fake Messages API (test/fakes/wire/anthropic.ts renders the streams; recorded ones go through
// every chunking). Each test names the documented behaviour it covers:
//   "Tool use with Claude"  — tools/input_schema, tool_choice, tool_use and tool_result blocks
//   "Streaming Messages"    — tool_use blocks, input_json_delta, stop_reason "tool_use"
//   "Vision"                — image blocks with a base64 source
//   "Extended thinking"     — thinking with tool use: tool_choice auto/none only, thinking blocks passed back

import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, useFakes } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import * as rec from '../../../fakes/recorded/anthropic';
import type { AdapterEvent, ChatMessage, ToolCall, ToolDefinition } from '../../../../src/core/llm/types';

const anthropic = caseNamed('anthropic');

const callsOf = (events: AdapterEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
const finishOf = (events: AdapterEvent[]) => events.find((e) => e.type === 'finish');

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The current weather at a place.',
  inputSchema: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['location'] },
};

interface SentBody {
  messages: { role: string; content: unknown }[];
  tools?: unknown[];
  tool_choice?: unknown;
  thinking?: unknown;
  temperature?: number;
}

describe('Anthropic adapter: tool calling and images', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  const sent = (i = 0) => fake.requests.filter((r) => r.provider === 'anthropic')[i]!.body as SentBody;

  describe('streamed tool_use blocks ("Streaming Messages": input_json_delta, stop_reason tool_use)', () => {
    it('one call, its input cut into 3-character input_json_delta pieces, comes out as one tool_call with the parsed input; finish tool_calls', async () => {
      const args = { location: 'Paris, France', unit: 'celsius', days: [1, 2, 3], nested: { quote: 'a "b" \\ c', ok: true } };
      fake.enqueue('anthropic', { chunks: [], toolCalls: [{ id: 'toolu_01Single', name: 'get_weather', args }], argChunkSize: 3 });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.deepEqual(callsOf(out.events), [{ id: 'toolu_01Single', name: 'get_weather', input: args }]);
      assert.deepEqual(shape(out.events), ['tool_call', 'usage', 'finish']);
      assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'tool_calls' });
    });

    it('parallel tool use: several tool_use blocks in one message → one tool_call each, in block order; an empty input (no delta) is {}', async () => {
      fake.enqueue('anthropic', {
        chunks: [],
        toolCalls: [
          { name: 'read_file', args: { path: 'src/a.ts' } },
          { name: 'list_open_editors', args: {} },
          { name: 'search', args: { query: 'TODO', limit: 20 } },
        ],
        argChunkSize: 2,
      });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      const calls = callsOf(out.events);
      assert.deepEqual(
        calls.map((c) => [c.name, c.input]),
        [
          ['read_file', { path: 'src/a.ts' }],
          ['list_open_editors', {}],
          ['search', { query: 'TODO', limit: 20 }],
        ],
      );
      assert.equal(new Set(calls.map((c) => c.id)).size, 3, 'each call keeps its own toolu_ id');
      assert.ok(calls.every((c) => c.id.startsWith('toolu_')));
      assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'tool_calls' });
    });

    it('text before a tool call: the text block streams as text, then the tool_use block as a tool_call', async () => {
      fake.enqueue('anthropic', { text: "I'll check the weather in Paris.", chunkSize: 5, toolCalls: [{ name: 'get_weather', args: { location: 'Paris' } }] });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(textOf(out.events), "I'll check the weather in Paris.");
      assert.deepEqual(shape(out.events), ['text', 'tool_call', 'usage', 'finish']);
      assert.deepEqual(callsOf(out.events)[0]!.input, { location: 'Paris' });
    });

    it('a tool call after thinking: the thinking block, then the text block, then the tool_use block', async () => {
      fake.enqueue('anthropic', { thinking: 'The user wants weather.', text: 'Checking.', toolCalls: [{ name: 'get_weather', args: { location: 'Oslo' } }] });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.deepEqual(
        shape(out.events).filter((k, i, all) => k !== all[i - 1]),
        ['thinking', 'text', 'tool_call', 'usage', 'finish'],
      );
      assert.deepEqual(callsOf(out.events)[0]!.input, { location: 'Oslo' });
    });

    it('input that is not a JSON object: a clear bad_request ProviderError, no tool_call, no finish', async () => {
      fake.enqueue('anthropic', { rawSse: rec.invalidToolArgs });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.raw, undefined, String(out.raw));
      assert.equal(out.error?.code, 'bad_request');
      assert.equal(out.error?.providerCode, 'invalid_tool_arguments');
      assert.match(out.error!.message, /invalid arguments for the tool "get_weather"/);
      assert.deepEqual(callsOf(out.events), []);
      assert.equal(finishOf(out.events), undefined);
    });

    it('server_tool_use blocks are not calls to run; a tool_use block left unclosed before message_stop still comes out', async () => {
      fake.enqueue('anthropic', { rawSse: rec.serverToolThenUnclosedCall });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.deepEqual(callsOf(out.events), [{ id: 'toolu_01Unclosed', name: 'get_weather', input: { location: 'Paris' } }]);
      assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'tool_calls' });
    });

    it('max_tokens reached inside a tool call\'s input: no call, no error, finish length (the limit cut it)', async () => {
      fake.enqueue('anthropic', { rawSse: rec.toolCutByMaxTokens });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(textOf(out.events), 'Writing the file now.');
      assert.deepEqual(callsOf(out.events), []);
      assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'length' });
    });
  });

  describe('recorded tool-use streams under every chunking (whole, per event, awkward cuts, byte by byte)', () => {
    for (const chunking of CHUNKINGS) {
      it(`${chunking}: tool_use at index 0 (tool_choice any: no text block), first partial_json "", a ping between pieces`, async () => {
        fake.enqueue('anthropic', { rawSse: rec.toolOnly, chunking });
        const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER], toolChoice: 'required' }));
        assert.equal(out.error, undefined, out.error?.message);
        assert.deepEqual(callsOf(out.events), [rec.TOOL_ONLY_CALL]);
        assert.deepEqual(shape(out.events), ['tool_call', 'usage', 'finish']);
        assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'tool_calls' });
      });

      it(`${chunking}: text, then three parallel tool_use blocks (multi-byte characters in the input, one input empty)`, async () => {
        fake.enqueue('anthropic', { rawSse: rec.textThenParallelTools, chunking });
        const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER] }));
        assert.equal(out.error, undefined, out.error?.message);
        assert.equal(textOf(out.events), rec.PARALLEL_TEXT);
        assert.deepEqual(callsOf(out.events), rec.PARALLEL_CALLS);
        assert.deepEqual(shape(out.events), ['text', 'tool_call', 'tool_call', 'tool_call', 'usage', 'finish']);
        assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'tool_calls' });
      });
    }
  });

  describe('the request ("Tool use with Claude": tools, tool_choice, tool_use and tool_result blocks)', () => {
    it('40 tools arrive as 40 {name, description, input_schema}, schemas as given; a tool without one gets an empty object schema', async () => {
      const tools: ToolDefinition[] = Array.from({ length: 40 }, (_, i) => ({
        name: `tool_${i}`,
        description: `Tool number ${i}.`,
        ...(i % 10 === 9 ? {} : { inputSchema: { type: 'object', properties: { [`arg${i}`]: { type: 'integer', minimum: i } }, required: [`arg${i}`] } }),
      }));
      fake.enqueue('anthropic', { text: 'No tool needed.' });
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { tools }));
      assert.equal(out.error, undefined, out.error?.message);
      const body = sent();
      assert.equal(body.tools?.length, 40);
      assert.deepEqual(
        body.tools,
        tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema ?? { type: 'object', properties: {} } })),
      );
      assert.equal('tool_choice' in body, false, "'auto' is the default: not sent");
      assert.deepEqual(finishOf(out.events), { type: 'finish', reason: 'stop' });
    });

    it("toolChoice 'required' → tool_choice {type: 'any'}", async () => {
      fake.enqueue('anthropic', { chunks: [], toolCalls: [{ name: 'get_weather', args: { location: 'Rome' } }] });
      await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER], toolChoice: 'required' }));
      assert.deepEqual(sent().tool_choice, { type: 'any' });
    });

    it('round trip: the assistant tool_use and the user tool_result go back as blocks, results first in their user message; the final answer streams', async () => {
      const args = { location: 'Paris' };
      fake.enqueue('anthropic', { text: 'Let me check.', toolCalls: [{ id: 'toolu_01RoundTrip', name: 'get_weather', args }, { id: 'toolu_01Second', name: 'get_weather', args: { location: 'Oslo' } }] });
      fake.enqueue('anthropic', { text: 'It is 18 °C in Paris; Oslo failed.' });
      const adapter = await adapterFor(anthropic, fake);
      const first = await collect(adapter, request(anthropic, { tools: [WEATHER] }));
      const calls = callsOf(first.events);
      assert.equal(calls.length, 2);

      const history: ChatMessage[] = [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        { role: 'assistant', content: [{ type: 'text', text: textOf(first.events) }, ...calls.map((c) => ({ type: 'tool_call' as const, ...c }))] },
        // VS Code may put text before the results; the API wants the results first.
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here are the results.' },
            { type: 'tool_result', callId: 'toolu_01RoundTrip', content: '18 °C, sunny' },
            { type: 'tool_result', callId: 'toolu_01Second', content: 'service unavailable', isError: true },
          ],
        },
      ];
      const second = await collect(adapter, request(anthropic, { messages: history, tools: [WEATHER] }));
      assert.equal(second.error, undefined, second.error?.message);
      assert.equal(textOf(second.events), 'It is 18 °C in Paris; Oslo failed.');
      assert.deepEqual(finishOf(second.events), { type: 'finish', reason: 'stop' });
      assert.deepEqual(sent(1).messages, [
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'toolu_01RoundTrip', name: 'get_weather', input: { location: 'Paris' } },
            { type: 'tool_use', id: 'toolu_01Second', name: 'get_weather', input: { location: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01RoundTrip', content: '18 °C, sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_01Second', content: 'service unavailable', is_error: true },
            { type: 'text', text: 'Here are the results.' },
          ],
        },
      ]);
    });

    it('a tool result message followed by a separate text message: merged into one user turn, results first', async () => {
      fake.enqueue('anthropic', { text: 'Done.' });
      const messages: ChatMessage[] = [
        { role: 'user', content: 'Read a.ts' },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_01A', name: 'read_file', input: { path: 'a.ts' } }] },
        { role: 'user', content: [{ type: 'tool_result', callId: 'toolu_01A', content: '' }] },
        { role: 'user', content: 'Now summarize it.' },
      ];
      await collect(await adapterFor(anthropic, fake), request(anthropic, { messages, tools: [WEATHER] }));
      assert.deepEqual(sent().messages.slice(1), [
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01A', name: 'read_file', input: { path: 'a.ts' } }] },
        // An empty result is sent without `content` (it is optional).
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A' }, { type: 'text', text: 'Now summarize it.' }] },
      ]);
    });

    it('a text-only request is sent as before: string contents, no tools, no tool_choice', async () => {
      fake.enqueue('anthropic', { text: 'Hi.' });
      const messages: ChatMessage[] = [
        { role: 'user', content: 'One.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Two.' }] },
        { role: 'user', content: 'Three.' },
      ];
      await collect(await adapterFor(anthropic, fake), request(anthropic, { messages }));
      const body = sent();
      assert.deepEqual(body.messages, [
        { role: 'user', content: 'One.' },
        { role: 'assistant', content: 'Two.' },
        { role: 'user', content: 'Three.' },
      ]);
      assert.equal('tools' in body, false);
      assert.equal('tool_choice' in body, false);
    });
  });

  describe('images ("Vision": image blocks with a base64 source)', () => {
    const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

    it('an image part → {type: image, source: {type: base64, media_type, data}}, in place among the text', async () => {
      fake.enqueue('anthropic', { text: 'A single pixel.' });
      const messages: ChatMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mimeType: 'image/png', data: PNG },
          ],
        },
      ];
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { messages }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(textOf(out.events), 'A single pixel.');
      assert.deepEqual(sent().messages, [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
      ]);
    });

    it('an image type the API does not take (JPEG, PNG, GIF, WebP only): bad_request before anything is sent', async () => {
      const messages: ChatMessage[] = [{ role: 'user', content: [{ type: 'image', mimeType: 'image/bmp', data: 'Qk0=' }] }];
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { messages }));
      assert.equal(out.error?.code, 'bad_request');
      assert.equal(out.error?.providerCode, 'unsupported_image_type');
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('extended thinking with tools ("Extended thinking": tool_choice auto/none only; thinking blocks passed back)', () => {
    it('effort + tools, auto, no tool history: thinking is sent', async () => {
      fake.enqueue('anthropic', { text: 'Ok.' });
      await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER], reasoningEffort: 'medium' }));
      assert.ok(sent().thinking, 'thinking sent');
    });

    it("effort + toolChoice 'required': tool_choice any wins, thinking is left off (forced tool use is incompatible with thinking)", async () => {
      fake.enqueue('anthropic', { chunks: [], toolCalls: [{ name: 'get_weather', args: { location: 'Rome' } }] });
      await collect(await adapterFor(anthropic, fake), request(anthropic, { tools: [WEATHER], toolChoice: 'required', reasoningEffort: 'high', temperature: 0.2 }));
      const body = sent();
      assert.deepEqual(body.tool_choice, { type: 'any' });
      assert.equal('thinking' in body, false);
      assert.equal(body.temperature, 0.2, 'without thinking, the temperature goes through');
    });

    it('effort + a history with tool_use/tool_result: thinking is left off (its thinking blocks are not kept to pass back)', async () => {
      fake.enqueue('anthropic', { text: 'Sunny.' });
      const messages: ChatMessage[] = [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_01T', name: 'get_weather', input: { location: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', callId: 'toolu_01T', content: 'sunny' }] },
      ];
      const out = await collect(await adapterFor(anthropic, fake), request(anthropic, { messages, tools: [WEATHER], reasoningEffort: 'high' }));
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal('thinking' in sent(), false);
    });
  });
});
