import * as vscode from 'vscode';
import { webviewHtml, webviewOptions } from '../webviewHtml';

/** Hosts the sidebar chat webview. */
export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, { title: 'Switchboard Chat', view: 'chat' });
  }

  reveal(): void {
    this.view?.show(true);
  }
}
