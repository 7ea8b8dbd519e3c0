// Demo mode's API keys. Every demo request must carry a key containing "demo" (any case), so
// "Switchboard: Test API Key" and chat both fail visibly on a wrong key. The suggested keys pass
// the extension's own key-shape checks (sk- but not sk-ant- for OpenAI, sk-ant-, AIza).

import type http from 'node:http';

export const DEMO_KEYS = {
  openai: 'sk-demo-switchboard-openai-0000',
  anthropic: 'sk-ant-demo-switchboard-anthropic-0000',
  gemini: 'AIzaDemoSwitchboardGeminiKey000000000000',
} as const;

/** The key a request carries: Bearer token, x-api-key (Anthropic), api-key (Azure) or x-goog-api-key (Gemini). */
export function keyOf(headers: http.IncomingHttpHeaders): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const bearer = /^Bearer\s+(\S+)/i.exec(first(headers.authorization) ?? '')?.[1];
  return bearer ?? first(headers['x-api-key']) ?? first(headers['api-key']) ?? first(headers['x-goog-api-key']);
}

export function hasDemoKey(headers: http.IncomingHttpHeaders): boolean {
  return /demo/i.test(keyOf(headers) ?? '');
}
