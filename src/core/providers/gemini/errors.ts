// Gemini failures, read from the response itself rather than from what the SDK kept of it
// (responseCapture.ts keeps it). @google/generative-ai 0.24.1 keeps only `json.error.message` /
// `details` of an error body and drops the response headers, so:
// - an array-wrapped body (Vertex and some gateways send `[{"error": {...}}]`) lost its message and
//   its google.rpc RetryInfo, and
// - `Retry-After` was never read.
// `normalizeGeminiError` builds the ProviderError from the captured response; `streamedError`
// reads an error sent inside a 200 stream.

import type { ErrorContext, ProviderError } from '../../llm/errors';
import { isProviderError } from '../../llm/errors';
import { fromHttpFailure, type HttpFailure } from '../../llm/httpFailure';
import { toProviderError } from '../../llm/toProviderError';
import type { CapturedResponse } from './responseCapture';

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
  return failureOf(parsed);
}

/** failureOfBody for a body already parsed. */
function failureOf(parsed: unknown): Pick<HttpFailure, 'message' | 'codes' | 'details'> {
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
  return toProviderError(e, ctx, { midStream });
}

/**
 * `{"error": {code, message, status, details}}` sent as an event of a 200 stream (Gemini ends a
 * stream that fails midway so), already parsed: the failure it reports, as the same body with that
 * status would be.
 */
export function streamedError(event: object, ctx: ErrorContext): ProviderError {
  const code = obj(obj(event)?.['error'])?.['code'];
  const { codes: _codes, ...failure } = failureOf(event);
  return fromHttpFailure({ ...(typeof code === 'number' ? { status: code } : {}), ...failure }, ctx);
}

/** "[GoogleGenerativeAI Error]: Error fetching from <url>: [429 Too Many Requests] <message> <details>" → "<message>". */
function providerMessage(message: string, details: unknown): string | undefined {
  const match = /\[\d{3}[^\]]*\]\s*(.*)$/s.exec(message);
  if (!match) return undefined;
  let text = match[1]!;
  if (details !== undefined) text = text.replace(` ${JSON.stringify(details)}`, '');
  return text.trim() || undefined;
}
