// Component-level harness for the chat webview: the built bundle (dist/webview.js + css) in a page
// that looks to it like a VS Code webview — the same CSP shape, VS Code's default webview style,
// theme variables and body class, and a test `acquireVsCodeApi` that records what the panel posts
// and lets the test post host messages. Served from 127.0.0.1, driven by Debian's Chromium.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/codeServer.mjs';
import type { ChatOutbound, UiMessage, UiProvider, ChatInbound } from '../../src/shared/protocol/chat';
import { theme, type ThemeName } from './themes';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(repoRoot, 'dist');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

// VS Code injects this before the extension's own styles (src/vs/workbench/contrib/webview/browser/pre/index.html).
const VSCODE_DEFAULT_STYLES = `
html { scrollbar-color: var(--vscode-scrollbarSlider-background) var(--vscode-editor-background); }
body { overscroll-behavior-x: none; background-color: transparent; color: var(--vscode-editor-foreground);
  font-family: var(--vscode-font-family); font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
img, video { max-width: 100%; max-height: 100%; }
a, a code { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
a:focus, input:focus, select:focus, textarea:focus { outline: 1px solid -webkit-focus-ring-color; outline-offset: -1px; }
code { font-family: var(--monaco-monospace-font); color: var(--vscode-textPreformat-foreground); background-color: var(--vscode-textPreformat-background); padding: 1px 3px; border-radius: 4px; }
pre code { padding: 0; }
blockquote { background: var(--vscode-textBlockQuote-background); border-color: var(--vscode-textBlockQuote-border); }
::-webkit-scrollbar { width: 10px; height: 10px; }
::-webkit-scrollbar-corner { background-color: var(--vscode-editor-background); }
::-webkit-scrollbar-thumb { background-color: var(--vscode-scrollbarSlider-background); }
::-webkit-scrollbar-thumb:hover { background-color: var(--vscode-scrollbarSlider-hoverBackground); }
::-webkit-scrollbar-thumb:active { background-color: var(--vscode-scrollbarSlider-activeBackground); }
`;

function page(origin: string, opts: { theme: ThemeName; csp: boolean }): string {
  const nonce = 'dGVzdC1ub25jZS0xMjM0NQ==';
  const t = theme(opts.theme);
  // The same policy src/webviewHtml.ts sets, with this server standing in for webview.cspSource.
  const csp = [
    "default-src 'none'", `style-src ${origin} 'nonce-${nonce}'`, `font-src ${origin}`, `img-src ${origin} data:`,
    `script-src 'nonce-${nonce}'`, "connect-src 'none'", "frame-src 'none'", "form-action 'none'", "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${opts.csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}
<style nonce="${nonce}" id="_defaultStyles">${VSCODE_DEFAULT_STYLES}</style>
<style nonce="${nonce}">html { background: var(--vscode-sideBar-background); }</style>
<script nonce="${nonce}">
(() => {
  // Like VS Code: theme variables set on <html> through the CSSOM (a style attribute would break the CSP).
  for (const [k, v] of ${JSON.stringify(Object.entries(t.vars))}) document.documentElement.style.setProperty('--vscode-' + k, v);
  const KEY = 'switchboard-test-webview-state';
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (m) => window.__posted.push(structuredClone(m)),
      getState: () => JSON.parse(sessionStorage.getItem(KEY) || 'null') ?? undefined,
      setState: (s) => { sessionStorage.setItem(KEY, JSON.stringify(s)); return s; },
    });
  };
  window.__host = (m) => window.dispatchEvent(new MessageEvent('message', { data: m }));
  // Every codicon the panel ever shows (dist/codicon.css ships only the named ones: closeCheckedPanel checks each).
  window.__icons = new Set();
  const note = (el) => { for (const c of el.classList ?? []) if (c.startsWith('codicon-') && !c.startsWith('codicon-modifier-')) window.__icons.add(c.slice(8)); };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target);
      for (const n of r.addedNodes) if (n.nodeType === 1) { note(n); n.querySelectorAll('.codicon').forEach(note); }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
})();
</script>
<link rel="stylesheet" href="${origin}/codicon.css" nonce="${nonce}">
<link rel="stylesheet" href="${origin}/webview.css" nonce="${nonce}">
<title>Switchboard Chat</title>
</head>
<body class="${t.bodyClass}" data-vscode-theme-kind="${t.kind}" data-view="chat">
<div id="app"></div>
<script nonce="${nonce}" src="${origin}/webview.js"></script>
</body>
</html>`;
}

export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Serves dist/ and the harness page, and launches Chromium. Needs `npm run build` first. */
export async function startHarness(): Promise<Harness> {
  const bundle = path.join(dist, 'webview.js');
  if (!existsSync(bundle)) throw new Error('dist/webview.js is missing: run `npm run build` first');
  const newestSource = Math.max(...['webview', 'src/shared'].flatMap((p) => newest(path.join(repoRoot, p))));
  if (statSync(bundle).mtimeMs < newestSource) console.warn('      warning: dist/webview.js is older than webview/ — run `npm run build`');

  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/harness.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(origin, { theme: (url.searchParams.get('theme') as ThemeName) || 'dark', csp: url.searchParams.get('csp') !== '0' }));
      return;
    }
    const file = path.join(dist, path.normalize(url.pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dist + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Whatever fails from here on, the server must not outlive the suite (mocha would never exit).
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function newest(p: string): number[] {
  const s = statSync(p);
  if (!s.isDirectory()) return [s.mtimeMs];
  return readdirSync(p).flatMap((f) => newest(path.join(p, f)));
}

export interface Panel {
  page: Page;
  dialogs: string[];
  errors: string[];
  /** Posts a host → webview message (as VS Code's postMessage would deliver it). */
  host(message: ChatOutbound | Record<string, unknown> | unknown): Promise<void>;
  /** Everything the webview posted so far. */
  posted(): Promise<ChatInbound[]>;
  /** Waits until the webview posted a message matching `match`, and returns it. */
  waitForPosted<T extends ChatInbound['type']>(type: T, match?: (m: Extract<ChatInbound, { type: T }>) => boolean): Promise<Extract<ChatInbound, { type: T }>>;
  clearPosted(): Promise<void>;
  cspViolations(): Promise<string[]>;
  /** The codicons the panel showed that dist/codicon.css has no glyph rule for. */
  iconsWithoutGlyph(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Closes a test's panel; after a passing test it must also have run under the real CSP without a
 * single violation or script error (checked here so every webview test file checks it alike).
 */
export async function closeCheckedPanel(panel: Panel | undefined, passed: boolean): Promise<void> {
  if (!panel) return;
  try {
    if (passed) {
      assert.deepEqual(await panel.cspViolations(), [], 'CSP violations');
      assert.deepEqual(panel.errors, [], 'page errors');
      assert.deepEqual(await panel.iconsWithoutGlyph(), [], 'codicons shown that dist/codicon.css does not define (webview/codiconSubset.mjs)');
    }
  } finally {
    await panel.close();
  }
}

/**
 * The hooks every webview test file needs, for the enclosing describe: one harness (started
 * before the first test, closed after the last) and `open()`, whose panel is closed after its
 * test — and checked, after a passing test, for CSP violations and page errors.
 */
export function usePanels(): { open(opts?: Parameters<typeof openPanel>[1]): Promise<Panel> } {
  let h: Harness | undefined;
  let current: Panel | undefined;
  before(async () => {
    h = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
  });
  after(async () => h?.close());
  afterEach(async function () {
    const panel = current;
    current = undefined;
    await closeCheckedPanel(panel, this.currentTest?.state === 'passed');
  });
  return {
    async open(opts) {
      if (!h) throw new Error('usePanels: open() inside a test');
      current = await openPanel(h, opts);
      return current;
    },
  };
}

/** Opens the chat panel in a new page (sidebar-sized) and waits for it to say ready. */
export async function openPanel(h: Harness, opts: { theme?: ThemeName; csp?: boolean; width?: number; height?: number; /** Files of dist/ the server fails to deliver (a broken install). */ missing?: string[] } = {}): Promise<Panel> {
  const context = await h.browser.newContext({ viewport: { width: opts.width ?? 380, height: opts.height ?? 640 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Nothing may leave the page but requests to the harness server.
  await context.route((url) => !url.href.startsWith(h.origin), (route) => {
    errors.push(`blocked network request: ${route.request().url()}`);
    void route.abort();
  });
  for (const file of opts.missing ?? []) await context.route(`${h.origin}/${file}`, (route) => void route.fulfill({ status: 404, body: '' }));
  await page.goto(`${h.origin}/harness.html?theme=${opts.theme ?? 'dark'}&csp=${opts.csp === false ? 0 : 1}`);
  await page.locator('[data-testid="chat-root"]').waitFor({ state: 'visible' });
  const panel: Panel = {
    page,
    dialogs,
    errors,
    host: async (message) => {
      await page.evaluate((m) => (window as unknown as { __host(m: unknown): void }).__host(m), message);
    },
    posted: () => page.evaluate(() => (window as unknown as { __posted: ChatInbound[] }).__posted),
    async waitForPosted(type, match) {
      const handle = await page.waitForFunction(
        ([t, src]) => {
          const fn = src ? (new Function(`return (${src})`)() as (m: unknown) => boolean) : () => true;
          return (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === t && fn(m)) ?? false;
        },
        [type, match ? match.toString() : ''] as const,
        { timeout: 20_000 },
      );
      return (await handle.jsonValue()) as never;
    },
    clearPosted: () => page.evaluate(() => void ((window as unknown as { __posted: unknown[] }).__posted.length = 0)),
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    iconsWithoutGlyph: () =>
      page.evaluate(() => {
        const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/codicon.css'));
        const defined = new Set([...(sheet?.cssRules ?? [])].map((r) => /^\.codicon-([a-z0-9-]+)::?before$/.exec((r as CSSStyleRule).selectorText ?? '')?.[1]));
        return [...(window as unknown as { __icons: Set<string> }).__icons].filter((n) => !defined.has(n)).sort();
      }),
    close: () => context.close(),
  };
  await panel.waitForPosted('ready');
  return panel;
}

// ------------------------------------------------------------------------------------------------
// Fixtures
// ------------------------------------------------------------------------------------------------

export const PROVIDERS: UiProvider[] = [
  {
    id: 'openai', label: 'OpenAI', ready: true,
    models: [
      { id: 'gpt-5-mini', label: 'GPT-5 mini', contextWindow: 400_000, price: { input: 0.25, output: 2 } },
      { id: 'gpt-5', label: 'GPT-5', contextWindow: 400_000, price: { input: 1.25, output: 10 } },
    ],
  },
  { id: 'anthropic', label: 'Anthropic', ready: true, models: [{ id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', contextWindow: 200_000, price: { input: 3, output: 15 } }] },
  { id: 'gemini', label: 'Google Gemini', ready: false, models: [{ id: 'gemini-2.5-pro', label: 'Gemini 2.5 Pro', contextWindow: 1_048_576, price: { input: 1.25, output: 10 } }] },
  { id: 'compat:ollama', label: 'Ollama', ready: true, models: [{ id: 'llama3.1', label: 'llama3.1', contextWindow: null, price: null }] },
];

export const CONVERSATION_ID = 'c-1';

export function stateMessage(messages: UiMessage[], over: Partial<Extract<ChatOutbound, { type: 'state' }>> = {}): ChatOutbound {
  return {
    type: 'state',
    providersLoaded: true,
    providers: PROVIDERS,
    selection: { providerId: 'openai', model: 'gpt-5-mini' },
    conversations: messages.length ? [{ id: CONVERSATION_ID, title: 'How do I debounce?', updatedAt: Date.now() - 60_000, running: false }] : [],
    active: { id: CONVERSATION_ID, title: messages.length ? 'How do I debounce?' : 'New chat', providerId: 'openai', model: 'gpt-5-mini', messages },
    ...over,
  };
}

let seq = 0;
export function userMessage(text: string): UiMessage {
  return { id: `u${++seq}`, role: 'user', text, status: 'done', createdAt: Date.now() };
}
export function answer(text: string, over: Partial<UiMessage> = {}): UiMessage {
  return { id: `a${++seq}`, role: 'assistant', text, status: 'done', createdAt: Date.now(), ...over };
}
