// One code-server and one Chromium for the whole e2e run (starting them takes seconds), a fresh
// browser context per test file: in code-server, SecretStorage and globalState live in the
// browser's storage, so a new context is a clean profile as far as the extension can tell.
// The VS Code build comes from SWITCHBOARD_VSCODE (1.100 default, 1.139): `npm run test:e2e` runs
// the suite once per build; a test that needs one build checks `env.build`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureCodeServer, ensurePrerequisites, launchChromium, repoRoot, startCodeServer, type CodeServer, type VsCodeBuild } from '../harness/codeServer.mjs';
import { vsixPath } from '../harness/packageVsix.mjs';
import { EXTENSION_ID, build, openWorkbench, screenshot, waitForWorkbench } from './workbench';

export interface SharedEnv {
  /** The VS Code build this run uses (`if (env.build !== '1.139') this.skip()`). */
  build: VsCodeBuild;
  server: CodeServer;
  browser: Browser;
  /** The temp copy of test/e2e/sample-workspace the server opened. */
  workspace: string;
  vsix: string;
  /** User/settings.json as the server started: each file starts from it again. */
  userSettings: string;
}

let shared: Promise<SharedEnv> | undefined;

async function startEnv(): Promise<SharedEnv> {
  ensurePrerequisites();
  await ensureCodeServer(build);
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} not found: run the e2e suite with \`npm run test:e2e\` (it packages first)`);
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'switchboard-workspace-'));
  cpSync(path.join(repoRoot, 'test', 'e2e', 'sample-workspace'), workspace, { recursive: true });
  process.on('exit', () => rmSync(workspace, { recursive: true, force: true })); // also after Ctrl-C
  // On a VS Code with the language model API, a second extension calls Switchboard's models as any would.
  const probeDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-lm-probe-'));
  process.on('exit', () => rmSync(probeDir, { recursive: true, force: true }));
  const extraVsix = build === '1.139' ? [packageProbe(probeDir)] : [];
  const server = await startCodeServer({ build, vsix, extraVsix, folder: workspace });
  try {
    const browser = await launchChromium();
    const userSettings = readFileSync(path.join(server.userDataDir, 'User', 'settings.json'), 'utf8');
    return { build, server, browser, workspace, vsix, userSettings };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** The run's code-server + Chromium, started on first use. */
export function sharedEnv(): Promise<SharedEnv> {
  shared ??= startEnv();
  return shared;
}

// A root-level hook (this module is loaded once, while mocha loads the first e2e file): stop the
// shared server after the last file, keeping its logs under test-results/ for CI.
after(async function () {
  this.timeout(60_000);
  if (!shared) return;
  const env = await shared.catch(() => undefined);
  if (!env) return;
  const logDir = path.join(repoRoot, 'test-results', 'e2e-logs', env.build);
  try {
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    writeFileSync(path.join(logDir, 'code-server.log'), env.server.logs.text());
    cpSync(path.join(env.server.userDataDir, 'logs'), path.join(logDir, 'vscode'), { recursive: true });
  } catch { /* logs are a convenience */ }
  await env.browser.close().catch(() => undefined);
  await env.server.stop();
  rmSync(env.workspace, { recursive: true, force: true });
});

export interface WorkbenchFixture {
  readonly env: SharedEnv;
  readonly server: CodeServer;
  readonly context: BrowserContext;
  /** The workbench page opened by the fixture. */
  readonly page: Page;
  /** Uncaught errors and console errors of the workbench page (webview frames included). */
  readonly pageErrors: string[];
  /** Console warnings of the workbench page (the renderer logs extension-point problems there). */
  readonly pageWarnings: string[];
  /** Reloads the page (a new extension host starts; secrets and globalState survive). */
  reload(): Promise<void>;
  /** A second workbench window in the same browser context (shares secrets and globalState). */
  newWindow(): Promise<Page>;
  /** The workbench URL for `folder` (default: the sample workspace). */
  url(folder?: string): string;
  /**
   * Runs `fn` in the fixture's `before`, after the settings reset and before the page opens: the
   * place for settings that apply only at page load (application-scoped ones: base URLs, endpoints).
   */
  beforeOpen(fn: () => Promise<void>): void;
}

/**
 * Call inside a `describe`: resets the Remote settings to `settings`, opens the workbench in a new
 * browser context (empty SecretStorage and globalState) before the tests, saves a screenshot of
 * every failing test, and closes the context after the last one.
 */
export function useWorkbench({ folder, settings = {}, viewport = { width: 1280, height: 800 } }: {
  /** Folder to open (default: the shared copy of test/e2e/sample-workspace). */
  folder?: string;
  /** Settings for this file, applied before the page opens (see server.updateSettings). */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
} = {}): WorkbenchFixture {
  let env: SharedEnv | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const pageWarnings: string[] = [];
  const beforeOpen: (() => Promise<void>)[] = [];
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`useWorkbench: ${what} is not ready (use it inside a test or hook)`);
    return v;
  };
  const url = (f?: string) => {
    const e = need(env, 'the server');
    return `${e.server.baseUrl}?folder=${encodeURIComponent(f ?? folder ?? e.workspace)}`;
  };
  const watch = (p: Page) => {
    p.on('pageerror', (err) => pageErrors.push(err.message));
    p.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
      else if (msg.type() === 'warning') pageWarnings.push(msg.text());
    });
  };

  before(async function () {
    this.timeout(15 * 60_000); // the first run installs code-server
    env = await sharedEnv();
    // Each file starts from the same settings: drop what an earlier file set with updateSettings().
    mkdirSync(path.join(env.server.userDataDir, 'Machine'), { recursive: true });
    writeFileSync(path.join(env.server.userDataDir, 'Machine', 'settings.json'), '{}\n');
    writeFileSync(path.join(env.server.userDataDir, 'User', 'settings.json'), env.userSettings);
    // Conversations and usage history live in files on the server, not in the browser's storage:
    // start each file without the earlier files' ones, as a new browser context starts without
    // their keys. An earlier file's extension host can still be saving there (code-server keeps it
    // for a grace period after its page closed): move each folder aside at once, then delete it with retries.
    const storage = path.join(env.server.userDataDir, 'User', 'globalStorage', EXTENSION_ID.toLowerCase());
    for (const folder of ['chat', 'usage']) clearFolder(path.join(storage, folder));
    await env.server.updateSettings(settings);
    for (const fn of beforeOpen) await fn();
    context = await env.browser.newContext({ viewport });
    page = await openWorkbench(context, url());
    watch(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      const file = await screenshot(page, `failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
    }
  });

  after(async () => {
    await context?.close().catch(() => undefined);
  });

  return {
    get env() { return need(env, 'the server'); },
    get server() { return need(env, 'the server').server; },
    get context() { return need(context, 'the browser context'); },
    get page() { return need(page, 'the page'); },
    pageErrors,
    pageWarnings,
    async reload() {
      const p = need(page, 'the page');
      await p.reload();
      await waitForWorkbench(p);
    },
    async newWindow() {
      const p = await openWorkbench(need(context, 'the browser context'), url());
      watch(p);
      return p;
    },
    url,
    beforeOpen(fn) {
      beforeOpen.push(fn);
    },
  };
}

/** Empties `dir` even while another process still writes into it (ENOTEMPTY from a plain rmSync). */
function clearFolder(dir: string): void {
  if (!existsSync(dir)) return;
  const aside = `${dir}.old-${process.pid}-${Date.now()}`;
  renameSync(dir, aside);
  rmSync(aside, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Packs test/e2e/lm-probe (the test extension) into `dir`; returns the VSIX path. */
function packageProbe(dir: string): string {
  const out = path.join(dir, 'lm-probe.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: path.join(repoRoot, 'test', 'e2e', 'lm-probe'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`packaging the LM probe extension failed:\n${r.stdout}${r.stderr}`);
  return out;
}
