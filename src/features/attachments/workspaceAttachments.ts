// The chat panel's AttachmentSources (features/chat/chatPorts.ts) with the vscode API: the `@`
// picker's entries (named sources, then workspace files and folders), what a reference attaches,
// the attach button's quick pick, and what a chip opens. Each kind of attachment is built in its
// own module; this class routes to them and owns the workspace's file index. It is loaded on first
// use (lazyAttachments.ts); the terminals' outputs are captured from the window's start and given to it.
import * as vscode from 'vscode';
import { AttachError, type Attachment, type AttachmentDraft, type AttachmentSource } from '../../core/attachments/attachment';
import { rankPaths } from '../../core/attachments/candidateRanking';
import { NAMED_SOURCES, matchingSources } from '../../core/attachments/namedSources';
import { basename } from '../../core/attachments/workspacePaths';
import type { UiAttachCandidate, UiAttachRef } from '../../shared/protocol/chat';
import { LIMITS } from '../../shared/protocol/limits';
import type { AttachmentSources } from '../chat/chatPorts';
import { openAttachment } from './attachmentOpener';
import { pickAttachments } from './attachmentPicker';
import { availableSources } from './availableSources';
import { currentFileAttachment, fileAttachment, folderAttachment, openEditorAttachments, selectionAttachment } from './fileAttachments';
import { gitDiffAttachment } from './gitDiff';
import { currentFileProblems, workspaceProblems } from './problemAttachments';
import { openDocument } from './textFiles';
import { terminalSelectionAttachment } from './terminalSelection';
import type { TerminalOutputs } from './terminalOutputs';
import { WorkspaceFileIndex } from './workspaceFileIndex';

export class WorkspaceAttachments implements AttachmentSources, vscode.Disposable {
  private readonly index: WorkspaceFileIndex;
  private readonly fromSource: Record<AttachmentSource, () => Promise<AttachmentDraft[]>> = {
    currentFile: async () => [await currentFileAttachment()],
    selection: async () => [selectionAttachment()],
    openEditors: () => openEditorAttachments(),
    problemsFile: async () => [currentFileProblems()],
    problemsWorkspace: async () => [workspaceProblems()],
    terminalOutput: async () => [this.terminals.attachment()],
    terminalSelection: async () => [await terminalSelectionAttachment()],
    gitDiff: async () => [await gitDiffAttachment(false)],
    gitDiffStaged: async () => [await gitDiffAttachment(true)],
  };

  constructor(private readonly log: { warn(message: string): void }, private readonly terminals: Pick<TerminalOutputs, 'hasOutput' | 'attachment'>) {
    this.index = new WorkspaceFileIndex(log);
  }

  async candidates(query: string): Promise<{ items: UiAttachCandidate[]; truncated: boolean }> {
    const offered = availableSources(this.terminals);
    const named = matchingSources(offered.map((o) => o.source), query).map((source): UiAttachCandidate => ({
      ref: { kind: 'source', source },
      kind: NAMED_SOURCES[source].kind,
      label: NAMED_SOURCES[source].label,
      detail: clip(offered.find((o) => o.source === source)!.detail),
    }));
    const ranked = rankPaths(await this.index.entries(), query, LIMITS.attachCandidates - named.length);
    const paths = ranked.items.map((e): UiAttachCandidate => ({
      ref: { kind: 'uri', uri: e.uri.toString() },
      kind: e.folder ? 'folder' : 'file',
      label: clip(`${basename(e.path)}${e.folder ? '/' : ''}`),
      detail: clip(e.path),
    }));
    return { items: [...named, ...paths], truncated: ranked.truncated };
  }

  async resolve(ref: UiAttachRef): Promise<AttachmentDraft[]> {
    if (ref.kind === 'source') return this.fromSource[ref.source]();
    return [await this.resolveUri(parseUri(ref.uri))];
  }

  /** A file or a folder (dropped, picked, or from the Explorer's "Add to Chat"). */
  async resolveUri(uri: vscode.Uri): Promise<AttachmentDraft> {
    // An untitled document has no stat, but its text is in the editor.
    if (openDocument(uri)?.isUntitled) return fileAttachment(uri);
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat) throw new AttachError(`${basename(uri.path) || uri.toString()} could not be found.`);
    if (stat.type & vscode.FileType.Directory) return folderAttachment(uri, await this.index.filesUnder(uri));
    return fileAttachment(uri);
  }

  pick(): Promise<UiAttachRef[]> {
    return pickAttachments(availableSources(this.terminals), this.index.entries());
  }

  open(attachment: Attachment): Promise<void> {
    return openAttachment(attachment, this.log);
  }

  dispose(): void {
    this.index.dispose();
  }
}

function parseUri(text: string): vscode.Uri {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    throw new AttachError('That is not a file or folder that can be attached.');
  }
}

function clip(text: string): string {
  return text.length > LIMITS.label ? `${text.slice(0, LIMITS.label - 1)}…` : text;
}
