// How long a provider asks us to wait, read from its response headers (and, for OpenAI-shaped 429s,
// from the error message, which names the limit hit and when it clears). Works on a fetch `Headers`
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
 * How long the provider asks us to wait. In order: `retry-after-ms`; `retry-after` (seconds or an
 * HTTP date); the wait an OpenAI 429 message states; the `x-ratelimit-reset-*` of the limit that
 * was hit (named by the message, or the `x-ratelimit-remaining-*` counter at 0); else the sooner
 * reset. Never the later of two resets: a token budget refills in full over minutes while the
 * request that hit a per-minute request limit can go again in a second, and a wait over the
 * pipeline's retry cap means giving up at once.
 */
export function parseRetryAfterMs(headers: HeaderSource, now: number = Date.now(), message?: string): number | undefined {
  const ms = Number(getHeader(headers, 'retry-after-ms'));
  if (getHeader(headers, 'retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const ra = getHeader(headers, 'retry-after')?.trim();
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra)) return Math.round(Number(ra) * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const stated = statedWaitMs(message);
  if (stated !== undefined) return stated;
  const resetRequests = parseDurationMs(getHeader(headers, 'x-ratelimit-reset-requests'));
  const resetTokens = parseDurationMs(getHeader(headers, 'x-ratelimit-reset-tokens'));
  const hit = limitNamed(message);
  if (hit === 'requests' && resetRequests !== undefined) return resetRequests;
  if (hit === 'tokens' && resetTokens !== undefined) return resetTokens;
  const requestsOut = getHeader(headers, 'x-ratelimit-remaining-requests')?.trim() === '0';
  const tokensOut = getHeader(headers, 'x-ratelimit-remaining-tokens')?.trim() === '0';
  const spent = [requestsOut ? resetRequests : undefined, tokensOut ? resetTokens : undefined].filter((v): v is number => v !== undefined);
  if (spent.length) return Math.max(...spent); // both spent: both must refill
  const known = [resetRequests, resetTokens].filter((v): v is number => v !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

// OpenAI's 429 message: "Rate limit reached for gpt-4o in organization org-… on tokens per min (TPM):
// Limit 30000, Used 29800, Requested 400. Please try again in 400ms." (durations as in parseDurationMs;
// "… on requests per min (RPM) … try again in 6m0s"). Azure OpenAI: "… Please retry after 6 seconds."
const TRY_AGAIN = /\btry again in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i;
const RETRY_AFTER_SECONDS = /\bretry after (\d+(?:\.\d+)?) seconds?\b/i;

/** The wait a rate-limit message states, in ms. */
export function statedWaitMs(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const tryAgain = TRY_AGAIN.exec(message)?.[1];
  if (tryAgain) return parseDurationMs(tryAgain);
  const seconds = RETRY_AFTER_SECONDS.exec(message)?.[1];
  return seconds ? Math.round(Number(seconds) * 1000) : undefined;
}

/** Which per-minute OpenAI limit a 429 message names: "on tokens per min (TPM)" / "on requests per min (RPM)". */
export function limitNamed(message: string | undefined): 'requests' | 'tokens' | undefined {
  if (!message) return undefined;
  if (/\bon tokens per min\b|\(TPM\)/i.test(message)) return 'tokens';
  if (/\bon requests per min\b|\(RPM\)/i.test(message)) return 'requests';
  return undefined;
}
