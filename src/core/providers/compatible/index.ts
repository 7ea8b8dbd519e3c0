// Facts shared by every OpenAI-compatible endpoint, with no SDK import. Each endpoint brings its
// own base URL and decides whether it needs a key (features/keys/endpointPresets.ts), so there is
// no default URL or key shape here.
import type { ProviderDescriptor } from '../registry';

export const descriptor = {
  kind: 'openai-compatible',
  label: 'OpenAI-compatible endpoint',
  needsKey: false,
  load: () => import('./adapter'),
} satisfies ProviderDescriptor;
