// OpenAI caches prompts of 1,024 tokens or more on its own. `prompt_cache_key` is combined with the
// prefix hash to route requests to a cache (docs: "Prompt caching"), so requests that share a key
// and a prefix hit more often. One key per conversation: a hash of what opens it (the system prompt
// and the first user message), which stays the same as the conversation grows. Never a per-request
// id: that would scatter a conversation's turns over caches.
import { createHash } from 'node:crypto';
import { estimationText, textOf } from '../../llm/messageContent';
import { estimateRequestTokens } from '../../llm/tokenEstimate';
import type { ChatRequest, ProviderConfig } from '../../llm/types';

/** OpenAI's documented minimum for a cached prompt, in tokens. */
export const OPENAI_MIN_CACHED_TOKENS = 1024;

/** The key for this request, or undefined where it cannot help (a short prompt, caching off). */
export function promptCacheKey(config: ProviderConfig, request: ChatRequest): string | undefined {
  if (config.promptCache === 'off') return undefined;
  if (estimateRequestTokens(request.messages, request.tools) < OPENAI_MIN_CACHED_TOKENS) return undefined;
  const system = request.messages.filter((m) => m.role === 'system').map((m) => textOf(m.content)).join('\n');
  const first = request.messages.find((m) => m.role === 'user');
  const hash = createHash('sha256').update(request.model).update('\0').update(system).update('\0').update(first ? estimationText(first.content) : '');
  return `switchboard-${hash.digest('hex').slice(0, 32)}`;
}
