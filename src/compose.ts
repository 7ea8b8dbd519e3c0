// The composition root: creates this window's services once, after activation returned, and
// wires them together. Labels, thresholds and wording live in the features, not here.
import * as vscode from 'vscode';
import { DroppedMessageLog } from './host/droppedMessageLog';
import { Log } from './host/log';
import { SettingsService } from './host/settings';
import { BudgetService } from './features/budget/budgetService';
import { conversationSpend } from './features/budget/conversationSpend';
import { LazyAttachments } from './features/attachments/lazyAttachments';
import { registerProblemCodeActions } from './features/attachments/problemCodeActions';
import { TerminalOutputs } from './features/attachments/terminalOutputs';
import { ChatViewProvider } from './features/chat/chatViewProvider';
import { openConversationStorage } from './features/chat/conversationStorage';
import { hostChatServices } from './features/chat/hostChatServices';
import { WorkspaceInstructionsService } from './features/chat/workspaceInstructionsService';
import { KeyCommands } from './features/keys/keyCommands';
import { KeyStore } from './features/keys/keyStore';
import { ProviderService } from './features/keys/providerService';
import { KeyConsent } from './features/keys/keyConsent';
import { HostNetwork } from './host/network';
import { createHostRequests } from './features/requests/hostRequests';
import { SelectionAnchors } from './features/selection/selectionAnchors';
import { SelectionCommands } from './features/selection/selectionCommands';
import { SelectionEdits } from './features/selection/selectionEdits';
import { UsageStatusBar } from './features/usage/statusBar';
import { UsageReportPanel } from './features/usage/usageReportPanel';
import { UsageService } from './features/usage/usageService';
import { languageModelApi } from './features/vscodeChat/lmApi';
import { LM_VENDOR, SwitchboardChatModels } from './features/vscodeChat/lmChatProvider';
import { registerUsageParticipant } from './features/vscodeChat/usageParticipant';

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
  const routing = { fetch: own(new HostNetwork(log)).fetch, consent: own(new KeyConsent(context.globalState, keys)) };
  const providers = own(new ProviderService(keys, settings, context.globalState, routing, (m) => log.warn(m)));
  // Register the stored keys with the log's redactor, so even a shape-less key is masked in logs.
  for (const entry of providers.entries()) log.registerSecret(await keys.get(entry.id));
  own(keys.onDidChange(async (id) => log.registerSecret(await keys.get(id))));

  const usage = own(new UsageService(context.globalState, vscode.Uri.joinPath(context.globalStorageUri, 'usage').fsPath, (m) => log.warn(m)));
  const providerLabel = (id: string) => providers.entry(id)?.label ?? id;
  // Opened before the budget: a panel conversation's budget counts the answers stored in it.
  const conversations = own(await openConversationStorage(context, log));
  const budget = new BudgetService(settings, usage, context.globalState, providerLabel, (id) => conversationSpend(conversations.store, id));
  const statusBar = own(new UsageStatusBar(usage, () => budget.summary(), providerLabel));
  own(settings.onDidChange(() => statusBar.render()));

  const hostRequests = own(createHostRequests(settings, providers, budget, usage, log));
  const { pipeline, requests } = hostRequests;
  own(pipeline.limiter.onChange((queue) => statusBar.showQueue(queue)));
  const dropped = own(new DroppedMessageLog((m) => log.warn(m)));
  const anchors = own(new SelectionAnchors(context.workspaceState));
  const instructions = own(new WorkspaceInstructionsService(() => settings.value['instructions.enabled'], (l) => settings.onDidChange(l), log));
  // The terminal capture starts now; the rest of the feature is its own bundle, loaded on first use.
  const attachments = own(new LazyAttachments(log, { startCapture: () => new TerminalOutputs(), load: () => import('./features/attachments/attachmentsModule') }));
  own(registerProblemCodeActions());
  const chatView = own(new ChatViewProvider({
    extensionUri: context.extensionUri,
    store: conversations.store,
    services: hostChatServices(providers, settings, requests, instructions),
    log,
    dropped,
    anchors,
    openInstructions: (label) => instructions.open(label),
    attachments,
    images: conversations.images,
  }));
  const report = own(new UsageReportPanel({ extensionUri: context.extensionUri, usage, budgets: () => budget.rows(), providerLabel, dropped, log }));
  const edits = own(new SelectionEdits({ run: (r) => requests.run(r), settings: () => settings.value }, anchors, log));
  const selection = new SelectionCommands(context.globalState, chatView, settings, anchors, edits, log);

  // VS Code's own chat and every extension's `vscode.lm` calls: only where this VS Code has the API (1.104+).
  const lm = languageModelApi(vscode);
  if (lm) own(lm.registerLanguageModelChatProvider(LM_VENDOR, own(new SwitchboardChatModels(lm, providers, requests, log))));
  const participant = registerUsageParticipant({
    extensionUri: context.extensionUri,
    usage,
    budget,
    budgetMode: () => settings.value['budget.mode'],
    providerLabel,
  });
  if (participant) own(participant);

  const keyCommands = new KeyCommands(keys, providers, log);
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    ...keyCommands.handlers(),
    ...selection.handlers(),
    ...attachments.commands(async (drafts) => chatView.addAttachments(drafts), (text) => void vscode.window.showWarningMessage(`Switchboard: ${text}`)),
    'switchboard.newChat': () => chatView.newChat(),
    'switchboard.exportConversation': () => chatView.exportConversation(),
    'switchboard.showUsage': () => report.show(),
    'switchboard.showLog': () => log.show(),
  };

  log.info(`Switchboard ${String(context.extension.packageJSON.version)} ready (${vscode.env.appName} ${vscode.version}; models ${lm ? 'offered to' : 'not offered to: this VS Code has no API for'} VS Code chat).`);
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
    async dispose() {
      // A streaming answer's text is saved as it is now (it comes back interrupted after the reload).
      await chatView.flush().catch((err: unknown) => log.error('Saving running answers failed', err));
      await conversations.flush();
      // Running requests record what they used (and pending usage is written) before anything closes.
      await hostRequests.shutdown().catch((err: unknown) => log.error('Shutting down requests failed', err));
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
