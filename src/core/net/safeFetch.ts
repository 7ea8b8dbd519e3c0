// The one fetch every SDK and model list uses, so an API key goes only to the origin the user chose.
// Plain fetch follows redirects itself and strips only `Authorization` when a redirect leaves the
// origin: Gemini's `x-goog-api-key` and Azure's `api-key` were forwarded to whatever host a base
// URL redirected to. Here redirects are taken with `redirect: 'manual'`: one to the same origin is
// followed (bounded; 307/308 keep method and body, 301/302/303 turn a POST into a GET as fetch
// does), one to another origin is refused before anything is sent there.
// No undici and no vscode here: the adapters inline this file as their fallback (see proxyFetch.ts
// for the proxy-aware base fetch the host hands them).

import { CrossOriginRedirectError } from './redirectRefusal';

/** The shape of `fetch` the SDKs accept (openai, @anthropic-ai/sdk) and the model lists call. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface SafeFetchOptions {
  /** The fetch that sends each hop (default: the global fetch at call time). */
  fetch?: FetchLike;
  /** Same-origin redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export function createSafeFetch(options: SafeFetchOptions = {}): FetchLike {
  const maxRedirects = options.maxRedirects ?? 5;
  const send: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async function safeFetch(input, init) {
    // The first hop goes as the caller made it, but for the redirect mode: no copy of its headers
    // or body (every request of every SDK passes here; a redirect is the rare case).
    const first = input instanceof Request ? await fromRequest(input, init) : { url: input instanceof URL ? input.href : input, init: init ?? {} };
    const res = await send(first.url, { ...first.init, redirect: 'manual' });
    return REDIRECT.has(res.status) ? follow(res, first.url, first.init) : res;
  };

  /** Follows same-origin redirects from `res`, the answer to `url` sent with `init`. */
  async function follow(res: Response, url: string, init: RequestInit): Promise<Response> {
    const { body: givenBody, headers: givenHeaders, method: givenMethod, redirect: _redirect, ...rest } = init;
    let method = (givenMethod ?? 'GET').toUpperCase();
    let body = givenBody ?? undefined;
    const headers = new Headers(givenHeaders);
    for (let hop = 0; ; hop++) {
      const location = res.headers.get('location');
      if (!location) return res; // a 3xx without a target: the caller sees it as the failure it is
      await res.body?.cancel().catch(() => undefined);
      const next = new URL(location, url);
      const from = new URL(url);
      if (next.origin !== from.origin) throw new CrossOriginRedirectError(from, next);
      if (hop >= maxRedirects) throw new TypeError(`${from.host} redirected more than ${maxRedirects} times; check the base URL.`);
      if (res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST') {
        method = 'GET';
        body = undefined;
        for (const h of BODY_HEADERS) headers.delete(h);
      } else if (body instanceof ReadableStream) {
        throw new TypeError(`${from.host} answered ${res.status} to a streamed request body, which cannot be re-sent.`);
      }
      url = next.href;
      res = await send(url, { ...rest, method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
      if (!REDIRECT.has(res.status)) return res;
    }
  }
}

/** A Request as a URL and an init with a re-sendable body (read once, here). */
async function fromRequest(input: Request, init: RequestInit | undefined): Promise<{ url: string; init: RequestInit }> {
  const method = (init?.method ?? input.method).toUpperCase();
  const body = init?.body ?? (method === 'GET' || method === 'HEAD' || !input.body ? undefined : await input.arrayBuffer());
  return {
    url: input.url,
    init: { signal: input.signal, ...init, method, headers: init?.headers ?? input.headers, ...(body ? { body } : {}) },
  };
}
