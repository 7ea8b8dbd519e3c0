// Helpers for driving text editors in code-server's workbench (VS Code 1.100.3 and 1.139.1): open a
// file, select whole lines, the editor's context menu, undo / save, tabs, notification buttons.
// Quirks they work around (checked in code-server 4.100.3 and 4.139.1 + Debian's Chromium, headless):
// - A tab shows its file name in `.label-name`; from 1.139 the extension is a separate
//   `.label-suffix` ("hello" + ".ts"): read tab titles with tabTitles(), never `.label-name` alone.
// - The editor's context menu is rendered inside an open shadow root (`.monaco-editor >
//   .shadow-root-host`), and the document also holds an empty, hidden `.context-view`: query menus
//   with Playwright locators (they pierce open shadow roots), not `document.querySelector`.
// - Menus show a command's title without its category: "Ask About Selection", where the palette
//   says "Switchboard: Ask About Selection". A menu item ignores `click` and reacts to `mouseup`
//   only from 100 ms after the menu rendered.
// - The status bar's "Ln, Col" item is redrawn on an animation frame: read right after a key press
//   it can be one key behind.
// - In VS Code for the web `files.autoSave` defaults to `afterDelay` (1 s); dirty tabs are then not
//   marked (see saveAll).
// - A palette opened just before something takes the focus (an extension revealing an editor, a
//   webview) closes at once: palette-driven helpers here start over when that happens.
// - Monaco renders only the visible lines, so file contents are read from disk after a save.
// - Functions passed to page.evaluate must not declare named inner functions: tsx's esbuild adds
//   `__name(...)` calls that do not exist in the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { errorNotifications, exactly, openCommandPalette, quickInput, runCommand } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a truthy value; throws `what()` (evaluated late, for a useful
 * message) on timeout. Errors thrown by `fn` count as "not yet", unless `rethrow`.
 */
async function until<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs: number, what: () => string | Promise<string>, { rethrow = false } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = rethrow ? await fn() : await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(await what());
    await sleep(100);
  }
}

// ------------------------------------------------------------------------------------------------
// Editors and tabs
// ------------------------------------------------------------------------------------------------

const ACTIVE_GROUP = '.part.editor .editor-group-container.active';

/**
 * The active group's text editor: for a diff editor, its modified (right, editable) side. Its
 * `data-uri` attribute is the open document's URI.
 */
export function activeEditor(page: Page): Locator {
  // [data-uri]: a diff editor's outer element is a `.monaco-editor` too, without a document.
  return page.locator(`${ACTIVE_GROUP} .editor-container .monaco-editor[data-uri]:not(.original-in-monaco-diff-editor)`).first();
}

/** The active group's active tab. */
export function activeTab(page: Page): Locator {
  return page.locator(`${ACTIVE_GROUP} .tabs-container .tab.active`).first();
}

/** The titles of `tabs` as shown (e.g. "hello.ts", or "hello.ts ↔ …" for a diff editor): name + suffix. */
async function tabTitles(tabs: Locator): Promise<string[]> {
  return tabs.evaluateAll((els) => els.map((el) => (
    (el.querySelector('.tab-label .label-name')?.textContent ?? '') + (el.querySelector('.tab-label .label-suffix')?.textContent ?? '')
  ).trim()));
}

/** A tab's title as shown. */
async function tabTitle(tab: Locator): Promise<string> {
  return (await tabTitles(tab.first()))[0] ?? '';
}

/** Title of the active group's active tab ('' when no editor is open). */
export async function activeTabLabel(page: Page): Promise<string> {
  const tab = activeTab(page);
  return (await tab.count()) ? tabTitle(tab) : '';
}

/** Titles of all tabs, every group. */
export async function tabLabels(page: Page): Promise<string[]> {
  return tabTitles(page.locator('.part.editor .tabs-container .tab'));
}

/**
 * Waits for a tab, in any editor group, whose title matches `label` (a diff tab's title is
 * "<left> ↔ <right>" unless the opener named it) and returns it. `active: true` also requires it to
 * be the active tab of the active group.
 */
export async function waitForTab(page: Page, label: RegExp | string, { active = false, timeoutMs = 15_000 } = {}): Promise<Locator> {
  const re = exactly(label);
  const tabs = page.locator(active ? `${ACTIVE_GROUP} .tabs-container .tab.active` : '.part.editor .tabs-container .tab');
  const index = await until(async () => {
    const titles = await tabTitles(tabs);
    const i = titles.findIndex((t) => re.test(t));
    return i >= 0 ? i + 1 : undefined; // +1: index 0 is falsy
  }, timeoutMs, async () => `no ${active ? 'active ' : ''}tab matching ${re} after ${timeoutMs} ms; tabs: ${(await tabLabels(page)).join(' | ') || '(none)'}; active: "${await activeTabLabel(page)}"`);
  return tabs.nth(index - 1);
}

/**
 * Titles of the tabs shown as having unsaved changes (every group). With a short auto save delay,
 * VS Code for the web's default, unsaved tabs are not marked: see saveAll.
 */
export async function dirtyTabs(page: Page): Promise<string[]> {
  return tabTitles(page.locator('.part.editor .tabs-container .tab.dirty'));
}

/** Focuses the active text editor without moving its cursor or selection, and waits until it has focus. */
export async function focusActiveEditor(page: Page, { timeoutMs = 10_000 } = {}): Promise<void> {
  const editor = activeEditor(page);
  await editor.waitFor({ state: 'visible', timeout: timeoutMs });
  // Monaco takes keyboard input through a hidden textarea (or an EditContext div when
  // `editor.editContext` is on); focusing it focuses the editor, keeping the selection.
  await editor.locator('textarea.inputarea, .native-edit-context').first().focus();
  await page.locator(`${ACTIVE_GROUP} .monaco-editor.focused`).first().waitFor({ state: 'attached', timeout: timeoutMs });
}

/**
 * Moves keyboard focus out of a webview (the chat panel) into the active editor, or else the
 * workbench. A key pressed in a webview is forwarded to the workbench, so F1 still opens the
 * palette, but the palette then closes at once as focus stays in the webview's frame.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  if (!(await page.evaluate(() => document.activeElement?.tagName === 'IFRAME'))) return;
  if (await activeEditor(page).count()) await focusActiveEditor(page);
  else await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const paletteRows = (page: Page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/**
 * Opens the command palette, types `text`, and runs `act` (which picks a row). When the palette
 * closes under it, because something took the focus (an extension revealing an editor right
 * then, say), it starts over, up to 3 times: so `act` must be safe to repeat.
 */
async function withPalette<T>(page: Page, text: string, act: (isOpen: () => Promise<boolean>) => Promise<T>): Promise<T> {
  const isOpen = () => quickInput.isOpen(page);
  for (let attempt = 1; ; attempt++) {
    try {
      await focusWorkbench(page);
      await openCommandPalette(page);
      await quickInput.input(page).fill(text, { timeout: 3000 });
      return await act(isOpen);
    } catch (err) {
      if (attempt >= 3 || (await isOpen())) throw err; // still open: a real failure
    }
  }
}

/** Runs a palette command whose effect is the same when run twice (see withPalette). */
async function runIdempotentCommand(page: Page, title: string, { timeoutMs = 15_000 } = {}): Promise<void> {
  await withPalette(page, `>${title}`, async (isOpen) => {
    const row = paletteRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
    await until(async () => (await row.isVisible()) || !(await isOpen()) || undefined, timeoutMs, async () =>
      `command "${title}" is not in the palette; it offered: ${(await quickInput.items(page).catch(() => [])).join(' | ') || '(nothing)'}`);
    await row.click({ timeout: 3000 });
    await quickInput.waitClosed(page, timeoutMs);
  });
}

/**
 * Opens `relativePath` (a path inside the workspace folder, `/`-separated) through Quick Open, and
 * waits until its tab is the active one and its editor has keyboard focus. Quick Open is reached
 * from the command palette (F1, then the `>` prefix removed; Ctrl+P works too), after moving focus
 * out of any webview. Files created on disk after the workbench opened are found too.
 */
export async function openFile(page: Page, relativePath: string, { timeoutMs = 20_000 } = {}): Promise<void> {
  const rel = relativePath.split(path.sep).join('/').replace(/^\.\//, '');
  const name = path.posix.basename(rel);
  const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const isOpen = async () => {
    const uri = await activeEditor(page).getAttribute('data-uri', { timeout: 1000 });
    return uri !== null && decodeURIComponent(uri).endsWith(`/${rel}`);
  };

  // Rows are "recently opened" and "file results"; a row shows the name and, for a file below the
  // workspace root, its folder as the description. Locators (not indexes): the list re-renders
  // as results arrive.
  const named = paletteRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(name) }) });
  const exact = dir
    ? named.filter({ has: page.locator('.label-description', { hasText: exactly(dir) }) })
    : named.filter({ hasNot: page.locator('.label-description', { hasText: /\S/ }) });
  await withPalette(page, rel, async (paletteOpen) => {
    const started = Date.now();
    const row = await until(async () => {
      if (await exact.count()) return exact.first();
      // Whatever Quick Open shows as the description, take a row with that name after a while.
      if (Date.now() - started > 3000 && (await named.count())) return named.first();
      if (!(await paletteOpen())) throw new Error('Quick Open closed');
      return undefined;
    }, timeoutMs, async () => `Quick Open did not offer "${rel}"; it offered: ${(await quickInput.items(page).catch(() => [])).join(' | ') || '(nothing)'}`,
    { rethrow: true });
    await row.click({ timeout: 3000 });
    await quickInput.waitClosed(page, timeoutMs);
  });

  await until(isOpen, timeoutMs, async () => `"${rel}" did not become the active editor (active tab: "${await activeTabLabel(page)}", editor: ${await activeEditor(page).getAttribute('data-uri', { timeout: 1000 }).catch(() => null)})`);
  await waitForTab(page, name, { active: true, timeoutMs });
  await focusActiveEditor(page, { timeoutMs });
}

// ------------------------------------------------------------------------------------------------
// Cursor and selection
// ------------------------------------------------------------------------------------------------

export interface CursorStatus {
  /** 1-based line and column of the cursor (the active end of the selection). */
  line: number;
  column: number;
  /** Characters selected (line breaks count as one); 0 when the selection is empty. */
  selected: number;
}

async function readCursorStatus(page: Page): Promise<CursorStatus | undefined> {
  const item = page.locator('.statusbar [id="status.editor.selection"]');
  if (!(await item.isVisible())) return undefined;
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(await item.innerText());
  return m ? { line: Number(m[1]), column: Number(m[2]), selected: Number(m[3] ?? 0) } : undefined;
}

/** Resolves after the page has rendered two more animation frames. */
async function afterFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * The status bar's "Ln 4, Col 2 (75 selected)" item, parsed; undefined when no text editor is
 * active. The item is redrawn on an animation frame after the cursor moves, so this reads it until
 * two reads an animation frame apart agree (a read right after a key press can be one key behind).
 */
export async function cursorStatus(page: Page): Promise<CursorStatus | undefined> {
  let last = await readCursorStatus(page);
  for (let i = 0; i < 20; i++) {
    await afterFrames(page);
    const next = await readCursorStatus(page);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

/**
 * Moves the cursor to `line`:`column` (1-based; the selection collapses) with Go to Line: Ctrl+G,
 * or the palette's "Go to Line/Column..." if that key did not reach the workbench. Throws at once
 * when the file has fewer lines. Returns the file's line count (the picker states it).
 */
export async function goToLine(page: Page, line: number, column = 1, { timeoutMs = 10_000 } = {}): Promise<number> {
  return goToLineChecked(page, line, column, line, timeoutMs);
}

async function goToLineChecked(page: Page, line: number, column: number, needLines: number, timeoutMs: number): Promise<number> {
  await focusActiveEditor(page, { timeoutMs });
  await page.keyboard.press('Control+G');
  const opened = await page.waitForFunction(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const input = widget?.querySelector<HTMLInputElement>('.quick-input-box input');
    return !!widget && widget.style.display !== 'none' && !!input && input.value.startsWith(':');
  }, undefined, { timeout: 3000 }).then(() => true, () => false);
  if (!opened) {
    await quickInput.dismiss(page).catch(() => undefined);
    await runCommand(page, 'Go to Line/Column...');
  }
  // Its input's aria-label: "Current Line: 1, Character: 1. Type a line number between 1 and 9 to navigate to."
  const ariaLabel = (await quickInput.input(page).getAttribute('aria-label', { timeout: timeoutMs })) ?? '';
  const lineCount = Number(/between 1 and (\d+)/.exec(ariaLabel)?.[1] ?? NaN);
  if (lineCount < needLines) {
    await quickInput.dismiss(page);
    throw new Error(`the active editor has ${lineCount} lines; line ${needLines} does not exist`);
  }
  await quickInput.input(page).fill(`:${line}:${column}`);
  // The picker offers "Go to line N and character M." once it has parsed the value.
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: new RegExp(`line ${line}\\b`) }).first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await quickInput.input(page).press('Enter');
  await quickInput.waitClosed(page, timeoutMs);
  await until(async () => {
    const s = await cursorStatus(page);
    return s && s.line === line && s.column === column && s.selected === 0;
  }, timeoutMs, async () => `Go to Line ${line}:${column} left the cursor at ${JSON.stringify(await cursorStatus(page))} (is line ${line} that long?)`);
  return lineCount;
}

/**
 * Selects whole lines `fromLine`..`toLine` (1-based, inclusive) of the active editor: from column 1
 * of `fromLine` (leading whitespace included) to the end of `toLine`'s text, the line break after
 * it NOT included; the cursor ends at the end of `toLine`. The selection is the same text as
 * `lines.slice(fromLine - 1, toLine).join('\n')` of the document (with LF line endings), so an
 * empty single line selects nothing. Uses Go to Line, then Shift+Down and Shift+End (word wrap
 * must be off, the default, or Shift+End stops at the end of the visual line). Waits until the
 * status bar shows the cursor on `toLine`; throws at once when the file has fewer than `toLine` lines.
 */
export async function selectLines(page: Page, fromLine: number, toLine: number, { timeoutMs = 10_000 } = {}): Promise<void> {
  if (!Number.isInteger(fromLine) || !Number.isInteger(toLine) || fromLine < 1 || toLine < fromLine) {
    throw new Error(`selectLines: need 1 <= fromLine <= toLine, got ${fromLine}..${toLine}`);
  }
  await goToLineChecked(page, fromLine, 1, toLine, timeoutMs);
  for (let i = fromLine; i < toLine; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await until(async () => {
    const s = await cursorStatus(page);
    return s && s.line === toLine;
  }, timeoutMs, async () => `selectLines(${fromLine}, ${toLine}): the cursor is at ${JSON.stringify(await cursorStatus(page))}`);
}

// ------------------------------------------------------------------------------------------------
// The editor's context menu (rendered by VS Code itself, inside the editor's shadow root)
// ------------------------------------------------------------------------------------------------

/** The open context menu (locators pierce the shadow root it lives in). */
export function contextMenu(page: Page): Locator {
  return page.locator('.context-view.monaco-menu-container .monaco-menu').filter({ visible: true }).first();
}

/** Labels of the open context menu's items, in order, separators left out. */
export async function contextMenuItems(page: Page): Promise<string[]> {
  return (await contextMenu(page).locator('.action-item a.action-menu-item .action-label').allInnerTexts()).map((s) => s.trim());
}

/**
 * Right-clicks the active editor's text and waits for its context menu; returns the item labels.
 * It clicks inside the selection, so the selection is kept (with no selection, on the cursor, so
 * the cursor stays where it is).
 */
export async function openEditorContextMenu(page: Page, { timeoutMs = 10_000 } = {}): Promise<string[]> {
  const editor = activeEditor(page);
  await editor.waitFor({ state: 'visible', timeout: timeoutMs });
  const scroller = await editor.locator('.overflow-guard').first().boundingBox();
  // Selection highlights are `.selected-text` divs, one per line (plus a thin one for each line break).
  const boxes = await editor.locator('.view-overlays .selected-text').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  const inView = (b: { x: number; y: number; width: number; height: number }) =>
    !scroller || (b.y >= scroller.y && b.y + b.height <= scroller.y + scroller.height && b.x + b.width / 2 < scroller.x + scroller.width);
  let target = boxes.filter((b) => b.width >= 4 && b.height > 0 && inView(b)).sort((a, b) => b.width - a.width)[0];
  if (!target) {
    const cursor = await editor.locator('.cursors-layer .cursor').first().boundingBox();
    if (!cursor) throw new Error('openEditorContextMenu: the active editor shows neither a selection nor a cursor');
    target = { ...cursor, x: cursor.x, width: 1 };
  }
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2, { button: 'right' });
  await contextMenu(page).waitFor({ state: 'visible', timeout: timeoutMs });
  // Items render with the menu, but wait for at least one to be safe.
  await contextMenu(page).locator('.action-item a.action-menu-item').first().waitFor({ state: 'visible', timeout: timeoutMs });
  return contextMenuItems(page);
}

/** Closes an open context menu with Escape and waits until it is gone. */
export async function closeContextMenu(page: Page, { timeoutMs = 5_000 } = {}): Promise<void> {
  if (!(await contextMenu(page).count())) return;
  await page.keyboard.press('Escape');
  await page.locator('.context-view.monaco-menu-container .monaco-menu').filter({ visible: true }).waitFor({ state: 'detached', timeout: timeoutMs });
}

/**
 * Right-clicks the active editor's selection (keeping it) and clicks the context-menu item `label`,
 * then waits for the menu to close. `label` is the menu's text, which for a contributed command is
 * its title without the category ("Ask About Selection"); the palette form "Switchboard: Ask About
 * Selection" is accepted too and matches the same item. A RegExp is matched as is. Throws, listing
 * the menu, when no enabled item matches.
 */
export async function editorContextMenu(page: Page, label: string | RegExp, { timeoutMs = 10_000 } = {}): Promise<void> {
  const labels = await openEditorContextMenu(page, { timeoutMs });
  const candidates = typeof label === 'string' ? [label, label.replace(/^[^:]+:\s+/, '')] : [label];
  const wanted = candidates.map(exactly).find((re) => labels.some((l) => re.test(l)));
  const item = wanted && contextMenu(page).locator('.action-item', { has: page.locator('a.action-menu-item .action-label', { hasText: wanted }) }).first();
  if (!item || !wanted) {
    await closeContextMenu(page).catch(() => undefined);
    throw new Error(`the editor's context menu has no item "${label}"; it has: ${labels.join(' | ')}`);
  }
  if (await item.evaluate((el) => el.classList.contains('disabled'))) {
    await closeContextMenu(page).catch(() => undefined);
    throw new Error(`the editor's context menu item "${label}" is disabled`);
  }
  // A menu item listens for mouseup only from 100 ms after it rendered (so the right-click's own
  // mouseup cannot pick an item), and ignores click events: wait, click, and click again if the
  // menu is still open (it closes as soon as an item runs, so a second click cannot run it twice).
  const open = page.locator('.context-view.monaco-menu-container .monaco-menu').filter({ visible: true });
  await sleep(250);
  for (let attempt = 1; ; attempt++) {
    await item.locator('a.action-menu-item').click({ timeout: timeoutMs });
    try {
      await open.waitFor({ state: 'detached', timeout: attempt < 3 ? 1000 : timeoutMs });
      return;
    } catch (err) {
      if (!(await open.count())) return;
      if (attempt >= 3) throw new Error(`the context menu stayed open after clicking "${label}": ${String(err)}`);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Undo, save, files on disk
// ------------------------------------------------------------------------------------------------

/**
 * Focuses the active text editor (keeping its selection) and presses Ctrl+Z `times` times. Each
 * press undoes one undo step of that editor: an edit made by an extension is one step, but typed
 * text is split into steps at word boundaries (typing " // probe" takes two Undos: " probe", " //").
 */
export async function undo(page: Page, times = 1): Promise<void> {
  await focusActiveEditor(page);
  for (let i = 0; i < times; i++) await page.keyboard.press('Control+Z');
}

/**
 * Runs File: Save All Files and waits until no tab is dirty; throws, with the error toasts, when a
 * save fails (e.g. the file changed on disk: VS Code then offers Compare / Overwrite in a toast).
 * Untitled editors would open a Save As dialog: save only files.
 * In VS Code for the web `files.autoSave` defaults to `afterDelay` (1 s), and with so short a delay
 * tabs never show as dirty: then this flushes pending saves (the disk has them ~100 ms later) but
 * cannot see them finish, so read the disk with `waitForWorkspaceFile`. Specs that check files on
 * disk are steadier with auto save off (`useWorkbench({ settings: { 'files.autoSave': 'off' } })`):
 * with auto save on, about one run in fifteen, Save All racing an auto save and then undoing back
 * to the original text left VS Code believing the file saved, and the undo never reached the disk.
 */
export async function saveAll(page: Page, { timeoutMs = 15_000 } = {}): Promise<void> {
  await runIdempotentCommand(page, 'File: Save All Files', { timeoutMs });
  await until(async () => (await dirtyTabs(page)).length === 0, timeoutMs, async () =>
    `File: Save All Files left unsaved tabs: ${(await dirtyTabs(page)).join(', ')}; errors: ${(await errorNotifications(page)).join(' | ') || '(none)'}`);
}

/** A workspace file's text from disk (after a save: Monaco renders only the visible lines, so the DOM has no full text). */
export function readWorkspaceFile(workspaceDir: string, relativePath: string): string {
  return readFileSync(path.join(workspaceDir, relativePath), 'utf8');
}

/**
 * Polls a workspace file on disk until its text equals `expected` (or `expected(text)` is true),
 * and returns the last text read, so `assert.equal(await waitForWorkspaceFile(...), expected)`
 * shows the difference when it never got there. For saves whose end the page cannot show (auto save).
 */
export async function waitForWorkspaceFile(workspaceDir: string, relativePath: string, expected: string | ((text: string) => boolean), { timeoutMs = 10_000 } = {}): Promise<string> {
  const matches = typeof expected === 'string' ? (t: string) => t === expected : expected;
  const read = () => { try { return readWorkspaceFile(workspaceDir, relativePath); } catch { return ''; } };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = read();
    if (matches(text) || Date.now() > deadline) return text;
    await sleep(100);
  }
}

// ------------------------------------------------------------------------------------------------
// Notifications
// ------------------------------------------------------------------------------------------------

/** Clicks an icon action in the active editor's title bar (an `editor/title` menu item), by its title. */
export async function clickEditorTitleAction(page: Page, title: string, { timeoutMs = 10_000 } = {}): Promise<void> {
  const action = page.locator(`.editor-group-container.active .editor-actions a.action-label[aria-label="${title}"]`).first();
  await action.waitFor({ state: 'visible', timeout: timeoutMs });
  await action.click();
}
