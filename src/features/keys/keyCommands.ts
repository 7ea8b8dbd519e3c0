import * as vscode from 'vscode';
import { providerKinds } from '../../core/providers/registry';
import { isProviderError } from '../../core/llm/errors';
import type { Log } from '../../host/log';
import type { KeyStore } from './keyStore';
import { checkKeyShape, maskKey } from './keyShape';
import { ENDPOINT_PRESETS, parseHeaderList, type EndpointPreset } from './endpointPresets';
import { endpointId, type ProviderService, type ProviderStatus } from './providerService';
import type { EndpointSetting } from '../../host/settingsSchema';

const ENV_KEYS: { providerId: string; names: string[] }[] = [
  { providerId: 'openai', names: ['OPENAI_API_KEY'] },
  { providerId: 'anthropic', names: ['ANTHROPIC_API_KEY'] },
  { providerId: 'gemini', names: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
];

/** Command-palette key and endpoint management. Keys go to SecretStorage and nowhere else. */
export class KeyCommands {
  constructor(
    private readonly keys: KeyStore,
    private readonly providers: ProviderService,
    private readonly log: Log,
  ) {}

  /** Command id → handler; extension.ts registers the ids and dispatches here once services load. */
  handlers(): Record<string, (...args: unknown[]) => unknown> {
    const providerArg = (id: unknown) => (typeof id === 'string' ? id : undefined);
    return {
      'switchboard.setApiKey': (id) => this.setKey(providerArg(id)),
      'switchboard.removeApiKey': (id) => this.removeKey(providerArg(id)),
      'switchboard.testApiKey': (id) => this.testKey(providerArg(id)),
      'switchboard.manageProviders': () => this.manage(),
      'switchboard.addEndpoint': () => this.addEndpoint(),
      'switchboard.removeEndpoint': () => this.removeEndpoint(),
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

  async manage(): Promise<void> {
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
      { label: '$(add) Add OpenAI-compatible endpoint…', run: () => this.addEndpoint() },
      { label: '$(cloud-download) Import keys from environment variables…', run: () => this.importEnv() },
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
      ...(s.entry.needsKey || s.hasKey ? [{ label: `$(key) ${s.hasKey ? 'Replace' : 'Set'} API key`, run: () => this.setKey(s.entry.id) }] : []),
      ...(s.ready ? [{ label: '$(beaker) Test connection', run: () => this.testKey(s.entry.id) }] : []),
      ...(s.hasKey ? [{ label: '$(trash) Remove API key', run: () => this.removeKey(s.entry.id) }] : []),
      ...(s.entry.endpoint
        ? [
            { label: '$(edit) Edit endpoint', run: () => this.addEndpoint(s.entry.endpoint) },
            { label: '$(close) Remove endpoint', run: () => this.removeEndpoint(s.entry.endpoint!.name) },
          ]
        : []),
    ];
    const action = await vscode.window.showQuickPick(actions, { title: `Switchboard: ${s.entry.label}` });
    await action?.run();
  }

  /** Adds an endpoint, or edits one when `existing` is given. Non-secret fields go to settings. */
  async addEndpoint(existing?: EndpointSetting): Promise<void> {
    let preset: EndpointPreset | undefined;
    if (!existing) {
      const picked = await vscode.window.showQuickPick(
        ENDPOINT_PRESETS.map((p) => ({ label: p.label, detail: p.detail, preset: p })),
        { title: 'Switchboard: Add OpenAI-compatible endpoint', placeHolder: 'What kind of endpoint?' },
      );
      if (!picked) return;
      preset = picked.preset;
    }
    const kind = existing?.kind ?? preset!.kind;
    const current = vscode.workspace.getConfiguration('switchboard').get<unknown[]>('endpoints') ?? [];
    const taken = new Set(
      current.flatMap((e) => (e && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string' ? [(e as { name: string }).name.toLowerCase()] : [])),
    );
    if (existing) taken.delete(existing.name.toLowerCase());
    const name = await ask('Name shown in the model picker', existing?.name ?? preset!.name, (v) =>
      !/^[\w .-]{1,40}$/.test(v.trim()) ? 'Use 1–40 letters, digits, spaces, dots or dashes.' : taken.has(v.trim().toLowerCase()) ? 'An endpoint with that name exists.' : undefined,
    );
    if (name === undefined) return;
    const endpoint: Record<string, unknown> = { name: name.trim(), kind };
    if (kind === 'azure-openai') {
      const az = existing?.azure;
      const ep = await ask('Azure OpenAI resource endpoint', az?.endpoint ?? 'https://<resource>.openai.azure.com', urlCheck);
      if (ep === undefined) return;
      const deployment = await ask('Deployment name', az?.deployment ?? '', (v) => (v.trim() ? undefined : 'Required.'));
      if (deployment === undefined) return;
      const apiVersion = await ask('API version', az?.apiVersion ?? '2024-10-21', (v) => (/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v.trim()) ? undefined : 'Like 2024-10-21.'));
      if (apiVersion === undefined) return;
      endpoint.azure = { endpoint: ep.trim(), deployment: deployment.trim(), apiVersion: apiVersion.trim() };
      endpoint.needsKey = true;
    } else {
      const baseUrl = await ask('Base URL (including /v1 where the server uses it)', existing?.baseUrl ?? preset!.baseUrl ?? 'https://', urlCheck);
      if (baseUrl === undefined) return;
      endpoint.baseUrl = baseUrl.trim();
      const needsKey = existing?.needsKey ?? preset!.needsKey;
      const keyChoice = await vscode.window.showQuickPick(
        [
          { label: 'Needs an API key', value: true, picked: needsKey },
          { label: 'No key (local server)', value: false, picked: !needsKey },
        ].sort((a) => (a.picked ? -1 : 1)),
        { title: `Switchboard: does ${name.trim()} need a key?` },
      );
      if (!keyChoice) return;
      endpoint.needsKey = keyChoice.value;
    }
    const headerText = Object.entries(existing?.headers ?? preset?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    const headers = await ask('Extra headers, optional ("Name: value; Other: value") — not for secrets', headerText, (v) => {
      const parsed = parseHeaderList(v);
      return 'error' in parsed ? parsed.error : undefined;
    });
    if (headers === undefined) return;
    const parsedHeaders = parseHeaderList(headers);
    if ('headers' in parsedHeaders && Object.keys(parsedHeaders.headers).length) endpoint.headers = parsedHeaders.headers;
    if (existing?.models.length) endpoint.models = existing.models;

    const next = current.filter((e) => !(existing && (e as { name?: string })?.name === existing.name));
    next.push(endpoint);
    await vscode.workspace.getConfiguration('switchboard').update('endpoints', next, vscode.ConfigurationTarget.Global);
    const id = endpointId(name);
    if (existing && endpointId(existing.name) !== id) {
      const oldKey = await this.keys.get(endpointId(existing.name));
      if (oldKey) {
        await this.keys.set(id, oldKey);
        await this.keys.delete(endpointId(existing.name));
      }
    }
    this.log.info(`Endpoint ${existing ? 'updated' : 'added'}: ${id}.`);
    if (endpoint.needsKey && !(await this.keys.get(id))) {
      await this.setKey(id);
    } else {
      void vscode.window.showInformationMessage(`Switchboard: endpoint "${name.trim()}" saved.`, 'Test Connection').then((c) => {
        if (c) void this.testKey(id);
      });
    }
  }

  async removeEndpoint(name?: string): Promise<void> {
    const endpoints = this.providers.entries().filter((e) => e.endpoint);
    if (!endpoints.length) {
      void vscode.window.showInformationMessage('Switchboard: no OpenAI-compatible endpoints are configured.');
      return;
    }
    const target =
      name ?? (await vscode.window.showQuickPick(endpoints.map((e) => ({ label: e.label, description: e.endpoint?.baseUrl ?? e.endpoint?.azure?.endpoint }))))?.label;
    if (!target) return;
    const confirm = await vscode.window.showWarningMessage(`Remove endpoint "${target}" and its stored key?`, { modal: true }, 'Remove');
    if (confirm !== 'Remove') return;
    const current = vscode.workspace.getConfiguration('switchboard').get<unknown[]>('endpoints') ?? [];
    await vscode.workspace
      .getConfiguration('switchboard')
      .update('endpoints', current.filter((e) => (e as { name?: string })?.name !== target), vscode.ConfigurationTarget.Global);
    await this.keys.delete(endpointId(target));
    this.log.info(`Endpoint removed: ${endpointId(target)}.`);
  }

  /** Imports keys from environment variables — only when the user runs this command. */
  async importEnv(): Promise<void> {
    const found = ENV_KEYS.flatMap(({ providerId, names }) => {
      const name = names.find((n) => process.env[n]?.trim());
      return name ? [{ providerId, name, key: process.env[name]!.trim() }] : [];
    });
    if (!found.length) {
      void vscode.window.showInformationMessage(
        `Switchboard: none of ${ENV_KEYS.flatMap((e) => e.names).join(', ')} is set in VS Code's environment.`,
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(
      found.map((f) => ({ label: providerKinds[f.providerId as 'openai'].label, description: `${f.name} = ${maskKey(f.key)}`, picked: true, f })),
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

function describeStatus(s: ProviderStatus, defaultModel: string | undefined): string {
  const test = s.lastTest
    ? `last test ${s.lastTest.ok ? 'OK' : `failed (${s.lastTest.code})`} ${new Date(s.lastTest.at).toLocaleString()}`
    : 'not tested';
  const where = s.entry.endpoint ? (s.entry.endpoint.baseUrl ?? s.entry.endpoint.azure?.endpoint ?? '') + ' · ' : '';
  return `${where}${test} · default model: ${defaultModel ?? 'none yet'}`;
}

function urlCheck(value: string): string | undefined {
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'Use an http:// or https:// URL.';
  } catch {
    return 'Not a valid URL.';
  }
}

async function ask(prompt: string, value: string, validateInput: (v: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: 'Switchboard', prompt, value, ignoreFocusOut: true, validateInput });
}
