import * as vscode from 'vscode';
import { buildReport } from '../../core/usage/report';
import { dayKey } from '../../core/usage/dates';
import { checkUsageInbound, type UsageInbound, type UsageOutbound, type UsageReport } from '../../shared/protocol/usageReport';
import type { DroppedMessageLog } from '../../host/droppedMessageLog';
import { WebviewHost, webviewOptions } from '../../host/webviewHost';
import type { UsageService } from './usageService';

export interface UsageReportDeps {
  extensionUri: vscode.Uri;
  usage: UsageService;
  budgets: () => UsageReport['budgets'];
  providerLabel: (providerId: string) => string;
  dropped: DroppedMessageLog;
  log: { error(message: string, err?: unknown): void };
}

/** The usage report editor panel: one at a time, refreshed when usage changes. */
export class UsageReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly host: WebviewHost<UsageInbound, UsageOutbound>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: UsageReportDeps) {
    this.host = new WebviewHost({
      extensionUri: deps.extensionUri,
      view: 'usage',
      title: 'Switchboard Usage',
      check: checkUsageInbound,
      onMessage: (m) => this.handle(m),
      dropped: deps.dropped,
      log: deps.log,
    });
    this.disposables.push(this.host, deps.usage.onDidChange(() => this.post()));
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel('switchboard.usage', 'Switchboard Usage', vscode.ViewColumn.Active, {
      ...webviewOptions(this.deps.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'switchboard.svg');
    this.host.attach(panel.webview);
    panel.onDidDispose(() => {
      this.host.detach();
      this.panel = undefined;
    }, undefined, this.disposables);
    this.panel = panel;
  }

  private async handle(message: UsageInbound): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        this.deps.usage.refresh();
        return this.post();
      case 'exportCsv':
        return this.exportCsv();
      case 'resetUsage': {
        const choice = await vscode.window.showWarningMessage(
          'Reset all Switchboard usage history? This deletes the recorded costs and tokens of every window and cannot be undone.',
          { modal: true },
          'Reset Usage',
        );
        if (choice === 'Reset Usage') await this.deps.usage.reset();
        return;
      }
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
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(this.deps.usage.store.toCsv()));
    void vscode.window.showInformationMessage(`Switchboard: usage exported to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private post(): void {
    if (!this.host.isReady) return;
    this.host.post({ type: 'usageReport', report: buildReport(this.deps.usage.store, this.deps.budgets(), this.deps.providerLabel) });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
