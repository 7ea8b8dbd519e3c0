// Every provider kind: its descriptor (what the UI needs to know without loading an SDK) and,
// through it, a lazy loader. The facts live in each kind's folder, next to its adapter:
//   <name>/index.ts    `descriptor`, no SDK import; its `load` is a literal `import('./adapter')`
//   <name>/adapter.ts  `createAdapter(config)` on the SDK
// Adding a provider = one such folder + one line below.
//
// The build turns each `import('./adapter')` into a runtime load of dist/providers/<name>.js, so no
// SDK is parsed until a provider is first used. No SDK import here or in an index.ts (a test checks
// that importing this file loads none).

import type { ProviderAdapter, ProviderConfig, ProviderKind } from '../llm/types';
import { ProviderError } from '../llm/errors';
import { descriptor as openai } from './openai/index';
import { descriptor as anthropic } from './anthropic/index';
import { descriptor as gemini } from './gemini/index';
import { descriptor as compatible } from './compatible/index';
import { descriptor as azure } from './azure/index';

export interface ProviderModule {
  createAdapter(config: ProviderConfig): ProviderAdapter;
}

export interface ProviderDescriptor {
  kind: ProviderKind;
  label: string;
  needsKey: boolean;
  /** Shape of a valid key, where the provider has a recognisable one. */
  keyPattern?: RegExp;
  /** Human description of the key shape, shown next to the input box. */
  keyHint?: string;
  /** Where requests go when the config has no baseURL; the adapter reads it from here. */
  defaultBaseURL?: string;
  /** Where to get a key. */
  keyUrl?: string;
  load: () => Promise<ProviderModule>;
}

/** Every kind, keyed by kind; the `satisfies` makes each key match its descriptor's `kind`. */
export const providerKinds: Record<ProviderKind, ProviderDescriptor> = {
  openai,
  anthropic,
  gemini,
  'openai-compatible': compatible,
  'azure-openai': azure,
} satisfies { [K in ProviderKind]: ProviderDescriptor & { kind: K } };

/** Every descriptor, in the order above. */
export const PROVIDERS: readonly ProviderDescriptor[] = Object.values(providerKinds);

/** Loads the kind's adapter module (first use only) and builds an adapter for this config. */
export async function createAdapter(config: ProviderConfig): Promise<ProviderAdapter> {
  // hasOwn: a kind such as 'constructor' must not find Object.prototype's member.
  const info = Object.hasOwn(providerKinds, config.kind) ? providerKinds[config.kind] : undefined;
  if (!info) {
    throw new ProviderError({ code: 'bad_request', providerId: config.id, message: `Switchboard does not know the provider kind "${String(config.kind)}".` });
  }
  const mod = await info.load();
  return mod.createAdapter(config);
}
