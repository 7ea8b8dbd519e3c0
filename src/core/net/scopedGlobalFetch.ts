// Gives one SDK that has no `fetch` option a fetch of our choosing, without changing fetch for
// anyone else. @google/generative-ai 0.24.1 calls `makeModelRequest(..., fetchFn = fetch)`, which
// reads the global `fetch` at call time, so the only way in is globalThis.fetch. The extension host
// is shared with other extensions (and VS Code may have patched fetch for its proxy support), so:
// - a pass-through wrapper is installed on globalThis.fetch once; outside our scope it calls the
//   fetch that was there before it, with the same `this` and arguments;
// - only code running inside `withGlobalFetch(f, fn)` (an AsyncLocalStorage scope, which follows
//   awaits) gets `f`; and `f` itself runs outside the scope, so it may call the global fetch
//   without coming back to itself;
// - if something replaces globalThis.fetch later, the next `withGlobalFetch` wraps that one in
//   turn (each wrapper keeps its own original, so a later patch that calls ours still works).

import { AsyncLocalStorage } from 'node:async_hooks';
import type { FetchLike } from './safeFetch';

const scope = new AsyncLocalStorage<FetchLike>();
let installed: typeof fetch | undefined;

function install(): void {
  if (installed && globalThis.fetch === installed) return;
  const original = globalThis.fetch;
  const wrapper = function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>) {
    const scoped = scope.getStore();
    if (!scoped) return original.apply(this, args);
    return scope.exit(() => scoped(...args));
  } as typeof fetch;
  globalThis.fetch = wrapper;
  installed = wrapper;
}

/** Runs `fn` with the global `fetch` meaning `scopedFetch` for everything `fn` starts (awaits included). */
export function withGlobalFetch<T>(scopedFetch: FetchLike, fn: () => T): T {
  install();
  return scope.run(scopedFetch, fn);
}
