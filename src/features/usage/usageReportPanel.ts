import * as vscode from 'vscode';
import { checkFromWebview, type UsageReport } from '../../shared/protocol';
import { webviewHtml, webviewOptions } from '../../host/webviewHtml';
import type { UsageService } from './usageService';
import { addDays, dayKey, lastDays, monthRange } from '../../core/usage/dates';
import type { UsageStore } from '../../core/usage/usageStore';
import type { DroppedMessageLog } from '../../host/droppedMessageLog';

/** The usage report editor panel: one at a time, refreshed when usage changes. */
export class UsageReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly usage: UsageService,
    private readonly budgets: () => UsageReport['budgets'],
    private readonly providerLabel: (providerId: string) => string,
    private readonly dropped: DroppedMessageLog,
  ) {
    this.disposables.push(usage.onDidChange(() => this.post()));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('switchboard.usage', 'Switchboard Usage', vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'switchboard.svg');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { title: 'Switchboard Usage', view: 'usage' });
    panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), undefined, this.disposables);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    this.panel = panel;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = checkFromWebview(raw);
    if (!parsed.ok) {
      this.dropped.record('webview', parsed);
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'usageReady' || msg.type === 'refreshUsage') {
      this.usage.refresh();
      this.post();
    } else if (msg.type === 'exportCsv') {
      await this.exportCsv();
    } else if (msg.type === 'resetUsage') {
      const choice = await vscode.window.showWarningMessage(
        'Reset all Switchboard usage history? This deletes the recorded costs and tokens of every window and cannot be undone.',
        { modal: true },
        'Reset Usage',
      );
      if (choice === 'Reset Usage') await this.usage.reset();
    }
  }

  private async exportCsv(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: { CSV: ['csv'] },
      saveLabel: 'Export',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `switchboard-usage-${dayKey(new Date())}.csv`) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(this.usage.store.toCsv()));
    void vscode.window.showInformationMessage(`Switchboard: usage exported to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private post(): void {
    if (!this.panel) return;
    void this.panel.webview.postMessage({ type: 'usageReport', report: buildReport(this.usage.store, this.budgets(), this.providerLabel) });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Everything the report shows, from the merged usage view (pure, so it is unit-testable). */
export function buildReport(store: UsageStore, budgets: UsageReport['budgets'], providerLabel: (providerId: string) => string, now = new Date()): UsageReport {
  const today = dayKey(now);
  const period = (from: string) => {
    const range = { from, to: today };
    return { totals: store.totals(range), byModel: store.byProviderModel(range), byWorkspace: store.byWorkspace(range) };
  };
  const byDay = new Map(store.byDay(30).map((d) => [d.day, d]));
  const recent = store.recent(100).map((r) => ({ ...r, ...(r.errorCode === undefined ? {} : { errorCode: r.errorCode }) }));
  const periods = { today: period(today), week: period(dayKey(addDays(now, -6))), month: period(monthRange(now).from) };
  const ids = new Set([...recent.map((r) => r.providerId), ...Object.values(periods).flatMap((p) => p.byModel.map((m) => m.providerId))]);
  return {
    generatedAt: now.getTime(),
    days: lastDays(now, 30).map((day) => {
      const d = byDay.get(day);
      return { day, costUsd: d?.total.costUsd ?? 0, models: (d?.models ?? []).map((m) => ({ model: m.model, costUsd: m.costUsd })) };
    }),
    ...periods,
    recent,
    providerLabels: [...ids].map((id) => ({ id, label: providerLabel(id) })),
    budgets,
  };
}
