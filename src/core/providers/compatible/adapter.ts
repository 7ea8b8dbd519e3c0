// Any OpenAI-compatible endpoint (Ollama, LM Studio, OpenRouter, LiteLLM, Groq, xAI, DeepSeek…):
// the openai SDK pointed at the user's base URL. Several instances live side by side, each with
// its own id 'compat:<name>', key (optional) and extra headers.

import OpenAI from 'openai';
import type { ProviderAdapter, ProviderConfig } from '../../llm/types';
import { ProviderError } from '../../llm/errors';
import { OPENAI_CLIENT_DEFAULTS, openAIChatAdapter } from '../_openaiChat';
import { fetchFor } from '../_shared';

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  if (!config.baseURL) {
    throw new ProviderError({
      code: 'bad_request',
      providerId: config.id,
      message: `${config.label} has no base URL. Edit the endpoint in "Switchboard: Manage Providers".`,
    });
  }
  const key = config.apiKey?.trim();
  const client = new OpenAI({
    // The SDK insists on a credential; for keyless servers (Ollama) it gets a placeholder and the
    // Authorization header is removed below, so nothing at all is sent.
    apiKey: key || 'no-key',
    baseURL: config.baseURL,
    ...OPENAI_CLIENT_DEFAULTS,
    defaultHeaders: { ...config.headers, ...(key ? {} : { Authorization: null }) },
    fetch: fetchFor(config),
  });
  return openAIChatAdapter(config, client, { maxTokensField: 'max_tokens' });
}
