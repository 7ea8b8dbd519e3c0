// Commands for OpenAI-compatible endpoints: add or edit one (one flow), and remove one.
// The endpoint's non-secret fields go to the `switchboard.endpoints` setting; its key, if any,
// stays in SecretStorage under the endpoint's id and follows it when the endpoint is renamed.
// Asking for the key and offering a test are left to the key commands (EndpointKeySteps).
import * as vscode from 'vscode';
import type { Log } from '../../host/log';
import type { EndpointSetting } from '../../host/settingsSchema';
import type { KeyStore } from './keyStore';
import { ENDPOINT_PRESETS, parseHeaderList, type EndpointPreset } from './endpointPresets';
import { endpointId, type ProviderService } from './providerService';
import { checkAzureApiVersion, checkEndpointName, checkHeaderList, checkRequired, checkUrl, takenEndpointNames } from './endpointChecks';

/** What follows saving an endpoint: ask for its key, or offer to test it. */
export interface EndpointKeySteps {
  setKey(providerId: string): Promise<unknown>;
  testKey(providerId: string): Promise<void>;
}

export class EndpointCommands {
  constructor(
    private readonly keys: KeyStore,
    private readonly providers: ProviderService,
    private readonly log: Log,
    private readonly keySteps: EndpointKeySteps,
  ) {}

  /** Adds an endpoint, or edits one when `existing` is given. Non-secret fields go to settings. */
  async addOrEdit(existing?: EndpointSetting): Promise<void> {
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
    const current = readEndpoints();
    const taken = takenEndpointNames(current, existing?.name);
    const name = await ask('Name shown in the model picker', existing?.name ?? preset!.name, (v) => checkEndpointName(v, taken));
    if (name === undefined) return;
    const connection = await this.askConnection(kind, name, existing, preset);
    if (!connection) return;
    const endpoint: Record<string, unknown> = { name: name.trim(), kind, ...connection };
    const headerText = Object.entries(existing?.headers ?? preset?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    const headers = await ask('Extra headers, optional ("Name: value; Other: value") — not for secrets', headerText, checkHeaderList);
    if (headers === undefined) return;
    const parsedHeaders = parseHeaderList(headers);
    if ('headers' in parsedHeaders && Object.keys(parsedHeaders.headers).length) endpoint.headers = parsedHeaders.headers;
    if (existing?.models.length) endpoint.models = existing.models;

    const next = current.filter((e) => !(existing && (e as { name?: string })?.name === existing.name));
    next.push(endpoint);
    await writeEndpoints(next);
    const id = endpointId(name);
    if (existing && endpointId(existing.name) !== id) await this.moveKey(endpointId(existing.name), id);
    // The user typed this host: their key may go there without a second question.
    const typed = connection.baseUrl ?? (connection.azure as { endpoint?: string } | undefined)?.endpoint;
    await this.providers.routing.consent.allow(id, typeof typed === 'string' ? typed : undefined);
    this.log.info(`Endpoint ${existing ? 'updated' : 'added'}: ${id}.`);
    if (endpoint.needsKey && !(await this.keys.get(id))) {
      await this.keySteps.setKey(id);
    } else {
      void vscode.window.showInformationMessage(`Switchboard: endpoint "${name.trim()}" saved.`, 'Test Connection').then((c) => {
        if (c) void this.keySteps.testKey(id);
      });
    }
  }

  async remove(name?: string): Promise<void> {
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
    await writeEndpoints(readEndpoints().filter((e) => (e as { name?: string })?.name !== target));
    await this.keys.delete(endpointId(target));
    this.log.info(`Endpoint removed: ${endpointId(target)}.`);
  }

  /**
   * Where the endpoint is: resource, deployment and API version for Azure; otherwise a base URL
   * and whether it needs a key. Undefined when the user cancels.
   */
  private async askConnection(
    kind: EndpointSetting['kind'],
    name: string,
    existing: EndpointSetting | undefined,
    preset: EndpointPreset | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (kind === 'azure-openai') {
      const az = existing?.azure;
      const ep = await ask('Azure OpenAI resource endpoint', az?.endpoint ?? 'https://<resource>.openai.azure.com', checkUrl);
      if (ep === undefined) return undefined;
      const deployment = await ask('Deployment name', az?.deployment ?? '', checkRequired);
      if (deployment === undefined) return undefined;
      const apiVersion = await ask('API version', az?.apiVersion ?? '2024-10-21', checkAzureApiVersion);
      if (apiVersion === undefined) return undefined;
      return { azure: { endpoint: ep.trim(), deployment: deployment.trim(), apiVersion: apiVersion.trim() }, needsKey: true };
    }
    const baseUrl = await ask('Base URL (including /v1 where the server uses it)', existing?.baseUrl ?? preset!.baseUrl ?? 'https://', checkUrl);
    if (baseUrl === undefined) return undefined;
    const needsKey = existing?.needsKey ?? preset!.needsKey;
    const keyChoice = await vscode.window.showQuickPick(
      [
        { label: 'Needs an API key', value: true, picked: needsKey },
        { label: 'No key (local server)', value: false, picked: !needsKey },
      ].sort((a) => (a.picked ? -1 : 1)),
      { title: `Switchboard: does ${name.trim()} need a key?` },
    );
    if (!keyChoice) return undefined;
    return { baseUrl: baseUrl.trim(), needsKey: keyChoice.value };
  }

  /** A renamed endpoint keeps its key. */
  private async moveKey(fromId: string, toId: string): Promise<void> {
    const oldKey = await this.keys.get(fromId);
    if (oldKey) {
      await this.keys.set(toId, oldKey);
      await this.keys.delete(fromId);
    }
  }
}

/** The raw setting, unparsed: the other entries are written back exactly as they were. */
function readEndpoints(): unknown[] {
  return vscode.workspace.getConfiguration('switchboard').get<unknown[]>('endpoints') ?? [];
}

async function writeEndpoints(endpoints: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration('switchboard').update('endpoints', endpoints, vscode.ConfigurationTarget.Global);
}

async function ask(prompt: string, value: string, validateInput: (v: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: 'Switchboard', prompt, value, ignoreFocusOut: true, validateInput });
}
