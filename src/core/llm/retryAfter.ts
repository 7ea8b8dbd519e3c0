// How long a provider asks us to wait, read from its response headers. Works on a fetch `Headers`
// or a plain record (SDK errors carry either), matching header names case-insensitively.

export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

export function getHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** Go-style durations as OpenAI sends them in x-ratelimit-reset-*: "1s", "6m0s", "20ms", "1h2m3.5s". */
export function parseDurationMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000); // bare number: seconds
  const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * unitMs[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? Math.round(total) : undefined;
}

/**
 * How long the provider asks us to wait, from `retry-after-ms`, `retry-after` (seconds or an
 * HTTP date) or, failing those, OpenAI's `x-ratelimit-reset-requests/tokens` (the exhausted one).
 */
export function parseRetryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = Number(getHeader(headers, 'retry-after-ms'));
  if (getHeader(headers, 'retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const ra = getHeader(headers, 'retry-after')?.trim();
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra)) return Math.round(Number(ra) * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const resetRequests = parseDurationMs(getHeader(headers, 'x-ratelimit-reset-requests'));
  const resetTokens = parseDurationMs(getHeader(headers, 'x-ratelimit-reset-tokens'));
  const requestsOut = getHeader(headers, 'x-ratelimit-remaining-requests') === '0';
  const tokensOut = getHeader(headers, 'x-ratelimit-remaining-tokens') === '0';
  if (requestsOut && resetRequests !== undefined) return resetRequests;
  if (tokensOut && resetTokens !== undefined) return resetTokens;
  if (resetRequests !== undefined || resetTokens !== undefined) return Math.max(resetRequests ?? 0, resetTokens ?? 0);
  return undefined;
}
