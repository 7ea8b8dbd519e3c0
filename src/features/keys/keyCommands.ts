// Command-palette API-key commands: set, remove, test, and import from the environment. Keys go
// to SecretStorage and nowhere else.
// KeyCommands is also the feature's one entry for compose.ts: it builds the endpoint commands and
// the Manage Providers picker (both hand back to the key commands) and lists every command id in
// handlers().
import * as vscode from 'vscode';
import { providerKinds } from '../../core/providers/registry';
import { isProviderError } from '../../core/llm/errors';
import type { Log } from '../../host/log';
import type { KeyStore } from './keyStore';
import { checkKeyShape, maskKey } from './keyShape';
import { ENV_KEY_NAMES, findEnvKeys } from './envKeys';
import type { ProviderService, ProviderStatus } from './providerService';
import { EndpointCommands } from './endpointCommands';
import { ManageProviders } from './manageProviders';

export class KeyCommands {
  private readonly endpoints: EndpointCommands;
  private readonly manageProviders: ManageProviders;

  constructor(
    private readonly keys: KeyStore,
    private readonly providers: ProviderService,
    private readonly log: Log,
  ) {
    this.endpoints = new EndpointCommands(keys, providers, log, this);
    this.manageProviders = new ManageProviders(providers, this, this.endpoints);
  }

  /** Command id → handler; extension.ts registers the ids and dispatches here once services load. */
  handlers(): Record<string, (...args: unknown[]) => unknown> {
    const providerArg = (id: unknown) => (typeof id === 'string' ? id : undefined);
    return {
      'switchboard.setApiKey': (id) => this.setKey(providerArg(id)),
      'switchboard.removeApiKey': (id) => this.removeKey(providerArg(id)),
      'switchboard.testApiKey': (id) => this.testKey(providerArg(id)),
      'switchboard.manageProviders': () => this.manageProviders.show(),
      'switchboard.addEndpoint': () => this.endpoints.addOrEdit(),
      'switchboard.removeEndpoint': () => this.endpoints.remove(),
      'switchboard.importEnvKeys': () => this.importEnv(),
    };
  }

  /** Returns true when a key was stored. */
  async setKey(providerId?: string): Promise<boolean> {
    const status = await this.pickProvider('Set the API key for…', providerId, (s) => s.entry.needsKey || s.hasKey);
    if (!status) return false;
    const kindInfo = providerKinds[status.entry.kind];
    const builtIn = status.entry.id === status.entry.kind;
    const pattern = builtIn ? kindInfo.keyPattern : undefined;
    const hint = builtIn ? kindInfo.keyHint : undefined;
    const key = await vscode.window.showInputBox({
      title: `Switchboard: ${status.entry.label} API key`,
      prompt: `Paste your ${status.entry.label} API key${hint ? ` (${hint})` : ''}. It is stored in VS Code's secret storage only.${status.maskedKey ? ` Replaces ${status.maskedKey}.` : ''}`,
      password: true,
      ignoreFocusOut: true,
      placeHolder: kindInfo.keyUrl ? `Get one at ${kindInfo.keyUrl}` : undefined,
      validateInput: (value) => checkKeyShape(value, pattern, hint),
    });
    if (!key || !key.trim()) return false; // empty input or Escape cancels
    this.log.registerSecret(key.trim());
    await this.keys.set(status.entry.id, key);
    this.log.info(`API key set for ${status.entry.id} (${maskKey(key)}).`);
    void vscode.window.showInformationMessage(`Switchboard: ${status.entry.label} key saved (${maskKey(key)}).`, 'Test Key').then((choice) => {
      if (choice) void this.testKey(status.entry.id);
    });
    return true;
  }

  async removeKey(providerId?: string): Promise<void> {
    const status = await this.pickProvider('Remove the API key of…', providerId, (s) => s.hasKey);
    if (!status) return;
    if (!status.hasKey) {
      void vscode.window.showInformationMessage(`Switchboard: ${status.entry.label} has no key stored.`);
      return;
    }
    await this.keys.delete(status.entry.id);
    this.log.info(`API key removed for ${status.entry.id}.`);
    void vscode.window.showInformationMessage(`Switchboard: ${status.entry.label} key removed.`);
  }

  /** A cheap live call (list models) that says OK, invalid key, or unreachable. */
  async testKey(providerId?: string): Promise<void> {
    const status = await this.pickProvider('Test the API key of…', providerId, (s) => s.ready);
    if (!status) return;
    const label = status.entry.label;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Switchboard: testing ${label}…`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        try {
          const models = await (await this.providers.adapter(status.entry.id)).listModels(abort.signal);
          return { ok: true, at: Date.now(), message: `${label} key works — ${models.length} models available.` };
        } catch (err) {
          // A provider error already names the provider and says what went wrong: state it once.
          const code = isProviderError(err) ? err.code : 'unknown';
          const detail = this.log.redact(err instanceof Error ? err.message : String(err));
          return { ok: false, at: Date.now(), code, message: isProviderError(err) ? detail : `${label} test failed: ${detail}` };
        }
      },
    );
    await this.providers.recordTest(status.entry.id, result);
    this.log.info(`Key test for ${status.entry.id}: ${result.ok ? 'OK' : result.code} — ${result.message}`);
    if (result.ok) {
      void vscode.window.showInformationMessage(`Switchboard: ${result.message}`);
    } else {
      const action = result.code === 'auth' ? 'Set API Key' : 'Open Settings';
      void vscode.window.showErrorMessage(`Switchboard: ${result.message}`, action).then((choice) => {
        if (choice === 'Set API Key') void this.setKey(status.entry.id);
        else if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard');
      });
    }
  }

  /** Imports keys from environment variables — only when the user runs this command. */
  async importEnv(): Promise<void> {
    const found = findEnvKeys(process.env);
    if (!found.length) {
      void vscode.window.showInformationMessage(`Switchboard: none of ${ENV_KEY_NAMES.join(', ')} is set in VS Code's environment.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      found.map((f) => ({ label: providerKinds[f.providerId].label, description: `${f.name} = ${maskKey(f.key)}`, picked: true, f })),
      { canPickMany: true, title: 'Switchboard: import these keys into secret storage?' },
    );
    if (!picked?.length) return;
    for (const { f } of picked) {
      this.log.registerSecret(f.key);
      await this.keys.set(f.providerId, f.key);
    }
    this.log.info(`Imported keys from the environment for: ${picked.map((p) => p.f.providerId).join(', ')}.`);
    void vscode.window.showInformationMessage(`Switchboard: imported ${picked.length} key(s) into secret storage.`);
  }

  /** The provider named by `providerId`, or the one the user picks among those that pass `filter`. */
  private async pickProvider(
    title: string,
    providerId: string | undefined,
    filter: (s: ProviderStatus) => boolean,
  ): Promise<ProviderStatus | undefined> {
    if (providerId) {
      const s = await this.providers.status(providerId);
      if (!s) void vscode.window.showErrorMessage(`Switchboard: unknown provider "${providerId}".`);
      return s;
    }
    const statuses = (await this.providers.statuses()).filter(filter);
    if (!statuses.length) {
      void vscode.window.showInformationMessage('Switchboard: no provider fits. Set a key first.', 'Set API Key').then((c) => {
        if (c) void this.setKey();
      });
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      statuses.map((s) => ({
        label: s.entry.label,
        description: s.hasKey ? s.maskedKey : s.entry.needsKey ? 'no key' : 'no key needed',
        s,
      })),
      { title: `Switchboard: ${title}` },
    );
    return picked?.s;
  }
}
