// The attach button's picker: VS Code's quick pick of the named sources that make sense now, then
// the workspace's files and folders (several can be chosen; typing filters on names and paths).
import * as vscode from 'vscode';
import { NAMED_SOURCES } from '../../core/attachments/namedSources';
import { basename } from '../../core/attachments/workspacePaths';
import type { UiAttachRef } from '../../shared/protocol/chat';
import type { SourceOffer } from './availableSources';
import type { IndexEntry } from './workspaceFileIndex';

type Item = vscode.QuickPickItem & { ref?: UiAttachRef };

/** The chosen references; [] when dismissed. */
export async function pickAttachments(sources: readonly SourceOffer[], entries: Promise<readonly IndexEntry[]>): Promise<UiAttachRef[]> {
  const items = entries.then((all): Item[] => [
    { label: 'Context', kind: vscode.QuickPickItemKind.Separator },
    ...sources.map(({ source, detail }) => ({ label: `$(${NAMED_SOURCES[source].icon}) ${NAMED_SOURCES[source].label}`, description: detail, ref: { kind: 'source' as const, source } })),
    { label: 'Files and folders', kind: vscode.QuickPickItemKind.Separator },
    ...all.map((e) => ({ label: `$(${e.folder ? 'folder' : 'file'}) ${basename(e.path)}${e.folder ? '/' : ''}`, description: e.path, ref: { kind: 'uri' as const, uri: e.uri.toString() } })),
  ]);
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Add to Chat',
    placeHolder: 'Attach context: files, folders, the selection, problems, terminal output, the git diff',
    canPickMany: true,
    matchOnDescription: true,
  });
  return chosen?.flatMap((i) => (i.ref ? [i.ref] : [])) ?? [];
}
