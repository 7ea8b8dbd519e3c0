// Which named sources make sense in the window as it is now: Selection only with a non-empty
// selection, Problems only when there are some, the terminal's output once a command finished, and
// so on. The `@` picker and the attach button offer only these; a source asked for anyway (a
// stale picker) is refused with a message saying why.
import * as vscode from 'vscode';
import type { AttachmentSource } from '../../core/attachments/attachment';
import { selectionLabel } from './fileAttachments';
import { mayHaveDiff } from './gitDiff';
import { displayPath } from './textFiles';

export interface SourceOffer {
  source: AttachmentSource;
  /** What it stands for now: the file, the lines, the terminal. */
  detail: string;
}

export function availableSources(terminalOutput: { hasOutput: boolean }): SourceOffer[] {
  const editor = vscode.window.activeTextEditor;
  const file = editor && displayPath(editor.document.uri);
  const offers: (SourceOffer | false | undefined)[] = [
    file !== undefined && { source: 'currentFile', detail: file },
    editor && !editor.selection.isEmpty && { source: 'selection', detail: selectionLabel(editor) },
    hasTextTabs() && { source: 'openEditors', detail: 'every file open in an editor' },
    file !== undefined && vscode.languages.getDiagnostics(editor!.document.uri).length > 0 && { source: 'problemsFile', detail: file },
    vscode.languages.getDiagnostics().some(([, d]) => d.length > 0) && { source: 'problemsWorkspace', detail: 'errors and warnings of every file' },
    terminalOutput.hasOutput && { source: 'terminalOutput', detail: 'the last command and its output' },
    vscode.window.activeTerminal && { source: 'terminalSelection', detail: `text selected in terminal "${vscode.window.activeTerminal.name}"` },
    mayHaveDiff(false) && { source: 'gitDiff', detail: 'git diff' },
    mayHaveDiff(true) && { source: 'gitDiffStaged', detail: 'git diff --cached' },
  ];
  return offers.filter((o): o is SourceOffer => !!o);
}

function hasTextTabs(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText));
}
