// Anthropic's facts, with no SDK import: the registry loads this at activation, the adapter on first use.
import type { ProviderDescriptor } from '../registry';

export const descriptor = {
  kind: 'anthropic',
  label: 'Anthropic',
  needsKey: true,
  keyPattern: /^sk-ant-/,
  keyHint: 'starts with sk-ant-',
  defaultBaseURL: 'https://api.anthropic.com',
  keyUrl: 'https://console.anthropic.com/settings/keys',
  load: () => import('./adapter'),
} satisfies ProviderDescriptor;
