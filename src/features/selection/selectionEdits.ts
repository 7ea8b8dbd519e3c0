import * as vscode from 'vscode';
import type { PipelineRequest, PipelineResult } from '../../core/llm/pipeline';
import { remedyFor } from '../../core/llm/remedies';
import { runWithProgress, type EditServices } from './editRequest';
import type { Log } from '../../host/log';
import { linesLabel } from '../../shared/sourceLabel';
import { fitReplacement } from './rangeTracking';
import type { SelectionAnchors } from './selectionAnchors';
import { buildEditPrompt, EDIT_SYSTEM_PROMPT, extractProposal, sourceLabel, type SelectionContext } from './selectionPrompt';

// Edit Selection: the instruction and the code go to the model, its code comes back as a diff of
// the file against the file with the proposal in place, and Accept applies it as one undoable
// edit at the tracked range (or refuses if that code changed meanwhile). Reject drops it.

export const PROPOSAL_SCHEME = 'switchboard-proposal';
const PENDING_CONTEXT = 'switchboard.editPending';

export interface EditRequest {
  anchorId: string;
  ctx: SelectionContext;
  instruction: string;
  model: { providerId: string; model: string };
}

interface PendingEdit {
  anchorId: string;
  label: string;
  proposalUri: vscode.Uri;
  /** The model's code, before it is fitted to the range again on Accept. */
  code: string;
  /** The whole file with the proposal in place: the diff's right side. */
  content: string;
  /** Closes the review notification (however the edit was accepted or rejected). */
  closeNotice?: () => void;
}

export class SelectionEdits implements vscode.Disposable {
  private readonly pending = new Map<string, PendingEdit>();
  private readonly subscriptions: vscode.Disposable[];
  private sequence = 0;

  constructor(
    private readonly services: EditServices,
    private readonly anchors: SelectionAnchors,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
        provideTextDocumentContent: (uri) => this.pending.get(uri.toString())?.content ?? '',
      }),
    ];
  }

  /** Asks the model for the edit, then shows it as a diff with Accept / Reject. */
  async propose(req: EditRequest): Promise<void> {
    try {
      await this.proposeOnce(req);
    } finally {
      // Tracking ends unless a proposal is waiting for Accept / Reject.
      if (![...this.pending.values()].some((e) => e.anchorId === req.anchorId)) this.anchors.forget(req.anchorId);
    }
  }

  private async proposeOnce(req: EditRequest): Promise<void> {
    const label = sourceLabel(req.ctx);
    const settings = this.services.settings();
    const request: PipelineRequest = {
      providerId: req.model.providerId,
      model: req.model.model,
      messages: [
        { role: 'system', content: EDIT_SYSTEM_PROMPT },
        { role: 'user', content: buildEditPrompt(req.ctx, req.instruction) },
      ],
      maxOutputTokens: settings.maxOutputTokens,
      ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
    };
    this.log.info(`Edit ${label} with ${req.model.providerId}/${req.model.model} (${req.ctx.code.length} chars).`);
    const result = await runWithProgress(this.services, request, `Switchboard: editing ${label}`);
    if (result.outcome === 'stopped') return;
    if (result.outcome !== 'ok') return this.failed(req, result);

    const proposal = extractProposal(result.text);
    if (proposal.cutOff || result.finishReason === 'length') {
      const choice = await vscode.window.showWarningMessage(
        `Switchboard: the answer was cut off at the output limit (switchboard.maxOutputTokens = ${settings.maxOutputTokens}), so there is no complete edit to apply.`,
        'Open Settings',
        'Show Answer',
      );
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.maxOutputTokens');
      if (choice === 'Show Answer') await showText(result.text);
      return;
    }
    if (!proposal.code.trim()) {
      // Prose is never applied as code: the answer is shown instead, so nothing is lost.
      const what = proposal.fenced ? 'an empty code block' : 'no code block';
      const choice = await vscode.window.showWarningMessage(`Switchboard: the model answered with ${what}, so nothing was applied to ${label}.`, 'Show Answer', 'Retry');
      if (choice === 'Retry') return this.proposeOnce(req);
      if (choice === 'Show Answer') await showText(result.text);
      return;
    }
    const found = await this.anchors.find(req.anchorId);
    if (!found) {
      const choice = await vscode.window.showWarningMessage(`Switchboard: the code in ${label} changed while the edit was being written, so it was not applied.`, 'Show Answer');
      if (choice === 'Show Answer') await showText(result.text);
      return;
    }
    const text = found.document.getText();
    const start = found.document.offsetAt(found.range.start);
    const end = found.document.offsetAt(found.range.end);
    const replacement = fitReplacement(text.slice(start, end), proposal.code, found.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
    if (replacement === text.slice(start, end)) {
      void vscode.window.showInformationMessage(`Switchboard: the model proposed no change to ${label}.`);
      return;
    }
    const name = found.document.uri.path.split('/').pop() || 'file';
    const proposalUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.sequence}/${name}` });
    const edit: PendingEdit = { anchorId: req.anchorId, label, proposalUri, code: proposal.code, content: text.slice(0, start) + replacement + text.slice(end) };
    this.pending.set(proposalUri.toString(), edit);
    void this.updateContext();
    const title = `${name}: Proposed edit (${linesLabel(req.ctx.startLine, req.ctx.endLine)})`;
    await vscode.commands.executeCommand('vscode.diff', found.document.uri, proposalUri, title, { preview: false });
    void this.showReviewNotice(edit);
  }

  /**
   * A progress notification, because VS Code can close only those: it stays while the proposal is
   * pending and closes when it is accepted or rejected from anywhere (title bar, palette). Its
   * Cancel button rejects the proposal.
   */
  private showReviewNotice(edit: PendingEdit): Thenable<void> {
    const title = `Switchboard: review the proposed edit of ${edit.label}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      progress.report({ message: 'Accept (✓) or Reject in the diff\'s title bar; Cancel rejects it.' });
      return new Promise<void>((resolve) => {
        edit.closeNotice = resolve;
        token.onCancellationRequested(() => {
          if (this.pending.has(edit.proposalUri.toString())) void this.reject(edit.proposalUri);
          resolve();
        });
      });
    });
  }

  /** Applies the proposal shown in the active diff (or the given one, or the latest). */
  async accept(target?: unknown): Promise<void> {
    const edit = this.pendingFor(target);
    if (!edit) return void vscode.window.showInformationMessage('Switchboard: there is no proposed edit to accept.');
    const result = await this.anchors.replace(edit.anchorId, edit.code, edit.label);
    if (!result.ok) {
      // The proposal stays open, so nothing is lost.
      const choice = await vscode.window.showWarningMessage(`Switchboard: ${result.message} The proposed edit is still open.`, 'Copy Proposed Code');
      if (choice === 'Copy Proposed Code') await vscode.env.clipboard.writeText(edit.code);
      return;
    }
    await this.close(edit);
    const column = vscode.window.visibleTextEditors.find((e) => e.document === result.document)?.viewColumn;
    await vscode.window.showTextDocument(result.document, { selection: result.range, ...(column ? { viewColumn: column } : {}) });
    vscode.window.setStatusBarMessage(`Switchboard: edit applied to ${edit.label} — Undo reverts it.`, 8_000);
  }

  async reject(target?: unknown): Promise<void> {
    const edit = this.pendingFor(target);
    if (!edit) return void vscode.window.showInformationMessage('Switchboard: there is no proposed edit to reject.');
    await this.close(edit);
    vscode.window.setStatusBarMessage(`Switchboard: proposed edit of ${edit.label} discarded.`, 5_000);
  }

  private async failed(req: EditRequest, result: PipelineResult): Promise<void> {
    const error = result.error ?? { code: 'unknown', message: 'The request failed.', providerId: req.model.providerId };
    const remedy = remedyFor(error.code);
    const choices = [
      ...(remedy.action === 'setApiKey' ? ['Set API Key'] : []),
      ...(remedy.action === 'openSettings' ? ['Open Settings'] : []),
      ...(remedy.action === 'retry' ? ['Retry'] : []),
      ...(result.text ? ['Show Partial Answer'] : []),
    ];
    const choice = await vscode.window.showErrorMessage(`Switchboard: the edit of ${sourceLabel(req.ctx)} failed — ${error.message}`, ...choices);
    if (choice === 'Set API Key') await vscode.commands.executeCommand('switchboard.setApiKey', error.providerId);
    else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', remedy.action === 'openSettings' ? `switchboard.${remedy.settings}` : 'switchboard');
    else if (choice === 'Retry') await this.proposeOnce(req);
    else if (choice === 'Show Partial Answer') await showText(result.text);
  }

  /**
   * The edit a command means: its argument (the editor title passes the diff's URI), else the
   * active diff's, else the most recent one.
   */
  private pendingFor(target: unknown): PendingEdit | undefined {
    if (target instanceof vscode.Uri) return this.pending.get(target.toString());
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff) {
      const edit = this.pending.get(input.modified.toString());
      if (edit) return edit;
    }
    return [...this.pending.values()].pop();
  }

  private async close(edit: PendingEdit): Promise<void> {
    this.pending.delete(edit.proposalUri.toString());
    edit.closeNotice?.();
    this.anchors.forget(edit.anchorId);
    void this.updateContext();
    const key = edit.proposalUri.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', PENDING_CONTEXT, this.pending.size > 0);
  }

  dispose(): void {
    for (const edit of this.pending.values()) edit.closeNotice?.();
    for (const s of this.subscriptions) s.dispose();
  }
}


async function showText(text: string): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }));
}
