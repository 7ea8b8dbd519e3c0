// OpenAI automatic prompt caching (Chat Completions and the Responses API), as documented at
// developers.openai.com/api/docs/guides/prompt-caching:
//
// - "Caching is enabled automatically for prompts that are 1024 tokens or longer", "with cache
//   hits occurring in increments of 128 tokens" (so cached_tokens is 0 or 1024, 1152, 1280, …).
// - "Cache hits are only possible for exact prefix matches"; the whole request prefix counts,
//   tools included ("images and tools … must be identical between requests"). Modelled at message
//   granularity: the hit is the longest run of leading units (tools, then instructions, then
//   messages / input items) seen before, rounded down to a multiple of 128 tokens.
// - `prompt_cache_key` "is combined with the prefix hash" for routing: requests hit only within
//   the same key (and the same model).
// - Retention: cached prefixes "generally remain active for 5 to 10 minutes of inactivity" (we use
//   the lower bound), or 24 hours with `prompt_cache_retention: "24h"`.
// - Reported as usage.prompt_tokens_details.cached_tokens (Responses: input_tokens_details), part
//   of prompt_tokens / input_tokens.
// Not modelled: GPT-5.6's explicit breakpoints and cache_write_tokens; hits inside a message.

import { canonical, MINUTE, partChars, prefixHashes, prefixTokens, textParts, type CachedUsage, type CacheUnit, type PromptCache } from '../promptCache';

export const OPENAI_MIN_TOKENS = 1024;
export const OPENAI_INCREMENT = 128;

interface Body {
  tools?: unknown[];
  messages?: { content?: unknown }[];
  instructions?: unknown;
  input?: unknown;
  prompt_cache_key?: unknown;
  prompt_cache_retention?: unknown;
}

export function openaiCacheUsage(cache: PromptCache, provider: string, model: string, api: 'chat' | 'responses', body: unknown, total: number, totalChars: number): CachedUsage {
  const b = (body ?? {}) as Body;
  const units = api === 'responses' ? responsesUnits(b) : chatUnits(b);
  const key = typeof b.prompt_cache_key === 'string' ? b.prompt_cache_key : '';
  const hashes = prefixHashes(`${provider}\n${model}\n${key}`, units);
  const tokens = prefixTokens(units, total, totalChars);

  let hit = -1;
  for (let at = units.length - 1; at >= 0; at--) {
    if (cache.hit(hashes[at]!)) {
      hit = at;
      break;
    }
  }
  const matched = hit >= 0 ? tokens[hit]! : 0;
  const cached = matched >= OPENAI_MIN_TOKENS ? Math.floor(matched / OPENAI_INCREMENT) * OPENAI_INCREMENT : 0;
  if (total >= OPENAI_MIN_TOKENS) {
    const ttl = b.prompt_cache_retention === '24h' ? 24 * 60 * MINUTE : 5 * MINUTE;
    for (const h of hashes) cache.store(h, ttl);
  }
  return { input: total, cached, cacheWrite: 0, cacheWrite1h: 0 };
}

/** Tools, then each message (its text parts are what the usage estimate counts). */
function chatUnits(b: Body): CacheUnit[] {
  return [
    ...(b.tools ?? []).map((t) => ({ id: canonical(['tool', t]), chars: 0 })),
    ...(b.messages ?? []).map((m) => ({ id: canonical(['message', m]), chars: partChars(textParts(m.content)) })),
  ];
}

/** Tools, instructions, then each input item (the estimate joins instructions and each item's text). */
function responsesUnits(b: Body): CacheUnit[] {
  const items = typeof b.input === 'string' ? [{ role: 'user', content: b.input }] : Array.isArray(b.input) ? (b.input as { content?: unknown }[]) : [];
  const instructions = typeof b.instructions === 'string' ? b.instructions : '';
  return [
    ...(b.tools ?? []).map((t) => ({ id: canonical(['tool', t]), chars: 0 })),
    { id: canonical(['instructions', instructions]), chars: instructions.length + 1 },
    ...items.map((m) => ({ id: canonical(['item', m]), chars: textParts(m.content).join('').length + 1 })),
  ];
}
