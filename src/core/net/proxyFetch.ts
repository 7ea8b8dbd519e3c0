// The base fetch the host hands every adapter: undici's own fetch on a dispatcher that honours
// VS Code's `http.proxy`, `http.proxyStrictSSL`, `http.noProxy` and the HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY environment. Our own undici, not the global fetch: the global one is the extension
// host's, possibly patched by VS Code or another extension, and it cannot be given a dispatcher
// reliably. NODE_EXTRA_CA_CERTS keeps working because no `ca` is passed: Node's TLS default store
// (which includes those certificates) verifies every connection.
// Host side only: this file pulls in undici, so an adapter must never import it (each adapter is
// its own bundle; the host builds this once and passes it through ProviderConfig.fetch).

// The package index, not its lib/ files: the index also wires the dispatcher API (connect,
// request…) that ProxyAgent needs; importing only fetch + EnvHttpProxyAgent broke proxying.
// Loaded on the first request, not at activation (it is most of dist/extension.js).
import type { Dispatcher } from 'undici';

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
// The build makes this a load of dist/sdk/undici.js (esbuild.mjs), a CommonJS file whose exports
// arrive as `default` through import(); from source (tests) they arrive by name.
const loadUndici = () => (undici ??= import('undici').then((m) => ('EnvHttpProxyAgent' in m ? m : (m as { default: Undici }).default)));
import type { FetchLike } from './safeFetch';

export interface NetworkOptions {
  /** VS Code's `http.proxy`: used for http and https when set, over the environment's proxies. */
  proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (default true): verify TLS certificates of servers and proxies. */
  strictSSL?: boolean;
  /** VS Code's `http.noProxy`: hosts reached directly, added to NO_PROXY. */
  noProxy?: readonly string[];
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface NetworkFetch {
  fetch: FetchLike;
  /** The proxy each scheme uses ('' = direct) and the NO_PROXY list, for the log. */
  describe(): { httpProxy: string; httpsProxy: string; noProxy: string };
  close(): Promise<void>;
}

/** What the dispatcher is built from: explicit values, never undici's own look at process.env. */
export function proxySettings(options: NetworkOptions): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const env = options.env ?? process.env;
  const read = (name: string) => (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
  const proxy = options.proxy?.trim() ?? '';
  const httpProxy = proxy || read('http_proxy');
  const httpsProxy = proxy || read('https_proxy') || httpProxy;
  const noProxy = [...(options.noProxy ?? []), ...read('no_proxy').split(/[,\s]+/)].map((h) => h.trim()).filter(Boolean).join(',');
  return { httpProxy, httpsProxy, noProxy };
}

export function createDispatcher(u: Undici, options: NetworkOptions): Dispatcher {
  const rejectUnauthorized = options.strictSSL ?? true;
  return new u.EnvHttpProxyAgent({
    ...proxySettings(options),
    connect: { rejectUnauthorized },
    requestTls: { rejectUnauthorized },
    proxyTls: { rejectUnauthorized },
  });
}

export function createNetworkFetch(options: NetworkOptions = {}): NetworkFetch {
  let ready: Promise<{ u: Undici; dispatcher: Dispatcher }> | undefined;
  const start = () => (ready ??= loadUndici().then((u) => ({ u, dispatcher: createDispatcher(u, options) })));
  const fetch: FetchLike = async (input, init) => {
    const { u, dispatcher } = await start();
    type Init = Parameters<Undici['fetch']>[1];
    return (await u.fetch(input as Parameters<Undici['fetch']>[0], { ...(init as Init), dispatcher })) as unknown as Response;
  };
  return {
    fetch,
    describe: () => proxySettings(options),
    close: async () => {
      if (ready) await (await ready).dispatcher.close();
    },
  };
}
