// The error a pipeline run ends with: one plain shape for every failure (provider errors, our own
// stops and limits), safe to log and to show. Built here from whatever was thrown.
import { isProviderError } from './errors';
import { redactSecrets } from './redact';

export interface PipelineError {
  code: string;
  message: string;
  providerId: string;
  status?: number;
  retryAfterMs?: number;
}

export function toPipelineError(err: unknown, providerId: string): PipelineError {
  if (isProviderError(err)) {
    return {
      code: err.code,
      message: err.message,
      providerId: err.providerId || providerId,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    };
  }
  return { code: 'unknown', message: messageOf(err), providerId };
}

/** Messages of errors that did not come through errors.ts are redacted here. */
export function messageOf(err: unknown): string {
  return redactSecrets(err instanceof Error ? err.message : String(err));
}
