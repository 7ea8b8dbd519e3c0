// The one retry policy: which failures are retried, and how long to wait before the next attempt.
import type { ErrorCode } from './types';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
  /** Cap of one computed backoff delay (a server's Retry-After is honoured beyond it). */
  maxDelayMs: number;
  /** Cap of all waits of one request together; past it the request fails with its last error. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 30_000,
  maxTotalWaitMs: 120_000,
};

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['rate_limit', 'overloaded', 'server', 'network', 'timeout']);

/** Temporary failures worth another attempt (only ever before the first token of an answer). */
export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code as ErrorCode);
}

/**
 * Milliseconds to wait before attempt `attempt + 1` after `attempt` failed (attempt counts from 1).
 * When the provider said when to come back, that is when (plus up to 5 % / 250 ms of jitter so
 * several windows do not return in lockstep); otherwise exponential backoff with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  opts: RetryOptions,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.round(retryAfterMs + random() * Math.min(250, retryAfterMs * 0.05));
  }
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * opts.factor ** (attempt - 1));
  return Math.round(random() * ceiling);
}
