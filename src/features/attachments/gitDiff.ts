// "Git Diff (Unstaged)" and "Git Diff (Staged)" through the built-in Git extension's API (no git
// binary of our own, no dependency): the repository of the active editor's file, else the first.
// Only the parts of the API used here are typed, after vscode's extensions/git/src/api/git.d.ts.
import * as vscode from 'vscode';
import { AttachError, type AttachmentDraft } from '../../core/attachments/attachment';
import { plural } from '../../core/attachments/attachmentBlocks';
import { gitDiffContent } from '../../core/attachments/cappedBlocks';
import { basename } from '../../core/attachments/workspacePaths';

interface GitChange {
  /** git.d.ts's Status: UNTRACKED = 7 and IGNORED = 8 are not in `git diff`. */
  readonly status: number;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly indexChanges: readonly GitChange[]; readonly workingTreeChanges: readonly GitChange[] };
  diff(cached?: boolean): Promise<string>;
}

interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

const NOT_IN_DIFF = new Set([7, 8]);

/** Whether to offer the diff now: the Git extension is there, and (once it knows its repositories) there are such changes. */
export function mayHaveDiff(staged: boolean): boolean {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return false;
  if (!extension.isActive) return true;
  if (!extension.exports.enabled) return false;
  const repositories = extension.exports.getAPI(1).repositories;
  // None yet: it may still be looking for them.
  return !repositories.length || repositories.some((r) => changes(r, staged).some((c) => !NOT_IN_DIFF.has(c.status)));
}

export async function gitDiffAttachment(staged: boolean): Promise<AttachmentDraft> {
  const repository = await activeRepository();
  const diff = await repository.diff(staged);
  if (!diff.trim()) throw new AttachError(staged ? 'No staged changes.' : 'No unstaged changes.');
  const name = basename(repository.rootUri.path);
  const fitted = gitDiffContent(staged, diff, name);
  const files = (diff.match(/^diff --git /gm) ?? []).length;
  return {
    kind: 'gitDiff',
    label: staged ? 'Git Diff (Staged)' : 'Git Diff (Unstaged)',
    detail: `git diff${staged ? ' --cached' : ''} in ${name} · ${plural(files, 'file')}${fitted.cut ? ' · cut to fit' : ''}`,
    content: fitted.content,
  };
}

async function activeRepository(): Promise<GitRepository> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) throw new AttachError("The Git extension is not available (it may be disabled), so the git diff can't be attached.");
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) throw new AttachError("Git is turned off (the git.enabled setting), so the git diff can't be attached.");
  const api = git.getAPI(1);
  const file = vscode.window.activeTextEditor?.document.uri;
  const repository = (file && api.getRepository(file)) ?? api.repositories[0];
  if (!repository) throw new AttachError('No git repository is open in this window.');
  return repository;
}

function changes(repository: GitRepository, staged: boolean): readonly GitChange[] {
  return staged ? repository.state.indexChanges : repository.state.workingTreeChanges;
}
