import * as vscode from 'vscode';
import type { UiSelection, UiSource } from '../../shared/protocol/chat';
import type { Attachment } from '../../core/attachments/attachment';
import { estimateTokens } from '../../core/llm/tokenEstimate';
import type { SettingsService } from '../../host/settings';
import type { Log } from '../../host/log';
import type { SelectionAnchors } from './selectionAnchors';
import type { SelectionEdits } from './selectionEdits';
import { buildSelectionAttachment, codeBudgetChars, EDIT_QUICK_PROMPTS, QUICK_PROMPTS, sourceLabel, type SelectionContext } from './selectionPrompt';

const ASK_HISTORY_KEY = 'switchboard.promptHistory';
const EDIT_HISTORY_KEY = 'switchboard.editPromptHistory';
const HISTORY_MAX = 20;
/** The edited code comes back whole in one answer: leave the answer some room beyond the code. */
const EDIT_OUTPUT_HEADROOM = 1.15;

/** What the selection commands need from the chat panel (implemented by the chat view). */
export interface ChatEntry {
  ask(text: string, options: { source: UiSource; attachments: Attachment[] }): Promise<void>;
  /** The model the panel would use now, with its context window when known. */
  currentModel(): Promise<(UiSelection & { contextWindow?: number }) | undefined>;
}

interface Taken {
  ctx: SelectionContext;
  document: vscode.TextDocument;
  range: vscode.Range;
}

/** "Ask About Selection" (selection + prompt → chat panel) and "Edit Selection" (→ diff → Accept). */
export class SelectionCommands {
  constructor(
    private readonly state: vscode.Memento,
    private readonly chat: ChatEntry,
    private readonly settings: SettingsService,
    private readonly anchors: SelectionAnchors,
    private readonly edits: SelectionEdits,
    private readonly log: Log,
  ) {}

  handlers(): Record<string, (...args: unknown[]) => unknown> {
    return {
      'switchboard.askAboutSelection': () => this.ask(),
      'switchboard.editSelection': () => this.edit(),
      'switchboard.acceptEdit': (target?: unknown) => this.edits.accept(target),
      'switchboard.rejectEdit': (target?: unknown) => this.edits.reject(target),
    };
  }

  async ask(): Promise<void> {
    const taken = this.take();
    if (!taken) return;
    const { ctx } = taken;
    const question = await this.pickPrompt(`Switchboard: ask about ${sourceLabel(ctx)}`, 'Type a question, or pick a quick prompt', QUICK_PROMPTS, ASK_HISTORY_KEY);
    if (!question) return;
    const model = await this.chat.currentModel();
    const built = buildSelectionAttachment(ctx, codeBudgetChars(model?.contextWindow, this.settings.value.maxOutputTokens));
    if (built.truncated) {
      void vscode.window.showWarningMessage(`Switchboard: the selection is larger than the model's context budget; sending ${built.codeChars.toLocaleString('en-US')} of ${ctx.code.length.toLocaleString('en-US')} characters (noted in the message).`);
    }
    // Replace targets what the model saw: with a truncated selection, only the part that was sent.
    const start = taken.document.offsetAt(taken.range.start);
    const range = built.truncated ? new vscode.Range(taken.range.start, taken.document.positionAt(start + built.codeChars)) : taken.range;
    const anchorId = this.anchors.create(taken.document, range);
    const endLine = built.truncated ? range.end.line + 1 : ctx.endLine;
    this.log.info(`Ask about ${ctx.path}:${ctx.startLine}-${ctx.endLine} (${ctx.code.length} chars${built.truncated ? ', truncated' : ''}).`);
    // The code goes as a chip (file, lines) the answer's Replace also targets; the question is the text.
    const attachment: Attachment = {
      id: anchorId,
      kind: 'selection',
      label: built.label,
      detail: sourceLabel({ path: ctx.path, startLine: ctx.startLine, endLine }),
      content: built.content,
      location: { uri: taken.document.uri.toString(), startLine: ctx.startLine, endLine },
    };
    await this.chat.ask(question.trim(), { source: { anchorId, path: ctx.path.slice(0, 500), startLine: ctx.startLine, endLine }, attachments: [attachment] });
  }

  async edit(): Promise<void> {
    const taken = this.take();
    if (!taken) return;
    const { ctx } = taken;
    const model = await this.chat.currentModel();
    if (!model) {
      const choice = await vscode.window.showWarningMessage('Switchboard: no provider is ready for Edit Selection. Set an API key first.', 'Set API Key');
      if (choice) await vscode.commands.executeCommand('switchboard.setApiKey');
      return;
    }
    const maxOutput = this.settings.value.maxOutputTokens;
    const tokens = estimateTokens(ctx.code);
    if (tokens * EDIT_OUTPUT_HEADROOM > maxOutput || ctx.code.length > codeBudgetChars(model.contextWindow, maxOutput)) {
      const choice = await vscode.window.showWarningMessage(
        `Switchboard: ${sourceLabel(ctx)} is about ${tokens.toLocaleString('en-US')} tokens; the edited code must come back in one answer of at most ${maxOutput.toLocaleString('en-US')} tokens (switchboard.maxOutputTokens). Select less, or raise the setting.`,
        'Open Settings',
      );
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.maxOutputTokens');
      return;
    }
    const instruction = await this.pickPrompt(`Switchboard: edit ${sourceLabel(ctx)}`, 'Describe the change, or pick a quick edit', EDIT_QUICK_PROMPTS, EDIT_HISTORY_KEY);
    if (!instruction) return;
    const anchorId = this.anchors.create(taken.document, taken.range);
    await this.edits.propose({ anchorId, ctx, instruction, model });
  }

  /** The active editor's selection, or (by setting) its current line or whole file. */
  private take(): Taken | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Switchboard: open a file and select some code first.');
      return undefined;
    }
    const taken = this.context(editor);
    if (!taken) void vscode.window.showInformationMessage('Switchboard: select some code first (switchboard.selection.whenEmpty is "none").');
    return taken;
  }

  private context(editor: vscode.TextEditor): Taken | undefined {
    const document = editor.document;
    const sel = editor.selection;
    const path = vscode.workspace.asRelativePath(document.uri, false);
    const base = { path, languageId: document.languageId };
    if (!sel.isEmpty) {
      const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
      const range = new vscode.Range(sel.start, sel.end);
      return { document, range, ctx: { ...base, startLine: sel.start.line + 1, endLine: endLine + 1, code: document.getText(range), scope: 'selection' } };
    }
    const whenEmpty = this.settings.value['selection.whenEmpty'];
    if (whenEmpty === 'none') return undefined;
    if (whenEmpty === 'file') {
      const range = new vscode.Range(0, 0, document.lineCount, 0);
      const full = document.validateRange(range);
      return { document, range: full, ctx: { ...base, startLine: 1, endLine: document.lineCount, code: document.getText(full), scope: 'file' } };
    }
    const line = document.lineAt(sel.active.line);
    return { document, range: line.range, ctx: { ...base, startLine: line.lineNumber + 1, endLine: line.lineNumber + 1, code: line.text, scope: 'line' } };
  }

  /** Quick pick of built-in and recent prompts; typing a new prompt is the first choice. */
  private async pickPrompt(title: string, placeholder: string, quick: readonly { label: string; prompt: string }[], historyKey: string): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { prompt?: string }>();
    qp.title = title;
    qp.placeholder = placeholder;
    const history = this.history(historyKey);
    const fixed = [
      ...quick.map((p) => ({ label: `$(sparkle) ${p.label}`, detail: p.prompt, prompt: p.prompt })),
      ...(history.length ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...history.map((h) => ({ label: h, prompt: h })),
    ];
    qp.items = fixed;
    qp.onDidChangeValue((value) => {
      qp.items = value.trim() ? [{ label: value, description: 'Use what you typed', prompt: value }, ...fixed] : fixed;
    });
    return new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0]?.prompt ?? (qp.value.trim() || undefined);
        if (picked) this.remember(historyKey, picked);
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

  private history(key: string): string[] {
    const h = this.state.get<unknown>(key);
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_MAX) : [];
  }

  private remember(key: string, prompt: string): void {
    void this.state.update(key, [prompt, ...this.history(key).filter((h) => h !== prompt)].slice(0, HISTORY_MAX));
  }
}
