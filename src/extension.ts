import * as vscode from 'vscode';
import './core/zodEnglish'; // zod's English messages, before anything is parsed
import type { Services } from './compose';

// Activation is kept to registrations only: every service (settings, keys, providers, usage, chat)
// lives in ./services, which esbuild turns into a lazily initialised module; it is loaded right
// after activation returns (or by the first command or view that needs it), and no provider SDK is
// loaded until a provider is used.

let services: Promise<Services> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const load = (): Promise<Services> =>
    (services ??= import('./compose').then((m) => m.createServices(context)).catch((err: unknown) => {
      services = undefined;
      void vscode.window.showErrorMessage(`Switchboard failed to start: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }));

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(
      'switchboard.chat',
      { resolveWebviewView: async (view, ctx, token) => (await load()).chatView.resolveWebviewView(view, ctx, token) },
      { webviewOptions: { retainContextWhenHidden: true } },
    ),
  );

  const commandIds = [
    'newChat', 'setApiKey', 'removeApiKey', 'testApiKey', 'manageProviders', 'addEndpoint', 'removeEndpoint',
    'importEnvKeys', 'askAboutSelection', 'editSelection', 'acceptEdit', 'rejectEdit', 'showUsage', 'showLog', 'exportConversation',
    'attachToChat', 'attachProblem',
  ];
  for (const name of commandIds) {
    const id = `switchboard.${name}`;
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).runCommand(id, args)));
  }
  setTimeout(() => void load().catch(() => undefined), 0);
}

export function deactivate(): Thenable<void> | undefined {
  return services?.then((s) => s.dispose()).catch(() => undefined);
}
