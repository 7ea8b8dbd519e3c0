// Runs the panel's answers: a question (or Retry / Continue) becomes one request through the
// request service; its events become batched deltas (answer and thinking) and statuses for the
// webview; the finished run becomes the stored answer (answerOutcome.ts). At most one answer runs per
// conversation. Usage is recorded by the request service, never here. The conversation is saved
// when asked, every few seconds while the answer streams (partialSaver.ts) and when answered.
import { clampAttachment, MAX_ATTACHMENTS } from '../../core/attachments/attachment';
import type { ImageStore } from '../../core/attachments/imageStore';
import { TAKES_NO_IMAGES, type ImageData } from '../../core/attachments/userContent';
import { MAX_ANSWER_VERSIONS, startNewVersion } from '../../core/conversations/answerVersions';
import type { PipelineResult } from '../../core/llm/pipeline';
import type { FinishedRun, RequestEvent, RequestRun } from '../../core/requests/requestService';
import { LIMITS } from '../../shared/protocol/limits';
import type { ChatOutbound, UiAttachment, UiMessage, UiProgress, UiSelection, UiSource } from '../../shared/protocol/chat';
import { finishAnswer } from './answerOutcome';
import { toUiMessage } from './presenter';
import type { Clock } from '../../core/clock';
import type { ChatServices, HostActions } from './chatPorts';
import type { ChatSession } from './chatSession';
import { historyOf, type Composer } from './composer';
import { NEW_CHAT_TITLE, titleFrom, type ConversationStore, type StoredConversation } from './conversationStore';
import { DeltaBatcher } from './deltaBatcher';
import { PartialSaver } from './partialSaver';
import type { ChatLogger, ProviderList } from './providerList';
import { ThinkingStream } from './thinkingStream';

/** Sent after the partial answer when the user asks to continue it. */
export const CONTINUE_PROMPT =
  'Your previous answer was cut off. Continue exactly where it stopped, without repeating anything you already wrote.';

type Mode = 'answer' | 'retry' | 'continue';

/** What a user message carries besides its text. */
export interface SendExtras {
  /** The code an Ask About Selection question is about (answers' Replace goes there). */
  source?: UiSource;
  /** Context sent before the text, stored with the message. */
  attachments?: readonly UiAttachment[];
}

interface Run {
  message: UiMessage;
  abort: AbortController;
  handle?: RequestRun;
  batcher?: DeltaBatcher;
  thinking?: ThinkingStream;
  saver?: PartialSaver;
}

export interface RunDriverDeps {
  services: ChatServices;
  /** Attached images' files (absent: no message carries any). */
  images?: ImageStore;
  store: ConversationStore;
  session: ChatSession;
  providers: ProviderList;
  composer: Composer;
  actions: HostActions;
  clock: Clock;
  log: ChatLogger;
  deltaIntervalMs: number;
  /** Posts to the webview (a no-op while no view is shown). */
  post(message: ChatOutbound): void;
  postState(): void;
  notify(level: 'info' | 'warning' | 'error', text: string): void;
  isDisposed(): boolean;
}

export class RunDriver {
  private readonly runs = new Map<string, Run>();
  /** Conversations whose question is being saved before its answer starts. */
  private readonly starting = new Set<string>();
  /** saveRunning() was called: the window is closing. */
  private closing = false;

  constructor(private readonly d: RunDriverDeps) {}

  isRunning(conversationId: string): boolean {
    return this.runs.has(conversationId) || this.starting.has(conversationId);
  }

  running(): ReadonlySet<string> {
    return new Set(this.runs.keys());
  }

  get count(): number {
    return this.runs.size;
  }

  /**
   * Posts `text` (with its attachments) as a user message in the conversation and runs its answer.
   * False when it was refused before anything was sent (the caller can give the draft back).
   */
  async send(text: string, selection: UiSelection, conversationId: string | undefined, extras: SendExtras = {}): Promise<boolean> {
    await this.d.providers.ensure();
    const provider = this.d.providers.find(selection.providerId);
    const refuse = (level: 'info' | 'warning', message: string) => (this.d.notify(level, message), false);
    if (!provider?.ready) return refuse('warning', provider ? `${provider.label} has no API key yet.` : `Unknown provider "${selection.providerId}".`);
    const conversation = conversationId ? this.d.session.conversation(conversationId) : this.d.session.active;
    if (!conversation) return refuse('warning', 'That conversation no longer exists.');
    if (this.runs.has(conversation.id)) return refuse('info', 'An answer is still being written in this conversation — stop it first.');
    const info = this.d.providers.model(selection.providerId, selection.model);
    if (info?.imageInput === false && extras.attachments?.some((a) => a.image)) {
      return refuse('warning', `${info.label} takes no images (${provider.label}'s model list says so): pick a model that does, or remove the image.`);
    }
    const now = this.d.clock.now();
    const { source, attachments } = extras;
    conversation.messages.push({ id: this.d.store.newId(), role: 'user', text, status: 'done', createdAt: now, ...(source ? { source } : {}), ...(attachments?.length ? { attachments: attachments.slice(0, MAX_ATTACHMENTS).map(clampAttachment) } : {}) });
    const answer: UiMessage = { id: this.d.store.newId(), role: 'assistant', text: '', status: 'streaming', createdAt: now };
    conversation.messages.push(answer);
    conversation.providerId = selection.providerId;
    conversation.model = selection.model;
    conversation.updatedAt = now;
    if (!conversation.titled && conversation.title === NEW_CHAT_TITLE) conversation.title = titleFrom(text);
    this.starting.add(conversation.id);
    try {
      this.d.session.show(conversation);
      // The request carries the instructions files as they are now.
      await this.d.services.refreshInstructions();
      await this.d.store.setLastSelection(selection);
      // Saved when asked (so a reload mid-answer keeps the question), while streaming, and when answered.
      await this.d.session.persist(conversation);
      this.d.postState();
    } finally {
      this.starting.delete(conversation.id);
    }
    await this.run(conversation, answer, 'answer');
    return true;
  }

  /**
   * Retry (from scratch) or Continue (after the partial text) the latest answer, in place; 'edited':
   * its question changed (editResend.ts), so any answer is written again; 'regenerate': a finished
   * answer is written again and the one it replaces kept as a version (answerVersions.ts).
   */
  async rerun(conversationId: string, messageId: string, mode: 'retry' | 'continue' | 'edited' | 'regenerate'): Promise<void> {
    const conversation = this.d.session.conversation(conversationId);
    if (!conversation || this.runs.has(conversationId)) return;
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.id !== messageId || last.role !== 'assistant') return this.d.notify('info', 'Only the latest answer can be retried or continued.');
    // An answer that ended short (output limit, paused turn, content filter) can be retried too;
    // continued only where going on makes sense (not after a content filter).
    const incomplete = last.status === 'done' && !!last.notice;
    if (mode !== 'edited' && mode !== 'regenerate' && !['error', 'interrupted', 'stopped'].includes(last.status) && !incomplete) return;
    if (mode === 'continue' && last.notice?.kind === 'filtered') return;
    if (mode === 'continue' && !last.text) mode = 'retry';
    if (!conversation.providerId || !conversation.model) return this.d.notify('warning', 'Pick a model first.');
    await this.d.providers.ensure();
    if (!this.d.providers.find(conversation.providerId)?.ready) return this.d.notify('warning', 'That provider has no API key yet.');
    await this.d.services.refreshInstructions();
    if (mode === 'regenerate' && !startNewVersion(last)) return this.d.notify('info', `This answer already has ${MAX_ANSWER_VERSIONS} versions: choose one and ask again instead.`);
    if (mode !== 'continue') {
      last.text = '';
      delete last.meta;
      delete last.thinking;
    }
    last.status = 'streaming';
    delete last.error;
    delete last.progress;
    delete last.notice;
    this.d.session.show(conversation);
    this.d.postState();
    await this.run(conversation, last, mode === 'edited' || mode === 'regenerate' ? 'retry' : mode);
  }

  stop(conversationId: string): void {
    this.runs.get(conversationId)?.abort.abort();
  }

  retryNow(conversationId: string, messageId: string): void {
    const run = this.runs.get(conversationId);
    if (run?.message.id === messageId) run.handle?.retryNow();
  }

  stopAll(): void {
    for (const run of this.runs.values()) run.abort.abort();
  }

  /** Saves every running answer's text as it is now (the window is closing). */
  async saveRunning(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.runs.values()].map((run) => {
      run.thinking?.flush();
      run.batcher?.flush();
      return run.saver?.flush();
    }));
  }

  /** The images `messages` carry, read for a request; TAKES_NO_IMAGES when the model's list says it takes none. */
  private async imageData(messages: readonly UiMessage[], providerId: string, model: string): Promise<ImageData | typeof TAKES_NO_IMAGES> {
    if (this.d.providers.model(providerId, model)?.imageInput === false) return TAKES_NO_IMAGES;
    const loaded = new Map<string, string | undefined>();
    const images = this.d.images;
    for (const m of messages) {
      for (const a of m.attachments ?? []) {
        if (a.image && !loaded.has(a.image.sha256)) loaded.set(a.image.sha256, images ? await images.base64(a.image.sha256, a.image.mimeType) : undefined);
      }
    }
    return (image) => loaded.get(image.sha256);
  }

  private async run(conversation: StoredConversation, message: UiMessage, mode: Mode): Promise<void> {
    const providerId = conversation.providerId!;
    const model = conversation.model!;
    const settings = this.d.services.settings();
    const asked = conversation.messages.slice(0, conversation.messages.indexOf(message));
    const history = historyOf(asked, await this.imageData(asked, providerId, model));
    const previousText = mode === 'continue' ? message.text : '';
    const previousMeta = mode === 'continue' ? message.meta : undefined;
    if (mode === 'continue') history.push({ role: 'assistant', content: previousText }, { role: 'user', content: CONTINUE_PROMPT });
    const trimmed = this.d.composer.trim(history, providerId, model);

    const abort = new AbortController();
    const request = {
      providerId,
      model,
      messages: trimmed.messages,
      maxOutputTokens: settings.maxOutputTokens,
      ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
      // The conversation's reasoning effort, only for a model that reasons (catalogue flag).
      ...(conversation.effort && this.d.providers.model(providerId, model)?.reasoning ? { reasoningEffort: conversation.effort } : {}),
      // The answer cap (switchboard.maxAnswerCharacters, applied in core) counts what Continue extends.
      ...(previousText ? { priorAnswerChars: previousText.length } : {}),
      // For the conversation budget (switchboard.budget.perConversation).
      conversationId: conversation.id,
      signal: abort.signal,
    };
    const run: Run = { message, abort };
    this.runs.set(conversation.id, run);
    const ref = { conversationId: conversation.id, messageId: message.id };
    const postFor = (m: ChatOutbound) => {
      // Deltas and statuses only matter to the webview while that conversation is the one shown.
      if (this.d.session.isActive(conversation)) this.d.post(m);
    };
    const batcher = new DeltaBatcher((text) => {
      message.text += text;
      postFor({ type: 'delta', ...ref, text });
    }, this.d.clock, this.d.deltaIntervalMs);
    run.batcher = batcher;
    const thinking = new ThinkingStream(message, (text) => postFor({ type: 'delta', ...ref, text, part: 'thinking' }), this.d.clock, this.d.deltaIntervalMs);
    run.thinking = thinking;
    run.saver = new PartialSaver(message, async () => {
      if (await this.d.session.persist(conversation)) this.d.postState();
    }, this.d.clock);
    const setStatus = (state: 'queued' | 'retrying' | 'streaming', progress?: UiProgress) => {
      thinking.flush(); // keep thinking, text and states in order
      batcher.flush();
      message.status = state;
      if (progress) message.progress = progress;
      else delete message.progress;
      postFor({ type: 'status', ...ref, state, ...(progress ? { progress } : {}) });
    };

    let finished: FinishedRun;
    let streamed = '';
    try {
      run.handle = this.d.services.run(request);
      for await (const event of run.handle.events) {
        if (event.type === 'text') streamed += event.text;
        this.onEvent(event, message, { batcher, thinking }, setStatus);
      }
      finished = await run.handle.done;
    } catch (err) {
      // The request service reports failures as results; an exception here is a bug, shown as an error.
      this.d.log.error('The chat request failed', err);
      const result: PipelineResult = {
        outcome: abort.signal.aborted ? 'stopped' : streamed ? 'interrupted' : 'error',
        text: streamed,
        providerId,
        model,
        attempts: 1,
        latencyMs: 0,
        ...(abort.signal.aborted ? {} : { error: { code: 'unknown', providerId, message: err instanceof Error ? err.message : String(err) } }),
      };
      finished = { result, usage: undefined };
    }
    thinking.flush();
    batcher.dispose();
    run.saver.stop();
    finishAnswer(message, finished, { previousText, previousMeta, streamed, requested: { providerId, model }, dropped: trimmed.dropped, maxOutputTokens: settings.maxOutputTokens });
    // The window is closing and its requests were cut: interrupted (it can be continued), as an
    // answer still streaming when its conversation was saved comes back; the user did not stop it.
    if (this.closing && message.status === 'stopped') message.status = 'interrupted';
    this.runs.delete(conversation.id);
    if (this.d.session.wasDeleted(conversation.id)) return;
    conversation.updatedAt = this.d.clock.now();
    await this.d.session.persist(conversation);
    if (this.d.isDisposed()) return;
    // As the panel shows it: its versions as a count (the others stay in the host).
    postFor({ type: 'messageDone', conversationId: conversation.id, message: toUiMessage(message, (text) => this.d.composer.count(providerId, model, text)) });
    if (!this.d.session.isActive(conversation)) this.d.session.release(conversation);
    this.d.postState();
  }

  private onEvent(event: RequestEvent, message: UiMessage, { batcher, thinking }: { batcher: DeltaBatcher; thinking: ThinkingStream }, setStatus: (state: 'queued' | 'retrying' | 'streaming', progress?: UiProgress) => void): void {
    switch (event.type) {
      case 'budgetWarning':
        return this.d.actions.budgetWarning(event.text);
      case 'queued':
        return setStatus('queued', { position: Math.max(0, Math.round(event.position)), waitMs: Math.max(0, event.waitMs) });
      case 'retrying':
        return setStatus('retrying', {
          attempt: Math.max(0, Math.round(event.attempt)),
          maxAttempts: Math.max(0, Math.round(event.maxAttempts)),
          delayMs: Math.max(0, event.delayMs),
          reason: event.error.message.slice(0, LIMITS.errorMessage),
        });
      case 'started':
        if (message.status !== 'streaming') setStatus('streaming');
        return;
      case 'text':
        if (message.status !== 'streaming') setStatus('streaming');
        thinking.flush(); // the thinking before this text reaches the webview first
        return batcher.push(event.text);
      case 'thinking':
        if (message.status !== 'streaming') setStatus('streaming');
        batcher.flush();
        return thinking.push(event.text);
      default:
        return; // usage, finish, fallback and error are summed up in the finished run
    }
  }
}
