// One error type for every provider failure, and the rules that turn SDK/HTTP failures into it.
// No SDK import here: SDK errors are recognised by their shape (status, headers, body), because
// each provider adapter is bundled separately and `instanceof` across bundles does not hold.

import type { ErrorCode } from './types';
import { redactSecrets } from './redact';

export interface ProviderErrorInit {
  code: ErrorCode;
  providerId: string;
  message: string;
  status?: number;
  retryAfterMs?: number;
  /** The provider's own machine-readable reason (e.g. `insufficient_quota`), for logs and tests. */
  providerCode?: string;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ErrorCode;
  readonly providerId: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly providerCode?: string;

  constructor(init: ProviderErrorInit) {
    // Redact here too, so even a hand-built error cannot carry a key-shaped string.
    super(redactSecrets(init.message));
    this.code = init.code;
    this.providerId = init.providerId;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.providerCode !== undefined) this.providerCode = init.providerCode;
  }
}

/** Duck-typed on purpose: a ProviderError made by another bundle is still recognised. */
export function isProviderError(e: unknown): e is ProviderError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'ProviderError' &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}

/** Who failed, for messages; `secrets` are masked from every message (the key in use). */
export interface ErrorContext {
  providerId: string;
  label: string;
  secrets?: readonly (string | undefined)[];
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

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
const TYPE_STATUS: Record<string, number> = {
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

function clip(text: string, max = 400): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function make(ctx: ErrorContext, init: Omit<ProviderErrorInit, 'providerId'>): ProviderError {
  return new ProviderError({ ...init, providerId: ctx.providerId, message: redactSecrets(init.message, ctx.secrets ?? []) });
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
    return make(ctx, { ...base, code: 'auth', message: `${label} rejected the API key${httpTag}. Check the key with "Switchboard: Set API Key".${said}` });
  }
  if (status === 403) {
    return make(ctx, {
      ...base,
      code: 'auth',
      message: `${label} refused access${httpTag}: the key is not allowed to use this model or project.${said}`,
    });
  }
  if (status === 402 || codes.some((c) => QUOTA_CODES.has(c)) || (status === 400 && /credit balance is too low/i.test(text))) {
    return make(ctx, { ...base, code: 'quota_exhausted', message: quotaMessage });
  }
  if (status === 429) {
    const retryDelayMs = googleRetryDelayMs(details);
    // Gemini words every 429 as "exceeded your current quota": only its details tell a daily or
    // total quota (waiting will not help) from a per-minute one. Elsewhere the text decides.
    const quotaByText = details.length === 0 && QUOTA_TEXT.test(text) && !/rate limit/i.test(text);
    if (googleLongQuotaViolated(details) || quotaByText) {
      return make(ctx, { ...base, code: 'quota_exhausted', message: quotaMessage });
    }
    const retryAfterMs = retryDelayMs ?? parseRetryAfterMs(failure.headers);
    const wait = retryAfterMs !== undefined ? ` It asks to wait ${formatMs(retryAfterMs)}.` : '';
    return make(ctx, {
      ...base,
      code: 'rate_limit',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${label} is rate-limiting requests${httpTag}.${wait}${said}`,
    });
  }
  if (status === 529 || status === 503 || codes.includes('overloaded_error')) {
    const retryAfterMs = parseRetryAfterMs(failure.headers);
    return make(ctx, {
      ...base,
      code: 'overloaded',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${label} is overloaded right now${httpTag}; try again shortly.${said}`,
    });
  }
  if (status === 408 || status === 504) {
    return make(ctx, { ...base, code: 'timeout', message: `${label} timed out on its side${httpTag}.${said}` });
  }
  if (status !== undefined && status >= 500) {
    return make(ctx, { ...base, code: 'server', message: `${label} had a server error${httpTag}.${said}` });
  }
  if (CONTEXT_LENGTH.test(text) && (status === undefined || status === 400 || status === 413 || status === 422)) {
    return make(ctx, {
      ...base,
      code: 'context_length_exceeded',
      message: `The conversation is too long for this ${label} model's context window${httpTag}. Start a new chat or remove earlier messages.${said}`,
    });
  }
  if (status === 404) {
    return make(ctx, { ...base, code: 'not_found', message: `${label} does not know this model or endpoint${httpTag}. Check the model name and base URL.${said}` });
  }
  if (status !== undefined && status >= 400) {
    return make(ctx, { ...base, code: 'bad_request', message: `${label} rejected the request${httpTag}.${said}` });
  }
  return make(ctx, { ...base, code: 'unknown', message: `${label} reported an error${httpTag}.${said}` });
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);
const NETWORK_TEXT = /fetch failed|terminated|other side closed|socket hang up|connection error|network/i;

/** Walks an error's cause chain for a socket/DNS/TLS failure; returns its code, or undefined. */
export function networkErrorCode(e: unknown): string | undefined {
  let current: unknown = e;
  let textHit: string | undefined;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (!textHit && (name === 'APIConnectionError' || (typeof message === 'string' && NETWORK_TEXT.test(message)))) {
      textHit = 'connection failed';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return textHit;
}

/** A socket/DNS failure; `midStream` when part of the answer had already arrived. */
export function networkError(ctx: ErrorContext, code: string, midStream: boolean): ProviderError {
  const message = midStream
    ? `The connection to ${ctx.label} was lost before the answer was complete (${code}).`
    : `Could not reach ${ctx.label} (${code}). Check your network, proxy or the provider's base URL.`;
  return make(ctx, { code: 'network', message, providerCode: code });
}

export function timeoutError(ctx: ErrorContext, which: 'first-byte' | 'idle', ms: number): ProviderError {
  const message =
    which === 'first-byte'
      ? `${ctx.label} sent nothing for ${formatMs(ms)} after the request (first-byte timeout ${formatMs(ms)}).`
      : `${ctx.label}'s answer stalled: no data for ${formatMs(ms)} (idle timeout ${formatMs(ms)}).`;
  return make(ctx, { code: 'timeout', message, providerCode: which });
}

export function cancelledError(ctx: ErrorContext): ProviderError {
  return make(ctx, { code: 'cancelled', message: `The request to ${ctx.label} was cancelled.` });
}

/** The provider sent something we could not parse: a broken proxy or a provider fault. */
export function malformedError(ctx: ErrorContext, detail: string): ProviderError {
  return make(ctx, { code: 'server', message: `${ctx.label} sent a malformed response (${clip(detail, 120)}).` });
}

/**
 * Fallback normalization for anything an adapter could not classify more precisely: SDK HTTP
 * errors (OpenAI/Anthropic shape: `status`, `headers`, `error` body), network errors and parse
 * errors. Never returns a message containing `ctx.secrets`.
 */
export function toProviderError(e: unknown, ctx: ErrorContext, opts: { midStream?: boolean } = {}): ProviderError {
  if (isProviderError(e)) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    status?: unknown;
    headers?: HeaderSource;
    error?: unknown;
    message?: unknown;
    name?: unknown;
    type?: unknown;
  };
  const status = typeof err.status === 'number' ? err.status : undefined;
  // OpenAI's `error` is the body's `error` object; Anthropic's is the whole body `{ type, error: {...} }`.
  const body = (typeof err.error === 'object' && err.error !== null ? err.error : undefined) as
    | { message?: unknown; type?: unknown; code?: unknown; error?: { message?: unknown; type?: unknown; code?: unknown } }
    | undefined;
  const inner = body?.error && typeof body.error === 'object' ? body.error : body;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const bodyType = str(inner?.type);
  if (status !== undefined || (bodyType && TYPE_STATUS[bodyType] !== undefined)) {
    return fromHttpFailure(
      {
        ...(status !== undefined ? { status } : {}),
        headers: err.headers ?? undefined,
        ...(str(inner?.message) ? { message: str(inner?.message)! } : {}),
        codes: [str(inner?.code), bodyType, str(err.type)],
      },
      ctx,
    );
  }
  if (err.name === 'APIConnectionTimeoutError') {
    return make(ctx, { code: 'timeout', message: `${ctx.label} did not answer in time.` });
  }
  const net = networkErrorCode(e);
  if (net) return networkError(ctx, net, !!opts.midStream);
  if (e instanceof SyntaxError) return malformedError(ctx, e.message);
  const message = typeof err.message === 'string' ? err.message : String(e);
  return make(ctx, { code: 'unknown', message: `${ctx.label} request failed: ${clip(message)}` });
}
