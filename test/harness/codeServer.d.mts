// Types for codeServer.mjs (plain Node ESM, imported by the TypeScript e2e suite and the benchmark).
import type { ChildProcess } from 'node:child_process';
import type { Browser, LaunchOptions } from 'playwright-core';

/** A VS Code build the harness can run (see vscodeBuilds.mjs). */
export type VsCodeBuild = '1.100' | '1.139';
export const BUILD_IDS: readonly VsCodeBuild[];
export const DEFAULT_BUILD: VsCodeBuild;
/** The build named by SWITCHBOARD_VSCODE (default 1.100). */
export function selectedBuild(env?: NodeJS.ProcessEnv): VsCodeBuild;
export interface BuildInfo {
  id: VsCodeBuild;
  codeServerVersion: string;
  /** Node version the install fetches, or undefined when the build runs on the suite's own Node. */
  nodeVersion?: string;
  nodeBinary: string;
  dir: string;
  entry: string;
  vscodeDir: string;
  /** Settings every harness profile of this build gets (on top of BASE_SETTINGS). */
  settings: Readonly<Record<string, unknown>>;
}
export function buildInfo(build?: VsCodeBuild): BuildInfo;

/** The default build's (1.100) code-server version, cache folder and entry script. */
export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const cacheRoot: string;
export const codeServerDir: string;
export const codeServerEntry: string;
export const chromiumPath: string;
export const BASE_SETTINGS: Readonly<Record<string, unknown>>;
export const CHROMIUM_ARGS: readonly string[];

export function log(message: string): void;
export function ensurePrerequisites(): void;
/** Default build: selectedBuild(). */
export function codeServerInstalled(build?: VsCodeBuild): boolean;
/** Installs `build` (default selectedBuild()) into .vscode-test/ once; returns its entry script. */
export function ensureCodeServer(build?: VsCodeBuild): Promise<string>;
export function findFreePort(preferred?: number): Promise<number>;
/** Writes User/settings.json — read at page load only; a running workbench does not notice. */
export function updateUserSettings(userDataDir: string, patch: Record<string, unknown>): Promise<void>;
/** Writes Machine/settings.json ("Remote" settings) — applied live, overrides user settings. */
export function updateRemoteSettings(userDataDir: string, patch: Record<string, unknown>): Promise<void>;
/** Keys package.json declares `"scope": "application"`: VS Code reads them from User settings only. */
export const APPLICATION_SCOPED_SETTINGS: readonly string[];
/** Application-scoped keys → User/settings.json (next page load), the rest → Machine/settings.json (live). */
export function updateSettings(userDataDir: string, patch: Record<string, unknown>): Promise<void>;
export function installVsix(profile: { root: string; userDataDir: string; extensionsDir: string }, vsix: string, build?: VsCodeBuild): Promise<void>;
export function findOutputChannelLogs(userDataDir: string, channel: string): string[];

export interface StartCodeServerOptions {
  /** VS Code build to run (default selectedBuild(): SWITCHBOARD_VSCODE, else 1.100). */
  build?: VsCodeBuild;
  /** VSIX to install before starting. */
  vsix?: string;
  /** More VSIX files to install alongside (e2e: a test extension that calls Switchboard). */
  extraVsix?: string[];
  /** Folder the workbench opens (default: the repo). */
  folder?: string;
  /** Merged over BASE_SETTINGS and the build's settings into `<user-data-dir>/User/settings.json`. */
  settings?: Record<string, unknown>;
  /** Preferred port; a free one is used when it is taken. */
  port?: number;
  /** Persistent profile folder; default a temp folder that stop() removes. */
  profileDir?: string;
  /** Copy code-server's output to stderr. */
  echo?: boolean;
  timeoutMs?: number;
}

export interface CodeServerLogs {
  lines(): string[];
  text(): string;
}

export interface CodeServer {
  build: VsCodeBuild;
  codeServerVersion: string;
  /** Workbench URL with `?folder=` set. */
  url: string;
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  port: number;
  folder: string;
  profileDir: string;
  /** code-server's (and its extension hosts') TMPDIR; undefined for a persistent profile. */
  tmpDir: string | undefined;
  userDataDir: string;
  extensionsDir: string;
  logs: CodeServerLogs;
  process: ChildProcess;
  /**
   * Settings change; `undefined` removes a key. Keys in APPLICATION_SCOPED_SETTINGS (base URLs,
   * endpoints) go to `<user-data-dir>/User/settings.json` and apply at the next page load or reload
   * (VS Code ignores them in Remote settings); the rest merge into `Machine/settings.json` ("Remote"
   * settings, applied live, overriding user settings).
   */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  /** Kills the process tree and removes a temporary profile (kept with SWITCHBOARD_KEEP_E2E=1). */
  stop(): Promise<void>;
}

export function startCodeServer(options?: StartCodeServerOptions): Promise<CodeServer>;
export function launchChromium(options?: LaunchOptions): Promise<Browser>;
