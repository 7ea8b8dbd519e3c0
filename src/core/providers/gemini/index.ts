// Google Gemini's facts, with no SDK import: the registry loads this at activation, the adapter on first use.
import type { ProviderDescriptor } from '../registry';

export const descriptor = {
  kind: 'gemini',
  label: 'Google Gemini',
  needsKey: true,
  keyPattern: /^AIza/,
  keyHint: 'starts with AIza',
  defaultBaseURL: 'https://generativelanguage.googleapis.com',
  keyUrl: 'https://aistudio.google.com/app/apikey',
  load: () => import('./adapter'),
} satisfies ProviderDescriptor;
