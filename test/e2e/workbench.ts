// Page-level helpers for driving the real VS Code workbench (code-server) with playwright-core.
// Selectors were checked against VS Code 1.100.3 and 1.139.1 (the builds in
// test/harness/vscodeBuilds.mjs); keep them here so a VS Code update is one edit.
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { DEFAULT_BUILD, findOutputChannelLogs, repoRoot, selectedBuild } from '../harness/codeServer.mjs';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
/** `publisher.name`, as VS Code puts it into a webview's `extensionId` URL parameter. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
/** The VS Code build this run drives (SWITCHBOARD_VSCODE, default 1.100). */
export const build = selectedBuild();
/** test-results/screenshots/, with a subfolder for a build other than the default one. */
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots', ...(build === DEFAULT_BUILD ? [] : [build]));

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exactly = (text: string | RegExp) => (typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text);

// ------------------------------------------------------------------------------------------------
// Workbench
// ------------------------------------------------------------------------------------------------

/** Opens the workbench in a new page of `context` and waits until it is laid out and Switchboard's icon is shown. */
export async function openWorkbench(context: BrowserContext, url: string, { timeoutMs = 60_000, waitForExtension = true } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitForWorkbench(page, { timeoutMs, waitForExtension });
  return page;
}

/** After a goto or reload: waits for `.monaco-workbench` (and Switchboard's activity-bar item). */
export async function waitForWorkbench(page: Page, { timeoutMs = 60_000, waitForExtension = true } = {}): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  // The activity bar is filled from the extension manifests, which arrive from the server.
  if (waitForExtension) await activityBarItem(page, 'Switchboard').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The activity-bar tab whose label contains `label`. */
export function activityBarItem(page: Page, label: string): Locator {
  return page.locator(`.activitybar .composite-bar li.action-item:has(a.action-label[aria-label*="${label}"])`).first();
}

/** Shows the Switchboard sidebar (clicking its icon only when it is not shown already) and returns the chat webview. */
export async function openSwitchboardView(page: Page): Promise<FrameLocator> {
  const item = activityBarItem(page, 'Switchboard');
  await item.waitFor({ state: 'visible' });
  // "Switchboard: Chat" — not the Explorer's "SWITCHBOARD-WORKSPACE-…" folder header.
  const header = page.locator('.part.sidebar .pane-header, .part.sidebar .composite.title', { hasText: /Switchboard:\s*Chat/i }).first();
  // Clicking the active container's icon would collapse the sidebar, and right after a reload the
  // workbench may restore the sidebar between our check and our click: so check, click, and look
  // again (bounded) until the view is shown.
  for (let attempt = 0; ; attempt++) {
    if (await header.isVisible()) break;
    if ((await item.getAttribute('aria-selected')) !== 'true' || !(await page.locator('.part.sidebar').isVisible())) await item.click();
    const shown = await header.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (shown) break;
    if (attempt >= 5) throw new Error('the Switchboard view did not show after clicking its activity-bar icon');
  }
  return chatFrame(page);
}

// ------------------------------------------------------------------------------------------------
// Webviews: an outer iframe.webview hosts VS Code's pre/index.html, which hosts the extension's
// document in an inner iframe#active-frame.
// ------------------------------------------------------------------------------------------------

/**
 * The chat view, when another window may be starting or reloading. Rarely (seen after two windows
 * reloaded at once, and on a slow CI machine while a second window started) its webview does not
 * come up the first time: then switch to the Explorer and open it once more.
 */
export async function openChatView(page: Page): Promise<FrameLocator> {
  try {
    return await openSwitchboardView(page);
  } catch {
    await page.locator('.activitybar li.action-item a.action-label[aria-label*="Explorer"]').first().click();
    return openSwitchboardView(page);
  }
}

/**
 * The document of the Switchboard webview whose `<body data-view>` is `view` ('chat': the sidebar
 * chat, 'usage': the usage report), pinned to that webview's id. Found by content, not by the
 * outer iframe's URL: VS Code adds `purpose=webviewView` to a view's URL only when it creates the
 * view, not when it restores it after a reload.
 */
export async function webviewFrame(page: Page, view: 'chat' | 'usage', { timeoutMs = 20_000 } = {}): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const outer = frame.parentFrame();
      if (!outer?.url().includes(`extensionId=${EXTENSION_ID}`) || frame.isDetached()) continue;
      // A frame that is still loading may not answer yet: ask again on the next round.
      const shown = await Promise.race([
        frame.evaluate(() => document.body?.dataset.view).catch(() => undefined),
        new Promise<undefined>((r) => setTimeout(r, 2_000, undefined)),
      ]);
      const id = new URL(outer.url()).searchParams.get('id');
      if (shown === view && id) return page.frameLocator(`iframe.webview[src*="id=${id}"]`).frameLocator('#active-frame');
    }
    if (Date.now() > deadline) throw new Error(`no Switchboard "${view}" webview within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The chat view's document (where the Svelte app renders `[data-testid=chat-root]`). */
export function chatFrame(page: Page): Promise<FrameLocator> {
  return webviewFrame(page, 'chat');
}

// ------------------------------------------------------------------------------------------------
// Commands and quick input
// ------------------------------------------------------------------------------------------------

const quickInputWidget = (page: Page) => page.locator('.quick-input-widget');
const quickInputBox = (page: Page) => page.locator('.quick-input-widget .quick-input-box input');
const quickInputRows = (page: Page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/** Opens the command palette (F1), with Ctrl+Shift+P as a fallback when focus sat in a webview. */
export async function openCommandPalette(page: Page): Promise<void> {
  if (await quickInputWidget(page).isVisible()) await page.keyboard.press('Escape');
  for (const key of ['F1', 'Control+Shift+P']) {
    await page.keyboard.press(key);
    try {
      await quickInputWidget(page).waitFor({ state: 'visible', timeout: 3000 });
      const value = await quickInputBox(page).inputValue();
      if (value.startsWith('>')) return;
    } catch {
      // Focus may be in a webview iframe that swallowed the key: focus the workbench and retry.
      await page.locator('.part.statusbar').first().focus().catch(() => undefined);
    }
  }
  throw new Error('command palette did not open');
}

/** Runs a command by its palette title, e.g. "Switchboard: New Chat". */
export async function runCommand(page: Page, title: string, { timeoutMs = 15_000 } = {}): Promise<void> {
  await openCommandPalette(page);
  const row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
  // In a window that just opened, extensions' commands join the palette a moment later, and an open
  // palette does not list them until its filter changes: so type the filter again until it shows.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await quickInputBox(page).fill('>');
    await quickInputBox(page).fill(`>${title}`);
    const shown = await row.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(1, deadline - Date.now())) }).then(() => true, () => false);
    if (shown) break;
    if (Date.now() >= deadline) {
      const offered = await quickInput.items(page);
      await page.keyboard.press('Escape');
      throw new Error(`command "${title}" is not in the palette; it offered: ${offered.join(' | ') || '(nothing)'}`);
    }
  }
  await row.click();
  // Done when the palette closed or was replaced by the command's own quick input.
  await page.waitForFunction(() => {
    const w = document.querySelector<HTMLElement>('.quick-input-widget');
    const input = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
    return !w || w.style.display === 'none' || !input || !input.value.startsWith('>');
  }, undefined, { timeout: timeoutMs });
}

/** Helpers for quick picks and input boxes (window.showQuickPick / showInputBox / createQuickPick). */
export const quickInput = {
  widget: quickInputWidget,
  input: quickInputBox,

  /** Waits for a quick input to be shown; `title` / `placeholder` narrow it down. */
  async waitOpen(page: Page, { title, placeholder, timeoutMs = 15_000 }: { title?: string | RegExp; placeholder?: string | RegExp; timeoutMs?: number } = {}): Promise<void> {
    await quickInputWidget(page).waitFor({ state: 'visible', timeout: timeoutMs });
    if (title !== undefined) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: timeoutMs });
    if (placeholder !== undefined) {
      const re = typeof placeholder === 'string' ? new RegExp(escapeRegExp(placeholder)) : placeholder;
      await page.waitForFunction(
        ([src, flags]) => new RegExp(src, flags).test(document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.placeholder ?? ''),
        [re.source, re.flags] as const, { timeout: timeoutMs });
    }
  },

  async isOpen(page: Page): Promise<boolean> {
    return quickInputWidget(page).isVisible();
  },

  /** Waits until no quick input is shown. */
  async waitClosed(page: Page, timeoutMs = 15_000): Promise<void> {
    await quickInputWidget(page).waitFor({ state: 'hidden', timeout: timeoutMs });
  },

  /** Types into the open input box / filter (replacing its text); Enter unless `submit: false`. */
  async type(page: Page, text: string, { submit = true } = {}): Promise<void> {
    await quickInputWidget(page).waitFor({ state: 'visible' });
    await quickInputBox(page).fill(text);
    if (submit) await quickInputBox(page).press('Enter');
  },

  /** Clicks the item whose label is `label` (exact string, or a RegExp). */
  async pick(page: Page, label: string | RegExp, { timeoutMs = 15_000 } = {}): Promise<void> {
    const row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.click();
  },

  /** Labels of the items currently rendered (the list is virtualised: long lists show a window). */
  async items(page: Page): Promise<string[]> {
    return (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
  },

  async title(page: Page): Promise<string> {
    const t = page.locator('.quick-input-widget .quick-input-title');
    return (await t.isVisible()) ? (await t.innerText()).trim() : '';
  },

  /** The validation / prompt message under the input box. */
  async message(page: Page): Promise<string> {
    const m = page.locator('.quick-input-widget .quick-input-message');
    return (await m.isVisible()) ? (await m.innerText()).trim() : '';
  },

  async dismiss(page: Page): Promise<void> {
    if (await quickInputWidget(page).isVisible()) {
      await page.keyboard.press('Escape');
      await quickInputWidget(page).waitFor({ state: 'hidden' });
    }
  },
};

// ------------------------------------------------------------------------------------------------
// Notifications
// ------------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';
export interface NotificationInfo { severity: Severity; message: string }

/** Notifications currently shown as toasts (errors stay until dismissed; info toasts fade out). */
export async function notifications(page: Page): Promise<NotificationInfo[]> {
  return page.locator('.notifications-toasts .notification-list-item').evaluateAll((items) => items.map((item) => {
    const icon = item.querySelector('.notification-list-item-icon')?.className ?? '';
    const severity = icon.includes('codicon-error') ? 'error' : icon.includes('codicon-warning') ? 'warning' : 'info';
    const message = (item.querySelector('.notification-list-item-message')?.textContent ?? '').trim();
    return { severity, message } as { severity: 'error' | 'warning' | 'info'; message: string };
  }));
}

/** Waits for a toast whose message matches, and returns it (its buttons: `.monaco-button`). */
export async function waitForNotification(page: Page, text: string | RegExp, { timeoutMs = 15_000 } = {}): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-list-item', {
    has: page.locator('.notification-list-item-message', { hasText: text }),
  }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/** Waits until no notification (toast or notification center) matches `text`: it was closed, not just faded out. */
export async function waitForNotificationGone(page: Page, text: string | RegExp, { timeoutMs = 15_000 } = {}): Promise<void> {
  await page.locator('.notification-list-item', { has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first().waitFor({ state: 'detached', timeout: timeoutMs });
}

/** Error toasts, e.g. "Activating extension … failed" or a command that threw. */
export async function errorNotifications(page: Page): Promise<string[]> {
  return (await notifications(page)).filter((n) => n.severity === 'error').map((n) => n.message);
}

/** Closes every toast (Notifications: Clear All Notifications). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

// ------------------------------------------------------------------------------------------------
// Output and logs (read from the server's log files: sturdier than scraping Monaco's virtual lines)
// ------------------------------------------------------------------------------------------------

/** Text of the newest log file of output channel `channel` (created with `{ log: true }`). '' if none yet. */
export function readOutputChannel(server: { userDataDir: string }, channel = 'Switchboard'): string {
  const files = findOutputChannelLogs(server.userDataDir, channel);
  const newest = files[files.length - 1];
  return newest ? readFileSync(newest, 'utf8') : '';
}

/** Polls the output channel until its text matches `pattern` (log files are flushed with a small delay). */
export async function waitForOutput(server: { userDataDir: string }, pattern: string | RegExp, { channel = 'Switchboard', timeoutMs = 15_000 } = {}): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readOutputChannel(server, channel);
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`output channel "${channel}" never matched ${pattern}; it holds:\n${text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** All extension-host logs of the server (every page load starts a new extension host). */
export function extensionHostLog(server: { userDataDir: string }): string {
  return findOutputChannelLogs(server.userDataDir, 'remoteexthost').map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * Warning and error lines VS Code itself wrote on the server: its log files (remote agent, extension
 * hosts), not extensions' output channels (in `<publisher>.<name>/` folders), and code-server's output.
 */
export function serverProblems(server: { userDataDir: string; logs: { text(): string } }): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.includes('.')) walk(p);
      else if (e.isFile() && e.name.endsWith('.log')) files.push(p);
    }
  };
  try { walk(path.join(server.userDataDir, 'logs')); } catch { /* no logs yet */ }
  const leveled = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => /\[(warning|error)\]/i.test(l)).map((l) => `${path.basename(f)}: ${l}`));
  const stdout = server.logs.text().split('\n').filter((l) => /\b(warn(ing)?|error|fail(ed)?)\b/i.test(l)).map((l) => `code-server: ${l}`);
  return [...leveled, ...stdout];
}

// ------------------------------------------------------------------------------------------------
// Screenshots
// ------------------------------------------------------------------------------------------------

/** Saves <screenshotDir>/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Copies a screenshot to media/screenshots/<name>.png for the README, only when
 * SWITCHBOARD_UPDATE_SCREENSHOTS is set (a test run leaves tracked files alone) and, unless the
 * picture is of a newer build's feature (`anyBuild`), only from the default build.
 */
export function keepForReadme(file: string, name: string, { anyBuild = false } = {}): void {
  if (!process.env.SWITCHBOARD_UPDATE_SCREENSHOTS || (!anyBuild && build !== DEFAULT_BUILD)) return;
  mkdirSync(path.join(repoRoot, 'media', 'screenshots'), { recursive: true });
  copyFileSync(file, path.join(repoRoot, 'media', 'screenshots', `${name}.png`));
}
