// Starting points for "Add OpenAI-Compatible Endpoint". Every field stays editable.
import { KEY_HEADER_MESSAGE, KEY_LIKE_HEADER } from '../../host/settingsSchema';

export interface EndpointPreset {
  label: string;
  name: string;
  baseUrl?: string;
  needsKey: boolean;
  kind: 'openai-compatible' | 'azure-openai';
  headers?: Record<string, string>;
  keyHint?: string;
  detail: string;
  /** A gateway Switchboard knows more about: published prices, cache marks for Claude (core/providers/gateways). */
  gateway?: 'openrouter' | 'litellm';
}

export const ENDPOINT_PRESETS: EndpointPreset[] = [
  { label: 'Ollama', name: 'Ollama', baseUrl: 'http://localhost:11434/v1', needsKey: false, kind: 'openai-compatible', detail: 'Local models, no key' },
  { label: 'LM Studio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', needsKey: false, kind: 'openai-compatible', detail: 'Local server, no key' },
  { label: 'OpenRouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, kind: 'openai-compatible', headers: { 'X-Title': 'Switchboard for VS Code' }, keyHint: 'starts with sk-or-', detail: 'Many providers behind one key; reports its own cost', gateway: 'openrouter' },
  { label: 'LiteLLM proxy', name: 'LiteLLM', baseUrl: 'http://localhost:4000/v1', needsKey: true, kind: 'openai-compatible', detail: 'Your LiteLLM proxy (virtual key)', gateway: 'litellm' },
  { label: 'Vercel AI Gateway', name: 'Vercel AI Gateway', baseUrl: 'https://ai-gateway.vercel.sh/v1', needsKey: true, kind: 'openai-compatible', detail: 'AI Gateway API key' },
  { label: 'Groq', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', needsKey: true, kind: 'openai-compatible', keyHint: 'starts with gsk_', detail: 'Groq API key' },
  { label: 'xAI', name: 'xAI', baseUrl: 'https://api.x.ai/v1', needsKey: true, kind: 'openai-compatible', keyHint: 'starts with xai-', detail: 'xAI API key' },
  { label: 'DeepSeek', name: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', needsKey: true, kind: 'openai-compatible', detail: 'DeepSeek API key' },
  { label: 'Azure OpenAI', name: 'Azure OpenAI', needsKey: true, kind: 'azure-openai', detail: 'Resource endpoint, deployment and API version' },
  { label: 'Custom…', name: '', needsKey: true, kind: 'openai-compatible', detail: 'Any server that speaks the OpenAI chat completions API' },
];

/**
 * The gateway an endpoint is: OpenRouter by its host (openrouter.ai), LiteLLM by the name its
 * preset gives ("LiteLLM"; any name containing it) as a proxy runs at the user's own URL.
 */
export function endpointGateway(endpoint: { name: string; baseUrl?: string }): EndpointPreset['gateway'] {
  try {
    const host = endpoint.baseUrl ? new URL(endpoint.baseUrl).hostname.toLowerCase() : '';
    if (host === 'openrouter.ai' || host.endsWith('.openrouter.ai')) return 'openrouter';
  } catch {
    // not a URL: decided by the name alone
  }
  const name = endpoint.name.trim().toLowerCase();
  const preset = ENDPOINT_PRESETS.find((p) => p.gateway && p.name.toLowerCase() === name);
  return preset?.gateway ?? (name.includes('litellm') ? 'litellm' : undefined);
}

/** Parses "Name: value; Other: value" into headers; returns an error message for a bad entry. */
export function parseHeaderList(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) return { error: `"${trimmed.slice(0, 40)}" is not "Name: value".` };
    const name = trimmed.slice(0, colon).trim();
    if (!/^[A-Za-z0-9-]{1,100}$/.test(name)) return { error: `"${name.slice(0, 40)}" is not a valid header name.` };
    if (KEY_LIKE_HEADER.test(name)) return { error: `"${name}" looks like a credential: ${KEY_HEADER_MESSAGE}.` };
    headers[name] = trimmed.slice(colon + 1).trim();
  }
  return { headers };
}
