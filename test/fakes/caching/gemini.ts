// Gemini implicit caching, as documented at ai.google.dev/gemini-api/docs/caching:
//
// - "Implicit caching is enabled by default for all Gemini 2.5 and newer models"; older models
//   never report a hit.
// - Minimum input tokens (the page's table, last updated 2026-10-13): 2,048 for Gemini 2.5 Flash
//   and Pro, 4,096 for Gemini 3 and newer. (Earlier versions of the page said 1,024 Flash / 4,096
//   Pro; the minimum is a parameter below.)
// - A hit is a common prefix with a recent request ("send requests with similar prefix in a short
//   amount of time"); the lifetime is not documented, we use 5 minutes from the last use. Units in
//   request order: systemInstruction, tools, then each content.
// - Reported as usageMetadata.cachedContentTokenCount, part of promptTokenCount.

import { canonical, MINUTE, partChars, prefixHashes, prefixTokens, textParts, type CachedUsage, type CacheUnit, type PromptCache } from '../promptCache';

/** The implicit-caching minimum for a model, or undefined when it has no implicit caching (before 2.5). */
export function geminiMinimum(model: string): number | undefined {
  const v = /gemini-(\d+)(?:\.(\d+))?/.exec(model.toLowerCase());
  if (!v) return undefined;
  const version = Number(v[1]) + Number(v[2] ?? 0) / 10;
  if (version < 2.5) return undefined;
  return version >= 3 ? 4096 : 2048;
}

interface Body {
  systemInstruction?: { parts?: unknown };
  tools?: unknown[];
  contents?: { parts?: unknown }[];
}

export function geminiCacheUsage(cache: PromptCache, model: string, body: unknown, total: number, totalChars: number): CachedUsage {
  const none = { input: total, cached: 0, cacheWrite: 0, cacheWrite1h: 0 };
  const min = geminiMinimum(model);
  if (min === undefined) return none;
  const b = (body ?? {}) as Body;
  const units: CacheUnit[] = [
    ...(b.systemInstruction ? [{ id: canonical(['system', b.systemInstruction]), chars: partChars(textParts(b.systemInstruction.parts)) }] : []),
    ...(b.tools ?? []).map((t) => ({ id: canonical(['tool', t]), chars: 0 })),
    ...(b.contents ?? []).map((c) => ({ id: canonical(['content', c]), chars: partChars(textParts(c.parts)) })),
  ];
  const hashes = prefixHashes(`gemini\n${model}`, units);
  const tokens = prefixTokens(units, total, totalChars);
  let cached = 0;
  for (let at = units.length - 1; at >= 0; at--) {
    if (tokens[at]! < min) break;
    if (cache.hit(hashes[at]!)) {
      cached = tokens[at]!;
      break;
    }
  }
  if (total >= min) for (const h of hashes) cache.store(h, 5 * MINUTE);
  return { ...none, cached };
}
