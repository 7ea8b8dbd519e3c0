// The chat panel's logic, free of the vscode API: one handler per webview message, over a
// conversation session (chatSession.ts), the provider list (providerList.ts), the composer's
// trimming and estimates (composer.ts), the answers being run (runDriver.ts) and the presenter
// that turns it all into the webview's state (presenter.ts).
import { isSafeExternalLink, type ChatInbound, type ChatOutbound, type StateMessage, type UiSelection, type UiSource } from '../../shared/protocol/chat';
import { systemClock, type Clock } from '../../core/clock';
import type { Attachment, AttachmentDraft } from '../../core/attachments/attachment';
import type { ImageStore } from '../../core/attachments/imageStore';
import { conversationMarkdown, markdownFileName } from '../../core/conversations/conversationMarkdown';
import type { ReasoningEffort } from '../../shared/reasoning';
import type { AttachmentSources, ChatServices, HostActions } from './chatPorts';
import { AttachmentDrafting } from './attachmentDrafting';
import { regenerate, showAnswerVersion, type AnswerVersionDeps } from './answerVersionActions';
import { ChatSession } from './chatSession';
import { Composer } from './composer';
import type { ConversationStore } from './conversationStore';
import { DELTA_INTERVAL_MS } from './deltaBatcher';
import { editAndResend } from './editResend';
import { ConversationSearchIndex } from './conversationSearchIndex';
import { snapshot } from './presenter';
import { ProviderList, type ChatLogger } from './providerList';
import { RunDriver } from './runDriver';

export { CONTINUE_PROMPT } from './runDriver';
export type { ChatLogger } from './providerList';

export interface ChatControllerOptions {
  services: ChatServices;
  store: ConversationStore;
  actions: HostActions;
  clock?: Clock;
  log?: ChatLogger;
  deltaIntervalMs?: number;
  /** Where attachments come from (absent: the panel offers none, e.g. in tests of other parts). */
  attachments?: AttachmentSources;
  /** Where attached images are kept (absent: images cannot be attached). */
  images?: ImageStore;
}

export interface AskOptions {
  /** Start a new conversation instead of adding to the open one. */
  newConversation?: boolean;
  providerId?: string;
  model?: string;
  /** The code the question is about (Ask About Selection): answers' Replace goes there. */
  source?: UiSource;
  /** Context sent with the question (Ask About Selection: the code, as a chip). */
  attachments?: readonly Attachment[];
}

type Handlers = { [K in ChatInbound['type']]: (message: Extract<ChatInbound, { type: K }>) => unknown };

const silentLog: ChatLogger = { warn: () => undefined, error: () => undefined };

export class ChatController {
  private post: (message: ChatOutbound) => void = () => undefined;
  private disposed = false;
  private readonly store: ConversationStore;
  private readonly actions: HostActions;
  private readonly log: ChatLogger;
  private readonly providers: ProviderList;
  private readonly session: ChatSession;
  private readonly runs: RunDriver;
  private readonly composer: Composer;
  private readonly search: ConversationSearchIndex;
  private readonly drafting: AttachmentDrafting;
  private readonly versionDeps: AnswerVersionDeps;
  private readonly services: ChatServices;
  private readonly providerSubscription: { dispose(): unknown };
  private readonly storeSubscription: { dispose(): unknown };
  private readonly instructionsSubscription: { dispose(): unknown };

  private readonly handlers: Handlers = {
    ready: async () => {
      this.postState();
      if (!this.providers.isLoaded && !this.providers.isLoading) await this.refreshProviders();
    },
    send: (m) => this.drafting.send(m),
    attach: (m) => this.drafting.attach(m.ref),
    attachPick: () => this.drafting.pick(),
    removeAttachment: (m) => this.drafting.remove(m.attachmentId),
    attachCandidates: (m) => this.drafting.candidates(m.requestId, m.query),
    openAttachment: (m) => this.drafting.open(m.attachmentId, m.conversationId, m.messageId),
    attachImage: (m) => this.drafting.attachImage(m.image),
    stop: (m) => this.runs.stop(m.conversationId),
    retry: (m) => this.runs.rerun(m.conversationId, m.messageId, 'retry'),
    continue: (m) => this.runs.rerun(m.conversationId, m.messageId, 'continue'),
    retryNow: (m) => this.runs.retryNow(m.conversationId, m.messageId),
    regenerate: (m) => regenerate(this.versionDeps, m.conversationId, m.messageId),
    showVersion: (m) => showAnswerVersion(this.versionDeps, m.conversationId, m.messageId, m.index),
    editResend: async (m) => {
      await this.providers.ensure();
      const notify = (level: 'info' | 'warning', text: string) => this.post({ type: 'notice', level, text });
      await editAndResend({ session: this.session, store: this.store, runs: this.runs, selection: () => this.selection(), notify }, m.conversationId, m.messageId, m.text);
    },
    newChat: () => this.newChat(),
    openConversation: (m) => this.open(m.conversationId),
    renameConversation: async (m) => {
      await this.session.rename(m.conversationId, m.title);
      this.postState();
    },
    deleteConversation: (m) => this.delete(m.conversationId),
    searchConversations: (m) => {
      const { hits, truncated } = this.search.search(m.query);
      this.post({ type: 'searchResults', requestId: m.requestId, results: hits, truncated });
    },
    selectModel: (m) => this.selectModel({ providerId: m.providerId, model: m.model }),
    setEffort: (m) => this.setEffort(m.conversationId, m.effort ?? undefined),
    copyCode: (m) => this.actions.copy(m.code),
    copyAnswer: (m) => {
      const answer = this.session.conversation(m.conversationId)?.messages.find((x) => x.id === m.messageId && x.role === 'assistant');
      return answer?.text ? this.actions.copy(answer.text) : undefined;
    },
    exportConversation: (m) => this.exportConversation(m.conversationId),
    insertCode: (m) => this.actions.insertAtCursor(m.code),
    replaceSelection: (m) => this.actions.replaceSelection(m.code, m.conversationId && m.messageId ? this.session.sourceOf(m.conversationId, m.messageId) : undefined),
    openLink: (m) => {
      if (isSafeExternalLink(m.href)) return this.actions.openExternal(m.href);
      this.log.warn(`Refused to open a link that is not http, https or mailto (${m.href.slice(0, 40)}…).`);
      return undefined;
    },
    setApiKey: (m) => this.actions.setApiKey(m.providerId),
    openSettings: (m) => this.actions.openSettings(m.section),
    openInstructions: (m) => this.actions.openInstructions(m.label),
    estimate: async (m) => {
      await this.providers.ensure();
      const conversation = (m.conversationId && this.session.conversation(m.conversationId)) || this.session.active;
      this.post(this.composer.estimate(m.requestId, conversation.messages, m.text, this.drafting.draft.list, m.providerId, m.model));
    },
  };

  constructor(options: ChatControllerOptions) {
    this.store = options.store;
    this.services = options.services;
    this.actions = options.actions;
    this.log = options.log ?? silentLog;
    const clock = options.clock ?? systemClock;
    this.providers = new ProviderList(options.services, this.log, () => this.postState());
    this.session = new ChatSession(this.store, this.log, (id) => this.runs.isRunning(id));
    this.composer = new Composer(options.services, this.providers);
    this.search = new ConversationSearchIndex(this.store, (id) => this.session.inMemory(id));
    this.runs = new RunDriver({
      services: options.services,
      images: options.images,
      store: this.store,
      session: this.session,
      providers: this.providers,
      composer: this.composer,
      actions: this.actions,
      clock,
      log: this.log,
      deltaIntervalMs: options.deltaIntervalMs ?? DELTA_INTERVAL_MS,
      post: (m) => this.post(m),
      postState: () => this.postState(),
      notify: (level, text) => this.post({ type: 'notice', level, text }),
      isDisposed: () => this.disposed,
    });
    this.versionDeps = {
      session: this.session,
      runs: this.runs,
      providers: this.providers,
      selection: () => this.selection(),
      notify: (level, text) => this.post({ type: 'notice', level, text }),
      postState: () => this.postState(),
    };
    this.drafting = new AttachmentDrafting({
      sources: options.attachments,
      images: options.images,
      actions: this.actions,
      session: this.session,
      runs: this.runs,
      newId: () => this.store.newId(),
      post: (m) => this.post(m),
      postState: () => this.postState(),
      log: this.log,
    });
    this.providerSubscription = options.services.onDidChangeProviders(() => void this.refreshProviders());
    // The instructions indicator follows the workspace's files and the setting.
    this.instructionsSubscription = options.services.onDidChangeInstructions(() => this.postState());
    // Another window saved or deleted conversations: list them, and show its version of the open one.
    this.storeSubscription = this.store.onDidChange((ids) => {
      this.session.reload(ids);
      this.postState();
    });
  }

  /** Where host → webview messages go (the view's post); undefined while no view is shown. */
  attach(post: ((message: ChatOutbound) => void) | undefined): void {
    this.post = post ?? (() => undefined);
  }

  /** Lists providers again (on start and whenever keys, endpoints or models change). */
  refreshProviders(): Promise<void> {
    return this.providers.refresh();
  }

  async handle(message: ChatInbound): Promise<void> {
    await (this.handlers[message.type] as (m: ChatInbound) => unknown)(message);
  }

  /** Posts `text` as a user message and starts the answer (from a command, e.g. Ask About Selection). */
  async ask(text: string, options: AskOptions = {}): Promise<void> {
    await this.providers.ensure();
    if (options.newConversation || this.runs.isRunning(this.session.active.id)) await this.newChat();
    const selection = options.providerId && options.model ? { providerId: options.providerId, model: options.model } : this.selection();
    if (!selection) return this.post({ type: 'notice', level: 'warning', text: 'No provider is ready. Set an API key first.' });
    await this.runs.send(text, selection, this.session.active.id, { ...(options.source ? { source: options.source } : {}), ...(options.attachments ? { attachments: options.attachments } : {}) });
  }

  /** Adds context to the composer's chips (the explorer's and editor's Add to Chat, a problem's quick fix). */
  addAttachments(drafts: readonly AttachmentDraft[]): void {
    this.drafting.add(drafts);
  }

  /** The model the panel would use now, with its context window when known. */
  async currentModel(): Promise<(UiSelection & { contextWindow?: number }) | undefined> {
    await this.providers.ensure();
    const selection = this.selection();
    if (!selection) return undefined;
    const contextWindow = this.providers.model(selection.providerId, selection.model)?.contextWindow;
    return { ...selection, ...(contextWindow ? { contextWindow } : {}) };
  }

  async newChat(): Promise<void> {
    await this.session.startNew(this.selection());
    this.postState();
  }

  /** Export Chat to Markdown: the open conversation, or `id`'s; asks where to save it. */
  async exportConversation(id = this.session.active.id): Promise<void> {
    await this.providers.ensure();
    const conversation = this.session.conversation(id);
    if (!conversation?.messages.length) return this.actions.notify('info', 'This chat has nothing to export yet.');
    const label = (providerId: string, model: string) => this.providers.model(providerId, model)?.label ?? model;
    await this.actions.saveMarkdown(markdownFileName(conversation.title), conversationMarkdown(conversation, label));
  }

  /** Answers currently running (for tests and status). */
  get runningCount(): number {
    return this.runs.count;
  }

  snapshot(): StateMessage {
    const selection = this.selection();
    return snapshot({
      session: this.session,
      store: this.store,
      providers: this.providers.all,
      providersLoaded: this.providers.isLoaded,
      running: this.runs.running(),
      selection,
      instructions: this.services.instructions(),
      // Through the composer's cache: a state is posted on every turn and status change.
      countTokens: (text) => this.composer.count(selection?.providerId ?? '', selection?.model ?? '', text),
      draftAttachments: this.drafting.draft.list,
    });
  }

  /** Saves the running answers' text as it is now (the window is closing). */
  flush(): Promise<void> {
    return this.runs.saveRunning();
  }

  dispose(): void {
    this.disposed = true;
    this.providerSubscription.dispose();
    this.storeSubscription.dispose();
    this.instructionsSubscription.dispose();
    this.runs.stopAll();
  }

  private async open(id: string): Promise<void> {
    const conversation = this.session.conversation(id);
    if (!conversation) {
      this.post({ type: 'notice', level: 'warning', text: 'That conversation no longer exists.' });
      return this.postState();
    }
    this.session.show(conversation);
    await this.store.setActiveId(id);
    this.postState();
  }

  private async delete(id: string): Promise<void> {
    const conversation = this.session.conversation(id);
    if (!conversation) return;
    if (!(await this.actions.confirm(`Delete the conversation "${conversation.title}"? This cannot be undone.`, 'Delete'))) return;
    await this.session.remove(id, this.selection());
    this.runs.stop(id);
    this.postState();
  }

  private async selectModel(selection: UiSelection): Promise<void> {
    await this.providers.ensure();
    if (!this.providers.find(selection.providerId)?.ready) return;
    await this.store.setLastSelection(selection);
    const c = this.session.active;
    if (c.providerId !== selection.providerId || c.model !== selection.model) {
      c.providerId = selection.providerId;
      c.model = selection.model;
      if (c.messages.length > 0 && !this.runs.isRunning(c.id)) await this.session.persist(c);
    }
    this.postState();
  }

  /** A conversation's reasoning effort (undefined = default); new conversations start with it too. */
  private async setEffort(id: string, effort: ReasoningEffort | undefined): Promise<void> {
    const c = this.session.conversation(id);
    if (!c) return;
    await this.store.setLastEffort(effort);
    if (c.effort !== effort) {
      if (effort) c.effort = effort;
      else delete c.effort;
      if (c.messages.length > 0 && !this.runs.isRunning(c.id)) await this.session.persist(c);
    }
    this.postState();
  }

  /** The model to use now: the open conversation's, else the last chosen, else the first ready one. */
  private selection(): UiSelection | null {
    const a = this.session.active;
    return this.providers.choose({ providerId: a.providerId, model: a.model }, this.store.lastSelection());
  }

  private postState(): void {
    if (!this.disposed) this.post(this.snapshot());
  }
}
