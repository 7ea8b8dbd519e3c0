import * as vscode from 'vscode';
import type { UiSource } from '../../shared/protocol/chat';
import type { SelectionAnchors } from '../selection/selectionAnchors';
import { sourceLabel } from '../../shared/sourceLabel';
import type { HostActions, SettingsSection } from './chatPorts';
import { showBudgetWarning } from '../budget/budgetService';

const EXTENSION_SETTINGS = '@ext:switchboard-dev.switchboard';

/**
 * The panel's side effects through the vscode API. Code goes into the last text editor the user
 * was in: focusing the webview does not make an editor "active", so it is tracked here.
 */
export class EditorActions implements HostActions, vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  constructor(
    private readonly anchors: SelectionAnchors,
    readonly openInstructions: (label: string) => Promise<void>,
  ) {}

  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.lastEditor = editor;
  });

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  async insertAtCursor(code: string): Promise<void> {
    const editor = this.editor();
    if (!editor) return this.notify('warning', 'Open a file and place the cursor where the code should go.');
    const ok = await editor.edit((b) => {
      for (const s of editor.selections) b.insert(s.active, code);
    });
    if (!ok) return this.notify('warning', 'Could not insert the code: the editor is read-only or changed meanwhile.');
    await this.focus(editor);
  }

  async replaceSelection(code: string, source: UiSource | undefined): Promise<void> {
    if (!source) return this.replaceEditorSelection(code);
    const label = sourceLabel(source);
    const result = await this.anchors.replace(source.anchorId, code, label);
    if (result.ok) {
      const column = vscode.window.visibleTextEditors.find((e) => e.document === result.document)?.viewColumn;
      await vscode.window.showTextDocument(result.document, { selection: result.range, preserveFocus: false, ...(column ? { viewColumn: column } : {}) });
      return;
    }
    // Nothing is lost: the code can still go where the user says, or to the clipboard.
    const here = this.editor()?.selections.some((s) => !s.isEmpty) ? ['Replace Current Selection'] : [];
    const choice = await vscode.window.showWarningMessage(`Switchboard: ${result.message}`, ...here, 'Copy Code');
    if (choice === 'Replace Current Selection') await this.replaceEditorSelection(code);
    else if (choice === 'Copy Code') await this.copy(code);
  }

  private async replaceEditorSelection(code: string): Promise<void> {
    const editor = this.editor();
    const selections = editor?.selections.filter((s) => !s.isEmpty) ?? [];
    if (!editor || selections.length === 0) return this.notify('warning', 'Select the code to replace in an editor first.');
    const ok = await editor.edit((b) => {
      for (const s of selections) b.replace(s, code);
    });
    if (!ok) return this.notify('warning', 'Could not replace the selection: the editor is read-only or changed meanwhile.');
    await this.focus(editor);
  }

  async openExternal(href: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  async setApiKey(providerId: string | undefined): Promise<void> {
    await vscode.commands.executeCommand('switchboard.setApiKey', ...(providerId ? [providerId] : []));
  }

  async openSettings(section: SettingsSection | undefined): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openSettings', section ? `switchboard.${section}` : EXTENSION_SETTINGS);
  }

  budgetWarning(text: string): void {
    showBudgetWarning(text);
  }

  async openImage(file: string): Promise<void> {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { preview: true });
  }

  async saveMarkdown(fileName: string, markdown: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export Chat to Markdown',
      saveLabel: 'Export',
      filters: { Markdown: ['md'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
    });
    if (!target) return; // cancelled
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
    } catch (err) {
      return this.notify('error', `Could not export the chat to ${target.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const choice = await vscode.window.showInformationMessage(`Switchboard: Exported the chat to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(target);
  }

  async confirm(message: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
  }

  notify(level: 'info' | 'warning' | 'error', text: string): void {
    const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`Switchboard: ${text}`);
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.lastEditor;
    return last && !last.document.isClosed && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
  }

  private async focus(editor: vscode.TextEditor): Promise<void> {
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
