import * as vscode from 'vscode';
import { checkChatInbound, type ChatInbound, type ChatOutbound } from '../../shared/protocol/chat';
import type { DroppedMessageLog } from '../../host/droppedMessageLog';
import { WebviewHost } from '../../host/webviewHost';
import type { SelectionAnchors } from '../selection/selectionAnchors';
import { ChatController, type AskOptions, type ChatLogger } from './chatController';
import type { AttachmentDraft } from '../../core/attachments/attachment';
import type { ImageStore } from '../../core/attachments/imageStore';
import type { AttachmentSources, ChatServices } from './chatPorts';
import type { ConversationStore } from './conversationStore';
import { EditorActions } from './editorActions';

export interface ChatViewDeps {
  extensionUri: vscode.Uri;
  /** Where conversations are kept (files under globalStorage: conversationStorage.ts). */
  store: ConversationStore;
  services: ChatServices;
  log: ChatLogger;
  dropped: DroppedMessageLog;
  /** Where Ask About Selection's code is tracked, for the answers' Replace. */
  anchors: SelectionAnchors;
  /** Opens a workspace instructions file the panel lists. */
  openInstructions(label: string): Promise<void>;
  /** Where the composer's attachments come from (files, folders, problems, terminal, git diff). */
  attachments: AttachmentSources;
  /** Where attached images are kept (beside the conversations). */
  images: ImageStore;
}

/**
 * Hosts the sidebar chat webview. Construction is cheap; the controller, store and editor
 * tracking are created when the view is first resolved (or `ask()` is first called).
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;
  private controller: ChatController | undefined;
  private readonly host: WebviewHost<ChatInbound, ChatOutbound>;
  private readonly disposables: vscode.Disposable[] = [];
  private viewSubscription: vscode.Disposable | undefined;

  constructor(private readonly deps: ChatViewDeps) {
    this.host = new WebviewHost({
      extensionUri: deps.extensionUri,
      view: 'chat',
      title: 'Switchboard Chat',
      check: checkChatInbound,
      onMessage: (m) => this.ensureController().handle(m),
      dropped: deps.dropped,
      log: deps.log,
    });
    this.disposables.push(this.host);
  }

  resolveWebviewView(view: vscode.WebviewView, _context?: vscode.WebviewViewResolveContext, _token?: vscode.CancellationToken): void {
    this.viewSubscription?.dispose();
    this.view = view;
    this.host.attach(view.webview);
    this.ensureController().attach((message) => this.host.post(message));
    this.viewSubscription = view.onDidDispose(() => {
      if (this.view !== view) return;
      this.view = undefined;
      this.host.detach();
      this.controller?.attach(undefined);
    });
  }

  /** Shows the chat view (resolving it if it never was). */
  reveal(): void {
    if (this.view) this.view.show(true);
    else void vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
  }

  /** Starts a new conversation (the view title's "New Chat" command). */
  async newChat(): Promise<void> {
    this.reveal();
    await this.ensureController().newChat();
  }

  /** Posts `text` as a user message and starts the answer, from outside the panel (Ask About Selection). Resolves when answered. */
  async ask(text: string, options: AskOptions = {}): Promise<void> {
    this.reveal();
    await this.ensureController().ask(text, options);
  }

  /** Adds context to the composer's chips from outside the panel (Add to Chat, a problem's quick fix). */
  addAttachments(drafts: readonly AttachmentDraft[]): void {
    this.reveal();
    this.ensureController().addAttachments(drafts);
  }

  /** Export Chat to Markdown (the command): the conversation open in the panel. */
  async exportConversation(): Promise<void> {
    await this.ensureController().exportConversation();
  }

  /** The model the panel would use now (Edit Selection uses the same one). */
  currentModel(): ReturnType<ChatController['currentModel']> {
    return this.ensureController().currentModel();
  }

  /** Saves running answers' partial text (deactivate). */
  async flush(): Promise<void> {
    await this.controller?.flush();
  }

  private ensureController(): ChatController {
    if (this.controller) return this.controller;
    const actions = new EditorActions(this.deps.anchors, (label) => this.deps.openInstructions(label));
    const controller = new ChatController({
      services: this.deps.services,
      store: this.deps.store,
      actions,
      log: this.deps.log,
      attachments: this.deps.attachments,
      images: this.deps.images,
    });
    this.disposables.push(actions, { dispose: () => controller.dispose() });
    void controller.refreshProviders();
    this.controller = controller;
    return controller;
  }

  dispose(): void {
    this.viewSubscription?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
