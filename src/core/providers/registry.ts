// Every provider kind: what the UI needs to know without loading an SDK, and a lazy loader.
// Adding a provider = one adapter file exporting createAdapter + one line here.
//
// Keep each loader a literal `import('./<name>')`: the build turns exactly that into a runtime
// require of dist/providers/<name>.js, so no SDK is parsed until a provider is first used.
// No SDK import at the top of this file (a test checks that importing it loads none).

import type { ProviderAdapter, ProviderConfig, ProviderKind } from '../llm/types';
import { ProviderError } from '../llm/errors';

export interface ProviderModule {
  createAdapter(config: ProviderConfig): ProviderAdapter;
}

export interface ProviderKindInfo {
  kind: ProviderKind;
  label: string;
  needsKey: boolean;
  /** Shape of a valid key, where the provider has a recognisable one. */
  keyPattern?: RegExp;
  /** Human description of the key shape, shown next to the input box. */
  keyHint?: string;
  defaultBaseURL?: string;
  /** Where to get a key. */
  keyUrl?: string;
  load: () => Promise<ProviderModule>;
}

export const providerKinds: Record<ProviderKind, ProviderKindInfo> = {
  // prettier-ignore
  openai: { kind: 'openai', label: 'OpenAI', needsKey: true, keyPattern: /^sk-(?!ant-)/, keyHint: 'starts with sk-', defaultBaseURL: 'https://api.openai.com/v1', keyUrl: 'https://platform.openai.com/api-keys', load: () => import('./openai') },
  // prettier-ignore
  anthropic: { kind: 'anthropic', label: 'Anthropic', needsKey: true, keyPattern: /^sk-ant-/, keyHint: 'starts with sk-ant-', defaultBaseURL: 'https://api.anthropic.com', keyUrl: 'https://console.anthropic.com/settings/keys', load: () => import('./anthropic') },
  // prettier-ignore
  gemini: { kind: 'gemini', label: 'Google Gemini', needsKey: true, keyPattern: /^AIza/, keyHint: 'starts with AIza', defaultBaseURL: 'https://generativelanguage.googleapis.com', keyUrl: 'https://aistudio.google.com/app/apikey', load: () => import('./gemini') },
  // prettier-ignore
  'openai-compatible': { kind: 'openai-compatible', label: 'OpenAI-compatible endpoint', needsKey: false, load: () => import('./compatible') },
  // prettier-ignore
  'azure-openai': { kind: 'azure-openai', label: 'Azure OpenAI', needsKey: true, keyUrl: 'https://portal.azure.com/', load: () => import('./azure') },
};

/** Loads the kind's adapter module (first use only) and builds an adapter for this config. */
export async function createAdapter(config: ProviderConfig): Promise<ProviderAdapter> {
  const info = providerKinds[config.kind];
  if (!info) {
    throw new ProviderError({ code: 'bad_request', providerId: config.id, message: `Switchboard does not know the provider kind "${String(config.kind)}".` });
  }
  const mod = await info.load();
  return mod.createAdapter(config);
}
