// The run driver's part of issue 16: thinking is collected apart from the answer, streamed as
// `part: 'thinking'` deltas, bounded and stored; reasoning tokens reach the meta line; an answer
// that ended short (output limit, paused turn, content filter) is stored with a notice, and
// Continue / Retry work on it. Driven through the ChatController, as the webview drives it.
import { strict as assert } from 'node:assert';
import { ChatController, CONTINUE_PROMPT } from '../../../../src/features/chat/chatController';
import { drive, VirtualClock as FakeClock } from '../../helpers/virtualClock';
import { runFrom } from '../../helpers/scriptedRun';
import type { PipelineRequest, PipelineResult } from '../../../../src/core/llm/pipeline';
import type { RequestEvent, RequestRun } from '../../../../src/core/requests/requestService';
import type { ChatServices, HostActions, ProviderChoice } from '../../../../src/features/chat/chatPorts';
import { ConversationStore, type MementoLike } from '../../../../src/features/chat/conversationStore';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { memoryFs } from '../../helpers/conversationFolders';
import { parseChatOutbound, type ChatOutbound, type UiMessage } from '../../../../src/shared/protocol/chat';


class Memento implements MementoLike {
  readonly data = new Map<string, unknown>();
  get<T>(key: string) { return this.data.get(key) as T | undefined; }
  async update(key: string, value: unknown) { this.data.set(key, value); }
  keys() { return [...this.data.keys()]; }
}

type Script = (req: PipelineRequest, clock: FakeClock) => AsyncGenerator<RequestEvent, PipelineResult, void>;

const PROVIDERS: ProviderChoice[] = [
  { id: 'openai', label: 'OpenAI', ready: true, models: [{ providerId: 'openai', id: 'o4-mini', label: 'o4-mini', contextWindow: 200_000 }] },
  { id: 'anthropic', label: 'Anthropic', ready: true, models: [{ providerId: 'anthropic', id: 'claude', label: 'Claude', contextWindow: 200_000 }] },
];

async function harness() {
  const clock = new FakeClock(1_000_000);
  const posted: ChatOutbound[] = [];
  const requests: PipelineRequest[] = [];
  const state = { script: undefined as unknown as Script };
  const services: ChatServices = {
    listProviders: async () => structuredClone(PROVIDERS),
    onDidChangeProviders: () => ({ dispose: () => undefined }),
    instructions: () => [],
    onDidChangeInstructions: () => ({ dispose: () => undefined }),
    refreshInstructions: async () => undefined,
    settings: () => ({ systemPrompt: '', maxOutputTokens: 1000, temperature: null }),
    countTokens: (_p, _m, text) => Math.ceil(text.length / 4),
    run: (req): RequestRun => {
      requests.push(req);
      return runFrom(state.script(req, clock), (r) => {
        const u = r.usage ?? { inputTokens: 0, outputTokens: 0, estimated: true };
        return { inputTokens: u.inputTokens, outputTokens: u.outputTokens, ...(u.reasoningTokens ? { reasoningTokens: u.reasoningTokens } : {}), costUsd: 0.001, estimated: !!u.estimated };
      });
    },
  };
  const noop = async () => undefined;
  const actions: HostActions = { copy: noop, insertAtCursor: noop, replaceSelection: noop, openExternal: noop, setApiKey: noop, openSettings: noop, openInstructions: noop, confirm: async () => true, budgetWarning: () => undefined, saveMarkdown: noop, openImage: noop, notify: () => undefined };
  const fs = memoryFs();
  const files = await ConversationFiles.open('/conversations', { fs });
  const controller = new ChatController({ services, store: new ConversationStore(files, new Memento(), clock), actions, clock, deltaIntervalMs: 33 });
  controller.attach((m) => {
    assert.ok(parseChatOutbound(structuredClone(m)), `invalid host message: ${JSON.stringify(m).slice(0, 300)}`);
    posted.push(structuredClone(m));
  });
  const h = {
    clock, posted, requests, fs,
    set script(s: Script) { state.script = s; },
    do: (m: Parameters<ChatController['handle']>[0]) => drive(clock, controller.handle(m)),
    send: (text: string, providerId = 'openai', model = 'o4-mini') => h.do({ type: 'send', text, providerId, model }),
    of: <T extends ChatOutbound['type']>(type: T) => posted.filter((m): m is Extract<ChatOutbound, { type: T }> => m.type === type),
    lastAnswer(): UiMessage {
      const states = h.of('state');
      const msgs = states[states.length - 1]!.active!.messages;
      return msgs[msgs.length - 1]!;
    },
    conversationId: () => h.of('state').at(-1)!.active!.id,
  };
  await h.do({ type: 'ready' });
  return h;
}

const res = (req: PipelineRequest, over: Partial<PipelineResult>): PipelineResult => ({ outcome: 'ok', text: '', providerId: req.providerId, model: req.model, attempts: 1, latencyMs: 900, ...over });

/** Thinks in `thoughts`, then answers `answer`; finishes with `finish` and the given usage. */
function thinkingScript(thoughts: string[], answer: string[], finish: PipelineResult['finishReason'] = 'stop', usage = { inputTokens: 10, outputTokens: 300, reasoningTokens: 200 }): Script {
  return async function* (req, clock) {
    yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 1 };
    for (const t of thoughts) {
      yield { type: 'thinking', text: t };
      await clock.sleep(50);
    }
    for (const t of answer) {
      yield { type: 'text', text: t };
      await clock.sleep(50);
    }
    yield { type: 'usage', usage };
    yield { type: 'finish', reason: finish! };
    return res(req, { text: answer.join(''), usage, finishReason: finish });
  };
}

describe('chat: RunDriver — thinking, reasoning tokens, incomplete stops (issue 16)', () => {
  it('streams thinking as its own deltas before the answer, and stores it apart from the text', async () => {
    const h = await harness();
    h.script = thinkingScript(['Let me ', 'think.'], ['Four', '.']);
    await h.send('2+2?');
    const answer = h.lastAnswer();
    assert.equal(answer.text, 'Four.');
    assert.equal(answer.thinking, 'Let me think.');
    const deltas = h.of('delta').filter((d) => d.messageId === answer.id);
    assert.equal(deltas.filter((d) => d.part === 'thinking').map((d) => d.text).join(''), 'Let me think.');
    assert.equal(deltas.filter((d) => !d.part).map((d) => d.text).join(''), 'Four.');
    const firstText = deltas.findIndex((d) => !d.part);
    assert.ok(deltas.slice(firstText).every((d) => !d.part), 'all thinking reaches the webview before the answer');
    assert.equal(h.of('messageDone').at(-1)!.message.thinking, 'Let me think.');
    const file = [...h.fs.files].find(([name]) => name.endsWith(`${h.conversationId()}.json`))?.[1].text ?? '';
    assert.equal(JSON.parse(file).messages.at(-1).thinking, 'Let me think.', 'persisted with the conversation');
  });

  it('keeps thinking bounded: past the cap it is dropped and the answer goes on', async () => {
    const h = await harness();
    const chunk = 'x'.repeat(100_000);
    h.script = thinkingScript(Array.from({ length: 6 }, () => chunk), ['Done.']);
    await h.send('think a lot');
    const answer = h.lastAnswer();
    assert.equal(answer.thinking?.length, 400_000);
    assert.equal(answer.text, 'Done.');
    assert.equal(answer.status, 'done');
  });

  it('shows reasoning tokens in the meta, and adds them up over a Continue', async () => {
    const h = await harness();
    h.script = thinkingScript(['Hmm.'], ['Part one'], 'length', { inputTokens: 10, outputTokens: 1000, reasoningTokens: 600 });
    await h.send('go');
    assert.equal(h.lastAnswer().meta?.reasoningTokens, 600);
    h.script = thinkingScript(['More.'], [' and two.'], 'stop', { inputTokens: 20, outputTokens: 50, reasoningTokens: 30 });
    await h.do({ type: 'continue', conversationId: h.conversationId(), messageId: h.lastAnswer().id });
    const answer = h.lastAnswer();
    assert.equal(answer.meta?.reasoningTokens, 630);
    assert.equal(answer.meta?.outputTokens, 1050);
    assert.equal(answer.thinking, 'Hmm.\n\nMore.', 'a continued answer adds to its thinking');
  });

  it('an answer at the output limit is done, with a notice naming the setting, and Continue goes on', async () => {
    const h = await harness();
    h.script = thinkingScript([], ['The first half'], 'length', { inputTokens: 10, outputTokens: 1000, reasoningTokens: 0 });
    await h.send('write a lot');
    const cut = h.lastAnswer();
    assert.equal(cut.status, 'done');
    assert.deepEqual(cut.notice, { kind: 'length', text: 'Stopped at the output limit (switchboard.maxOutputTokens = 1,000).' });
    h.script = thinkingScript([], [' and the rest.']);
    await h.do({ type: 'continue', conversationId: h.conversationId(), messageId: cut.id });
    assert.deepEqual(h.requests[1]!.messages.slice(-2), [{ role: 'assistant', content: 'The first half' }, { role: 'user', content: CONTINUE_PROMPT }]);
    const answer = h.lastAnswer();
    assert.equal(answer.text, 'The first half and the rest.');
    assert.equal(answer.notice, undefined, 'the finished answer has no notice');
  });

  it('tells a paused Anthropic turn from the output limit, and a model limit from the setting', async () => {
    const h = await harness();
    h.script = thinkingScript([], ['Working on it'], 'length', { inputTokens: 10, outputTokens: 40, reasoningTokens: 0 });
    await h.send('search the web', 'anthropic', 'claude');
    assert.equal(h.lastAnswer().notice?.kind, 'pause');
    assert.match(h.lastAnswer().notice!.text, /paused this turn/);
    await h.send('and again', 'openai', 'o4-mini');
    assert.deepEqual(h.lastAnswer().notice, { kind: 'length', text: "Stopped at the model's output limit." });
  });

  it('a content filter or refusal is shown as such; it can be retried, not continued', async () => {
    const h = await harness();
    h.script = thinkingScript([], ["I can't help with that."], 'content_filter', { inputTokens: 10, outputTokens: 8, reasoningTokens: 0 });
    await h.send('something bad');
    const refused = h.lastAnswer();
    assert.equal(refused.status, 'done');
    assert.equal(refused.notice?.kind, 'filtered');
    assert.match(refused.notice!.text, /content filter/);
    await h.do({ type: 'continue', conversationId: h.conversationId(), messageId: refused.id });
    assert.equal(h.requests.length, 1, 'Continue is not offered after a content filter');
    h.script = thinkingScript(['Again.'], ['Fine.']);
    await h.do({ type: 'retry', conversationId: h.conversationId(), messageId: refused.id });
    assert.equal(h.requests.length, 2);
    const answer = h.lastAnswer();
    assert.deepEqual([answer.text, answer.thinking, answer.notice], ['Fine.', 'Again.', undefined]);
  });

  it('a complete answer can still not be retried or continued', async () => {
    const h = await harness();
    h.script = thinkingScript([], ['Complete.']);
    await h.send('hi');
    await h.do({ type: 'continue', conversationId: h.conversationId(), messageId: h.lastAnswer().id });
    await h.do({ type: 'retry', conversationId: h.conversationId(), messageId: h.lastAnswer().id });
    assert.equal(h.requests.length, 1);
  });
});
