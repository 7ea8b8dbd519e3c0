import * as vscode from 'vscode';
import type { LiveModel, ProviderAdapter, ProviderConfig, ProviderKind } from '../../core/llm/types';
import { providerKinds, createAdapter } from '../../core/providers/registry';
import { resolveModel, resolveModels, type ResolvedModel } from '../../core/models/resolvedModel';
import { liveModelReader } from '../../core/models/liveModels';
import { ProviderError } from '../../core/llm/errors';
import type { EndpointSetting, Settings } from '../../host/settingsSchema';
import type { KeyStore } from './keyStore';
import { maskKey } from './keyShape';
import type { SettingsService } from '../../host/settings';
import type { FetchLike } from '../../core/net/safeFetch';
import type { KeyConsent } from './keyConsent';
import { endpointGateway } from './endpointPresets';

/** Where requests go: the host's safe, proxy-aware fetch and the user's consent per host. */
export interface KeyRouting {
  fetch: FetchLike;
  consent: KeyConsent;
}

/** One provider the user can pick: a built-in one or a configured OpenAI-compatible endpoint. */
export interface ProviderEntry {
  id: string;
  kind: ProviderKind;
  label: string;
  needsKey: boolean;
  endpoint?: EndpointSetting;
}

export interface TestResult {
  ok: boolean;
  at: number;
  code?: string;
  message: string;
}

export interface ProviderStatus {
  entry: ProviderEntry;
  hasKey: boolean;
  maskedKey?: string;
  ready: boolean;
  lastTest?: TestResult;
}

const BUILT_IN: ProviderKind[] = ['openai', 'anthropic', 'gemini'];
const MODELS_TTL_MS = 24 * 60 * 60 * 1000;
const TESTS_KEY = 'switchboard.keyTests.v1';
const DEFAULT_MODELS_KEY = 'switchboard.defaultModels.v1';
const modelsKey = (id: string) => `switchboard.models.v1.${id}`;

interface CachedModels {
  at: number;
  fingerprint: string;
  models: LiveModel[];
}

/**
 * Knows every provider instance, builds their configs (key from SecretStorage, base URL and
 * timeouts from settings), caches adapters and model lists. Nothing here stores a key anywhere.
 */
export class ProviderService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly modelsChanged = new vscode.EventEmitter<string>();
  /** A provider's listing came back with other models than its previous one (fired with its id). */
  readonly onDidChangeModels = this.modelsChanged.event;
  private readonly adapters = new Map<string, { fingerprint: string; adapter: ProviderAdapter }>();
  /** The last resolved models per provider; dropped when settings change (prices may have). */
  private readonly resolved = new Map<string, Map<string, ResolvedModel>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Every live list, fresh or cached, is cleaned before use: a bad entry must not block the panel. */
  private readonly readLive: (providerId: string, raw: unknown) => LiveModel[];

  constructor(
    private readonly keys: KeyStore,
    private readonly settings: SettingsService,
    private readonly state: vscode.Memento,
    readonly routing: KeyRouting,
    /** Logs what a model list had to leave out (see core/models/liveModels.ts). */
    warn: (message: string) => void = () => undefined,
  ) {
    this.readLive = liveModelReader(warn);
    this.subscriptions.push(
      keys.onDidChange((id) => {
        this.adapters.delete(id);
        this.changed.fire();
      }),
      settings.onDidChange(() => {
        this.adapters.clear();
        this.resolved.clear();
        this.changed.fire();
      }),
    );
  }

  entries(): ProviderEntry[] {
    const builtIn = BUILT_IN.map((kind) => ({ id: kind, kind, label: providerKinds[kind].label, needsKey: true }));
    const endpoints = this.settings.value.endpoints.map((endpoint) => ({
      id: endpointId(endpoint.name),
      kind: endpoint.kind,
      label: endpoint.name,
      needsKey: endpoint.needsKey,
      endpoint,
    }));
    return [...builtIn, ...endpoints];
  }

  entry(id: string): ProviderEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  async status(id: string): Promise<ProviderStatus | undefined> {
    const entry = this.entry(id);
    if (!entry) return undefined;
    const key = await this.keys.get(id);
    return {
      entry,
      hasKey: !!key,
      ...(key ? { maskedKey: maskKey(key) } : {}),
      ready: !!key || !entry.needsKey,
      ...(this.lastTest(id) ? { lastTest: this.lastTest(id)! } : {}),
    };
  }

  async statuses(): Promise<ProviderStatus[]> {
    const all = await Promise.all(this.entries().map((e) => this.status(e.id)));
    return all.filter((s): s is ProviderStatus => !!s);
  }

  /** The request config for a provider; throws a normalized `auth` error when its key is missing. */
  /** `askConsent: false`: never opens the key-destination question (see KeyConsent.check). */
  async config(id: string, { askConsent = true } = {}): Promise<ProviderConfig> {
    const entry = this.entry(id);
    if (!entry) throw new ProviderError({ code: 'not_found', providerId: id, message: `Switchboard has no provider "${id}" — check switchboard.endpoints.` });
    const key = await this.keys.get(id);
    if (!key && entry.needsKey) {
      throw new ProviderError({ code: 'auth', providerId: id, message: `No API key set for ${entry.label}. Run "Switchboard: Set API Key".` });
    }
    const config = { ...buildConfig(entry, key, this.settings.value), fetch: this.routing.fetch };
    await this.routing.consent.check(config, { ask: askConsent });
    return config;
  }

  async adapter(id: string, options: { askConsent?: boolean } = {}): Promise<ProviderAdapter> {
    const config = await this.config(id, options);
    const fingerprint = JSON.stringify(config);
    const cached = this.adapters.get(id);
    if (cached && cached.fingerprint === fingerprint) return cached.adapter;
    const adapter = await createAdapter(config);
    this.adapters.set(id, { fingerprint, adapter });
    return adapter;
  }

  /**
   * A provider's models, resolved once per listing (see core/models): the live list (cached a day
   * in globalState, ids only) joined with the catalogue and the user's price overrides. Endpoints
   * that cannot list models fall back to the models named in settings.
   * `quiet`: a listing nobody asked for (VS Code's model picker refreshing) never asks about a key's
   * destination; it falls back to the cached or catalogue list instead.
   */
  async models(id: string, opts: { refresh?: boolean; quiet?: boolean } = {}): Promise<ResolvedModel[]> {
    const entry = this.entry(id);
    if (!entry) return [];
    const fingerprint = `${entry.kind}|${entry.endpoint?.baseUrl ?? ''}|${this.baseUrl(entry)}`;
    const cached = this.state.get<CachedModels>(modelsKey(id));
    let live: LiveModel[] | undefined;
    if (!opts.refresh && cached && cached.fingerprint === fingerprint && Date.now() - cached.at < MODELS_TTL_MS) {
      live = this.readLive(id, cached.models);
    } else {
      try {
        live = this.readLive(id, await (await this.adapter(id, { askConsent: !opts.quiet })).listModels());
        await this.state.update(modelsKey(id), { at: Date.now(), fingerprint, models: live } satisfies CachedModels);
      } catch {
        live = this.readLive(id, cached?.models); // offline or not listable: keep what we knew
      }
    }
    const extra = (entry.endpoint?.models ?? []).map((m) => ({ id: m }));
    const models = resolveModels(id, entry.kind, [...(live ?? []), ...extra], this.settings.value.prices);
    const before = this.resolved.get(id);
    this.resolved.set(id, new Map(models.map((m) => [m.id, m])));
    if (before && (before.size !== models.length || models.some((m) => !before.has(m.id)))) this.modelsChanged.fire(id);
    return models;
  }

  /**
   * One model as last resolved (for its price and limits); a model no listing named (a fallback's)
   * is resolved on the spot, the same way. Undefined for an unknown provider.
   */
  model(providerId: string, modelId: string): ResolvedModel | undefined {
    const entry = this.entry(providerId);
    if (!entry) return undefined;
    return this.resolved.get(providerId)?.get(modelId) ?? resolveModel(providerId, entry.kind, modelId, this.settings.value.prices);
  }

  /** The model last chosen for a provider (the chat panel remembers it per provider). */
  defaultModel(id: string): string | undefined {
    return this.state.get<Record<string, string>>(DEFAULT_MODELS_KEY)?.[id];
  }

  async setDefaultModel(id: string, model: string): Promise<void> {
    if (this.defaultModel(id) === model) return;
    await this.state.update(DEFAULT_MODELS_KEY, { ...(this.state.get<Record<string, string>>(DEFAULT_MODELS_KEY) ?? {}), [id]: model });
  }

  lastTest(id: string): TestResult | undefined {
    return this.state.get<Record<string, TestResult>>(TESTS_KEY)?.[id];
  }

  async recordTest(id: string, result: TestResult): Promise<void> {
    const all = { ...(this.state.get<Record<string, TestResult>>(TESTS_KEY) ?? {}), [id]: result };
    await this.state.update(TESTS_KEY, all);
    this.changed.fire();
  }

  private baseUrl(entry: ProviderEntry): string {
    const s = this.settings.value;
    if (entry.kind === 'openai') return s['openai.baseUrl'];
    if (entry.kind === 'anthropic') return s['anthropic.baseUrl'];
    if (entry.kind === 'gemini') return s['gemini.baseUrl'];
    return entry.endpoint?.baseUrl ?? '';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.modelsChanged.dispose();
  }
}

export function endpointId(name: string): string {
  return `compat:${name.trim().toLowerCase().replace(/\s+/g, '-')}`;
}

function buildConfig(entry: ProviderEntry, key: string | undefined, s: Settings): ProviderConfig {
  const timeouts = { firstByteMs: s['timeouts.firstByteSeconds'] * 1000, idleMs: s['timeouts.idleSeconds'] * 1000 };
  const base: ProviderConfig = { id: entry.id, kind: entry.kind, label: entry.label, timeouts, ...(key ? { apiKey: key } : {}) };
  switch (entry.kind) {
    case 'openai':
      return { ...base, promptCache: s.promptCaching, ...(s['openai.baseUrl'] ? { baseURL: s['openai.baseUrl'] } : {}) };
    case 'anthropic':
      return { ...base, promptCache: s.promptCaching, ...(s['anthropic.baseUrl'] ? { baseURL: s['anthropic.baseUrl'] } : {}) };
    case 'gemini':
      return { ...base, ...(s['gemini.baseUrl'] ? { baseURL: s['gemini.baseUrl'] } : {}) };
    default: {
      const ep = entry.endpoint!;
      const gateway = ep.kind === 'openai-compatible' ? endpointGateway(ep) : undefined;
      return {
        ...base,
        ...(gateway ? { gateway, promptCache: s.promptCaching } : {}),
        ...(ep.baseUrl ? { baseURL: ep.baseUrl } : {}),
        headers: ep.headers,
        ...(ep.azure ? { azure: ep.azure } : {}),
      };
    }
  }
}
