import * as vscode from 'vscode';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { SettingsService } from '../settings';
import type { Log } from '../log';
import { buildSelectionPrompt, QUICK_PROMPTS, type SelectionContext } from './selectionPrompt';

const HISTORY_KEY = 'switchboard.promptHistory';
const HISTORY_MAX = 20;
/** Default budget for the code when the model's context window is not known (~32k tokens). */
const DEFAULT_MAX_CODE_CHARS = 120_000;

/** "Ask About Selection": the selection (or line/file) plus a prompt, sent to the chat panel. */
export class SelectionCommands {
  constructor(
    private readonly state: vscode.Memento,
    private readonly chat: ChatViewProvider,
    private readonly settings: SettingsService,
    private readonly log: Log,
  ) {}

  handlers(): Record<string, (...args: unknown[]) => unknown> {
    return {
      'switchboard.askAboutSelection': () => this.ask(),
      'switchboard.editSelection': () =>
        vscode.window.showInformationMessage('Switchboard: Edit Selection (diff preview) is not available yet in this build — use Ask About Selection.'),
    };
  }

  async ask(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Switchboard: open a file and select some code first.');
      return;
    }
    const ctx = this.context(editor);
    if (!ctx) {
      void vscode.window.showInformationMessage('Switchboard: select some code first (switchboard.selection.whenEmpty is "none").');
      return;
    }
    const question = await this.pickPrompt(ctx);
    if (!question) return;
    this.remember(question);
    const built = buildSelectionPrompt(ctx, question, DEFAULT_MAX_CODE_CHARS);
    if (built.truncated) {
      void vscode.window.showWarningMessage(`Switchboard: the selection is larger than the context budget; sending ${built.codeChars.toLocaleString()} characters (noted in the message).`);
    }
    this.log.info(`Ask about ${ctx.path}:${ctx.startLine}-${ctx.endLine} (${ctx.code.length} chars${built.truncated ? ', truncated' : ''}).`);
    await this.chat.ask(built.text);
  }

  private context(editor: vscode.TextEditor): SelectionContext | undefined {
    const doc = editor.document;
    const sel = editor.selection;
    const path = vscode.workspace.asRelativePath(doc.uri, false);
    if (!sel.isEmpty) {
      const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
      return { path, languageId: doc.languageId, startLine: sel.start.line + 1, endLine: endLine + 1, code: doc.getText(sel), scope: 'selection' };
    }
    const whenEmpty = this.settings.value['selection.whenEmpty'];
    if (whenEmpty === 'none') return undefined;
    if (whenEmpty === 'file') return { path, languageId: doc.languageId, startLine: 1, endLine: doc.lineCount, code: doc.getText(), scope: 'file' };
    const line = doc.lineAt(sel.active.line);
    return { path, languageId: doc.languageId, startLine: line.lineNumber + 1, endLine: line.lineNumber + 1, code: line.text, scope: 'line' };
  }

  /** Quick pick of recent prompts and built-in ones; typing a new prompt is the first choice. */
  private async pickPrompt(ctx: SelectionContext): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { prompt?: string }>();
    qp.title = `Switchboard: ask about ${ctx.path}:${ctx.startLine}${ctx.endLine !== ctx.startLine ? `–${ctx.endLine}` : ''}`;
    qp.placeholder = 'Type a question, or pick a quick prompt';
    const fixed = [
      ...QUICK_PROMPTS.map((p) => ({ label: `$(sparkle) ${p.label}`, detail: p.prompt, prompt: p.prompt })),
      ...(this.history().length ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...this.history().map((h) => ({ label: h, prompt: h })),
    ];
    qp.items = fixed;
    qp.onDidChangeValue((value) => {
      qp.items = value.trim() ? [{ label: value, description: 'Ask this', prompt: value }, ...fixed] : fixed;
    });
    return new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0]?.prompt ?? (qp.value.trim() || undefined);
        resolve(picked);
        qp.hide();
      });
      qp.onDidHide(() => {
        resolve(undefined);
        qp.dispose();
      });
      qp.show();
    });
  }

  private history(): string[] {
    const h = this.state.get<unknown>(HISTORY_KEY);
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_MAX) : [];
  }

  private remember(prompt: string): void {
    void this.state.update(HISTORY_KEY, [prompt, ...this.history().filter((h) => h !== prompt)].slice(0, HISTORY_MAX));
  }
}
