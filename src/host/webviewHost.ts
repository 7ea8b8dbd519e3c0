// Every Switchboard webview (the chat view, the usage report) is served the same way: one HTML
// shell with a strict CSP, resources only from dist/, inbound messages validated by the view's
// own protocol (invalid ones dropped and logged once per kind), and posts held back until the
// webview says it is ready — it asks for the whole state then, so nothing sent earlier is needed.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Parsed } from '../shared/protocol/parse';
import type { DroppedMessageLog } from './droppedMessageLog';

export type WebviewKind = 'chat' | 'usage';

export interface WebviewHostOptions<In> {
  extensionUri: vscode.Uri;
  view: WebviewKind;
  title: string;
  /** The view's protocol check for webview → host messages. */
  check(raw: unknown): Parsed<In>;
  /** Called with every valid message, `ready` included. */
  onMessage(message: In): unknown;
  dropped: DroppedMessageLog;
  log: { error(message: string, err?: unknown): void };
}

export class WebviewHost<In extends { type: string }, Out> implements vscode.Disposable {
  private webview: vscode.Webview | undefined;
  private ready = false;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly opts: WebviewHostOptions<In>) {}

  /** Serves `webview` (a view's or a panel's); a later call replaces the earlier one. */
  attach(webview: vscode.Webview): void {
    this.detach();
    this.webview = webview;
    webview.options = webviewOptions(this.opts.extensionUri);
    webview.html = webviewHtml(webview, this.opts.extensionUri, { title: this.opts.title, view: this.opts.view });
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** The webview is gone (view disposed, panel closed). */
  detach(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.webview = undefined;
    this.ready = false;
  }

  get isReady(): boolean {
    return this.ready;
  }

  post(message: Out): void {
    if (this.webview && this.ready) void this.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = this.opts.check(raw);
    if (!parsed.ok) return this.opts.dropped.record('webview', parsed);
    if (parsed.message.type === 'ready') this.ready = true;
    Promise.resolve()
      .then(() => this.opts.onMessage(parsed.message))
      .catch((err: unknown) => this.opts.log.error(`${this.opts.title}: handling "${parsed.message.type}" failed`, err));
  }

  dispose(): void {
    this.detach();
  }
}

/**
 * HTML shell for every Switchboard webview: strict CSP (nothing but our own nonce'd script and
 * stylesheets from dist/), no remote loads, images only from dist or data: URIs.
 */
function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; view: WebviewKind }): string {
  const nonce = randomBytes(16).toString('base64');
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const bundle = opts.view === 'chat' ? 'webview' : 'usage';
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(dist, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" nonce="${nonce}">
<link rel="stylesheet" href="${asset(`${bundle}.css`)}" nonce="${nonce}">
<title>${opts.title}</title>
</head>
<body data-view="${opts.view}">
<div id="app"></div>
<script nonce="${nonce}" src="${asset(`${bundle}.js`)}"></script>
</body>
</html>`;
}

/** Webview options shared by the chat view and the usage report: scripts on, resources only from dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}
