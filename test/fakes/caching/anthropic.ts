// Anthropic prompt caching, as documented at platform.claude.com/docs/en/build-with-claude/prompt-caching:
//
// - The prefix is rendered tools → system → messages. `cache_control: {type: 'ephemeral', ttl?}` on
//   a tool, a system block or a message content block is a breakpoint: the prefix up to and
//   including that block is cached. A top-level `cache_control` ("automatic caching") puts the
//   breakpoint on the last cacheable block.
// - "You can define up to 4 cache breakpoints": a fifth is a 400 invalid_request_error.
// - TTL: "5m" (default) or "1h", refreshed "each time the cached content is used".
// - A hit needs the identical prefix. "The system automatically checks for cache hits at all
//   previous content block boundaries (up to approximately 20 blocks before your explicit
//   breakpoint)": modelled as a look-back of 20 units from each breakpoint.
// - A prefix shorter than the model's minimum cacheable length is neither read nor written (no
//   error; both counters stay 0).
// - usage: input_tokens = tokens after the last breakpoint (and anything not cached);
//   cache_read_input_tokens = the longest hit; cache_creation_input_tokens = hit → last breakpoint,
//   split in cache_creation.{ephemeral_5m,ephemeral_1h}_input_tokens by the TTL of the breakpoint
//   that closes each segment.
// Not modelled: the rule that 1h breakpoints must come before 5m ones (no 400 for the wrong order).

import { canonical, MINUTE, partChars, prefixHashes, prefixTokens, textParts, type CachedUsage, type CacheUnit, type PromptCache } from '../promptCache';

interface Breakpoint {
  at: number;
  ttlMs: number;
  oneHour: boolean;
}

interface Cut {
  units: CacheUnit[];
  breakpoints: Breakpoint[];
}

/** Anthropic's look-back before a breakpoint ("up to approximately 20 blocks"). */
const LOOKBACK = 20;
export const MAX_BREAKPOINTS = 4;

/**
 * Minimum cacheable prompt length by model (the docs' table: 4096 for Opus 4.6/4.5 and Haiku 4.5;
 * 2048 for Opus 4.7 and Haiku 3.5/3; 512 for the Opus 5 family; 1024 for Sonnet 3.7 – 5 and
 * Opus 4/4.1/4.8). Unknown ids: 1024.
 */
export function anthropicMinimum(model: string): number {
  const m = model.toLowerCase().replace(/\./g, '-');
  if (/haiku-4-5|opus-4-5|opus-4-6/.test(m)) return 4096;
  if (/opus-4-7|3-5-haiku|3-haiku|haiku-3/.test(m)) return 2048;
  if (/opus-5|fable-5|mythos-5/.test(m)) return 512;
  return 1024;
}

/** The 400 Anthropic sends for too many breakpoints, else undefined. */
export function anthropicCacheError(body: unknown): unknown {
  const n = cut(body).breakpoints.length;
  if (n <= MAX_BREAKPOINTS) return undefined;
  return { type: 'error', error: { type: 'invalid_request_error', message: `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${n}.` }, request_id: 'req_fake' };
}

export function anthropicCacheUsage(cache: PromptCache, model: string, body: unknown, total: number, totalChars: number): CachedUsage {
  const { units, breakpoints } = cut(body);
  const hashes = prefixHashes(`anthropic\n${model}`, units);
  const tokens = prefixTokens(units, total, totalChars);
  const min = anthropicMinimum(model);

  // Read: the longest cached prefix at or up to LOOKBACK units before any breakpoint.
  let read = -1;
  for (const bp of breakpoints) {
    for (let at = bp.at; at >= Math.max(0, bp.at - LOOKBACK); at--) {
      if (at <= read) break;
      if (cache.hit(hashes[at]!)) {
        read = at;
        break;
      }
    }
  }
  // Write: every breakpoint past the hit that reaches the minimum, each segment at its TTL.
  let from = read >= 0 ? tokens[read]! : 0;
  let write5m = 0;
  let write1h = 0;
  for (const bp of breakpoints) {
    if (bp.at <= read || tokens[bp.at]! < min) continue;
    const segment = tokens[bp.at]! - from;
    if (bp.oneHour) write1h += segment;
    else write5m += segment;
    from = tokens[bp.at]!;
    cache.store(hashes[bp.at]!, bp.ttlMs);
  }
  const cached = read >= 0 ? tokens[read]! : 0;
  return { input: total - cached - write5m - write1h, cached, cacheWrite: write5m + write1h, cacheWrite1h: write1h };
}

interface Body {
  tools?: unknown[];
  system?: unknown;
  messages?: { role?: string; content?: unknown }[];
  cache_control?: unknown;
}

/** The request as units in prefix order (tools → system → messages), with its breakpoints in order. */
function cut(body: unknown): Cut {
  const b = (body ?? {}) as Body;
  const units: CacheUnit[] = [];
  const breakpoints: Breakpoint[] = [];
  const add = (id: string, chars: number, marker: unknown) => {
    units.push({ id, chars });
    const bp = breakpointOf(marker, units.length - 1);
    if (bp) breakpoints.push(bp);
  };
  // Tools carry no tokens in the fake's estimate (promptText), but they are part of the prefix.
  for (const tool of b.tools ?? []) add(canonical(['tool', tool]), 0, (tool as { cache_control?: unknown })?.cache_control);
  for (const block of blocksOf(b.system)) add(canonical(['system', block]), partChars(textParts([block])), block.cache_control);
  for (const [i, m] of (b.messages ?? []).entries()) {
    for (const block of blocksOf(m.content)) add(canonical(['message', i, m.role, block]), partChars(textParts([block])), block.cache_control);
  }
  const auto = breakpointOf(b.cache_control, units.length - 1);
  if (auto && units.length && !breakpoints.some((bp) => bp.at === auto.at)) breakpoints.push(auto);
  return { units, breakpoints };
}

/** String content is one text block (so it hashes like the same text sent as a block). */
function blocksOf(content: unknown): { cache_control?: unknown; text?: unknown }[] {
  if (typeof content === 'string') return [{ type: 'text', text: content } as { text: string }];
  return Array.isArray(content) ? (content.filter((c) => c && typeof c === 'object') as { cache_control?: unknown }[]) : [];
}

function breakpointOf(marker: unknown, at: number): Breakpoint | undefined {
  if (!marker || typeof marker !== 'object' || (marker as { type?: unknown }).type !== 'ephemeral') return undefined;
  const oneHour = (marker as { ttl?: unknown }).ttl === '1h';
  return { at, ttlMs: oneHour ? 60 * MINUTE : 5 * MINUTE, oneHour };
}
