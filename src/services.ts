import * as vscode from 'vscode';
import { Log } from './log';
import { SettingsService } from './settings';
import { KeyStore } from './keys/keyStore';
import { KeyCommands } from './keys/keyCommands';
import { ProviderService } from './providers/providerService';
import { ChatViewProvider } from './chat/chatViewProvider';

/** Everything the extension runs on, created once, after activation returned. */
export interface Services extends vscode.Disposable {
  chatView: vscode.WebviewViewProvider;
  runCommand(id: string, args: unknown[]): unknown;
}

export async function createServices(context: vscode.ExtensionContext): Promise<Services> {
  const disposables: vscode.Disposable[] = [];
  const own = <T extends vscode.Disposable>(d: T): T => (disposables.push(d), d);

  const log = own(new Log());
  const settings = own(new SettingsService((m) => log.warn(m)));
  const keys = own(new KeyStore(context.secrets));
  const providers = own(new ProviderService(keys, settings, context.globalState));
  // Register the stored keys with the log's redactor, so even a shape-less key is masked in logs.
  for (const entry of providers.entries()) log.registerSecret(await keys.get(entry.id));
  own(keys.onDidChange(async (id) => log.registerSecret(await keys.get(id))));

  const keyCommands = new KeyCommands(keys, providers, log);
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    ...keyCommands.handlers(),
    'switchboard.showLog': () => log.show(),
  };

  log.info(`Switchboard ${String(context.extension.packageJSON.version)} ready (${vscode.env.appName} ${vscode.version}).`);
  return {
    chatView: new ChatViewProvider(context.extensionUri),
    runCommand(id, args) {
      const handler = handlers[id];
      if (!handler) {
        void vscode.window.showWarningMessage(`Switchboard: ${id} is not available yet in this build.`);
        return undefined;
      }
      return handler(...args);
    },
    dispose() {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
