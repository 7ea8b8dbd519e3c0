import * as vscode from 'vscode';
import { checkFromWebview, type HostMessage } from '../../shared/protocol';
import { webviewHtml, webviewOptions } from '../../host/webviewHtml';
import { ChatController, type AskOptions, type ChatLogger } from './chatController';
import type { ChatServices } from './chatServices';
import { ConversationStore } from './conversationStore';
import { DroppedMessageLog } from '../../host/droppedMessageLog';
import { EditorActions } from './editorActions';
import type { SelectionAnchors } from '../selection/selectionAnchors';

export interface ChatViewDeps {
  extensionUri: vscode.Uri;
  /** Where conversations are kept (context.globalState). */
  globalState: vscode.Memento;
  services: ChatServices;
  log: ChatLogger;
  /** Where Ask About Selection's code is tracked, for the answers' Replace. */
  anchors: SelectionAnchors;
}

/**
 * Hosts the sidebar chat webview. Construction is cheap; the controller, store and editor
 * tracking are created when the view is first resolved (or `ask()` is first called).
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;
  private controller: ChatController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];
  private readonly dropped: DroppedMessageLog;

  constructor(private readonly deps: ChatViewDeps) {
    this.dropped = new DroppedMessageLog((m) => deps.log.warn(m));
  }

  resolveWebviewView(view: vscode.WebviewView, _context?: vscode.WebviewViewResolveContext, _token?: vscode.CancellationToken): void {
    for (const d of this.viewDisposables) d.dispose();
    this.view = view;
    view.webview.options = webviewOptions(this.deps.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.deps.extensionUri, { title: 'Switchboard Chat', view: 'chat' });
    const controller = this.ensureController();
    const post = (message: HostMessage) => void view.webview.postMessage(message);
    controller.attach(post);
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = checkFromWebview(raw);
        if (!parsed.ok) return this.dropped.record('webview', parsed);
        controller.handle(parsed.message).catch((err: unknown) => this.deps.log.error(`Chat: handling "${parsed.message.type}" failed`, err));
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          controller.attach(undefined);
        }
      }),
    ];
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

  /**
   * Posts `text` as a user message and starts the answer, from outside the panel (Ask About
   * Selection). Resolves when the answer has finished.
   */
  async ask(text: string, options: AskOptions = {}): Promise<void> {
    this.reveal();
    await this.ensureController().ask(text, options);
  }

  /** The model the panel would use now (Edit Selection uses the same one). */
  currentModel(): ReturnType<ChatController['currentModel']> {
    return this.ensureController().currentModel();
  }

  private ensureController(): ChatController {
    if (this.controller) return this.controller;
    const actions = new EditorActions(this.deps.anchors);
    const controller = new ChatController({
      services: this.deps.services,
      store: new ConversationStore(this.deps.globalState),
      actions,
      log: this.deps.log,
    });
    this.disposables.push(actions, { dispose: () => controller.dispose() });
    void controller.refreshProviders();
    this.controller = controller;
    return controller;
  }

  dispose(): void {
    this.dropped.dispose();
    for (const d of [...this.viewDisposables, ...this.disposables]) d.dispose();
  }
}
