import { strict as assert } from 'node:assert';
import type { InstructionFile } from '../../../../src/core/instructions/workspaceInstructions';
import { ChatController, CONTINUE_PROMPT } from '../../../../src/features/chat/chatController';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../../src/features/chat/historyTrim';
import { drive, tick, VirtualClock as FakeClock } from '../../helpers/virtualClock';
import { runFrom } from '../../helpers/scriptedRun';
import type { PipelineRequest, PipelineResult } from '../../../../src/core/llm/pipeline';
import type { RecordedUsage, RequestEvent, RequestRun } from '../../../../src/core/requests/requestService';
import type { AttachmentSources, ChatServices, HostActions, ProviderChoice } from '../../../../src/features/chat/chatPorts';
import { AttachError, type AttachmentDraft } from '../../../../src/core/attachments/attachment';
import { ConversationStore, type MementoLike } from '../../../../src/features/chat/conversationStore';
import { ConversationFiles } from '../../../../src/core/conversations/conversationFiles';
import { countingFs, memoryFs, type CountingFs } from '../../helpers/conversationFolders';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImageStore } from '../../../../src/core/attachments/imageStore';
import { parseChatOutbound, type ChatOutbound, type StateMessage, type UiMessage } from '../../../../src/shared/protocol/chat';

// ------------------------------------------------------------------------------------------------
// Fakes: virtual time, globalState + a conversations folder, the services and the pipeline
// ------------------------------------------------------------------------------------------------


class FakeMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  writes: string[] = [];
  get<T>(key: string) { return this.data.has(key) ? (structuredClone(this.data.get(key)) as T) : undefined; }
  async update(key: string, value: unknown) {
    this.writes.push(key);
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
  keys() { return [...this.data.keys()]; }
}

/** What survives a "reload": globalState (prefs) and the conversations folder. */
class Storage {
  readonly memento = new FakeMemento();
  readonly dir = '/conversations';
  readonly fs: CountingFs = countingFs(memoryFs());
  /** Attached images are real files (removed after the suite). */
  readonly images = path.join(IMAGES_ROOT, String(++storageCount));
}

const IMAGES_ROOT = mkdtempSync(path.join(os.tmpdir(), 'switchboard-chat-images-'));
let storageCount = 0;
after(() => rmSync(IMAGES_ROOT, { recursive: true, force: true }));

type Script = (req: PipelineRequest, run: { retryNowCalls: number }) => AsyncGenerator<RequestEvent, PipelineResult, void>;

/** `usage` is undefined when no provider was called (attempts 0, as for a budget-blocked request). */
function scriptedRun(gen: AsyncGenerator<RequestEvent, PipelineResult, void>, state: { retryNowCalls: number }, record: (result: PipelineResult) => RecordedUsage): RequestRun {
  return runFrom(gen, (r) => (r.attempts > 0 ? record(r) : undefined), () => void state.retryNowCalls++);
}

const PROVIDERS: ProviderChoice[] = [
  { id: 'openai', label: 'OpenAI', ready: true, models: [{ providerId: 'openai', id: 'gpt-5-mini', label: 'GPT-5 mini', contextWindow: 400_000, price: { input: 0.25, output: 2 } }, { providerId: 'openai', id: 'tiny', label: 'Tiny', contextWindow: 300 }, { providerId: 'openai', id: 'words-only', label: 'Words Only', contextWindow: 100_000, imageInput: false }] },
  { id: 'anthropic', label: 'Anthropic', ready: true, models: [{ providerId: 'anthropic', id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', contextWindow: 200_000, price: { input: 3, output: 15 } }] },
  { id: 'gemini', label: 'Google Gemini', ready: false, models: [{ providerId: 'gemini', id: 'gemini-2.5-pro', label: 'Gemini 2.5 Pro', contextWindow: 1_000_000 }] },
];

class Harness {
  readonly clock = new FakeClock(1_000_000);
  readonly storage: Storage;
  readonly files: ConversationFiles;
  readonly posted: ChatOutbound[] = [];
  readonly requests: PipelineRequest[] = [];
  readonly recorded: PipelineResult[] = [];
  readonly budgetWarnings: string[] = [];
  readonly openedImages: string[] = [];
  readonly actions: string[] = [];
  readonly saved: { name: string; markdown: string }[] = [];
  readonly runState = { retryNowCalls: 0 };
  confirmAnswer = true;
  script: Script = okScript(['Hello', ' world']);
  providers = PROVIDERS;
  readonly controller: ChatController;
  private providerListeners: (() => void)[] = [];
  private instructionListeners: (() => void)[] = [];
  /** The workspace instructions the services report (set it, then changeInstructions()). */
  instructionFiles: InstructionFile[] = [];
  /** What the attachment sources resolve a uri to (an Error: refused with that message). */
  readonly attachable = new Map<string, AttachmentDraft[] | Error>();
  readonly opened: string[] = [];
  readonly imageStore: ImageStore;

  constructor(storage: Storage, files: ConversationFiles) {
    this.storage = storage;
    this.files = files;
    const services: ChatServices = {
      listProviders: async () => structuredClone(this.providers),
      onDidChangeProviders: (l) => { this.providerListeners.push(l as () => void); return { dispose: () => undefined }; },
      instructions: () => this.instructionFiles,
      onDidChangeInstructions: (l) => { this.instructionListeners.push(l as () => void); return { dispose: () => undefined }; },
      refreshInstructions: async () => undefined,
      settings: () => ({ systemPrompt: 'Be brief.', maxOutputTokens: 100, temperature: null }),
      countTokens: (_p, _m, text) => Math.ceil(text.length / 4),
      run: (req) => {
        this.requests.push(req);
        return scriptedRun(this.script(req, this.runState), this.runState, (result) => {
          this.recorded.push(result);
          const u = result.usage;
          return u
            ? { inputTokens: u.inputTokens, outputTokens: u.outputTokens, costUsd: (u.inputTokens * 0.25 + u.outputTokens * 2) / 1e6, estimated: !!u.estimated }
            : { inputTokens: 10, outputTokens: Math.ceil(result.text.length / 4), costUsd: null, estimated: true };
        });
      },
    };
    const actions: HostActions = {
      copy: async (t) => void this.actions.push(`copy:${t}`),
      insertAtCursor: async (t) => void this.actions.push(`insert:${t}`),
      replaceSelection: async (t, source) => void this.actions.push(`replace:${t}${source ? `@${source.anchorId}` : ''}`),
      openExternal: async (h) => void this.actions.push(`open:${h}`),
      setApiKey: async (p) => void this.actions.push(`setApiKey:${p ?? ''}`),
      openSettings: async (q) => void this.actions.push(`openSettings:${q ?? ''}`),
      openInstructions: async (label) => void this.actions.push(`openInstructions:${label}`),
      confirm: async (m) => { this.actions.push(`confirm:${m}`); return this.confirmAnswer; },
      budgetWarning: (t) => void this.budgetWarnings.push(t),
      saveMarkdown: async (name, markdown) => void this.saved.push({ name, markdown }),
      openImage: async (file) => void this.openedImages.push(file),
      notify: (level, text) => void this.actions.push(`notify:${level}:${text}`),
    };
    const attachments: AttachmentSources = {
      candidates: async (query) => ({ items: [{ ref: { kind: 'uri', uri: `file:///w/${query}.ts` }, kind: 'file', label: `${query}.ts`, detail: `src/${query}.ts` }], truncated: false }),
      resolve: async (ref) => {
        const found = this.attachable.get(ref.kind === 'uri' ? ref.uri : ref.source);
        if (found instanceof Error) throw found;
        if (!found) throw new AttachError('Nothing to attach.');
        return found;
      },
      pick: async () => [{ kind: 'source', source: 'gitDiff' }],
      open: async (a) => void this.opened.push(`${a.label}:${a.content}`),
    };
    this.imageStore = new ImageStore(storage.images);
    this.controller = new ChatController({ services, store: new ConversationStore(files, storage.memento, this.clock), actions, clock: this.clock, deltaIntervalMs: 33, attachments, images: this.imageStore });
    this.controller.attach((m) => {
      // Everything the host posts must pass the webview's own validation.
      assert.ok(parseChatOutbound(structuredClone(m)), `invalid host message: ${JSON.stringify(m).slice(0, 300)}`);
      this.posted.push(structuredClone(m));
    });
  }

  do(message: Parameters<ChatController['handle']>[0]) {
    return drive(this.clock, this.controller.handle(message));
  }

  send(text: string, providerId = 'openai', model = 'gpt-5-mini') {
    return this.do({ type: 'send', text, providerId, model });
  }

  changeProviders() { for (const l of this.providerListeners) l(); }
  changeInstructions() { for (const l of this.instructionListeners) l(); }
  of<T extends ChatOutbound['type']>(type: T) { return this.posted.filter((m): m is Extract<ChatOutbound, { type: T }> => m.type === type); }
  lastState(): StateMessage { const s = this.of('state'); assert.ok(s.length > 0, 'no state posted'); return s[s.length - 1]!; }
  messages(): UiMessage[] { return this.lastState().active?.messages ?? []; }
  lastAnswer(): UiMessage { const m = this.messages(); return m[m.length - 1]!; }
  /** The answer as the webview would assemble it from deltas. */
  assembled(messageId: string) { return this.of('delta').filter((d) => d.messageId === messageId).map((d) => d.text).join(''); }
}

function result(req: PipelineRequest, over: Partial<PipelineResult>): PipelineResult {
  return { outcome: 'ok', text: '', providerId: req.providerId, model: req.model, attempts: 1, latencyMs: 1200, ttftMs: 300, ...over };
}

function okScript(tokens: string[], gapMs = 5): Script {
  return async function* (req) {
    yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 1 };
    for (const t of tokens) {
      yield { type: 'text', text: t };
      await clockOf(req).sleep(gapMs);
    }
    yield { type: 'usage', usage: { inputTokens: 20, outputTokens: tokens.length } };
    yield { type: 'finish', reason: 'stop' };
    return result(req, { text: tokens.join(''), usage: { inputTokens: 20, outputTokens: tokens.length } });
  };
}

// Scripts need the harness clock; requests carry no clock, so keep the current one here.
let currentClock: FakeClock;
const clockOf = (_req: PipelineRequest) => currentClock;
async function harness(storage = new Storage()) {
  const h = new Harness(storage, await ConversationFiles.open(storage.dir, { fs: storage.fs }));
  currentClock = h.clock;
  return h;
}

/** Conversation files written (index and locks not counted). */
const conversationWrites = (s: Storage) => s.fs.writes.filter((name) => name !== 'index.json');

// ------------------------------------------------------------------------------------------------

describe('chat: ChatController', () => {
  it('on ready posts a state, then the providers once listed', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const states = h.of('state');
    assert.equal(states[0]!.providersLoaded, false);
    const last = h.lastState();
    assert.equal(last.providersLoaded, true);
    assert.deepEqual(last.providers.map((p) => [p.id, p.ready]), [['openai', true], ['anthropic', true], ['gemini', false]]);
    assert.deepEqual(last.providers[0]!.models[1], { id: 'tiny', label: 'Tiny', contextWindow: 300, price: null });
    assert.deepEqual(last.selection, { providerId: 'openai', model: 'gpt-5-mini' });
  });

  it('streams an answer: user message, batched deltas, final message with model, tokens, cost and latency', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('What is 2+2?');
    const req = h.requests[0]!;
    assert.deepEqual(req.messages, [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is 2+2?' }]);
    assert.equal(req.maxOutputTokens, 100);
    assert.equal('temperature' in req, false, 'a null temperature is left to the provider');
    const [user, answer] = h.messages();
    assert.deepEqual([user!.role, user!.text], ['user', 'What is 2+2?']);
    assert.equal(answer!.status, 'done');
    assert.equal(answer!.text, 'Hello world');
    assert.equal(h.assembled(answer!.id), 'Hello world');
    assert.deepEqual(answer!.meta, {
      providerId: 'openai', model: 'gpt-5-mini', inputTokens: 20, outputTokens: 2, costUsd: (20 * 0.25 + 2 * 2) / 1e6,
      costEstimated: false, latencyMs: 1200, ttftMs: 300,
    });
    const done = h.of('messageDone');
    assert.equal(done.length, 1);
    assert.equal(done[0]!.message.text, 'Hello world');
    assert.equal(h.recorded.length, 1, 'usage is recorded once per answer');
    assert.equal(h.lastState().conversations[0]!.title, 'What is 2+2?');
  });

  it('a 10,000-token answer takes at most 200 postMessages and loses no text', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const pieces = ['word', ' ', 'naïve', ' 😀', '\n', '```ts\n', 'const x = 1;', '\n```\n', ' <b>', 'é'];
    const tokens = Array.from({ length: 10_000 }, (_, i) => pieces[i % pieces.length]! + (i % 97 === 0 ? String(i) : ''));
    // A fast stream: 2 tokens per virtual millisecond (a local model or the fake server), 5 s in all.
    h.script = async function* (req) {
      yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 1 };
      for (let i = 0; i < tokens.length; i++) {
        yield { type: 'text', text: tokens[i]! };
        if (i % 2 === 1) await h.clock.sleep(1);
      }
      return result(req, { text: tokens.join('') });
    };
    const before = h.posted.length;
    const start = h.clock.now();
    await h.send('Write a lot');
    const posts = h.posted.length - before;
    const answer = h.lastAnswer();
    const expected = tokens.join('');
    assert.equal(h.assembled(answer.id), expected, 'the deltas add up to exactly the sent text');
    assert.equal(answer.text, expected);
    const deltas = h.of('delta').length;
    console.log(`      10,000 tokens over ${h.clock.now() - start} virtual ms: ${posts} postMessages (${deltas} deltas)`);
    assert.ok(posts <= 200, `${posts} postMessages`);
    assert.ok(deltas >= 100, `still streamed in many steps (${deltas})`);
  });

  it('persists once when asked and once when answered — never per token', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = okScript(Array.from({ length: 500 }, (_, i) => `t${i} `), 1);
    await h.send('count');
    assert.equal(conversationWrites(h.storage).length, 2);
  });

  it('Stop aborts the request; the partial answer stays, marked stopped', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    let aborted = false;
    h.script = async function* (req) {
      yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 1 };
      let text = '';
      for (let i = 0; i < 1000; i++) {
        if (req.signal!.aborted) { aborted = true; return result(req, { outcome: 'stopped', text }); }
        text += `w${i} `;
        yield { type: 'text', text: `w${i} ` };
        await h.clock.sleep(10);
      }
      return result(req, { text });
    };
    const sending = h.controller.handle({ type: 'send', text: 'long please', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 200; i++) { await tick(); h.clock.fireNext(); }
    const conversationId = h.lastState().active!.id;
    await h.do({ type: 'stop', conversationId });
    await drive(h.clock, sending);
    assert.ok(aborted, 'the request signal was aborted');
    const answer = h.lastAnswer();
    assert.equal(answer.status, 'stopped');
    assert.ok(answer.text.startsWith('w0 w1 '), 'the partial text stays');
    assert.ok(answer.text.length < 1000 * 4);
    assert.equal(answer.error, undefined);
    assert.equal(answer.meta?.costEstimated, true, 'no usage reported: the estimate is marked');
    assert.equal(h.controller.runningCount, 0);
  });

  it('shows queued and retrying states in order, and forwards Retry now', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req, run) {
      yield { type: 'queued', position: 2, waitMs: 4000 };
      await h.clock.sleep(4000);
      yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 1 };
      yield { type: 'retrying', attempt: 1, maxAttempts: 4, delayMs: 2000, error: { code: 'rate_limit', message: 'Rate limited (429)', providerId: 'openai' } };
      while (run.retryNowCalls === 0) await h.clock.sleep(10);
      yield { type: 'started', providerId: req.providerId, model: req.model, attempt: 2 };
      yield { type: 'text', text: 'finally' };
      return result(req, { text: 'finally' });
    };
    const sending = h.controller.handle({ type: 'send', text: 'hi', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 50; i++) { await tick(); h.clock.fireNext(); }
    const retrying = h.of('status').at(-1)!;
    assert.equal(retrying.state, 'retrying');
    assert.deepEqual(retrying.progress, { attempt: 1, maxAttempts: 4, delayMs: 2000, reason: 'Rate limited (429)' });
    await h.do({ type: 'retryNow', conversationId: retrying.conversationId, messageId: retrying.messageId });
    await drive(h.clock, sending);
    assert.equal(h.runState.retryNowCalls, 1);
    assert.deepEqual(h.of('status').map((s) => s.state), ['queued', 'streaming', 'retrying', 'streaming']);
    assert.deepEqual(h.of('status')[0]!.progress, { position: 2, waitMs: 4000 });
    assert.equal(h.lastAnswer().status, 'done');
    assert.equal(h.lastAnswer().text, 'finally');
  });

  for (const [code, action, settings] of [
    ['auth', 'setApiKey', undefined],
    ['quota_exhausted', 'openSettings', 'fallback'],
    ['budget_exceeded', 'openSettings', 'budget'],
    ['server', 'retry', undefined],
  ] as const) {
    it(`a failed answer with ${code} shows the error with action ${action}`, async () => {
      const h = await harness();
      await h.do({ type: 'ready' });
      h.script = async function* (req) {
        const error = { code, message: `failed: ${code}`, providerId: 'anthropic', status: 400 };
        yield { type: 'error', error, partial: '' };
        return result(req, { outcome: 'error', error });
      };
      await h.send('hi', 'anthropic', 'claude-sonnet-4-5');
      const answer = h.lastAnswer();
      assert.equal(answer.status, 'error');
      assert.deepEqual(answer.error, { code, message: `failed: ${code}`, providerId: 'anthropic', action, ...(settings ? { settings } : {}) });
    });
  }

  it('Retry re-runs a failed answer in place with the same question', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req) {
      const error = { code: 'server', message: 'HTTP 500', providerId: 'openai' };
      return result(req, { outcome: 'error', error });
    };
    await h.send('question');
    const failed = h.lastAnswer();
    assert.equal(failed.status, 'error');
    h.script = okScript(['second', ' try']);
    await h.do({ type: 'retry', conversationId: h.lastState().active!.id, messageId: failed.id });
    const messages = h.messages();
    assert.equal(messages.length, 2, 'no new messages: the answer was replaced');
    assert.equal(messages[1]!.id, failed.id);
    assert.equal(messages[1]!.status, 'done');
    assert.equal(messages[1]!.text, 'second try');
    assert.equal(messages[1]!.error, undefined);
    assert.deepEqual(h.requests[1]!.messages, h.requests[0]!.messages);
  });

  it('regenerate: the model picked now writes the answer again; both are kept, switching picks what a follow-up sends', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('question');
    const first = h.lastAnswer();
    const conversationId = h.lastState().active!.id;
    await h.do({ type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    h.script = okScript(['second', ' answer']);
    await h.do({ type: 'regenerate', conversationId, messageId: first.id });
    assert.deepEqual(h.requests[1]!.messages, h.requests[0]!.messages, 'the same question');
    assert.deepEqual([h.requests[1]!.providerId, h.requests[1]!.model], ['anthropic', 'claude-sonnet-4-5']);
    const shown = h.lastAnswer();
    assert.deepEqual([shown.id, shown.text, shown.meta?.model, shown.versions], [first.id, 'second answer', 'claude-sonnet-4-5', { index: 1, count: 2 }]);
    assert.equal(h.messages().length, 2, 'no new message');
    assert.equal('alternatives' in shown, false, 'the other versions stay in the host');
    const done = h.of('messageDone').at(-1)!.message;
    assert.deepEqual([done.versions, 'alternatives' in done], [{ index: 1, count: 2 }, false]);

    await h.do({ type: 'showVersion', conversationId, messageId: first.id, index: 0 });
    assert.deepEqual([h.lastAnswer().text, h.lastAnswer().meta?.model, h.lastAnswer().versions], ['Hello world', 'gpt-5-mini', { index: 0, count: 2 }]);
    h.script = okScript(['ok']);
    await h.send('follow-up', 'anthropic', 'claude-sonnet-4-5');
    assert.deepEqual(h.requests[2]!.messages.slice(1).map((m) => m.content), ['question', 'Hello world', 'follow-up'], 'the shown version is the history');
    const stored = await harness(h.storage);
    await stored.do({ type: 'ready' });
    assert.deepEqual(stored.messages()[1]!.versions, { index: 0, count: 2 }, 'versions are stored with the conversation');
    assert.equal(stored.messages()[1]!.text, 'Hello world');
  });

  it('edit and resend: the latest question changes in place and its answer is written again', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('What is 2+2?');
    const [question, first] = h.messages();
    const conversationId = h.lastState().active!.id;
    h.script = okScript(['Six']);
    await h.do({ type: 'editResend', conversationId, messageId: question!.id, text: 'What is 3+3?' });
    const messages = h.messages();
    assert.deepEqual(messages.map((m) => [m.id, m.text, m.status]), [[question!.id, 'What is 3+3?', 'done'], [first!.id, 'Six', 'done']]);
    assert.equal(h.lastState().active!.id, conversationId, 'the same conversation');
    assert.deepEqual(h.requests[1]!.messages.at(-1), { role: 'user', content: 'What is 3+3?' });
    assert.deepEqual(h.files.peek(conversationId)!.messages.map((m) => m.text), ['What is 3+3?', 'Six'], 'saved');
  });

  it('edit and resend of an earlier question: a new conversation up to it asks the edited one; the original keeps its later turns', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('first question');
    await h.send('second question');
    await h.send('third question');
    const original = h.lastState().active!;
    h.script = okScript(['Edited answer']);
    await h.do({ type: 'editResend', conversationId: original.id, messageId: original.messages[2]!.id, text: 'second, edited' });
    const branch = h.lastState().active!;
    assert.notEqual(branch.id, original.id);
    assert.equal(branch.title, 'first question (edited)');
    assert.deepEqual(branch.messages.map((m) => [m.role, m.text]), [['user', 'first question'], ['assistant', 'Hello world'], ['user', 'second, edited'], ['assistant', 'Edited answer']]);
    assert.ok(branch.messages.every((m) => !original.messages.some((o) => o.id === m.id)), 'the copies have ids of their own');
    assert.deepEqual(h.requests.at(-1)!.messages.slice(1), [{ role: 'user', content: 'first question' }, { role: 'assistant', content: 'Hello world' }, { role: 'user', content: 'second, edited' }]);
    assert.deepEqual(h.files.peek(original.id)!.messages.map((m) => m.text), ['first question', 'Hello world', 'second question', 'Hello world', 'third question', 'Hello world'], 'the original is untouched');
    assert.match(h.of('notice').at(-1)!.text, /new chat, "first question \(edited\)"/);
  });

  it('Continue asks the model to go on from the partial text and appends to it', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req) {
      yield { type: 'text', text: 'The first half' };
      const error = { code: 'network', message: 'Connection reset', providerId: 'openai' };
      return result(req, { outcome: 'interrupted', text: 'The first half', error, usage: { inputTokens: 20, outputTokens: 4 } });
    };
    await h.send('tell me');
    const cut = h.lastAnswer();
    assert.equal(cut.status, 'interrupted');
    assert.equal(cut.error?.code, 'network');
    assert.equal(cut.text, 'The first half');
    h.script = okScript([' and the second half.']);
    await h.do({ type: 'continue', conversationId: h.lastState().active!.id, messageId: cut.id });
    const req = h.requests[1]!;
    assert.deepEqual(req.messages.slice(-3), [
      { role: 'user', content: 'tell me' },
      { role: 'assistant', content: 'The first half' },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
    const answer = h.lastAnswer();
    assert.equal(answer.text, 'The first half and the second half.');
    assert.equal(answer.status, 'done');
    assert.equal(answer.meta?.inputTokens, 40, 'tokens of both requests add up');
    assert.equal(answer.meta?.outputTokens, 5);
  });

  it('only the latest answer can be retried', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req) { return result(req, { outcome: 'error', error: { code: 'server', message: 'x', providerId: 'openai' } }); };
    await h.send('one');
    const first = h.lastAnswer();
    h.script = okScript(['ok']);
    await h.send('two');
    const before = h.requests.length;
    await h.do({ type: 'retry', conversationId: h.lastState().active!.id, messageId: first.id });
    assert.equal(h.requests.length, before);
    assert.match(h.of('notice').at(-1)!.text, /latest answer/);
  });

  it('trims the history to the context window (system prompt kept) and shows how much was dropped', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = okScript(['x'.repeat(200)]);
    for (let i = 0; i < 4; i++) await h.send(`question ${i} ${'q'.repeat(200)}`, 'openai', 'tiny');
    const last = h.requests.at(-1)!;
    assert.equal(last.messages[0]!.role, 'system');
    assert.equal(last.messages[1]!.role, 'user');
    assert.ok(last.messages.length < 8, `trimmed to ${last.messages.length} messages`);
    assert.match(String(last.messages.at(-1)!.content), /^question 3/);
    const dropped = h.lastAnswer().meta?.droppedMessages ?? 0;
    assert.equal(dropped, 1 + 6 - (last.messages.length - 1));
  });

  it('reports which model answered after a fallback', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req) {
      yield { type: 'fallback', from: 'openai', to: 'anthropic', model: 'claude-sonnet-4-5', reason: 'openai is failing' };
      yield { type: 'started', providerId: 'anthropic', model: 'claude-sonnet-4-5', attempt: 1 };
      yield { type: 'text', text: 'from claude' };
      return { ...result(req, { text: 'from claude' }), providerId: 'anthropic', model: 'claude-sonnet-4-5' };
    };
    await h.send('hi');
    const meta = h.lastAnswer().meta!;
    assert.equal(meta.providerId, 'anthropic');
    assert.deepEqual(meta.fellBackFrom, { providerId: 'openai', model: 'gpt-5-mini' });
  });

  it('refuses a provider that is not ready and a second send while answering', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('hi', 'gemini', 'gemini-2.5-pro');
    assert.equal(h.requests.length, 0);
    assert.match(h.of('notice').at(-1)!.text, /Google Gemini has no API key/);
    h.script = okScript(Array.from({ length: 50 }, () => 'x'), 10);
    const first = h.controller.handle({ type: 'send', text: 'one', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 5; i++) { await tick(); h.clock.fireNext(); }
    await h.do({ type: 'send', conversationId: h.lastState().active!.id, text: 'two', providerId: 'openai', model: 'gpt-5-mini' });
    await drive(h.clock, first);
    assert.equal(h.requests.length, 1);
    assert.match(h.of('notice').at(-1)!.text, /still being written/);
  });

  it('restores the open conversation after a reload; a cut-off answer comes back interrupted', async () => {
    const storage = new Storage();
    const h = await harness(storage);
    await h.do({ type: 'ready' });
    await h.send('remember me');
    const id = h.lastState().active!.id;
    // Simulate a reload in the middle of the second answer: the question was saved, the answer not.
    h.script = async function* (req) { yield { type: 'text', text: 'partial' }; await new Promise(() => undefined); return result(req, {}); };
    void h.controller.handle({ type: 'send', text: 'second', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 20; i++) { await tick(); h.clock.fireNext(); }

    const after = await harness(storage);
    await after.do({ type: 'ready' });
    const state = after.lastState();
    assert.equal(state.active?.id, id);
    assert.deepEqual(state.active?.messages.map((m) => [m.role, m.status]), [['user', 'done'], ['assistant', 'done'], ['user', 'done'], ['assistant', 'interrupted']]);
    assert.equal(state.active?.messages[1]!.text, 'Hello world');
    assert.equal(state.active?.messages[3]!.text, 'partial', 'the partial text was saved while streaming');
    assert.deepEqual(state.conversations.map((c) => c.title), ['remember me']);
  });

  it('flush() (deactivate) saves a running answer\'s text at once; another window\'s conversations show up', async () => {
    const storage = new Storage();
    const h = await harness(storage);
    await h.do({ type: 'ready' });
    h.script = async function* (req) { yield { type: 'text', text: 'half' }; await new Promise(() => undefined); return result(req, {}); };
    void h.controller.handle({ type: 'send', text: 'slow one', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 10; i++) await tick();
    h.clock.fireNext(); // the delta batch: the text is shown, the 2 s save has not run
    await h.controller.flush();
    const other = await harness(storage);
    await other.do({ type: 'ready' });
    assert.equal(other.lastAnswer().text, 'half');
    assert.equal(other.lastAnswer().status, 'interrupted');
    // The second "window" starts a conversation; the first hears of it through the store's change event.
    await other.do({ type: 'newChat' });
    await other.send('from the other window');
    await h.files.refresh();
    (h.controller as unknown as { store: ConversationStore }).store.emit([other.lastState().active!.id]);
    assert.deepEqual(h.lastState().conversations.map((c) => c.title).sort(), ['from the other window', 'slow one']);
  });

  it('a request cut after flush() (the window closing) is saved interrupted, not stopped', async () => {
    const storage = new Storage();
    const h = await harness(storage);
    await h.do({ type: 'ready' });
    let cut!: () => void;
    const shutdown = new Promise<void>((resolve) => (cut = resolve));
    h.script = async function* (req) { yield { type: 'text', text: 'half' }; await shutdown; return result(req, { outcome: 'stopped', text: 'half' }); };
    const sending = h.controller.handle({ type: 'send', text: 'cut by a reload', providerId: 'openai', model: 'gpt-5-mini' });
    for (let i = 0; i < 10; i++) await tick();
    h.clock.fireNext();
    await h.controller.flush();
    cut(); // the request service aborts the running requests after the panel saved them
    await drive(h.clock, sending);
    const other = await harness(storage);
    await other.do({ type: 'ready' });
    assert.equal(other.lastAnswer().text, 'half');
    assert.equal(other.lastAnswer().status, 'interrupted');
  });

  it("sends the workspace's instructions after the system prompt, lists them with their tokens, and follows changes", async () => {
    const h = await harness();
    h.instructionFiles = [{ label: 'AGENTS.md', text: 'Use tabs.', truncated: false }];
    await h.do({ type: 'ready' });
    assert.deepEqual(h.lastState().instructions, [{ label: 'AGENTS.md', tokens: Math.ceil('Use tabs.'.length / 4), truncated: false }]);
    await h.send('Format this');
    assert.deepEqual(h.requests[0]!.messages[0], { role: 'system', content: 'Be brief.\n\nInstructions from the workspace file AGENTS.md:\n\nUse tabs.' });
    // The estimate counts them as system tokens, as the request sends them.
    const systemTokens = async () => {
      await h.do({ type: 'estimate', requestId: 1, text: 'x', providerId: 'openai', model: 'gpt-5-mini' });
      return h.of('estimate').at(-1)!.systemTokens;
    };
    const withFile = await systemTokens();
    // The file is removed (or the setting turned off): the next state and request drop it.
    h.instructionFiles = [];
    const tokens = (t: string) => Math.ceil(t.length / 4);
    assert.equal(withFile - (await systemTokens()), tokens(h.requests[0]!.messages[0]!.content as string) - tokens('Be brief.'));
    const states = h.posted.filter((m) => m.type === 'state').length;
    h.changeInstructions();
    assert.equal(h.posted.filter((m) => m.type === 'state').length, states + 1, 'the change posts the state');
    assert.deepEqual(h.lastState().instructions, []);
    await h.do({ type: 'openInstructions', label: 'AGENTS.md' });
    assert.deepEqual(h.actions.at(-1), 'openInstructions:AGENTS.md');
  });

  it('new chat, open, rename and delete (after confirmation)', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.send('first conversation');
    const first = h.lastState().active!.id;
    await h.do({ type: 'newChat' });
    assert.equal(h.lastState().active!.messages.length, 0);
    assert.notEqual(h.lastState().active!.id, first);
    await h.send('second conversation', 'anthropic', 'claude-sonnet-4-5');
    const second = h.lastState().active!.id;
    assert.deepEqual(h.lastState().conversations.map((c) => c.title), ['second conversation', 'first conversation']);
    await h.do({ type: 'openConversation', conversationId: first });
    assert.equal(h.lastState().active!.id, first);
    assert.deepEqual(h.lastState().selection, { providerId: 'openai', model: 'gpt-5-mini' }, 'each conversation keeps its model');
    await h.do({ type: 'renameConversation', conversationId: first, title: 'Renamed' });
    assert.equal(h.lastState().active!.title, 'Renamed');
    h.confirmAnswer = false;
    await h.do({ type: 'deleteConversation', conversationId: second });
    assert.equal(h.lastState().conversations.length, 2, 'not confirmed: kept');
    h.confirmAnswer = true;
    await h.do({ type: 'deleteConversation', conversationId: first });
    assert.deepEqual(h.lastState().conversations.map((c) => c.id), [second]);
    assert.notEqual(h.lastState().active!.id, first, 'the open conversation was deleted: a new one is shown');
    assert.match(h.actions.filter((a) => a.startsWith('confirm:')).at(-1)!, /Delete the conversation "Renamed"/);
  });

  it('remembers the model picked last for new conversations, and switches the open one', async () => {
    const storage = new Storage();
    const h = await harness(storage);
    await h.do({ type: 'ready' });
    await h.send('hi');
    await h.do({ type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    assert.deepEqual(h.lastState().selection, { providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    await h.do({ type: 'selectModel', providerId: 'gemini', model: 'gemini-2.5-pro' });
    assert.deepEqual(h.lastState().selection, { providerId: 'anthropic', model: 'claude-sonnet-4-5' }, 'a provider without a key cannot be picked');
    await h.do({ type: 'newChat' });
    assert.deepEqual(h.lastState().selection, { providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    const after = await harness(storage);
    await after.do({ type: 'ready' });
    assert.deepEqual(after.lastState().selection, { providerId: 'anthropic', model: 'claude-sonnet-4-5' });
  });

  it('answers estimates with tokens and cost of what would be sent', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.do({ type: 'estimate', requestId: 3, text: 'x'.repeat(400), providerId: 'openai', model: 'gpt-5-mini' });
    const e = h.of('estimate').at(-1)!;
    // System "Be brief." = 3 + 4 overhead; the draft 100 + 4.
    assert.deepEqual(e, {
      type: 'estimate', requestId: 3, inputTokens: 111, systemTokens: 7, historyTokens: 0, draftTokens: 104, costUsd: (111 * 0.25) / 1e6,
      maxOutputCostUsd: (100 * 2) / 1e6, maxOutputTokens: 100, contextWindow: 400_000, inputBudget: 400_000 - 100, droppedMessages: 0,
    });
    await h.do({ type: 'estimate', requestId: 4, text: 'hi', providerId: 'openai', model: 'tiny' });
    assert.equal(h.of('estimate').at(-1)!.costUsd, null, 'unknown price stays unknown');
  });

  it('routes code actions, settings and keys, and opens only safe links', async () => {
    const h = await harness();
    await h.do({ type: 'copyCode', code: 'a' });
    await h.do({ type: 'insertCode', code: 'b' });
    await h.do({ type: 'replaceSelection', code: 'c' });
    await h.do({ type: 'setApiKey', providerId: 'gemini' });
    await h.do({ type: 'openSettings', section: 'budget' });
    await h.do({ type: 'openLink', href: 'https://example.com/docs' });
    await h.do({ type: 'openLink', href: 'javascript:alert(1)' });
    await h.do({ type: 'openLink', href: 'command:workbench.action.terminal.new' });
    await h.do({ type: 'openLink', href: 'file:///etc/passwd' });
    assert.deepEqual(h.actions, ['copy:a', 'insert:b', 'replace:c', 'setApiKey:gemini', 'openSettings:budget', 'open:https://example.com/docs']);
  });

  it('copies a whole answer as its Markdown, and exports the conversation as Markdown under its title', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    await h.do({ type: 'exportConversation', conversationId: h.lastState().active!.id });
    assert.deepEqual(h.actions, ['notify:info:This chat has nothing to export yet.']);
    assert.deepEqual(h.saved, [], 'nothing to save, no dialog');
    await h.send('What is 2+2?');
    const conversationId = h.lastState().active!.id;
    const [user, answer] = h.messages();
    await h.do({ type: 'copyAnswer', conversationId, messageId: answer!.id });
    await h.do({ type: 'copyAnswer', conversationId, messageId: user!.id }); // not an answer: nothing
    assert.deepEqual(h.actions.slice(1), ['copy:Hello world']);
    await h.do({ type: 'exportConversation', conversationId });
    assert.deepEqual(h.saved, [{ name: 'What is 2+2.md', markdown: '# What is 2+2?\n\n## You\n\nWhat is 2+2?\n\n## GPT-5 mini\n\nHello world\n' }]);
  });

  it('searches every conversation\'s titles and text, newest first, the open one as it is now', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    for (const q of ['How do I debounce?', 'Borrow checker help', 'Throttle or debounce for scroll?']) {
      await h.do({ type: 'newChat' });
      h.clock.advance(1000);
      await h.send(q);
    }
    await h.do({ type: 'searchConversations', requestId: 4, query: 'DEBOUNCE' });
    const found = h.of('searchResults').at(-1)!;
    assert.equal(found.requestId, 4);
    assert.equal(found.truncated, false);
    assert.deepEqual(found.results.map((r) => [r.title, r.messageId ? 'message' : 'title', r.snippet.slice(r.match.start, r.match.start + r.match.length)]), [
      ['Throttle or debounce for scroll?', 'title', 'debounce'],
      ['Throttle or debounce for scroll?', 'message', 'debounce'],
      ['How do I debounce?', 'title', 'debounce'],
      ['How do I debounce?', 'message', 'debounce'],
    ]);
    await h.do({ type: 'searchConversations', requestId: 5, query: 'Hello world' });
    assert.equal(h.of('searchResults').at(-1)!.results.length, 3, 'every answer, each conversation once');
    await h.do({ type: 'searchConversations', requestId: 6, query: '  ' });
    assert.deepEqual(h.of('searchResults').at(-1)!.results, []);
  });

  it('keeps where an asked-about selection came from, and sends each answer\'s Replace there', async () => {
    const h = await harness();
    h.script = okScript(['```ts\n', 'x\n', '```']);
    await h.do({ type: 'ready' });
    const source = { anchorId: 'a1', path: 'src/a.ts', startLine: 3, endLine: 5 };
    await drive(h.clock, h.controller.ask('Explain\n\n```ts\ncode\n```', { source }));
    await h.send('And simpler?');
    const [q1, a1, q2, a2] = h.messages();
    assert.deepEqual(q1!.source, source, 'the question carries its source (and it passes the webview schema)');
    assert.equal(q2!.source, undefined, 'a typed follow-up has none');
    const conversationId = h.lastState().active!.id;
    await h.do({ type: 'replaceSelection', code: 'one', conversationId, messageId: a1!.id });
    await h.do({ type: 'replaceSelection', code: 'two', conversationId, messageId: a2!.id });
    await h.do({ type: 'replaceSelection', code: 'three' });
    assert.deepEqual(h.actions, ['replace:one@a1', 'replace:two', 'replace:three']);
    const stored = await harness(h.storage);
    await stored.do({ type: 'ready' });
    assert.deepEqual(stored.messages()[0]!.source, source, 'the source is stored with the conversation');
  });

  it('attachments: chips with tokens (no content) in the state; a send takes exactly them, before the text, stored with the message', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const file: AttachmentDraft = { kind: 'file', label: 'a.ts', detail: 'src/a.ts', content: 'File `src/a.ts`:\n\n```ts\nlet a = 1;\n```', location: { uri: 'file:///w/src/a.ts' } };
    const diff: AttachmentDraft = { kind: 'gitDiff', label: 'Git Diff (Unstaged)', detail: '1 file', content: 'x'.repeat(400) };
    h.attachable.set('file:///w/a.ts', [file]);
    h.attachable.set('gitDiff', [diff]);
    await h.do({ type: 'attach', ref: { kind: 'uri', uri: 'file:///w/a.ts' } });
    await h.do({ type: 'attachPick' });
    const chips = h.lastState().draftAttachments!;
    assert.deepEqual(chips.map((c) => [c.kind, c.label, c.tokens, 'content' in c]), [['file', 'a.ts', Math.ceil(file.content.length / 4), false], ['gitDiff', 'Git Diff (Unstaged)', 100, false]]);
    // Attaching the same again keeps one chip, and says so.
    await h.do({ type: 'attach', ref: { kind: 'uri', uri: 'file:///w/a.ts' } });
    assert.equal(h.lastState().draftAttachments!.length, 2);
    assert.equal(h.of('notice').at(-1)!.text, 'That is already attached.');
    // The estimate counts them with the draft.
    await h.do({ type: 'estimate', requestId: 1, text: 'Why?', providerId: 'openai', model: 'gpt-5-mini' });
    assert.equal(h.of('estimate').at(-1)!.draftTokens, Math.ceil(`${file.content}\n\n${diff.content}\n\nWhy?`.length / 4) + MESSAGE_OVERHEAD_TOKENS);

    await h.do({ type: 'send', text: 'Why?', providerId: 'openai', model: 'gpt-5-mini', attachmentIds: [chips[1]!.id] });
    assert.deepEqual(h.requests[0]!.messages.at(-1), { role: 'user', content: `${diff.content}\n\nWhy?` }, 'only the chip the send named');
    assert.deepEqual(h.lastState().draftAttachments?.map((c) => c.label), ['a.ts'], 'the other chip stays in the draft');
    const [question] = h.messages();
    assert.deepEqual(question!.attachments!.map((a) => [a.label, a.tokens, a.content]), [['Git Diff (Unstaged)', 100, undefined]]);
    await h.do({ type: 'openAttachment', attachmentId: question!.attachments![0]!.id, conversationId: h.lastState().active!.id, messageId: question!.id });
    assert.deepEqual(h.opened, [`Git Diff (Unstaged):${diff.content}`], 'the host opens it with the content that was sent');

    // A follow-up carries the earlier attachments in the history; a reload keeps them.
    await h.send('And now?');
    assert.deepEqual(h.requests[1]!.messages[1], { role: 'user', content: `${diff.content}\n\nWhy?` });
    const stored = await harness(h.storage);
    await stored.do({ type: 'ready' });
    assert.equal(stored.messages()[0]!.attachments![0]!.label, 'Git Diff (Unstaged)');
    await stored.send('Once more');
    assert.equal(stored.requests[0]!.messages[1]!.content, `${diff.content}\n\nWhy?`, 'stored with its content');
  });

  it('attachments: a refusal is a notice; a chip removed before the send, or a refused send, gives the draft back', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.attachable.set('file:///w/logo.png', new AttachError('`logo.png` is a binary file: only text files can be attached.'));
    await h.do({ type: 'attach', ref: { kind: 'uri', uri: 'file:///w/logo.png' } });
    assert.deepEqual(h.of('notice').at(-1), { type: 'notice', level: 'warning', text: '`logo.png` is a binary file: only text files can be attached.' });
    assert.equal(h.lastState().draftAttachments, undefined);

    h.attachable.set('file:///w/a.ts', [{ kind: 'file', label: 'a.ts', detail: 'src/a.ts', content: 'A' }]);
    await h.do({ type: 'attach', ref: { kind: 'uri', uri: 'file:///w/a.ts' } });
    const [chip] = h.lastState().draftAttachments!;
    await h.do({ type: 'send', text: 'Gone?', providerId: 'openai', model: 'gpt-5-mini', attachmentIds: ['nope'] });
    assert.equal(h.requests.length, 0, 'nothing sent');
    assert.deepEqual(h.of('restoreDraft').at(-1), { type: 'restoreDraft', text: 'Gone?' });
    await h.do({ type: 'send', text: 'No key', providerId: 'gemini', model: 'gemini-2.5-pro', attachmentIds: [chip!.id] });
    assert.equal(h.requests.length, 0);
    assert.deepEqual(h.of('restoreDraft').at(-1), { type: 'restoreDraft', text: 'No key' });
    assert.deepEqual(h.lastState().draftAttachments!.map((c) => c.id), [chip!.id], 'the chip is back in the draft');
    await h.do({ type: 'removeAttachment', attachmentId: chip!.id });
    assert.equal(h.lastState().draftAttachments, undefined);
    await h.do({ type: 'attachCandidates', requestId: 7, query: 'calc' });
    assert.deepEqual(h.of('attachCandidates').at(-1), { type: 'attachCandidates', requestId: 7, items: [{ ref: { kind: 'uri', uri: 'file:///w/calc.ts' }, kind: 'file', label: 'calc.ts', detail: 'src/calc.ts' }], truncated: false });
  });

  it('images: a pasted image is a chip (thumbnail, tokens by size), sent as an image part before the text, kept as a file', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
    const thumbnail = `data:image/webp;base64,${Buffer.from('t').toString('base64')}`;
    await h.do({ type: 'attachImage', image: { name: 'shot.png', mimeType: 'image/png', data: png.toString('base64'), width: 750, height: 400, thumbnail } });
    const [chip] = h.lastState().draftAttachments!;
    assert.deepEqual([chip!.kind, chip!.label, chip!.detail, chip!.tokens, chip!.thumbnail], ['image', 'shot.png', '750×400, 1 KB', 400, thumbnail]);
    await h.do({ type: 'estimate', requestId: 1, text: 'What is it?', providerId: 'openai', model: 'gpt-5-mini' });
    assert.equal(h.of('estimate').at(-1)!.draftTokens, 400 + Math.ceil('What is it?'.length / 4) + MESSAGE_OVERHEAD_TOKENS);

    await h.do({ type: 'send', text: 'What is it?', providerId: 'openai', model: 'gpt-5-mini', attachmentIds: [chip!.id] });
    const image = { type: 'image', mimeType: 'image/png', data: png.toString('base64'), width: 750, height: 400 };
    assert.deepEqual(h.requests[0]!.messages.at(-1), { role: 'user', content: [image, { type: 'text', text: 'What is it?' }] });
    const file = h.imageStore.pathOf(ImageStore.sha256(png), 'image/png');
    assert.deepEqual(readFileSync(file), png, 'the bytes are a file beside the conversations');
    const [question] = h.messages();
    await h.do({ type: 'openAttachment', attachmentId: question!.attachments![0]!.id, conversationId: h.lastState().active!.id, messageId: question!.id });
    assert.deepEqual(h.openedImages, [file], 'opens the stored file');
    const written = [...(h.storage.fs as unknown as { files: Map<string, { text: string }> }).files.values()].map((f) => f.text).join('\n');
    assert.ok(written.includes(ImageStore.sha256(png)) && !written.includes(png.toString('base64')), 'the conversation file holds the hash, not the image');

    // Another window (nothing in memory) sends the history with the image read from its file.
    const reloaded = await harness(h.storage);
    await reloaded.do({ type: 'ready' });
    assert.equal(reloaded.messages()[0]!.attachments![0]!.thumbnail, thumbnail);
    await reloaded.send('And the colours?');
    assert.deepEqual(reloaded.requests[0]!.messages[1], { role: 'user', content: [image, { type: 'text', text: 'What is it?' }] });
    // A model whose list says it takes no images gets a line instead of the image …
    await reloaded.send('Describe it in words', 'openai', 'words-only');
    assert.equal(reloaded.requests[1]!.messages[1]!.content, '[Image shot.png not sent: this model takes no images.]\n\nWhat is it?');
    // … and a new image cannot be sent to it: the draft and the chip come back.
    await reloaded.do({ type: 'attachImage', image: { name: 'b.png', mimeType: 'image/png', data: Buffer.concat([png, Buffer.from([9])]).toString('base64').padEnd(24, '='), width: 10, height: 10, thumbnail } });
    const second = reloaded.lastState().draftAttachments!;
    await reloaded.do({ type: 'send', text: 'And this?', providerId: 'openai', model: 'words-only', attachmentIds: second.map((c) => c.id) });
    assert.equal(reloaded.requests.length, 2, 'not sent');
    assert.equal(reloaded.of('notice').at(-1)!.text, "Words Only takes no images (OpenAI's model list says so): pick a model that does, or remove the image.");
    assert.deepEqual(reloaded.of('restoreDraft').at(-1), { type: 'restoreDraft', text: 'And this?' });
    assert.deepEqual(reloaded.lastState().draftAttachments!.map((c) => c.id), second.map((c) => c.id));
  });

  it('images: what is not the image it claims, or not scaled, is refused with a notice and never stored', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const thumbnail = 'data:image/webp;base64,dA==';
    await h.do({ type: 'attachImage', image: { name: 'fake.png', mimeType: 'image/png', data: jpeg.toString('base64'), width: 10, height: 10, thumbnail } });
    assert.deepEqual(h.of('notice').at(-1), { type: 'notice', level: 'warning', text: 'fake.png is not the PNG image it claims to be: paste it again.' });
    assert.equal(h.lastState().draftAttachments, undefined);
    assert.equal(existsSync(h.imageStore.dir), false, 'nothing written');
    // Two different images with the same name are two chips; the same image twice is one.
    const a = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const b = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 8, 7, 6, 5, 4, 3, 2, 1]);
    for (const bytes of [a, b, a]) await h.do({ type: 'attachImage', image: { name: 'image.jpg', mimeType: 'image/jpeg', data: bytes.toString('base64'), width: 10, height: 10, thumbnail } });
    assert.equal(h.lastState().draftAttachments!.length, 2);
    assert.equal(h.of('notice').at(-1)!.text, 'That is already attached.');
  });

  it('lists providers again when they change', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.providers = PROVIDERS.map((p) => (p.id === 'gemini' ? { ...p, ready: true } : p));
    h.changeProviders();
    await drive(h.clock, Promise.resolve());
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(h.lastState().providers.find((p) => p.id === 'gemini')?.ready, true);
  });

  it('a crashing pipeline becomes an error message, not an exception', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* () { throw new Error('pipeline bug'); };
    await h.send('hi');
    assert.equal(h.lastAnswer().status, 'error');
    assert.equal(h.lastAnswer().error?.message, 'pipeline bug');
    assert.equal(h.lastAnswer().error?.action, 'retry');
  });

  it('a request a budget blocked shows its reason and no tokens, cost or time', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    h.script = async function* (req) {
      const error = { code: 'budget_exceeded', message: 'Switchboard blocked this request: the daily budget is used up.', providerId: req.providerId };
      yield { type: 'error', error, partial: '' };
      return result(req, { outcome: 'error', error, attempts: 0, latencyMs: 0 });
    };
    await h.send('hi');
    assert.equal(h.lastAnswer().status, 'error');
    assert.equal(h.lastAnswer().error?.action, 'openSettings');
    assert.equal(h.lastAnswer().meta, undefined);
  });

  it('shows the budget warnings a request brings, through the host', async () => {
    const h = await harness();
    await h.do({ type: 'ready' });
    const ok = okScript(['fine']);
    h.script = async function* (req, run) {
      yield { type: 'budgetWarning', text: 'Switchboard: 85 % of your daily budget used.' };
      return yield* ok(req, run);
    };
    await h.send('hi');
    assert.deepEqual(h.budgetWarnings, ['Switchboard: 85 % of your daily budget used.']);
    assert.equal(h.lastAnswer().text, 'fine');
  });
});

describe('chat: reasoning effort per conversation (issue 16)', () => {
  /** PROVIDERS with gpt-5-mini flagged as reasoning (as the catalogue does); 'tiny' is not. */
  const REASONING: ProviderChoice[] = PROVIDERS.map((p) => ({ ...p, models: p.models.map((m) => (m.id === 'gpt-5-mini' ? { ...m, reasoning: 'effort' as const } : m)) }));
  async function reasoningHarness(storage = new Storage()) {
    const h = await harness(storage);
    h.providers = REASONING;
    await h.do({ type: 'ready' });
    return h;
  }

  it('the UI model says which models reason', async () => {
    const h = await reasoningHarness();
    const models = h.lastState().providers.find((p) => p.id === 'openai')!.models;
    assert.equal(models.find((m) => m.id === 'gpt-5-mini')!.reasoning, true);
    assert.equal('reasoning' in models.find((m) => m.id === 'tiny')!, false);
  });

  it('setEffort sets the conversation\'s effort; the run driver passes it into the request; Default removes it', async () => {
    const h = await reasoningHarness();
    const id = h.lastState().active!.id;
    await h.do({ type: 'setEffort', conversationId: id, effort: 'high' });
    assert.equal(h.lastState().active!.effort, 'high');
    await h.send('think hard');
    assert.equal(h.requests[0]!.reasoningEffort, 'high');
    await h.do({ type: 'setEffort', conversationId: id, effort: null });
    assert.equal('effort' in h.lastState().active!, false);
    await h.send('now quickly');
    assert.equal('reasoningEffort' in h.requests[1]!, false, 'Default sends nothing');
  });

  it('a model that does not reason gets no effort, though the conversation keeps it', async () => {
    const h = await reasoningHarness();
    await h.do({ type: 'setEffort', conversationId: h.lastState().active!.id, effort: 'low' });
    await h.send('hi', 'openai', 'tiny');
    assert.equal('reasoningEffort' in h.requests[0]!, false);
    assert.equal(h.lastState().active!.effort, 'low');
  });

  it('is stored with the conversation, and new conversations start with the last effort chosen', async () => {
    const storage = new Storage();
    const h = await reasoningHarness(storage);
    await h.send('first');
    const id = h.lastState().active!.id;
    await h.do({ type: 'setEffort', conversationId: id, effort: 'medium' });
    await h.do({ type: 'newChat' });
    assert.equal(h.lastState().active!.effort, 'medium', 'a new conversation starts with the last effort');
    await h.do({ type: 'setEffort', conversationId: h.lastState().active!.id, effort: 'low' });

    const after = await reasoningHarness(storage);
    await after.do({ type: 'openConversation', conversationId: id });
    assert.equal(after.lastState().active!.effort, 'medium', 'kept in the conversation file');
    await after.send('again');
    assert.equal(after.requests[0]!.reasoningEffort, 'medium');
    await after.do({ type: 'newChat' });
    assert.equal(after.lastState().active!.effort, 'low', 'the last effort chosen survives a reload');
  });

  it('an unknown conversation is ignored', async () => {
    const h = await reasoningHarness();
    const before = h.posted.length;
    await h.do({ type: 'setEffort', conversationId: 'nope', effort: 'high' });
    assert.equal(h.posted.length, before);
  });
});
