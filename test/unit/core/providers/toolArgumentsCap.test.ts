// Issue 15's rule ("nothing grows without bound") for tool calls: arguments streamed in pieces are
// held until the call is whole, so a server that streams them forever must be cut off with a clear
// error instead of growing the extension host's memory. Gemini sends whole calls (its chunk caps
// cover it), so the streaming providers are checked: OpenAI chat, the Responses API, Anthropic.
import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, useFakes } from '../../../fakes/adapterHarness';
import { MAX_TOOL_ARGUMENT_CHARS } from '../../../../src/core/providers/_toolArguments';

describe('tool-call arguments: a runaway stream is cut off at MAX_TOOL_ARGUMENT_CHARS', function () {
  this.timeout(60_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));
  const huge = { content: 'x'.repeat(MAX_TOOL_ARGUMENT_CHARS) }; // its JSON is just over the limit
  const tools = [{ name: 'write_file', description: 'Writes a file.' }];

  for (const name of ['openai', 'anthropic'] as const) {
    it(`${name}: arguments past the limit end the stream with tool_arguments_too_long, and no call`, async () => {
      const c = caseNamed(name);
      fake.enqueue(c.fake, { text: '', toolCalls: [{ name: 'write_file', args: huge }], argChunkSize: 64 * 1024 });
      const { events, error } = await collect(await adapterFor(c, fake), request(c, { tools }));
      assert.equal(error?.code, 'bad_request');
      assert.equal(error?.providerCode, 'tool_arguments_too_long');
      assert.match(error!.message, /more than 2,000,000 characters of arguments for the tool "write_file"/);
      assert.ok(!events.some((e) => e.type === 'tool_call'));
    });
  }

  it('a call just under the limit still comes through whole', async () => {
    const c = caseNamed('anthropic');
    const big = { content: 'y'.repeat(MAX_TOOL_ARGUMENT_CHARS - 100) };
    fake.enqueue(c.fake, { text: '', toolCalls: [{ name: 'write_file', args: big }], argChunkSize: 64 * 1024 });
    const { events, error } = await collect(await adapterFor(c, fake), request(c, { tools }));
    assert.equal(error, undefined, error?.message);
    const call = events.find((e) => e.type === 'tool_call');
    assert.equal(call?.type === 'tool_call' && (call.call.input.content as string).length, MAX_TOOL_ARGUMENT_CHARS - 100);
  });
});
