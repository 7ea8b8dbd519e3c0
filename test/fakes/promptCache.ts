// The fake servers' prompt cache: one per server instance, so a test can show a provider's
// documented caching (Anthropic breakpoints, OpenAI and Gemini automatic prefix caching) in the
// usage it gets back. Each provider's rules live in caching/; this file owns what they share:
//
// - A request is cut into units (a tool, a system block, a message or content block) in the
//   provider's prefix order. A prefix is identified by a hash chain over the units' canonical JSON
//   (cache markers stripped), scoped by provider and model, so only the same bytes hit.
// - Tokens: the total is the estimate the fake already reports (estimateTokens of the prompt
//   text); a prefix's tokens are floor(its characters / 4), capped by the total. So a prefix never
//   outweighs the whole prompt, and input = cached + written + the rest, exactly.
// - Entries expire on an injectable clock (`now`); a hit refreshes its entry.

import { createHash } from 'node:crypto';

export interface PromptCacheOptions {
  /** Milliseconds since some epoch; default Date.now. Tests move it to expire entries. */
  now?: () => number;
}

/** One piece of a prompt, in prefix order. */
export interface CacheUnit {
  /** Canonical JSON of the piece, cache markers stripped. */
  id: string;
  /** The characters it adds to the prompt text the usage estimate counts (0: not counted, e.g. tools). */
  chars: number;
}

/** Usage a cache-aware answer reports (Scenario.usage terms). */
export interface CachedUsage {
  input: number;
  cached: number;
  cacheWrite: number;
  cacheWrite1h: number;
}

export const MINUTE = 60_000;

export class PromptCache {
  private readonly entries = new Map<string, { expiresAt: number; ttlMs: number }>();
  readonly now: () => number;

  constructor(opts: PromptCacheOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  /** Whether `hash` is cached and alive; a hit refreshes its lifetime. */
  hit(hash: string): boolean {
    const entry = this.entries.get(hash);
    if (!entry) return false;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(hash);
      return false;
    }
    entry.expiresAt = this.now() + entry.ttlMs;
    return true;
  }

  /** Caches `hash` for `ttlMs` from now (a longer lifetime already there is kept). */
  store(hash: string, ttlMs: number): void {
    const old = this.entries.get(hash);
    const expiresAt = this.now() + ttlMs;
    if (old && old.expiresAt > expiresAt) return;
    this.entries.set(hash, { expiresAt, ttlMs: Math.max(ttlMs, old?.ttlMs ?? 0) });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Canonical JSON: keys sorted, `cache_control` dropped (moving a breakpoint must not change the bytes). */
export function canonical(value: unknown): string {
  return JSON.stringify(strip(value));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (key !== 'cache_control') out[key] = strip((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The hash of every prefix: `hashes[i]` covers units 0..i, within `scope` (provider, model, routing key). */
export function prefixHashes(scope: string, units: readonly CacheUnit[]): string[] {
  let h = sha(`scope:${scope}`);
  return units.map((u) => (h = sha(`${h}\n${u.id}`)));
}

/**
 * The tokens of every prefix (see the top of the file): `tokens[i]` covers units 0..i. Each part
 * counts one separator, so a prefix is its characters less the one trailing '\n' (the whole prompt
 * then has exactly the estimate's characters).
 */
export function prefixTokens(units: readonly CacheUnit[], totalTokens: number, totalChars: number): number[] {
  let chars = 0;
  return units.map((u) => {
    chars += u.chars;
    return Math.min(totalTokens, Math.floor(Math.max(0, Math.min(chars - 1, totalChars)) / 4));
  });
}

/** The characters `parts` add to prompt text joined with '\n' (each part and its separator). */
export function partChars(parts: readonly string[]): number {
  return parts.reduce((n, p) => n + p.length + 1, 0);
}

/** Text parts of a string or an array of blocks/parts (the ones the usage estimate counts). */
export function textParts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => (p && typeof (p as { text?: unknown }).text === 'string' ? [(p as { text: string }).text] : []));
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
