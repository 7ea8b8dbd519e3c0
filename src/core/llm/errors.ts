// One error type for every provider failure, plus the pieces every error builder shares.
// No SDK import here: SDK errors are recognised by their shape (status, headers, body), because
// each provider adapter is bundled separately and `instanceof` across bundles does not hold.
// The builders live next to this file: httpFailure.ts (HTTP status + body → error),
// toProviderError.ts (SDK/network/parse fallbacks, timeouts, cancellation), and
// retryAfter.ts (rate-limit headers).

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

/** Builds a ProviderError for `ctx`, masking `ctx.secrets` from its message. */
export function errorFor(ctx: ErrorContext, init: Omit<ProviderErrorInit, 'providerId'>): ProviderError {
  return new ProviderError({ ...init, providerId: ctx.providerId, message: redactSecrets(init.message, ctx.secrets ?? []) });
}

/** A provider's text on one line, cut to `max` characters, for quoting in a message. */
export function clip(text: string, max = 400): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
