// OpenAI's facts, with no SDK import: the registry loads this at activation, the adapter on first use.
import type { ProviderDescriptor } from '../registry';

export const descriptor = {
  kind: 'openai',
  label: 'OpenAI',
  needsKey: true,
  // Anthropic keys also start with sk-; one pasted here is caught.
  keyPattern: /^sk-(?!ant-)/,
  keyHint: 'starts with sk-',
  defaultBaseURL: 'https://api.openai.com/v1',
  keyUrl: 'https://platform.openai.com/api-keys',
  load: () => import('./adapter'),
} satisfies ProviderDescriptor;
