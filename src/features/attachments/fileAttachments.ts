// Attachments of files and code: a file (refused when binary or too large, never cut), a folder
// (its files within the caps, the rest listed as left out), the current file, every open editor,
// and the active editor's selection.
import * as vscode from 'vscode';
import { AttachError, MAX_ATTACHMENT_CHARS, MAX_ATTACHMENTS, MAX_FILE_BYTES, type AttachmentDraft } from '../../core/attachments/attachment';
import { fileBlock, selectionBlock } from '../../core/attachments/attachmentBlocks';
import { binaryFileRefusal, largeFileRefusal, tooLongRefusal } from '../../core/attachments/fileRefusals';
import { assembleFolder } from '../../core/attachments/folderContents';
import { basename } from '../../core/attachments/workspacePaths';
import { sourceLabel } from '../../shared/sourceLabel';
import { displayPath, fileSize, openDocument, readTextFile } from './textFiles';

export async function fileAttachment(uri: vscode.Uri): Promise<AttachmentDraft> {
  const name = basename(uri.path);
  const path = displayPath(uri);
  // An open document is read from the editor (it may be unsaved, or untitled): no stat.
  if (!openDocument(uri)) {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_FILE_BYTES) throw new AttachError(largeFileRefusal(name, size));
  }
  const file = await readTextFile(uri);
  if (file === 'binary') throw new AttachError(binaryFileRefusal(name));
  const content = fileBlock(path, file.languageId, file.text);
  if (content.length > MAX_ATTACHMENT_CHARS) throw new AttachError(tooLongRefusal(name, content.length));
  return { kind: 'file', label: name, detail: path, content, location: { uri: uri.toString() } };
}

/** `files`: the folder's files, less `files.exclude` and .gitignore. */
export async function folderAttachment(uri: vscode.Uri, files: readonly vscode.Uri[]): Promise<AttachmentDraft> {
  const path = displayPath(uri);
  const byPath = new Map(files.map((f) => [displayPath(f), f]));
  const folder = await assembleFolder(path, [...byPath.keys()], {
    size: (p) => fileSize(byPath.get(p)!),
    read: (p) => readTextFile(byPath.get(p)!).catch(() => undefined),
  });
  if (!folder.files) throw new AttachError(`${path}/ has no text files that can be attached${folder.leftOut ? ` (${folder.leftOut})` : ''}.`);
  return { kind: 'folder', label: `${basename(uri.path)}/`, detail: folder.detail, content: folder.content, location: { uri: uri.toString() } };
}

export function currentFileAttachment(): Promise<AttachmentDraft> {
  return fileAttachment(activeEditor().document.uri);
}

/** The active text editor; refused when there is none. */
export function activeEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new AttachError('Open a file in an editor first.');
  return editor;
}

/** Every text editor's file, once each; a binary or too large one is skipped, refused only when none is left. */
export async function openEditorAttachments(): Promise<AttachmentDraft[]> {
  const uris = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText) uris.set(tab.input.uri.toString(), tab.input.uri);
  }
  if (!uris.size) throw new AttachError('No files are open in editors.');
  const drafts: AttachmentDraft[] = [];
  const refusals: string[] = [];
  for (const uri of uris.values()) {
    if (drafts.length >= MAX_ATTACHMENTS) break;
    try {
      drafts.push(await fileAttachment(uri));
    } catch (err) {
      refusals.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (!drafts.length) throw new AttachError(refusals.length === 1 ? refusals[0]! : `None of the open editors can be attached: ${refusals.join(' ')}`);
  return drafts;
}

/** The active editor's selection. */
export function selectionAttachment(): AttachmentDraft {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new AttachError('Select some text in an editor first.');
  const { document, selection } = editor;
  const { startLine, endLine } = selectedLines(selection);
  const path = displayPath(document.uri);
  const content = selectionBlock(path, document.languageId, startLine, endLine, document.getText(selection));
  if (content.length > MAX_ATTACHMENT_CHARS) throw new AttachError(tooLongRefusal('The selection', content.length));
  return {
    kind: 'selection',
    label: selectionLabel(editor),
    detail: sourceLabel({ path, startLine, endLine }),
    content,
    location: { uri: document.uri.toString(), startLine, endLine },
  };
}

/** `app.ts:3-5`, `app.ts:3`. */
export function selectionLabel(editor: vscode.TextEditor): string {
  const { startLine, endLine } = selectedLines(editor.selection);
  const name = basename(editor.document.uri.path);
  return startLine === endLine ? `${name}:${startLine}` : `${name}:${startLine}-${endLine}`;
}

/** 1-based; a selection that ends at a line's start ends on the line before. */
function selectedLines(selection: vscode.Selection): { startLine: number; endLine: number } {
  const { start, end } = selection;
  return { startLine: start.line + 1, endLine: end.character === 0 && end.line > start.line ? end.line : end.line + 1 };
}
