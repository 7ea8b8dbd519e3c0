// Which OpenAI-compatible endpoints are gateways Switchboard knows more about, and which of their
// models take Anthropic-style cache marks. OpenRouter: "Prompt caching with Anthropic requires the
// use of cache_control breakpoints" on content parts, ttl "5m" (default) or "1h"
// (openrouter.ai/docs, Prompt Caching); its Claude ids are `anthropic/…`. LiteLLM passes
// `cache_control` on to Anthropic, Bedrock and Vertex Claude routes (docs.litellm.ai, Prompt
// Caching); a TTL is not documented there, so LiteLLM marks never carry one.
import type { ProviderConfig } from '../../llm/types';

export type Gateway = NonNullable<ProviderConfig['gateway']>;

/** The config's gateway, else OpenRouter recognized by its host. */
export function gatewayOf(config: ProviderConfig): Gateway | undefined {
  if (config.gateway) return config.gateway;
  if (config.kind !== 'openai-compatible' || !config.baseURL) return undefined;
  try {
    const host = new URL(config.baseURL).hostname.toLowerCase();
    return host === 'openrouter.ai' || host.endsWith('.openrouter.ai') ? 'openrouter' : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `model` on `gateway` takes cache marks; `route`: LiteLLM's provider route for it, if known. */
export function takesCacheMarks(gateway: Gateway | undefined, model: string, route?: string): boolean {
  if (gateway === 'openrouter') return /^anthropic\//i.test(model);
  if (gateway === 'litellm') return /claude/i.test(model) || /claude/i.test(route ?? '');
  return false;
}

/** Whether the gateway documents the 1-hour TTL on a mark. */
export const takesOneHourTtl = (gateway: Gateway): boolean => gateway === 'openrouter';
