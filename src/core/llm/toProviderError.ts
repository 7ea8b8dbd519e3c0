// Fallback normalization for whatever an adapter caught: SDK HTTP errors, socket/DNS/TLS
// failures, parse errors. Also the builders for failures we detect ourselves (network loss,
// first-byte/idle timeouts, cancellation, malformed responses), so their wording lives in one place.

import { clip, errorFor, formatMs, isProviderError, type ErrorContext, type ProviderError } from './errors';
import { TYPE_STATUS, fromHttpFailure } from './httpFailure';
import type { HeaderSource } from './retryAfter';
import { findRedirectRefusal } from '../net/redirectRefusal';

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
  return errorFor(ctx, { code: 'network', message, providerCode: code });
}

export function timeoutError(ctx: ErrorContext, which: 'first-byte' | 'idle', ms: number): ProviderError {
  const message =
    which === 'first-byte'
      ? `${ctx.label} sent nothing for ${formatMs(ms)} after the request (first-byte timeout ${formatMs(ms)}).`
      : `${ctx.label}'s answer stalled: no data for ${formatMs(ms)} (idle timeout ${formatMs(ms)}).`;
  return errorFor(ctx, { code: 'timeout', message, providerCode: which });
}

export function cancelledError(ctx: ErrorContext): ProviderError {
  return errorFor(ctx, { code: 'cancelled', message: `The request to ${ctx.label} was cancelled.` });
}

/** The provider sent something we could not parse: a broken proxy or a provider fault. */
export function malformedError(ctx: ErrorContext, detail: string): ProviderError {
  return errorFor(ctx, { code: 'server', message: `${ctx.label} sent a malformed response (${clip(detail, 120)}).` });
}

/**
 * Fallback normalization for anything an adapter could not classify more precisely: SDK HTTP
 * errors (OpenAI/Anthropic shape: `status`, `headers`, `error` body), network errors and parse
 * errors. Never returns a message containing `ctx.secrets`.
 */
export function toProviderError(e: unknown, ctx: ErrorContext, opts: { midStream?: boolean } = {}): ProviderError {
  if (isProviderError(e)) return e;
  // Not retried, not a network failure: the base URL sends us elsewhere and we refused to follow.
  const refused = findRedirectRefusal(e);
  if (refused) return errorFor(ctx, { code: 'bad_request', message: `${ctx.label}: ${refused}`, providerCode: 'cross_origin_redirect' });
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
    return errorFor(ctx, { code: 'timeout', message: `${ctx.label} did not answer in time.` });
  }
  const net = networkErrorCode(e);
  if (net) return networkError(ctx, net, !!opts.midStream);
  if (e instanceof SyntaxError) return malformedError(ctx, e.message);
  const message = typeof err.message === 'string' ? err.message : String(e);
  return errorFor(ctx, { code: 'unknown', message: `${ctx.label} request failed: ${clip(message)}` });
}
