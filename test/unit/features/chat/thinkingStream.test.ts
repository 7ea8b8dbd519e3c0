// Thinking is batched like answer text, bounded, and a Continue adds to it after a blank line.
import { strict as assert } from 'node:assert';
import { ThinkingStream } from '../../../../src/features/chat/thinkingStream';
import type { UiMessage } from '../../../../src/shared/protocol/chat';

const clock = { now: () => 0, setTimeout: () => ({}), clearTimeout: () => undefined, sleep: async () => undefined };
const message = (thinking?: string): UiMessage => ({ id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: 0, ...(thinking ? { thinking } : {}) });

describe('chat: ThinkingStream', () => {
  it('batches pieces into one delta per flush and appends them to the message', () => {
    const posted: string[] = [];
    const m = message();
    const s = new ThinkingStream(m, (t) => posted.push(t), clock, 33);
    s.push('Let ');
    s.push('me ');
    s.push('see.');
    assert.deepEqual(posted, ['Let '], 'the first piece goes at once, the rest waits for the interval');
    s.flush();
    assert.deepEqual(posted, ['Let ', 'me see.']);
    assert.equal(m.thinking, 'Let me see.');
    assert.equal(m.text, '', 'never the answer text');
  });

  it('stops at its cap, and a continued answer adds after a blank line', () => {
    const m = message('Before.');
    const s = new ThinkingStream(m, () => undefined, clock, 33, 20);
    s.push('After, and much more than fits.');
    s.flush();
    assert.equal(m.thinking, 'Before.\n\nAfter, and ');
    s.push('more');
    s.flush();
    assert.equal(m.thinking!.length, 20);
  });
});
