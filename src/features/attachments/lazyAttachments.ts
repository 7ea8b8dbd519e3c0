// The attachments feature as the window starts it. Only the terminal capture starts at once (it
// must see the commands run before the first attach); building attachments, the file index and the
// quick pick are their own bundle (attachmentsModule.ts → dist/attachments.js), loaded on the first
// call, so the window's start-up neither loads nor compiles them. Callers see WorkspaceAttachments'
// methods and attachmentCommands' handlers, as before.
import type * as vscode from 'vscode';
import type { Attachment, AttachmentDraft } from '../../core/attachments/attachment';
import type { UiAttachCandidate, UiAttachRef } from '../../shared/protocol/chat';
import type { AttachmentSources } from '../chat/chatPorts';
import { ATTACH_PROBLEM_COMMAND, ATTACH_TO_CHAT_COMMAND } from './attachmentCommandIds';
import type * as AttachmentsModule from './attachmentsModule';
import type { TerminalOutputs } from './terminalOutputs';
import type { WorkspaceAttachments } from './workspaceAttachments';

type Module = typeof AttachmentsModule;
type Handlers = Record<string, (...args: unknown[]) => unknown>;

export interface AttachmentsParts {
  /** Starts capturing the terminals' command outputs; called once, by the constructor. */
  startCapture(): TerminalOutputs;
  /** The rest of the feature; called on first use (again after a failed load). */
  load(): Promise<Module>;
}

export class LazyAttachments implements AttachmentSources, vscode.Disposable {
  private readonly terminals: TerminalOutputs;
  private loading: Promise<{ module: Module; sources: WorkspaceAttachments }> | undefined;
  private sources: WorkspaceAttachments | undefined;
  private disposed = false;

  constructor(private readonly log: { warn(message: string): void }, private readonly parts: AttachmentsParts) {
    this.terminals = parts.startCapture();
  }

  async candidates(query: string): Promise<{ items: UiAttachCandidate[]; truncated: boolean }> {
    return (await this.loaded()).sources.candidates(query);
  }

  async resolve(ref: UiAttachRef): Promise<AttachmentDraft[]> {
    return (await this.loaded()).sources.resolve(ref);
  }

  async resolveUri(uri: vscode.Uri): Promise<AttachmentDraft> {
    return (await this.loaded()).sources.resolveUri(uri);
  }

  async pick(): Promise<UiAttachRef[]> {
    return (await this.loaded()).sources.pick();
  }

  async open(attachment: Attachment): Promise<void> {
    return (await this.loaded()).sources.open(attachment);
  }

  /** attachmentCommands' handlers, each loading the feature on its first call. */
  commands(add: (drafts: AttachmentDraft[]) => Promise<void>, notify: (text: string) => void): Handlers {
    let handlers: Handlers | undefined;
    const forward = (id: string) => async (...args: unknown[]) => {
      const { module, sources } = await this.loaded();
      handlers ??= module.attachmentCommands(sources, add, notify);
      return handlers[id]!(...args);
    };
    return { [ATTACH_TO_CHAT_COMMAND]: forward(ATTACH_TO_CHAT_COMMAND), [ATTACH_PROBLEM_COMMAND]: forward(ATTACH_PROBLEM_COMMAND) };
  }

  dispose(): void {
    this.disposed = true;
    this.sources?.dispose();
    this.terminals.dispose();
  }

  private loaded(): Promise<{ module: Module; sources: WorkspaceAttachments }> {
    const loading = (this.loading ??= this.parts.load().then((module) => {
      if (this.disposed) throw new Error('The attachments feature was closed.');
      this.sources = new module.WorkspaceAttachments(this.log, this.terminals);
      return { module, sources: this.sources };
    }));
    // A load that failed (a missing or damaged bundle) is tried again by the next call.
    loading.catch(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    return loading;
  }
}
