// Turns a failed HTTP response (or an error event inside a 200 stream) into a ProviderError with
// the right code. The order of the checks matters: auth before quota before rate limit, because
// providers reuse statuses (Gemini words every 429 as "quota"; Anthropic's low credit is a 400).

import { clip, errorFor, formatMs, type ErrorContext, type ProviderError } from './errors';
import { parseDurationMs, parseRetryAfterMs, type HeaderSource } from './retryAfter';

/** What an adapter could read from a failed response (or an error event inside a stream). */
export interface HttpFailure {
  /** HTTP status; absent for an error event that arrived inside a 200 stream. */
  status?: number;
  headers?: HeaderSource;
  /** The provider's human-readable message. */
  message?: string;
  /** Provider machine codes: OpenAI error.code/type, Anthropic error.type, Gemini error.status. */
  codes?: (string | null | undefined)[];
  /** google.rpc details (RetryInfo, QuotaFailure, ErrorInfo) from a Gemini error body. */
  details?: unknown[];
}

// Error `type`s that arrive without an HTTP status (mid-stream error events) → the status they mean.
export const TYPE_STATUS: Record<string, number> = {
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  billing_error: 402,
  overloaded_error: 529,
  api_error: 500,
  server_error: 500,
  timeout_error: 504,
  invalid_request_error: 400,
  request_too_large: 413,
};

const CONTEXT_LENGTH =
  /context_length_exceeded|prompt is too long|exceeds the maximum number of tokens|maximum context length|context window|too many tokens|input is too long/i;
const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_error', 'credit_balance_too_low']);
const QUOTA_TEXT = /exceeded your current quota|check your plan and billing|credit balance is too low|billing|insufficient[_ ]quota/i;

interface GoogleDetail {
  '@type'?: string;
  retryDelay?: string;
  reason?: string;
  violations?: { quotaId?: string; quotaMetric?: string; description?: string; subject?: string }[];
}

function googleDetails(details: unknown[] | undefined): GoogleDetail[] {
  return Array.isArray(details) ? details.filter((d): d is GoogleDetail => typeof d === 'object' && d !== null) : [];
}

/** Gemini: RetryInfo.retryDelay ("2s", "0.5s") in ms. */
function googleRetryDelayMs(details: GoogleDetail[]): number | undefined {
  const info = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo') && typeof d.retryDelay === 'string');
  return info ? parseDurationMs(info.retryDelay) : undefined;
}

/** Gemini: a QuotaFailure on a daily or total quota does not clear by waiting seconds. */
function googleLongQuotaViolated(details: GoogleDetail[]): boolean {
  return details.some(
    (d) =>
      d['@type']?.endsWith('google.rpc.QuotaFailure') &&
      (d.violations ?? []).some((v) => /per[_ ]?day|daily|total|lifetime|billing/i.test(`${v.quotaId ?? ''} ${v.quotaMetric ?? ''} ${v.description ?? ''}`)),
  );
}

function googleErrorReason(details: GoogleDetail[]): string | undefined {
  return details.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))?.reason;
}

/** Normalizes an HTTP error response (or an in-stream error event) into a ProviderError. */
export function fromHttpFailure(failure: HttpFailure, ctx: ErrorContext): ProviderError {
  const codes = (failure.codes ?? []).filter((c): c is string => typeof c === 'string' && c.length > 0);
  const status = failure.status ?? codes.map((c) => TYPE_STATUS[c]).find((s) => s !== undefined);
  const said = failure.message ? ` ${ctx.label} said: "${clip(failure.message)}"` : '';
  const details = googleDetails(failure.details);
  const providerCode = codes[0] ?? googleErrorReason(details);
  const label = ctx.label;
  const httpTag = status !== undefined ? ` (HTTP ${status})` : '';
  const base = { ...(status !== undefined ? { status } : {}), ...(providerCode ? { providerCode } : {}) };
  const text = `${codes.join(' ')} ${failure.message ?? ''}`;
  const quotaMessage = `${label}: your account has run out of quota or credit${httpTag}. Check your plan and billing with ${label}; waiting will not help.${said}`;

  if (googleErrorReason(details)?.match(/API_KEY/) || status === 401) {
    return errorFor(ctx, { ...base, code: 'auth', message: `${label} rejected the API key${httpTag}. Check the key with "Switchboard: Set API Key".${said}` });
  }
  if (status === 403) {
    return errorFor(ctx, {
      ...base,
      code: 'auth',
      message: `${label} refused access${httpTag}: the key is not allowed to use this model or project.${said}`,
    });
  }
  if (status === 402 || codes.some((c) => QUOTA_CODES.has(c)) || (status === 400 && /credit balance is too low/i.test(text))) {
    return errorFor(ctx, { ...base, code: 'quota_exhausted', message: quotaMessage });
  }
  if (status === 429) {
    const retryDelayMs = googleRetryDelayMs(details);
    // Gemini words every 429 as "exceeded your current quota": only its details tell a daily or
    // total quota (waiting will not help) from a per-minute one. Elsewhere the text decides.
    const quotaByText = details.length === 0 && QUOTA_TEXT.test(text) && !/rate limit/i.test(text);
    if (googleLongQuotaViolated(details) || quotaByText) {
      return errorFor(ctx, { ...base, code: 'quota_exhausted', message: quotaMessage });
    }
    // OpenAI's message names the limit hit and when it clears (retryAfter.ts reads it after the headers).
    const retryAfterMs = retryDelayMs ?? parseRetryAfterMs(failure.headers, undefined, failure.message);
    const wait = retryAfterMs !== undefined ? ` It asks to wait ${formatMs(retryAfterMs)}.` : '';
    return errorFor(ctx, {
      ...base,
      code: 'rate_limit',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${label} is rate-limiting requests${httpTag}.${wait}${said}`,
    });
  }
  if (status === 529 || status === 503 || codes.includes('overloaded_error')) {
    const retryAfterMs = parseRetryAfterMs(failure.headers);
    return errorFor(ctx, {
      ...base,
      code: 'overloaded',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${label} is overloaded right now${httpTag}; try again shortly.${said}`,
    });
  }
  if (status === 408 || status === 504) {
    return errorFor(ctx, { ...base, code: 'timeout', message: `${label} timed out on its side${httpTag}.${said}` });
  }
  if (status !== undefined && status >= 500) {
    return errorFor(ctx, { ...base, code: 'server', message: `${label} had a server error${httpTag}.${said}` });
  }
  if (CONTEXT_LENGTH.test(text) && (status === undefined || status === 400 || status === 413 || status === 422)) {
    return errorFor(ctx, {
      ...base,
      code: 'context_length_exceeded',
      message: `The conversation is too long for this ${label} model's context window${httpTag}. Start a new chat or remove earlier messages.${said}`,
    });
  }
  if (status === 404) {
    return errorFor(ctx, { ...base, code: 'not_found', message: `${label} does not know this model or endpoint${httpTag}. Check the model name and base URL.${said}` });
  }
  if (status !== undefined && status >= 400) {
    return errorFor(ctx, { ...base, code: 'bad_request', message: `${label} rejected the request${httpTag}.${said}` });
  }
  return errorFor(ctx, { ...base, code: 'unknown', message: `${label} reported an error${httpTag}.${said}` });
}
