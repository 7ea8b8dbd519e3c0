// What the server asks of the prompt cache: whether a request is refused for its cache markers,
// and the usage an answer reports once the cache has seen the request. The total is the fake's
// usual estimate (estimateTokens of promptText, or of the Responses prompt), so the cached and
// written parts are slices of the same number the fake reports without caching.

import type { PromptCache, CachedUsage } from '../promptCache';
import { promptText } from '../requestText';
import { responsesPrompt } from '../responsesApi';
import { estimateTokens, type FakeProviderName, type Scenario } from '../scenario';
import { anthropicCacheError, anthropicCacheUsage } from './anthropic';
import { gatewayCacheError, gatewayCacheUsage } from './gateway';
import { geminiCacheUsage } from './gemini';
import { openaiCacheUsage } from './openai';

export interface CachedRequest {
  provider: FakeProviderName;
  api?: 'responses';
  model: string;
  body: unknown;
  /** Served as an OpenAI-compatible gateway (caching/gateway.ts). */
  gateway?: 'openrouter' | 'litellm';
}

/** The provider's 400 body when the request's cache markers are invalid (Anthropic: over 4 breakpoints). */
export function cacheRequestError(req: CachedRequest): unknown {
  if (req.gateway) return gatewayCacheError(req.body);
  return req.provider === 'anthropic' ? anthropicCacheError(req.body) : undefined;
}

/** Looks the request up in `cache`, records it there, and returns the usage its answer reports. */
export function cachedUsage(cache: PromptCache, { provider, api, model, body, gateway }: CachedRequest): CachedUsage {
  if (api === 'responses') {
    const text = responsesPrompt(body);
    return openaiCacheUsage(cache, provider, model, 'responses', body, estimateTokens(text), text.length);
  }
  const wire = provider === 'azure' ? 'openai' : provider;
  const text = promptText(wire, body);
  const total = estimateTokens(text);
  if (gateway) return gatewayCacheUsage(cache, gateway, model, body, total, text.length);
  if (wire === 'anthropic') return anthropicCacheUsage(cache, model, body, total, text.length);
  if (wire === 'gemini') return geminiCacheUsage(cache, model, body, total, text.length);
  return openaiCacheUsage(cache, provider, model, 'chat', body, total, text.length);
}

/**
 * The scenario with the prompt cache's input figures, unless it gives its own (input, cached,
 * cacheWrite, cacheWrite1h) or sends no rendered answer (flood, rawSse). Output, reasoning and
 * cost given alone are kept. Only answered requests reach the cache.
 */
export function withCachedUsage(cache: PromptCache, answer: Scenario, req: CachedRequest): Scenario {
  const u = answer.usage;
  const own = u && (u.input !== undefined || u.cached !== undefined || u.cacheWrite !== undefined || u.cacheWrite1h !== undefined);
  if (own || answer.flood || answer.rawSse) return answer;
  return { ...answer, usage: { ...u, ...cachedUsage(cache, req) } };
}
