// Reading files for attachments: an open document's text (unsaved changes included) when there is
// one, else the bytes through vscode.workspace.fs, so remote workspaces work too. Paths are shown
// relative to the workspace, '/'-separated, with the folder's name in a multi-root window.
import * as vscode from 'vscode';
import { decodeTextFile } from '../../core/attachments/textContent';
import { languageIdFor } from '../../core/attachments/languageIds';

export interface TextFile {
  text: string;
  languageId?: string;
}

/** `src/app.ts`; a workspace folder itself is its name. */
export function displayPath(uri: vscode.Uri): string {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const root = folders.find((f) => f.uri.toString() === uri.toString());
  return root ? root.name : vscode.workspace.asRelativePath(uri, folders.length > 1);
}

/** `uri`'s path below `root`'s ('/'-separated), undefined when it is not inside it. */
export function relativePath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const base = `${root.path.replace(/\/+$/, '')}/`;
  const sameSpace = root.scheme === uri.scheme && root.authority === uri.authority;
  return sameSpace && uri.path.startsWith(base) && uri.path.length > base.length ? uri.path.slice(base.length) : undefined;
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** Its text, or 'binary'. Throws when it cannot be read. Callers stat it first: this reads it whole. */
export async function readTextFile(uri: vscode.Uri): Promise<TextFile | 'binary'> {
  const document = openDocument(uri);
  if (document) return { text: document.getText(), languageId: document.languageId };
  const text = decodeTextFile(await vscode.workspace.fs.readFile(uri));
  if (text === undefined) return 'binary';
  const languageId = languageIdFor(uri.path);
  return languageId ? { text, languageId } : { text };
}

/** Bytes on disk; undefined when it cannot be stat'ed. */
export async function fileSize(uri: vscode.Uri): Promise<number | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined;
  }
}
