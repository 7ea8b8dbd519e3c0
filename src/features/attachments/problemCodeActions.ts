// "Add Problem to Switchboard Chat" as a quick fix on every diagnostic. VS Code has no menu for
// the Problems view's items, but its "Quick Fix…" (Ctrl+.) lists the code actions of the
// problem's range, so this is how a single problem gets from the Problems view into the chat; the
// editor's light bulb offers it too. The action carries the diagnostics as plain data.
import * as vscode from 'vscode';
import { problemData } from '../../core/attachments/problemData';
import { ATTACH_PROBLEM_COMMAND } from './attachmentCommandIds';

export class ProblemCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!context.diagnostics.length) return [];
    // The Problems view asks for one problem's exact range; the editor for the cursor's, where several may meet.
    const exact = context.diagnostics.filter((d) => d.range.isEqual(range));
    const chosen = exact.length ? exact : [...context.diagnostics];
    const title = chosen.length === 1 ? 'Add Problem to Switchboard Chat' : `Add ${chosen.length} Problems to Switchboard Chat`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = chosen;
    action.command = { command: ATTACH_PROBLEM_COMMAND, title, arguments: [document.uri.toString(), chosen.map(problemData)] };
    return [action];
  }
}

/** For every document (files, untitled, notebooks' cells…). */
export function registerProblemCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider('*', new ProblemCodeActions(), ProblemCodeActions.metadata);
}
