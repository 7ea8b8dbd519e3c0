// The workspace's files and folders for the `@` picker and the attach button: found once with
// findFiles (which applies `files.exclude`), less what .gitignore excludes, with the folders taken
// from the files' paths. Kept until a file is created or deleted, a .gitignore, `files.exclude` or
// the workspace folders change; then found again when next asked.
import * as vscode from 'vscode';
import { scanExclusions } from '../../core/attachments/scanExclusions';
import { ancestorDirs, compareTreeOrder } from '../../core/attachments/workspacePaths';
import { readGitignore, withoutGitignored } from './gitignoreFilter';
import { relativePath } from './textFiles';

/** Most files one workspace folder's scan returns. */
export const MAX_SCANNED_FILES = 10_000;

export interface IndexEntry {
  uri: vscode.Uri;
  /** Workspace-relative (with the folder's name in a multi-root window); a folder's ends with '/'. */
  path: string;
  folder: boolean;
}

export class WorkspaceFileIndex implements vscode.Disposable {
  private cached: Promise<IndexEntry[]> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: { warn(message: string): void }) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const forget = () => (this.cached = undefined);
    // Git's own files change with every commit or checkout; they are never listed.
    const forgetFor = (uri: vscode.Uri) => !uri.path.includes('/.git/') && forget();
    this.disposables = [
      watcher,
      watcher.onDidCreate(forgetFor),
      watcher.onDidDelete(forgetFor),
      watcher.onDidChange((uri) => uri.path.endsWith('/.gitignore') && forget()),
      vscode.workspace.onDidChangeWorkspaceFolders(forget),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('files.exclude') && forget()),
    ];
  }

  /** Files and folders, in tree order. */
  entries(): Promise<IndexEntry[]> {
    if (!this.cached) {
      const loading = this.load().catch((err: unknown) => {
        this.log.warn(`Listing the workspace's files failed: ${err instanceof Error ? err.message : String(err)}`);
        if (this.cached === loading) this.cached = undefined;
        return [];
      });
      this.cached = loading;
    }
    return this.cached;
  }

  /** The files under `folder`, less `files.exclude` and .gitignore (not from the cache: it may be cut short). */
  async filesUnder(folder: vscode.Uri): Promise<vscode.Uri[]> {
    const root = vscode.workspace.getWorkspaceFolder(folder)?.uri ?? folder;
    return withoutGitignored(await scan(folder, root), folder);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async load(): Promise<IndexEntry[]> {
    const roots = vscode.workspace.workspaceFolders ?? [];
    const perRoot = await Promise.all(roots.map(async (root) => {
      const prefix = roots.length > 1 ? `${root.name}/` : '';
      const files = await withoutGitignored(await scan(root.uri, root.uri), root.uri);
      return entriesOf(root.uri, prefix, files);
    }));
    return perRoot.flat().sort((a, b) => compareTreeOrder(a.path, b.path));
  }
}

/** findFiles under `folder`, with the heavy folders the root .gitignore names left out up front. */
async function scan(folder: vscode.Uri, root: vscode.Uri): Promise<vscode.Uri[]> {
  const filesExclude = vscode.workspace.getConfiguration('files', root).get<unknown>('exclude');
  const exclude = scanExclusions(filesExclude, await readGitignore(vscode.Uri.joinPath(root, '.gitignore')));
  return vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude, MAX_SCANNED_FILES);
}

function entriesOf(root: vscode.Uri, prefix: string, files: readonly vscode.Uri[]): IndexEntry[] {
  const entries: IndexEntry[] = [];
  const folders = new Map<string, IndexEntry>();
  for (const uri of files) {
    const rel = relativePath(root, uri);
    if (rel === undefined) continue;
    entries.push({ uri, path: prefix + rel, folder: false });
    for (const dir of ancestorDirs(rel)) {
      const path = `${prefix}${dir}/`;
      if (!folders.has(path)) folders.set(path, { uri: vscode.Uri.joinPath(root, dir), path, folder: true });
    }
  }
  return [...entries, ...folders.values()];
}
