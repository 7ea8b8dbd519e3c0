import { strict as assert } from 'node:assert';
import type { ChatMessage } from '../../../../src/core/llm/types';
import { MESSAGE_OVERHEAD_TOKENS, trimHistory } from '../../../../src/features/chat/historyTrim';

// One token per character keeps the arithmetic checkable by hand.
const count = (t: string) => t.length;
const turn = (role: 'user' | 'assistant', n: number): ChatMessage => ({ role, content: `${role[0]}`.repeat(n) });

describe('chat: trimHistory', () => {
  it('keeps everything when it fits, system prompt first', () => {
    const history = [turn('user', 10), turn('assistant', 10), turn('user', 10)];
    const r = trimHistory({ systemPrompt: 'sys', history, contextWindow: 1000, maxOutputTokens: 100, countTokens: count });
    assert.equal(r.dropped, 0);
    assert.deepEqual(r.messages, [{ role: 'system', content: 'sys' }, ...history]);
    assert.equal(r.inputTokens, 3 + 30 + 4 * MESSAGE_OVERHEAD_TOKENS);
  });

  it('drops the oldest messages first and keeps the system prompt and the question', () => {
    // Budget: 200 - 100 (answer) = 100. System 10+4, question 20+4 → 62 left: two 26-token turns fit.
    const history = [turn('user', 22), turn('assistant', 22), turn('user', 22), turn('assistant', 22), turn('user', 20)];
    const r = trimHistory({ systemPrompt: 's'.repeat(10), history, contextWindow: 200, maxOutputTokens: 100, countTokens: count });
    assert.equal(r.messages[0]!.role, 'system');
    assert.deepEqual(r.messages.slice(1), history.slice(2));
    assert.equal(r.dropped, 2);
    assert.ok(r.inputTokens <= 100);
  });

  it('never starts the kept history with an assistant turn', () => {
    // Room for exactly the last assistant turn + the question: the orphaned answer is dropped too.
    const history = [turn('user', 30), turn('assistant', 16), turn('user', 16)];
    const r = trimHistory({ systemPrompt: '', history, contextWindow: 80, maxOutputTokens: 40, countTokens: count });
    assert.deepEqual(r.messages, [history[2]]);
    assert.equal(r.dropped, 2);
  });

  it('sends the question even when it alone is larger than the window', () => {
    const history = [turn('user', 5), turn('assistant', 5), turn('user', 500)];
    const r = trimHistory({ systemPrompt: 'sys', history, contextWindow: 100, maxOutputTokens: 10, countTokens: count });
    assert.deepEqual(r.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(r.dropped, 2);
  });

  it('reserves at most half the window for the answer', () => {
    const history = [turn('user', 28), turn('assistant', 28), turn('user', 28)];
    const r = trimHistory({ systemPrompt: '', history, contextWindow: 200, maxOutputTokens: 100_000, countTokens: count });
    assert.equal(r.dropped, 0, '3 × 32 tokens fit in half of 200');
  });

  it('does not trim when the context window is unknown', () => {
    const history = Array.from({ length: 50 }, (_, i) => turn(i % 2 ? 'assistant' : 'user', 1000));
    const r = trimHistory({ systemPrompt: 'x', history, contextWindow: undefined, maxOutputTokens: 10, countTokens: count });
    assert.equal(r.dropped, 0);
    assert.equal(r.messages.length, 51);
  });

  it('reports the system prompt, the question and the input budget apart (the composer meter shows them)', () => {
    const history = [turn('user', 22), turn('assistant', 22), turn('user', 22), turn('assistant', 22), turn('user', 20)];
    const r = trimHistory({ systemPrompt: 's'.repeat(10), history, contextWindow: 200, maxOutputTokens: 100, countTokens: count });
    assert.equal(r.systemTokens, 10 + MESSAGE_OVERHEAD_TOKENS);
    assert.equal(r.lastTokens, 20 + MESSAGE_OVERHEAD_TOKENS);
    assert.equal(r.inputBudget, 100, '200 − 100 reserved for the answer');
    assert.equal(r.inputTokens - r.systemTokens - r.lastTokens, 2 * (22 + MESSAGE_OVERHEAD_TOKENS), 'the kept history');
    assert.equal(trimHistory({ systemPrompt: '', history, contextWindow: 200, maxOutputTokens: 100_000, countTokens: count }).inputBudget, 100, 'at most half the window is reserved');
    const unknown = trimHistory({ systemPrompt: '', history, contextWindow: undefined, maxOutputTokens: 100, countTokens: count });
    assert.equal(unknown.inputBudget, undefined);
    assert.equal(unknown.systemTokens, 0);
    assert.equal(trimHistory({ systemPrompt: 'x', history: [], contextWindow: 200, maxOutputTokens: 10, countTokens: count }).lastTokens, 0);
  });
});
