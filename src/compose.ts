import * as vscode from 'vscode';
import { Log } from './host/log';
import { SettingsService } from './host/settings';
import { KeyStore } from './features/keys/keyStore';
import { KeyCommands } from './features/keys/keyCommands';
import { ProviderService } from './features/keys/providerService';
import { ChatViewProvider } from './features/chat/chatViewProvider';
import { DroppedMessageLog } from './host/droppedMessageLog';
import { ChatBackend } from './features/chat/chatBackend';
import { UsageService } from './features/usage/usageService';
import { UsageStatusBar } from './features/usage/statusBar';
import { UsageReportPanel } from './features/usage/usageReportPanel';
import { BudgetGuard, spendFromUsage, type BudgetStatus } from './core/budget/budget';
import { SelectionCommands } from './features/selection/selectionCommands';
import { SelectionAnchors } from './features/selection/selectionAnchors';
import { SelectionEdits } from './features/selection/selectionEdits';

/** Everything the extension runs on, created once, after activation returned. */
export interface Services extends vscode.Disposable {
  chatView: vscode.WebviewViewProvider;
  runCommand(id: string, args: unknown[]): unknown;
}

export async function createServices(context: vscode.ExtensionContext): Promise<Services> {
  const disposables: vscode.Disposable[] = [];
  try {
    return await compose(context, disposables);
  } catch (err) {
    // A start-up that fails halfway must not leave timers and listeners of what it did create.
    for (const d of disposables.reverse()) d.dispose();
    throw err;
  }
}

async function compose(context: vscode.ExtensionContext, disposables: vscode.Disposable[]): Promise<Services> {
  const own = <T extends vscode.Disposable>(d: T): T => (disposables.push(d), d);

  const log = own(new Log());
  const settings = own(new SettingsService((m) => log.warn(m)));
  const keys = own(new KeyStore(context.secrets));
  const providers = own(new ProviderService(keys, settings, context.globalState));
  // Register the stored keys with the log's redactor, so even a shape-less key is masked in logs.
  for (const entry of providers.entries()) log.registerSecret(await keys.get(entry.id));
  own(keys.onDidChange(async (id) => log.registerSecret(await keys.get(id))));

  const usage = own(new UsageService(context.globalState, (m) => log.warn(m)));
  const providerLabel = (id: string) => providers.entry(id)?.label ?? id;
  const budget = new BudgetGuard({
    settings: () => {
      const s = settings.value;
      return { daily: s['budget.daily'], monthly: s['budget.monthly'], mode: s['budget.mode'], perProvider: s['budget.perProvider'] };
    },
    spend: spendFromUsage(usage.store),
    store: context.globalState,
    providerLabel,
  });
  const budgetLevel = () => worstBudget(budget.status(), settings.value['budget.mode']);
  const statusBar = own(new UsageStatusBar(usage, budgetLevel, providerLabel));
  own(settings.onDidChange(() => statusBar.render()));

  const backend = own(new ChatBackend(providers, settings, usage, budget, statusBar));
  const anchors = own(new SelectionAnchors(context.workspaceState));
  const chatView = own(new ChatViewProvider({ extensionUri: context.extensionUri, globalState: context.globalState, services: backend, log, anchors }));
  const dropped = own(new DroppedMessageLog((m) => log.warn(m)));
  const report = own(
    new UsageReportPanel(
      context.extensionUri,
      usage,
      () =>
        budget.status().map((s) => ({
          label: `${s.period === 'day' ? 'Daily' : 'Monthly'}${s.providerId ? ` · ${providerLabel(s.providerId)}` : ''}`,
          spentUsd: s.spentUsd,
          limitUsd: s.limitUsd,
          level: s.level,
        })),
      providerLabel,
      dropped,
    ),
  );
  const edits = own(new SelectionEdits(backend, anchors, log));
  const selection = new SelectionCommands(context.globalState, chatView, settings, anchors, edits, log);

  const keyCommands = new KeyCommands(keys, providers, log);
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    ...keyCommands.handlers(),
    ...selection.handlers(),
    'switchboard.newChat': () => chatView.newChat(),
    'switchboard.showUsage': () => report.show(),
    'switchboard.showLog': () => log.show(),
  };

  log.info(`Switchboard ${String(context.extension.packageJSON.version)} ready (${vscode.env.appName} ${vscode.version}).`);
  return {
    chatView,
    runCommand(id, args) {
      const handler = handlers[id];
      if (!handler) {
        void vscode.window.showErrorMessage(`Switchboard: unknown command ${id}.`);
        return undefined;
      }
      return Promise.resolve(handler(...args)).catch((err: unknown) => {
        log.error(`Command ${id} failed`, err);
        void vscode.window.showErrorMessage(`Switchboard: ${log.redact(err instanceof Error ? err.message : String(err))}`, 'Show Log').then((c) => c && log.show());
      });
    },
    dispose() {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}

/** The most severe budget level, for the status bar's background and tooltip. */
function worstBudget(statuses: BudgetStatus[], mode: 'soft' | 'hard'): { level: 'ok' | 'warn80' | 'exceeded' | 'blocked'; text?: string } {
  const exceeded = statuses.find((s) => s.level === 'exceeded');
  if (exceeded) {
    return { level: mode === 'hard' ? 'blocked' : 'exceeded', text: `${exceeded.period === 'day' ? 'Daily' : 'Monthly'} budget of $${exceeded.limitUsd} reached${mode === 'hard' ? ': new requests are blocked' : ''}.` };
  }
  const warn = statuses.find((s) => s.level === 'warn80');
  if (warn) return { level: 'warn80', text: `Over 80 % of the ${warn.period === 'day' ? 'daily' : 'monthly'} budget ($${warn.limitUsd}).` };
  return { level: 'ok' };
}
