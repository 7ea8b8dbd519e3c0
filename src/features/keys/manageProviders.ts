// The "Manage Providers" quick pick: every provider with its key and test state, then the
// actions that fit the one picked. It only offers; the key and endpoint commands do the work.
import * as vscode from 'vscode';
import type { EndpointSetting } from '../../host/settingsSchema';
import type { ProviderService, ProviderStatus } from './providerService';
import { describeStatus } from './providerStatusText';

/** The key commands the picker offers (KeyCommands). */
export interface KeyActions {
  setKey(providerId: string): Promise<unknown>;
  testKey(providerId: string): Promise<void>;
  removeKey(providerId: string): Promise<void>;
  importEnv(): Promise<void>;
}

/** The endpoint commands the picker offers (EndpointCommands). */
export interface EndpointActions {
  addOrEdit(existing?: EndpointSetting): Promise<void>;
  remove(name?: string): Promise<void>;
}

export class ManageProviders {
  constructor(
    private readonly providers: ProviderService,
    private readonly keys: KeyActions,
    private readonly endpoints: EndpointActions,
  ) {}

  async show(): Promise<void> {
    const statuses = await this.providers.statuses();
    type Item = vscode.QuickPickItem & { status?: ProviderStatus; run?: () => unknown };
    const items: Item[] = statuses.map((s) => ({
      label: `$(${s.ready ? 'pass-filled' : 'circle-large-outline'}) ${s.entry.label}`,
      description: s.hasKey ? `key ${s.maskedKey}` : s.entry.needsKey ? 'no key' : 'no key needed',
      detail: describeStatus(s, this.providers.defaultModel(s.entry.id)),
      status: s,
    }));
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(add) Add OpenAI-compatible endpoint…', run: () => this.endpoints.addOrEdit() },
      { label: '$(cloud-download) Import keys from environment variables…', run: () => this.keys.importEnv() },
    );
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Switchboard: Providers',
      placeHolder: 'Pick a provider to set, test or remove its key',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return;
    if (picked.run) return void (await picked.run());
    const s = picked.status!;
    const actions: (vscode.QuickPickItem & { run: () => unknown })[] = [
      ...(s.entry.needsKey || s.hasKey ? [{ label: `$(key) ${s.hasKey ? 'Replace' : 'Set'} API key`, run: () => this.keys.setKey(s.entry.id) }] : []),
      ...(s.ready ? [{ label: '$(beaker) Test connection', run: () => this.keys.testKey(s.entry.id) }] : []),
      ...(s.hasKey ? [{ label: '$(trash) Remove API key', run: () => this.keys.removeKey(s.entry.id) }] : []),
      ...(s.entry.endpoint
        ? [
            { label: '$(edit) Edit endpoint', run: () => this.endpoints.addOrEdit(s.entry.endpoint) },
            { label: '$(close) Remove endpoint', run: () => this.endpoints.remove(s.entry.endpoint!.name) },
          ]
        : []),
    ];
    const action = await vscode.window.showQuickPick(actions, { title: `Switchboard: ${s.entry.label}` });
    await action?.run();
  }
}
