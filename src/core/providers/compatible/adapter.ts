// Any OpenAI-compatible endpoint (Ollama, LM Studio, OpenRouter, LiteLLM, Groq, xAI, DeepSeek…):
// the openai SDK pointed at the user's base URL. Several instances live side by side, each with
// its own id 'compat:<name>', key (optional) and extra headers. A known gateway (gateways/) adds
// the prices it publishes to the model list and cache marks for the Claude models behind it.

import OpenAI from 'openai';
import type { ChatRequest, LiveModel, ProviderAdapter, ProviderConfig } from '../../llm/types';
import { ProviderError } from '../../llm/errors';
import { openRouterModel, withModelInfo } from '../../models/endpointPrices';
import { chatMessages, OPENAI_CLIENT_DEFAULTS, openAIChatAdapter } from '../_openaiChat';
import { fetchFor } from '../_shared';
import { markedChatMessages } from '../gateways/cacheMarks';
import { gatewayOf, takesCacheMarks } from '../gateways/gateway';
import { fetchLiteLLMInfo } from '../gateways/liteLLMInfo';

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
  const gateway = gatewayOf(config);
  const ttl = config.promptCache === 'off' ? undefined : (config.promptCache ?? '5m');
  /** LiteLLM: model name → provider route, from the last /model/info (a "claude" route takes marks). */
  const routes = new Map<string, string>();
  const messages = (request: ChatRequest) =>
    gateway && ttl && takesCacheMarks(gateway, request.model, routes.get(request.model)) ? markedChatMessages(request, gateway, ttl) : chatMessages(request.messages);
  const adapter = openAIChatAdapter(config, client, {
    maxTokensField: 'max_tokens',
    ...(gateway ? { messages } : {}),
    ...(gateway === 'openrouter' ? { liveModel: openRouterModel } : {}),
  });
  if (gateway !== 'litellm') return adapter;
  return {
    ...adapter,
    listModels: async (signal?: AbortSignal): Promise<LiveModel[]> => {
      const models = await adapter.listModels(signal);
      const info = await fetchLiteLLMInfo(client, signal);
      routes.clear();
      for (const [name, { route }] of info) if (route) routes.set(name, route);
      return withModelInfo(models, info);
    },
  };
}
