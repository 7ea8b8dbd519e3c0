// The fetch one Gemini request goes through, keeping the response for the adapter.
// @google/generative-ai 0.24.1 drops the response's headers and keeps only `json.error.message` /
// `details` of an error body, and its stream reader costs more than the rest of the request path
// (a TextDecoderStream, a regex stream, a tee and a copy of every chunk for `result.response`:
// ~0.15 ms a request before the first byte is read). So:
// - a failure goes to the SDK as it came (the SDK throws its error), and the status, headers and
//   first 64 KiB of its body (read from a clone) are kept for errors.ts;
// - a success is kept whole for the adapter, which reads its events with a spec parser
//   (net/sseEvents.ts, as the other adapters do). The SDK gets the same status with no body: it
//   builds no reader, and the call fails on that at once (the adapter expects it: adapter.ts).

import type { FetchLike } from '../../net/safeFetch';

/** What one request's response looked like. */
export interface CapturedResponse {
  status: number;
  headers: Headers;
  /** A failed response's body (first MAX_ERROR_BODY bytes); undefined for a success. */
  body?: string;
  /** A success: the response itself, its body unread. */
  answer?: Response;
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * `inner`, keeping the last response it got (see the file comment). With `signal`, every request
 * it sends is aborted by that signal: the adapter gives the SDK no signal of its own (for one, the
 * SDK makes a second AbortController per request that only follows ours).
 */
export function capturingFetch(inner: FetchLike, signal?: AbortSignal): { fetch: FetchLike; last: () => CapturedResponse | undefined } {
  let last: CapturedResponse | undefined;
  const fetch: FetchLike = async (input, init) => {
    const res = await inner(input, signal ? { ...init, signal } : init);
    last = { status: res.status, headers: res.headers };
    if (!res.ok) {
      last.body = await readBounded(res.clone());
      return res;
    }
    last.answer = res;
    return new Response(null, { status: res.status, statusText: res.statusText });
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
