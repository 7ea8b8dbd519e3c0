// Reading the Anthropic cache marks (`cache_control`) a request carried, for caching tests.

/** How many cache marks `value` carries. */
export const marks = (value: unknown): number => JSON.stringify(value).split('"cache_control"').length - 1;

/**
 * `value` as the cache compares it: marks removed, a string content as the one text block it
 * stands for (the docs treat them alike; a mark turns one into the other).
 */
export const unmarked = (value: unknown): string =>
  JSON.stringify(value, (k, v) => (k === 'cache_control' ? undefined : (k === 'content' || k === 'system') && typeof v === 'string' ? [{ type: 'text', text: v }] : v));
