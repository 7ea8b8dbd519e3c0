// Gives one SDK that has no `fetch` option a fetch of our choosing, without changing fetch for
// anyone else. @google/generative-ai 0.24.1 calls `makeModelRequest(..., fetchFn = fetch)`: the
// default parameter reads the global `fetch` when the call starts, synchronously, and the request
// goes out later (after an await) through what it read. So globalThis.fetch is ours only for the
// synchronous part of the call: nothing else can run in between (one thread), and it is the
// previous fetch again before the call returns — the extension host is shared with other
// extensions, and VS Code may have patched fetch for its proxy support.
//
// An AsyncLocalStorage scope did this before; it turned on promise hooks for the whole host and
// made every promise the SDK created in its scope carry the store (a cost per request and per chunk).
// If a later SDK read fetch after an await, it would get the global one: the adapter checks that
// its own fetch answered (gemini/adapter.ts), so that shows up as an error, not a silent bypass.

import type { FetchLike } from './safeFetch';

/** Runs `fn` with the global `fetch` meaning `scopedFetch` during its synchronous part only. */
export function withGlobalFetch<T>(scopedFetch: FetchLike, fn: () => T): T {
  const previous = globalThis.fetch;
  const temporary = function fetch(...args: Parameters<typeof globalThis.fetch>) {
    // Called while still installed: step aside, so the scoped fetch may call the global one.
    if (globalThis.fetch === temporary) globalThis.fetch = previous;
    return scopedFetch(...args);
  } as typeof fetch;
  globalThis.fetch = temporary;
  try {
    return fn();
  } finally {
    if (globalThis.fetch === temporary) globalThis.fetch = previous;
  }
}
