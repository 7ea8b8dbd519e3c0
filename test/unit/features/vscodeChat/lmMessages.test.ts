import { strict as assert } from 'node:assert';
import { toChatMessages } from '../../../../src/features/vscodeChat/lmMessages';

// Parts shaped like VS Code's revived classes (LanguageModelTextPart, …ToolCallPart, …ToolResultPart, …DataPart).
const text = (value: string) => ({ value });
const toolCall = (callId: string, name: string, input: object) => ({ callId, name, input });
const toolResult = (callId: string, content: unknown[]) => ({ callId, content });
const data = (mimeType: string, bytes: Uint8Array) => ({ mimeType, data: bytes });

describe('VS Code chat: request messages → Switchboard messages', () => {
  it('keeps a text-only conversation as plain strings, system first, adjacent text parts joined', () => {
    const out = toChatMessages([
      { role: 3, content: [text('You are terse.')] },
      { role: 1, content: [text('Hello '), text('there')] },
      { role: 2, content: [text('Hi.')] },
    ]);
    assert.deepEqual(out, [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'Hi.' },
    ]);
  });

  it('maps an agent round trip: the assistant tool call (with its remembered signature) and the user tool result', () => {
    const out = toChatMessages([
      { role: 1, content: [text('Read a.ts')] },
      { role: 2, content: [text('Reading.'), toolCall('call_1', 'read_file', { path: 'a.ts' })] },
      { role: 1, content: [toolResult('call_1', [text('export const a = 1;'), data('text/plain', new TextEncoder().encode('\n// end'))])] },
    ], { signatureOf: (id) => (id === 'call_1' ? 'sig-1' : undefined) });
    assert.deepEqual(out[1], { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_call', id: 'call_1', name: 'read_file', input: { path: 'a.ts' }, signature: 'sig-1' }] });
    assert.deepEqual(out[2], { role: 'user', content: [{ type: 'tool_result', callId: 'call_1', content: 'export const a = 1;\n// end' }] });
  });

  it('reads the text inside a prompt-tsx tool result and says an image in a result was left out', () => {
    const tsx = { value: { node: { type: 1, children: [{ type: 2, text: 'line one' }, { type: 1, children: [{ type: 2, text: ' line two' }] }] } } };
    const out = toChatMessages([{ role: 1, content: [toolResult('c', [tsx, data('image/png', new Uint8Array([1]))])] }]);
    assert.deepEqual(out[0]!.content, [{ type: 'tool_result', callId: 'c', content: 'line one line two[image image/png omitted]' }]);
  });

  it('sends images as base64 image parts, text data parts as text, and drops other data and thinking parts', () => {
    const thinking = { value: 'hmm', id: 't1' };
    const out = toChatMessages([{ role: 1, content: [text('What is this?'), data('image/PNG', new Uint8Array([137, 80, 78, 71])), data('cache_control', new TextEncoder().encode('ephemeral')), thinking] }], { isThinking: (p) => p === thinking });
    assert.deepEqual(out[0]!.content, [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: 'iVBORw==' }]);
  });

  it('drops empty messages and unknown parts instead of failing', () => {
    const out = toChatMessages([{ role: 1, content: [null, 42, { foo: 1 }] }, { role: 9, content: [text('?')] }]);
    assert.deepEqual(out, [{ role: 'user', content: '?' }]);
  });
});
