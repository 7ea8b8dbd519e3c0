// Gemini failures, read from the response itself rather than from what the SDK kept of it.
// @google/generative-ai 0.24.1 keeps only `json.error.message`/`details` of an error body and drops
// the response headers, so:
// - an array-wrapped body (Vertex and some gateways send `[{"error": {...}}]`) lost its message and
//   its google.rpc RetryInfo, and
// - `Retry-After` was never read.
// `capturingFetch` wraps the provider's fetch for one request and remembers the response's status and
// headers (and, for a failure, the first 64 KiB of its body, read from a clone so the SDK still gets
// its own copy); `normalizeGeminiError` builds the ProviderError from that.

import type { ErrorContext, ProviderError } from '../../llm/errors';
import { isProviderError } from '../../llm/errors';
import { fromHttpFailure, type HttpFailure } from '../../llm/httpFailure';
import { malformedError, networkError, toProviderError } from '../../llm/toProviderError';
import type { FetchLike } from '../../net/safeFetch';
import { endedEarly } from '../_shared';

/** What one request's response looked like, as far as the error path needs it. */
export interface CapturedResponse {
  status: number;
  headers: Headers;
  /** A failed response's body (first MAX_ERROR_BODY bytes); undefined for a success. */
  body?: string;
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * `inner`, remembering the last response it returned (see the file comment). With `signal`, every
 * request it sends is aborted by that signal: the adapter gives the SDK no signal of its own (for
 * one, the SDK makes a second AbortController per request that only follows ours).
 */
export function capturingFetch(inner: FetchLike, signal?: AbortSignal): { fetch: FetchLike; last: () => CapturedResponse | undefined } {
  let last: CapturedResponse | undefined;
  const fetch: FetchLike = async (input, init) => {
    const res = await inner(input, signal ? { ...init, signal } : init);
    last = { status: res.status, headers: res.headers };
    if (!res.ok) last.body = await readBounded(res.clone());
    return res;
  };
  return { fetch, last: () => last };
}

async function readBounded(res: Response): Promise<string | undefined> {
  const reader = res.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ERROR_BODY) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Aborted or cut: what arrived is what there is.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY).toString('utf8');
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/** `{"error": {code, message, status, details}}` or `[{"error": {...}}]` → the parts fromHttpFailure reads. */
export function failureOfBody(text: string | undefined): Pick<HttpFailure, 'message' | 'codes' | 'details'> {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    return {};
  }
  const wrapper = Array.isArray(parsed) ? parsed.map(obj).find((e) => obj(e?.['error'])) : obj(parsed);
  const error = obj(wrapper?.['error']);
  if (!error) return {};
  const message = typeof error['message'] === 'string' && error['message'].trim() ? error['message'] : undefined;
  const status = typeof error['status'] === 'string' ? error['status'] : undefined;
  return {
    ...(message ? { message } : {}),
    ...(status ? { codes: [status] } : {}),
    ...(Array.isArray(error['details']) ? { details: error['details'] } : {}),
  };
}

/** The SDK's errors carry a status and google.rpc details but no headers; the captured response has the rest. */
export function normalizeGeminiError(e: unknown, ctx: ErrorContext, midStream: boolean, captured: CapturedResponse | undefined): ProviderError {
  if (isProviderError(e)) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as { status?: unknown; errorDetails?: unknown; message?: unknown };
  const message = typeof err.message === 'string' ? err.message : '';
  if (typeof err.status === 'number') {
    const fromSdk: Pick<HttpFailure, 'message' | 'details'> = {
      ...(providerMessage(message, err.errorDetails) ? { message: providerMessage(message, err.errorDetails)! } : {}),
      ...(Array.isArray(err.errorDetails) ? { details: err.errorDetails } : {}),
    };
    const same = captured && captured.status === err.status ? captured : undefined;
    // The body's `status` ("RESOURCE_EXHAUSTED") is left out of codes, as before: providerCode stays
    // the ErrorInfo reason the SDK path always reported.
    const { codes: _codes, ...fromBody } = failureOfBody(same?.body);
    return fromHttpFailure(
      {
        status: err.status,
        ...(same ? { headers: same.headers } : {}),
        ...fromSdk,
        ...fromBody,
      },
      ctx,
    );
  }
  if (/Failed to parse stream/.test(message)) return endedEarly(ctx);
  if (/Error parsing JSON response/.test(message)) return malformedError(ctx, 'invalid JSON in the stream');
  if (/Error reading from the stream/.test(message)) return networkError(ctx, 'stream read failed', true);
  return toProviderError(e, ctx, { midStream });
}

/** "[GoogleGenerativeAI Error]: Error fetching from <url>: [429 Too Many Requests] <message> <details>" → "<message>". */
function providerMessage(message: string, details: unknown): string | undefined {
  const match = /\[\d{3}[^\]]*\]\s*(.*)$/s.exec(message);
  if (!match) return undefined;
  let text = match[1]!;
  if (details !== undefined) text = text.replace(` ${JSON.stringify(details)}`, '');
  return text.trim() || undefined;
}
