// Prompt caching behind an OpenAI-compatible gateway (OpenRouter, LiteLLM). A request whose content
// parts carry Anthropic's `cache_control` goes to Claude as Anthropic breakpoints: the gateway
// turns the leading system messages into `system` and the rest into messages (tool results as user
// turns), and the upstream caches it by Anthropic's rules (anthropic.ts: ≤ 4 breakpoints, the
// model's minimum, a 20-block look-back). Without marks the gateway's upstream caches the OpenAI way
// (openai.ts). Either way the gateway reports in OpenAI terms: prompt tokens include what was read
// and written (wire/gateways.ts renders each gateway's usage fields).
import type { CachedUsage, PromptCache } from '../promptCache';
import { anthropicCacheError, anthropicCacheUsage } from './anthropic';
import { openaiCacheUsage } from './openai';

interface Message {
  role?: string;
  content?: unknown;
}

/** Whether any message content part carries a cache_control marker. */
export function hasCacheMarks(body: unknown): boolean {
  const messages = ((body ?? {}) as { messages?: Message[] }).messages ?? [];
  return messages.some((m) => Array.isArray(m.content) && m.content.some((p) => p && typeof p === 'object' && 'cache_control' in p));
}

/** The OpenAI-format body as the Anthropic request the gateway sends upstream. */
export function asAnthropicBody(body: unknown): { system: unknown[]; messages: Message[]; tools?: unknown[] } {
  const b = (body ?? {}) as { messages?: Message[]; tools?: unknown[] };
  const messages = b.messages ?? [];
  let systems = 0;
  while (systems < messages.length && messages[systems]!.role === 'system') systems++;
  const blocks = (content: unknown) => (typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content : []);
  return {
    system: messages.slice(0, systems).flatMap((m) => blocks(m.content)),
    messages: messages.slice(systems).map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: m.content ?? '' })),
    ...(b.tools ? { tools: b.tools } : {}),
  };
}

/** The 400 a marked request gets from Claude (over 4 breakpoints), else undefined. */
export function gatewayCacheError(body: unknown): unknown {
  return hasCacheMarks(body) ? anthropicCacheError(asAnthropicBody(body)) : undefined;
}

export function gatewayCacheUsage(cache: PromptCache, gateway: string, model: string, body: unknown, total: number, totalChars: number): CachedUsage {
  if (!hasCacheMarks(body)) return openaiCacheUsage(cache, gateway, model, 'chat', body, total, totalChars);
  const u = anthropicCacheUsage(cache, model, asAnthropicBody(body), total, totalChars);
  return { ...u, input: total };
}
