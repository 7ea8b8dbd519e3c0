// Azure OpenAI's facts, with no SDK import. The URL comes from the endpoint's resource and
// deployment, and Azure keys have no recognisable shape, so neither is written here.
import type { ProviderDescriptor } from '../registry';

export const descriptor = {
  kind: 'azure-openai',
  label: 'Azure OpenAI',
  needsKey: true,
  keyUrl: 'https://portal.azure.com/',
  load: () => import('./adapter'),
} satisfies ProviderDescriptor;
