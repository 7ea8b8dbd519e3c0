// Applies .gitignore to a scan's results (findFiles knows only `files.exclude`): the .gitignore
// files found among the results, and those in the folders above the scanned one up to its
// workspace folder, each relative to its own folder (core/attachments/ignoreRules.ts).
import * as vscode from 'vscode';
import { IgnoreRules, type IgnoreFile } from '../../core/attachments/ignoreRules';
import { ancestorDirs } from '../../core/attachments/workspacePaths';
import { relativePath } from './textFiles';

/** A .gitignore larger than this is not read. */
const MAX_GITIGNORE_BYTES = 1_000_000;

/** `files` (found under `folder`) less those a .gitignore excludes. */
export async function withoutGitignored(files: readonly vscode.Uri[], folder: vscode.Uri): Promise<vscode.Uri[]> {
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri ?? folder;
  const inFolder = relativePath(root, folder);
  // The folders above the scanned one (the root included): their .gitignore files were not scanned.
  const above = inFolder === undefined ? [] : ['', ...ancestorDirs(`${inFolder}/x`).slice(0, -1)];
  const found = files.flatMap((uri) => {
    const rel = relativePath(root, uri);
    return rel !== undefined && (rel === '.gitignore' || rel.endsWith('/.gitignore')) ? [rel.slice(0, -'.gitignore'.length).replace(/\/$/, '')] : [];
  });
  const dirs = [...new Set([...above, ...found])];
  const read = await Promise.all(dirs.map((dir) => readGitignore(dir ? vscode.Uri.joinPath(root, dir, '.gitignore') : vscode.Uri.joinPath(root, '.gitignore'))));
  const ignoreFiles: IgnoreFile[] = dirs.flatMap((dir, i) => (read[i] === undefined ? [] : [{ dir, text: read[i] }]));
  if (!ignoreFiles.length) return [...files];
  const rules = new IgnoreRules(ignoreFiles);
  return files.filter((uri) => {
    const rel = relativePath(root, uri);
    return rel === undefined || !rules.ignores(rel);
  });
}

/** The text of a .gitignore; undefined when there is none (or it is unreadable or huge). */
export async function readGitignore(uri: vscode.Uri): Promise<string | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_GITIGNORE_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
