// The composer's estimate: what the next request sends, split into system prompt, kept history and
// draft, from the same trimming the request uses — so the panel's context meter and the request
// never disagree about what is sent or left out.
import { strict as assert } from 'node:assert';
import { Composer } from '../../../../src/features/chat/composer';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../../src/features/chat/historyTrim';
import type { ChatServices, ProviderChoice } from '../../../../src/features/chat/chatPorts';
import { ProviderList } from '../../../../src/features/chat/providerList';
import type { UiMessage } from '../../../../src/shared/protocol/chat';

const O = MESSAGE_OVERHEAD_TOKENS;
const PROVIDERS: ProviderChoice[] = [{
  id: 'p', label: 'P', ready: true,
  models: [
    { providerId: 'p', id: 'big', label: 'Big', contextWindow: 100_000, price: { input: 2, output: 8 } },
    // 400-token window, 100 reserved for the answer → 300 for the input.
    { providerId: 'p', id: 'small', label: 'Small', contextWindow: 400 },
    { providerId: 'p', id: 'unknown', label: 'Unknown' },
  ],
}];

async function composer(systemPrompt = 'x'.repeat(20)) {
  const services: ChatServices = {
    listProviders: async () => PROVIDERS,
    onDidChangeProviders: () => ({ dispose: () => undefined }),
    instructions: () => [],
    onDidChangeInstructions: () => ({ dispose: () => undefined }),
    refreshInstructions: async () => undefined,
    settings: () => ({ systemPrompt, maxOutputTokens: 100, temperature: null }),
    countTokens: (_p, _m, text) => text.length, // one token per character
    run: () => { throw new Error('not used'); },
  };
  const providers = new ProviderList(services, { warn: () => undefined, error: () => undefined }, () => undefined);
  await providers.refresh();
  return new Composer(services, providers);
}

let seq = 0;
const msg = (role: 'user' | 'assistant', n: number): UiMessage => ({ id: `m${++seq}`, role, text: role[0]!.repeat(n), status: 'done', createdAt: 1 });
/** Six 50-character turns: 54 tokens each with the overhead. */
const HISTORY = [msg('user', 50), msg('assistant', 50), msg('user', 50), msg('assistant', 50), msg('user', 50), msg('assistant', 50)];

describe('chat: Composer.estimate', () => {
  it('splits the input into system prompt, history and draft, and prices it', async () => {
    const c = await composer();
    const e = c.estimate(1, HISTORY, 'd'.repeat(30), [], 'p', 'big');
    assert.deepEqual(e, {
      type: 'estimate', requestId: 1,
      inputTokens: 20 + O + 6 * (50 + O) + 30 + O, systemTokens: 20 + O, historyTokens: 6 * (50 + O), draftTokens: 30 + O,
      costUsd: ((20 + O + 6 * (50 + O) + 30 + O) * 2) / 1e6, maxOutputCostUsd: (100 * 8) / 1e6, maxOutputTokens: 100,
      contextWindow: 100_000, inputBudget: 100_000 - 100, droppedMessages: 0,
    });
  });

  it('counts only the history that will be kept, and says how many messages are left out', async () => {
    const c = await composer();
    const e = c.estimate(2, HISTORY, 'd'.repeat(30), [], 'p', 'small');
    // Budget 300: system 24 + draft 34 = 58; the 242 left fit the newest four 54-token turns,
    // which start with a user turn: 4 kept, the oldest 2 left out.
    assert.equal(e.droppedMessages, 2);
    assert.equal(e.historyTokens, 4 * (50 + O));
    assert.equal(e.inputTokens, e.systemTokens + e.historyTokens + e.draftTokens);
    assert.equal(e.inputBudget, 300);
    assert.ok(e.inputTokens <= e.inputBudget!);
    assert.equal(e.costUsd, null, 'unknown price stays unknown');
  });

  it('agrees with the trimming the request will use (the draft becomes the question)', async () => {
    const c = await composer();
    const e = c.estimate(3, HISTORY, 'd'.repeat(30), [], 'p', 'small');
    const sent = c.trim([...HISTORY.map((m) => ({ role: m.role, content: m.text })), { role: 'user', content: 'd'.repeat(30) }], 'p', 'small');
    assert.equal(e.inputTokens, sent.inputTokens);
    assert.equal(e.droppedMessages, sent.dropped);
  });

  it('an empty draft still shows what the conversation costs to send; no system prompt, no system tokens', async () => {
    const c = await composer('');
    const e = c.estimate(4, HISTORY.slice(0, 2), '', [], 'p', 'big');
    assert.deepEqual([e.systemTokens, e.historyTokens, e.draftTokens], [0, 2 * (50 + O), O]);
  });

  it('counts the draft’s attachments as part of the draft, in front of its text', async () => {
    const c = await composer();
    const attachment = { id: 'a1', kind: 'file' as const, label: 'a.ts', detail: 'src/a.ts', content: 'f'.repeat(40) };
    const e = c.estimate(6, HISTORY, 'd'.repeat(30), [attachment], 'p', 'big');
    // One user message: the attachment's block, a blank line, then the text.
    assert.equal(e.draftTokens, 40 + 2 + 30 + O);
    assert.equal(e.inputTokens, e.systemTokens + e.historyTokens + e.draftTokens);
  });

  it('an unknown context window has no input budget and trims nothing', async () => {
    const c = await composer();
    const e = c.estimate(5, HISTORY, 'hi', [], 'p', 'unknown');
    assert.deepEqual([e.contextWindow, e.inputBudget, e.droppedMessages, e.historyTokens], [null, null, 0, 6 * (50 + O)]);
  });
});
