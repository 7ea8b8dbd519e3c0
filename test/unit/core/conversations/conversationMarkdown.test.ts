// Export Chat to Markdown: who spoke under each heading, the text exactly as stored, and how an
// answer ended when it did not simply finish.
import { strict as assert } from 'node:assert';
import { conversationMarkdown, markdownFileName } from '../../../../src/core/conversations/conversationMarkdown';
import type { UiMessage } from '../../../../src/shared/protocol/chat';

const LABELS: Record<string, string> = { 'openai/gpt-5-mini': 'GPT-5 mini', 'anthropic/claude': 'Claude' };
const label = (providerId: string, model: string) => LABELS[`${providerId}/${model}`] ?? model;
let n = 0;
const user = (text: string): UiMessage => ({ id: `u${++n}`, role: 'user', text, status: 'done', createdAt: 1 });
const answer = (text: string, over: Partial<UiMessage> = {}): UiMessage => ({ id: `a${++n}`, role: 'assistant', text, status: 'done', createdAt: 1, ...over });
const meta = (providerId: string, model: string) => ({ providerId, model, inputTokens: 1, outputTokens: 1, costUsd: 0, costEstimated: false, latencyMs: 1 });
const failure = (message: string) => ({ code: 'network', message, action: null, providerId: 'openai' });

describe('core/conversations/conversationMarkdown', () => {
  it('one heading per turn, named after who spoke; text as stored, code and all', () => {
    const markdown = conversationMarkdown(
      {
        title: 'Debounce',
        providerId: 'openai',
        model: 'gpt-5-mini',
        messages: [user('How do I debounce?'), answer('Use **a timer**:\n\n```ts\nsetTimeout(fn, 300);\n```', { meta: meta('openai', 'gpt-5-mini') }), user('And in Claude?'), answer('Same idea.', { meta: meta('anthropic', 'claude') })],
      },
      label,
    );
    assert.equal(markdown, '# Debounce\n\n## You\n\nHow do I debounce?\n\n## GPT-5 mini\n\nUse **a timer**:\n\n```ts\nsetTimeout(fn, 300);\n```\n\n## You\n\nAnd in Claude?\n\n## Claude\n\nSame idea.\n');
  });

  it('names what a question carried, as its chips do, above its text', () => {
    const asked: UiMessage = { ...user('Why does this fail?'), attachments: [
      { id: 'x1', kind: 'selection', label: 'a.ts:3-5', detail: 'src/a.ts lines 3–5', content: 'From `src/a.ts`…' },
      { id: 'x2', kind: 'problems', label: 'Problems in `a.ts`', detail: 'src/a.ts', content: '…' },
    ] };
    const markdown = conversationMarkdown({ title: 'T', providerId: null, model: null, messages: [asked] }, label);
    assert.equal(markdown, "# T\n\n## You\n\n*Attached: `a.ts:3-5`, `Problems in 'a.ts'`*\n\nWhy does this fail?\n");
  });

  it('keeps the reasoning folded, and says how an answer ended when it did not finish', () => {
    const markdown = conversationMarkdown(
      {
        title: 'Line one\nline two',
        providerId: null,
        model: null,
        messages: [
          user('q'),
          answer('Because.', { thinking: 'Let me think.' }),
          answer('', { status: 'error', error: failure('The connection\nwas reset.') }),
          answer('Half', { status: 'stopped' }),
          answer('Cut', { status: 'interrupted', error: failure('Timed out.') }),
          answer('Short', { notice: { kind: 'length', text: 'The answer hit the output limit.' } }),
          answer('Still', { status: 'streaming' }),
        ],
      },
      label,
    );
    assert.equal(
      markdown,
      [
        '# Line one line two',
        '## You', 'q',
        '## Assistant', '<details>\n<summary>Thinking</summary>\n\nLet me think.\n\n</details>', 'Because.',
        '## Assistant', '> **Failed:** The connection was reset.',
        '## Assistant', 'Half', '*Stopped.*',
        '## Assistant', 'Cut', '*Interrupted: Timed out.*',
        '## Assistant', 'Short', '> The answer hit the output limit.',
        '## Assistant', 'Still', '*Still being written when exported.*',
      ].join('\n\n') + '\n',
    );
  });

  it('file names: the title without characters file systems refuse, never empty', () => {
    assert.equal(markdownFileName('What is 2+2?'), 'What is 2+2.md');
    assert.equal(markdownFileName('a/b\\c: "d" <e> | f*'), 'a b c d e f.md');
    assert.equal(markdownFileName('...'), 'Chat.md');
    assert.equal(markdownFileName(' tabs\tand\nlines '), 'tabs and lines.md');
    assert.equal(markdownFileName('x'.repeat(200)).length, 83);
  });
});
