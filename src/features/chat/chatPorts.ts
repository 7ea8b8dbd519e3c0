// What the chat panel needs from the rest of the extension, as small interfaces: the composition
// root implements them with the real services, tests with fakes. No `vscode` import here, so the
// chat's logic runs and is tested in plain Node.
import type { InstructionFile } from '../../core/instructions/workspaceInstructions';
import type { ResolvedModel } from '../../core/models/resolvedModel';
import type { ModelRequest, RequestRun } from '../../core/requests/requestService';
import type { Attachment, AttachmentDraft } from '../../core/attachments/attachment';
import type { SETTINGS_SECTIONS, UiAttachCandidate, UiAttachRef, UiSource } from '../../shared/protocol/chat';

/** A subscription in the shape of `vscode.Event` (a vscode.Event<T> is assignable to it). */
export type Listen<T> = (listener: (e: T) => unknown) => { dispose(): unknown };

export interface ProviderChoice {
  id: string;
  label: string;
  /** Has a key, or needs none. Only ready providers are offered in the model picker. */
  ready: boolean;
  models: ResolvedModel[];
}

export interface ChatSettings {
  systemPrompt: string;
  maxOutputTokens: number;
  temperature: number | null;
}

export interface ChatServices {
  /** Every provider the user configured, ready or not, with its models. */
  listProviders(): Promise<ProviderChoice[]>;
  /** Keys, endpoints, prices or models changed: the panel lists providers again. */
  onDidChangeProviders: Listen<void>;
  settings(): ChatSettings;
  /** The workspace instructions files every request adds to the system prompt ([] when off). */
  instructions(): readonly InstructionFile[];
  /** They were found, changed, removed or turned on or off. */
  onDidChangeInstructions: Listen<void>;
  /** Reads them again (before a request: a file watcher can miss a file written into a new folder). */
  refreshInstructions(): Promise<void>;
  /** Token estimate of `text` for that model; used to trim history and estimate cost. */
  countTokens(providerId: string, model: string, text: string): number;
  /** Starts a request (budget, pipeline, usage recording: the request service). */
  run(request: ModelRequest): RequestRun;
}

/** The editor/window side effects of the panel; EditorActions implements them with the vscode API. */
export interface HostActions {
  copy(text: string): Promise<void>;
  insertAtCursor(code: string): Promise<void>;
  /** Replaces the code `source` points at (tracked since the question), else the editor's selection. */
  replaceSelection(code: string, source: UiSource | undefined): Promise<void>;
  /** Only ever called with an http/https/mailto URL that passed isSafeExternalLink. */
  openExternal(href: string): Promise<void>;
  setApiKey(providerId: string | undefined): Promise<void>;
  /** `budget` → the budget settings; `fallback`, `endpoints`; none = all of Switchboard's settings. */
  openSettings(section: SettingsSection | undefined): Promise<void>;
  /** Opens the workspace instructions file the panel lists under `label`. */
  openInstructions(label: string): Promise<void>;
  /** Asks where to save `markdown` (suggesting `fileName` in the workspace) and writes it there. */
  saveMarkdown(fileName: string, markdown: string): Promise<void>;
  /** Shows an attached image's stored file (VS Code's image preview). */
  openImage(file: string): Promise<void>;
  /** A message outside the panel (e.g. when the panel is not open). */
  notify(level: 'info' | 'warning' | 'error', text: string): void;
  /** A modal confirmation (webviews cannot show `confirm()`). */
  confirm(message: string, action: string): Promise<boolean>;
  /** A budget warning that came with a request. */
  budgetWarning(text: string): void;
}

export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * Where attachments come from (features/attachments implements it with the vscode API): the `@`
 * picker's entries, the attachments a reference stands for, the attach button's own picker.
 */
export interface AttachmentSources {
  /** The `@` picker's entries matching `query`: named sources first, then workspace files and folders. */
  candidates(query: string): Promise<{ items: UiAttachCandidate[]; truncated: boolean }>;
  /**
   * The attachments `ref` stands for (open editors: one per editor). Throws an AttachError, whose
   * message the panel shows as it is, when it refuses one (binary, too large, nothing to attach).
   */
  resolve(ref: UiAttachRef): Promise<AttachmentDraft[]>;
  /** The attach button: VS Code's quick pick of sources and files; [] when dismissed. */
  pick(): Promise<UiAttachRef[]>;
  /** Shows what a chip stands for: its file at its lines, else its content as it was sent. */
  open(attachment: Attachment): Promise<void>;
}
