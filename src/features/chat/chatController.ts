import type { ChatMessage } from '../../core/llm/types';
import {
  isSafeExternalLink,
  LIMITS,
  type HostMessage,
  type StateMessage,
  type UiError,
  type UiMessage,
  type UiMeta,
  type UiProgress,
  type UiProvider,
  type UiSelection,
  type UiSource,
  type WebviewMessage,
} from '../../shared/protocol';
import {
  systemClock,
  type ChatRun,
  type ChatServices,
  type Clock,
  type HostActions,
  type PipelineError,
  type PipelineEvent,
  type PipelineRequest,
  type PipelineResult,
  type ProviderChoice,
  type RecordedUsage,
} from './chatServices';
import { ConversationStore, NEW_CHAT_TITLE, titleFrom, type StoredConversation } from './conversationStore';
import { DeltaBatcher, DELTA_INTERVAL_MS } from './deltaBatcher';
import { trimHistory } from './historyTrim';

/** Sent after the partial answer when the user asks to continue it. */
export const CONTINUE_PROMPT =
  'Your previous answer was cut off. Continue exactly where it stopped, without repeating anything you already wrote.';

export interface ChatLogger {
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface ChatControllerOptions {
  services: ChatServices;
  store: ConversationStore;
  actions: HostActions;
  clock?: Clock;
  log?: ChatLogger;
  deltaIntervalMs?: number;
}

export interface AskOptions {
  /** Start a new conversation instead of adding to the open one. */
  newConversation?: boolean;
  providerId?: string;
  model?: string;
  /** The code the question is about (Ask About Selection): answers' Replace goes there. */
  source?: UiSource;
}

interface Run {
  conversation: StoredConversation;
  message: UiMessage;
  abort: AbortController;
  handle?: ChatRun;
}

const silentLog: ChatLogger = { warn: () => undefined, error: () => undefined };

/** What the user can do about an error, from its normalized code. */
export function errorAction(code: string): Pick<UiError, 'action' | 'settingsQuery'> {
  if (code === 'auth') return { action: 'setApiKey' };
  if (code === 'cancelled') return { action: null };
  if (code.startsWith('budget')) return { action: 'openSettings', settingsQuery: 'switchboard.budget' };
  if (code === 'quota_exhausted') return { action: 'openSettings', settingsQuery: 'switchboard.fallback' };
  if (code === 'not_found') return { action: 'openSettings', settingsQuery: 'switchboard.endpoints' };
  return { action: 'retry' };
}

export function toUiError(error: PipelineError): UiError {
  return {
    code: error.code.slice(0, LIMITS.id) || 'unknown',
    message: (error.message || 'The request failed.').slice(0, LIMITS.errorMessage),
    providerId: error.providerId.slice(0, LIMITS.id) || 'unknown',
    ...errorAction(error.code),
  };
}

/**
 * The chat panel's logic, free of the vscode API: turns webview messages into pipeline runs and
 * store updates, and keeps the webview informed (state snapshots, batched deltas, statuses).
 */
export class ChatController {
  private readonly services: ChatServices;
  private readonly store: ConversationStore;
  private readonly actions: HostActions;
  private readonly clock: Clock;
  private readonly log: ChatLogger;
  private readonly deltaIntervalMs: number;

  private post: (message: HostMessage) => void = () => undefined;
  private providers: ProviderChoice[] = [];
  private providersLoaded = false;
  private providersLoading: Promise<void> | undefined;
  private active: StoredConversation;
  /** Conversations loaded in memory: the open one and any with a running answer. */
  private readonly live = new Map<string, StoredConversation>();
  private readonly runs = new Map<string, Run>();
  private readonly tokenCache = new Map<string, number>();
  /** Deleted while an answer was running: that answer must not bring the conversation back. */
  private readonly deleted = new Set<string>();
  private disposed = false;
  private readonly providerSubscription: { dispose(): unknown };

  constructor(options: ChatControllerOptions) {
    this.services = options.services;
    this.store = options.store;
    this.actions = options.actions;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.deltaIntervalMs = options.deltaIntervalMs ?? DELTA_INTERVAL_MS;
    const reopened = this.store.activeId();
    this.active = (reopened && this.store.get(reopened)) || this.store.create(this.store.lastSelection() ?? null);
    this.providerSubscription = this.services.onDidChangeProviders(() => void this.refreshProviders());
  }

  /** Where host → webview messages go (the view's postMessage); undefined while no view is shown. */
  attach(post: ((message: HostMessage) => void) | undefined): void {
    this.post = post ?? (() => undefined);
  }

  /** Lists providers again (on start and whenever keys, endpoints or models change). */
  refreshProviders(): Promise<void> {
    const loading = this.services.listProviders().then(
      (providers) => {
        this.providers = providers;
        this.providersLoaded = true;
      },
      (err: unknown) => {
        this.log.error('Could not list providers', err);
        this.providersLoaded = true;
      },
    );
    this.providersLoading = loading;
    return loading.then(() => {
      if (this.providersLoading === loading) this.postState();
    });
  }

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postState();
        if (!this.providersLoaded && !this.providersLoading) await this.refreshProviders();
        return;
      case 'send':
        return this.send(message.text, { providerId: message.providerId, model: message.model }, message.conversationId);
      case 'stop':
        return this.stop(message.conversationId);
      case 'retry':
        return this.rerun(message.conversationId, message.messageId, 'retry');
      case 'continue':
        return this.rerun(message.conversationId, message.messageId, 'continue');
      case 'retryNow':
        this.runFor(message.conversationId, message.messageId)?.handle?.retryNow();
        return;
      case 'newChat':
        return this.newChat();
      case 'openConversation':
        return this.open(message.conversationId);
      case 'renameConversation':
        return this.rename(message.conversationId, message.title);
      case 'deleteConversation':
        return this.delete(message.conversationId);
      case 'selectModel':
        return this.selectModel({ providerId: message.providerId, model: message.model });
      case 'copyCode':
        return this.actions.copy(message.code);
      case 'insertCode':
        return this.actions.insertAtCursor(message.code);
      case 'replaceSelection':
        return this.actions.replaceSelection(message.code, message.conversationId && message.messageId ? this.sourceOf(message.conversationId, message.messageId) : undefined);
      case 'openLink':
        if (isSafeExternalLink(message.href)) return this.actions.openExternal(message.href);
        this.log.warn(`Refused to open a link that is not http, https or mailto (${message.href.slice(0, 40)}…).`);
        return;
      case 'setApiKey':
        return this.actions.setApiKey(message.providerId);
      case 'openSettings':
        return this.actions.openSettings(message.query);
      case 'estimate':
        return this.estimate(message);
      case 'usageReady':
      case 'refreshUsage':
      case 'exportCsv':
      case 'resetUsage':
        return; // the usage report panel's messages, not the chat's
    }
  }

  /** Posts `text` as a user message and starts the answer (from a command, e.g. Ask About Selection). */
  async ask(text: string, options: AskOptions = {}): Promise<void> {
    await this.ensureProviders();
    if (options.newConversation || this.runs.has(this.active.id)) await this.newChat();
    const selection = options.providerId && options.model ? { providerId: options.providerId, model: options.model } : this.selection();
    if (!selection) {
      this.notify('warning', 'No provider is ready. Set an API key first.');
      return;
    }
    await this.send(text, selection, this.active.id, options.source);
  }

  /** The model the panel would use now, with its context window when known. */
  async currentModel(): Promise<(UiSelection & { contextWindow?: number }) | undefined> {
    await this.ensureProviders();
    const selection = this.selection();
    if (!selection) return undefined;
    const model = this.providers.find((p) => p.id === selection.providerId)?.models.find((m) => m.id === selection.model);
    return { ...selection, ...(model?.contextWindow ? { contextWindow: model.contextWindow } : {}) };
  }

  async newChat(): Promise<void> {
    if (this.active.messages.length > 0 || this.runs.has(this.active.id)) {
      this.release(this.active);
      this.active = this.store.create(this.selection());
      await this.store.setActiveId(undefined);
    }
    this.postState();
  }

  dispose(): void {
    this.disposed = true;
    this.providerSubscription.dispose();
    for (const run of this.runs.values()) run.abort.abort();
  }

  /** Answers currently running (for tests and status). */
  get runningCount(): number {
    return this.runs.size;
  }

  // ----------------------------------------------------------------------------------------------

  private async send(text: string, selection: UiSelection, conversationId: string | undefined, source?: UiSource): Promise<void> {
    await this.ensureProviders();
    const provider = this.providers.find((p) => p.id === selection.providerId);
    if (!provider?.ready) {
      this.notify('warning', provider ? `${provider.label} has no API key yet.` : `Unknown provider "${selection.providerId}".`);
      return;
    }
    const conversation = conversationId ? this.conversation(conversationId) : this.active;
    if (!conversation) {
      this.notify('warning', 'That conversation no longer exists.');
      return;
    }
    if (this.runs.has(conversation.id)) {
      this.notify('info', 'An answer is still being written in this conversation — stop it first.');
      return;
    }
    const now = this.clock.now();
    conversation.messages.push({ id: this.store.newId(), role: 'user', text, status: 'done', createdAt: now, ...(source ? { source } : {}) });
    const answer: UiMessage = { id: this.store.newId(), role: 'assistant', text: '', status: 'streaming', createdAt: now };
    conversation.messages.push(answer);
    conversation.providerId = selection.providerId;
    conversation.model = selection.model;
    conversation.updatedAt = now;
    if (!conversation.titled && conversation.title === NEW_CHAT_TITLE) conversation.title = titleFrom(text);
    this.show(conversation);
    await this.store.setLastSelection(selection);
    // Saved when asked (so a reload mid-answer keeps the question) and once more when answered.
    await this.persist(conversation);
    this.postState();
    await this.run(conversation, answer, 'answer');
  }

  private async rerun(conversationId: string, messageId: string, mode: 'retry' | 'continue'): Promise<void> {
    const conversation = this.conversation(conversationId);
    if (!conversation || this.runs.has(conversationId)) return;
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.id !== messageId || last.role !== 'assistant') {
      this.notify('info', 'Only the latest answer can be retried or continued.');
      return;
    }
    if (!['error', 'interrupted', 'stopped'].includes(last.status)) return;
    if (mode === 'continue' && !last.text) mode = 'retry';
    if (!conversation.providerId || !conversation.model) {
      this.notify('warning', 'Pick a model first.');
      return;
    }
    await this.ensureProviders();
    if (!this.providers.find((p) => p.id === conversation.providerId)?.ready) {
      this.notify('warning', 'That provider has no API key yet.');
      return;
    }
    if (mode === 'retry') {
      last.text = '';
      delete last.meta;
    }
    last.status = 'streaming';
    delete last.error;
    delete last.progress;
    this.show(conversation);
    this.postState();
    await this.run(conversation, last, mode);
  }

  private async run(conversation: StoredConversation, message: UiMessage, mode: 'answer' | 'retry' | 'continue'): Promise<void> {
    const providerId = conversation.providerId!;
    const model = conversation.model!;
    const settings = this.services.settings();
    const index = conversation.messages.indexOf(message);
    const history: ChatMessage[] = conversation.messages
      .slice(0, index)
      .filter((m) => m.role === 'user' || m.text.length > 0)
      .map((m) => ({ role: m.role, content: m.text }));
    const previousText = mode === 'continue' ? message.text : '';
    const previousMeta = mode === 'continue' ? message.meta : undefined;
    if (mode === 'continue') history.push({ role: 'assistant', content: previousText }, { role: 'user', content: CONTINUE_PROMPT });
    const trimmed = trimHistory({
      systemPrompt: settings.systemPrompt,
      history,
      contextWindow: this.model(providerId, model)?.contextWindow,
      maxOutputTokens: settings.maxOutputTokens,
      countTokens: (text) => this.count(providerId, model, text),
    });

    const abort = new AbortController();
    const request: PipelineRequest = {
      providerId,
      model,
      messages: trimmed.messages,
      maxOutputTokens: settings.maxOutputTokens,
      ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
      signal: abort.signal,
    };
    const run: Run = { conversation, message, abort };
    this.runs.set(conversation.id, run);
    const ref = { conversationId: conversation.id, messageId: message.id };
    const batcher = new DeltaBatcher((text) => {
      message.text += text;
      this.postFor(conversation, { type: 'delta', ...ref, text });
    }, this.clock, this.deltaIntervalMs);
    const setStatus = (state: 'queued' | 'retrying' | 'streaming', progress?: UiProgress) => {
      batcher.flush(); // keep text and states in order
      message.status = state;
      if (progress) message.progress = progress;
      else delete message.progress;
      this.postFor(conversation, { type: 'status', ...ref, state, ...(progress ? { progress } : {}) });
    };

    let result: PipelineResult;
    let streamed = '';
    try {
      const handle = this.services.runPipeline(request);
      run.handle = handle;
      for await (const event of handle.events) {
        if (event.type === 'text') streamed += event.text;
        this.onEvent(event, message, batcher, setStatus);
      }
      result = await handle.result;
    } catch (err) {
      // The pipeline reports failures as results; an exception here is a bug, shown as an error.
      this.log.error('The chat pipeline failed', err);
      result = {
        outcome: abort.signal.aborted ? 'stopped' : streamed ? 'interrupted' : 'error',
        text: streamed,
        providerId,
        model,
        attempts: 1,
        latencyMs: 0,
        ...(abort.signal.aborted ? {} : { error: { code: 'unknown', providerId, message: err instanceof Error ? err.message : String(err) } }),
      };
    }
    batcher.dispose();

    let usage: RecordedUsage;
    try {
      usage = await this.services.recordUsage(request, result);
    } catch (err) {
      this.log.error('Could not record usage', err);
      usage = { inputTokens: result.usage?.inputTokens ?? null, outputTokens: result.usage?.outputTokens ?? null, costUsd: null, estimated: false };
    }

    message.text = previousText + (result.text || streamed);
    message.status = result.outcome === 'ok' ? 'done' : result.outcome === 'stopped' ? 'stopped' : result.outcome === 'interrupted' ? 'interrupted' : 'error';
    delete message.progress;
    if (result.error && (result.outcome === 'error' || result.outcome === 'interrupted')) message.error = toUiError(result.error);
    else delete message.error;
    // A request that never reached a provider (a hard budget blocked it) has no tokens, cost or time to show.
    const meta = result.attempts > 0 ? this.meta(request, result, usage, trimmed.dropped, previousMeta) : previousMeta;
    if (meta) message.meta = meta;
    else delete message.meta;

    this.runs.delete(conversation.id);
    if (this.deleted.has(conversation.id)) return;
    conversation.updatedAt = this.clock.now();
    await this.persist(conversation);
    if (this.disposed) return;
    this.postFor(conversation, { type: 'messageDone', conversationId: conversation.id, message });
    if (conversation !== this.active) this.release(conversation);
    this.postState();
  }

  private onEvent(
    event: PipelineEvent,
    message: UiMessage,
    batcher: DeltaBatcher,
    setStatus: (state: 'queued' | 'retrying' | 'streaming', progress?: UiProgress) => void,
  ): void {
    switch (event.type) {
      case 'queued':
        setStatus('queued', { position: Math.max(0, Math.round(event.position)), waitMs: Math.max(0, event.waitMs) });
        return;
      case 'retrying':
        setStatus('retrying', {
          attempt: Math.max(0, Math.round(event.attempt)),
          maxAttempts: Math.max(0, Math.round(event.maxAttempts)),
          delayMs: Math.max(0, event.delayMs),
          reason: event.error.message.slice(0, LIMITS.errorMessage),
        });
        return;
      case 'started':
        if (message.status !== 'streaming') setStatus('streaming');
        return;
      case 'text':
        if (message.status !== 'streaming') setStatus('streaming');
        batcher.push(event.text);
        return;
      default:
        return; // usage, finish, fallback and error are summed up in the result
    }
  }

  private meta(request: PipelineRequest, result: PipelineResult, usage: RecordedUsage, dropped: number, previous: UiMeta | undefined): UiMeta {
    const add = (a: number | null | undefined, b: number | null) => (previous ? (a == null || b == null ? null : a + b) : b);
    const fellBack = result.providerId !== request.providerId || result.model !== request.model;
    return {
      providerId: result.providerId || request.providerId,
      model: result.model || request.model,
      inputTokens: add(previous?.inputTokens, usage.inputTokens),
      outputTokens: add(previous?.outputTokens, usage.outputTokens),
      costUsd: add(previous?.costUsd, usage.costUsd),
      costEstimated: usage.estimated || !!previous?.costEstimated,
      latencyMs: Math.max(0, result.latencyMs),
      ...(result.ttftMs !== undefined ? { ttftMs: Math.max(0, result.ttftMs) } : {}),
      ...(fellBack ? { fellBackFrom: { providerId: request.providerId, model: request.model } } : {}),
      ...(dropped > 0 ? { droppedMessages: dropped } : {}),
    };
  }

  private stop(conversationId: string): void {
    this.runs.get(conversationId)?.abort.abort();
  }

  private runFor(conversationId: string, messageId: string): Run | undefined {
    const run = this.runs.get(conversationId);
    return run?.message.id === messageId ? run : undefined;
  }

  private async open(id: string): Promise<void> {
    const conversation = this.conversation(id);
    if (!conversation) {
      this.notify('warning', 'That conversation no longer exists.');
      this.postState();
      return;
    }
    this.show(conversation);
    await this.store.setActiveId(id);
    this.postState();
  }

  private async rename(id: string, title: string): Promise<void> {
    const renamed = await this.store.rename(id, title);
    const live = this.live.get(id) ?? (this.active.id === id ? this.active : undefined);
    if (live && renamed) {
      live.title = renamed.title;
      live.titled = true;
    }
    this.postState();
  }

  private async delete(id: string): Promise<void> {
    const conversation = this.conversation(id);
    if (!conversation) return;
    if (!(await this.actions.confirm(`Delete the conversation "${conversation.title}"? This cannot be undone.`, 'Delete'))) return;
    if (this.runs.has(id)) this.deleted.add(id);
    this.runs.get(id)?.abort.abort();
    this.live.delete(id);
    await this.store.delete(id);
    if (this.active.id === id) this.active = this.store.create(this.selection());
    this.postState();
  }

  private async selectModel(selection: UiSelection): Promise<void> {
    await this.ensureProviders();
    if (!this.providers.find((p) => p.id === selection.providerId)?.ready) return;
    await this.store.setLastSelection(selection);
    const c = this.active;
    if (c.providerId !== selection.providerId || c.model !== selection.model) {
      c.providerId = selection.providerId;
      c.model = selection.model;
      if (c.messages.length > 0 && !this.runs.has(c.id)) await this.persist(c);
    }
    this.postState();
  }

  private async estimate(m: Extract<WebviewMessage, { type: 'estimate' }>): Promise<void> {
    await this.ensureProviders();
    const settings = this.services.settings();
    const conversation = (m.conversationId && this.conversation(m.conversationId)) || this.active;
    const history: ChatMessage[] = conversation.messages
      .filter((x) => x.role === 'user' || x.text.length > 0)
      .map((x) => ({ role: x.role, content: x.text }));
    history.push({ role: 'user', content: m.text });
    const info = this.model(m.providerId, m.model);
    const trimmed = trimHistory({
      systemPrompt: settings.systemPrompt,
      history,
      contextWindow: info?.contextWindow,
      maxOutputTokens: settings.maxOutputTokens,
      countTokens: (text) => this.count(m.providerId, m.model, text),
    });
    const price = info?.price;
    this.post({
      type: 'estimate',
      requestId: m.requestId,
      inputTokens: trimmed.inputTokens,
      costUsd: price ? (trimmed.inputTokens * price.input) / 1e6 : null,
      maxOutputCostUsd: price ? (settings.maxOutputTokens * price.output) / 1e6 : null,
      maxOutputTokens: settings.maxOutputTokens,
      contextWindow: info?.contextWindow ?? null,
      droppedMessages: trimmed.dropped,
    });
  }

  // ----------------------------------------------------------------------------------------------

  private ensureProviders(): Promise<void> {
    if (this.providersLoaded) return Promise.resolve();
    return this.providersLoading ?? this.refreshProviders();
  }

  private model(providerId: string, model: string) {
    return this.providers.find((p) => p.id === providerId)?.models.find((m) => m.id === model);
  }

  /**
   * Token count with a small cache: history messages are counted once, not on every keystroke's
   * estimate. Keyed by length and both ends; a collision yields a same-length text's count, which
   * is within an estimate's error anyway.
   */
  private count(providerId: string, model: string, text: string): number {
    if (text.length < 256) return this.services.countTokens(providerId, model, text);
    const key = `${providerId}\u0000${model}\u0000${text.length}\u0000${text.slice(0, 64)}\u0000${text.slice(-64)}`;
    let n = this.tokenCache.get(key);
    if (n === undefined) {
      n = this.services.countTokens(providerId, model, text);
      if (this.tokenCache.size > 2000) this.tokenCache.clear();
      this.tokenCache.set(key, n);
    }
    return n;
  }

  /** The model to use now: the open conversation's, else the last chosen, else the first ready one. */
  private selection(): UiSelection | null {
    const valid = (s: { providerId: string | null; model: string | null } | undefined): s is UiSelection => {
      if (!s?.providerId || !s.model) return false;
      if (!this.providersLoaded) return true;
      const p = this.providers.find((x) => x.id === s.providerId);
      return !!p?.ready && p.models.some((m) => m.id === s.model);
    };
    const fromConversation = { providerId: this.active.providerId, model: this.active.model };
    if (valid(fromConversation)) return fromConversation;
    const last = this.store.lastSelection();
    if (valid(last)) return { providerId: last.providerId, model: last.model };
    const first = this.providers.find((p) => p.ready && p.models.length > 0);
    return first ? { providerId: first.id, model: first.models[0]!.id } : null;
  }

  /** The source of the question an answer replies to (the nearest user message before it). */
  private sourceOf(conversationId: string, messageId: string): UiSource | undefined {
    const messages = this.conversation(conversationId)?.messages ?? [];
    const i = messages.findIndex((m) => m.id === messageId);
    for (let j = i - 1; j >= 0; j--) if (messages[j]!.role === 'user') return messages[j]!.source;
    return undefined;
  }

  private conversation(id: string): StoredConversation | undefined {
    if (this.active.id === id) return this.active;
    return this.live.get(id) ?? this.store.get(id);
  }

  /** Makes `c` the open conversation, keeping a running one's live object. */
  private show(c: StoredConversation): void {
    if (this.active !== c) {
      this.release(this.active);
      this.active = c;
    }
    this.live.set(c.id, c);
    void this.store.setActiveId(c.messages.length > 0 ? c.id : undefined);
  }

  /** Forgets a conversation's live object unless an answer is still running in it. */
  private release(c: StoredConversation): void {
    if (!this.runs.has(c.id)) this.live.delete(c.id);
  }

  private async persist(c: StoredConversation): Promise<void> {
    try {
      await this.store.save(c);
    } catch (err) {
      this.log.error('Could not save the conversation', err);
    }
  }

  /** Deltas and statuses only matter to the webview while that conversation is the one shown. */
  private postFor(c: StoredConversation, message: HostMessage): void {
    if (c === this.active) this.post(message);
  }

  private notify(level: 'info' | 'warning' | 'error', text: string): void {
    this.post({ type: 'notice', level, text });
  }

  snapshot(): StateMessage {
    const running = new Set(this.runs.keys());
    const summaries = this.store.list().map((s) => ({ ...s, running: running.has(s.id) }));
    if (this.active.messages.length > 0 && !summaries.some((s) => s.id === this.active.id)) {
      summaries.unshift({ id: this.active.id, title: this.active.title, updatedAt: this.active.updatedAt, running: running.has(this.active.id) });
    }
    const providers: UiProvider[] = this.providers.slice(0, LIMITS.providers).map((p) => ({
      id: p.id,
      label: p.label.slice(0, LIMITS.label),
      ready: p.ready,
      models: p.models.slice(0, LIMITS.models).map((m) => ({
        id: m.id,
        label: m.label.slice(0, LIMITS.label),
        contextWindow: m.contextWindow && m.contextWindow > 0 ? Math.round(m.contextWindow) : null,
        price: m.price ? { input: m.price.input, output: m.price.output } : null,
      })),
    }));
    const a = this.active;
    return {
      type: 'state',
      providersLoaded: this.providersLoaded,
      providers,
      selection: this.selection(),
      conversations: summaries.slice(0, LIMITS.conversations),
      active: { id: a.id, title: a.title, providerId: a.providerId, model: a.model, messages: a.messages.slice(-LIMITS.messages) },
    };
  }

  private postState(): void {
    if (!this.disposed) this.post(this.snapshot());
  }
}
