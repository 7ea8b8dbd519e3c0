// The host's one fetch for every provider: proxy-aware (VS Code's http.proxy, http.proxyStrictSSL,
// http.noProxy and the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment, see core/net/proxyFetch.ts)
// never following a redirect to another origin (core/net/safeFetch.ts). Built once
// and handed to adapters through ProviderConfig.fetch; the function stays the same when the proxy
// settings change (it sends through the current dispatcher), so no adapter needs rebuilding.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import '../core/zodEnglish';
import { createNetworkFetch, type NetworkFetch, type NetworkOptions } from '../core/net/proxyFetch';
import { createSafeFetch, type FetchLike } from '../core/net/safeFetch';
import type { Log } from './log';

const httpSettings = z.object({
  proxy: z.catch(z.string().check(z.maxLength(2000)), ''),
  proxyStrictSSL: z.catch(z.boolean(), true),
  noProxy: z.catch(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(200)), []),
});

export class HostNetwork implements vscode.Disposable {
  private current: NetworkFetch;
  private readonly subscription: vscode.Disposable;
  /** What adapters get: safe redirects over the current proxy-aware fetch. */
  readonly fetch: FetchLike = createSafeFetch({ fetch: (input, init) => this.current.fetch(input, init) });

  constructor(private readonly log: Log) {
    this.current = this.build();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('http')) return;
      const old = this.current;
      this.current = this.build();
      void old.close().catch(() => undefined);
    });
  }

  private build(): NetworkFetch {
    const http = vscode.workspace.getConfiguration('http');
    const parsed = httpSettings.parse({ proxy: http.get('proxy') ?? '', proxyStrictSSL: http.get('proxyStrictSSL') ?? true, noProxy: http.get('noProxy') ?? [] });
    const options: NetworkOptions = { proxy: parsed.proxy, strictSSL: parsed.proxyStrictSSL, noProxy: parsed.noProxy };
    const net = createNetworkFetch(options);
    const { httpProxy, httpsProxy, noProxy } = net.describe();
    // Proxy URLs may carry user:password: log only where they are.
    const where = (u: string) => (u ? safeOrigin(u) : 'direct');
    this.log.info(`Network: https via ${where(httpsProxy)}, http via ${where(httpProxy)}${noProxy ? `, no proxy for ${noProxy}` : ''}${parsed.proxyStrictSSL ? '' : ', TLS certificates not verified (http.proxyStrictSSL is off)'}.`);
    return net;
  }

  dispose(): void {
    this.subscription.dispose();
    void this.current.close().catch(() => undefined);
  }
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid proxy URL';
  }
}
