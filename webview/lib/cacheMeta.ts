// Prompt caching in an answer's meta line: the input tokens read from the cache and what caching
// saved. A first turn's cache write usually costs more than it saves (the host sends a negative
// saving); that is shown as what it is, "cache write +$x", never as a negative saving.
import type { UiMeta } from '@shared/protocol/chat';
import { formatUsd } from './format';

export interface CacheLine {
  /** Short, for the meta line: "1,200 cached, saved $0.01" (whole numbers, as in the tooltip). */
  text: string;
  /** The tooltip, in whole numbers. */
  title: string;
}

/** The meta line's caching part; undefined when the request read nothing from and wrote nothing to a cache (as in older answers). */
export function cacheLine(meta: UiMeta): CacheLine | undefined {
  const read = meta.cachedInputTokens ?? 0;
  const written = meta.cacheWriteTokens ?? 0;
  if (read === 0 && written === 0) return undefined;
  const saved = meta.savedUsd;
  const n = (x: number) => x.toLocaleString('en-US');
  const of = meta.inputTokens !== null ? ` of ${n(meta.inputTokens)}` : '';
  const tokens = read > 0
    ? `${n(read)}${of} input tokens read from the prompt cache${written > 0 ? `; ${n(written)} written to it` : ''}.`
    : `${n(written)}${of} input tokens written to the prompt cache.`;
  const money = saved === undefined
    ? ''
    : saved === null
      ? " What caching saved is unknown (this model's price is unknown)."
      : saved >= 0
        ? ` Caching saved ${formatUsd(saved)} compared with the same request uncached.`
        : ` Writing to the cache cost ${formatUsd(-saved)} more than caching saved, compared with the same request uncached; later requests read it at a discount.`;
  const parts = read > 0 ? [`${n(read)} cached`] : [];
  if (saved && saved > 0) parts.push(`saved ${formatUsd(saved)}`);
  if (saved && saved < 0) parts.push(`cache write +${formatUsd(-saved)}`);
  return { text: parts.join(', ') || `${n(written)} written to cache`, title: tokens + money };
}
