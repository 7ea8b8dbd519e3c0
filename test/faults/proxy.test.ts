// Issue 15 part 6: the host's fetch honours VS Code's `http.proxy` (+ `http.proxyStrictSSL`) and
// the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment, for every provider: each try builds a fresh
// network fetch (so a connection is opened for it), sends one streamed request through the real
// adapter, and checks the loopback proxy forwarded it (absolute-URI request or CONNECT tunnel).
import { strict as assert } from 'node:assert';
import type { ProviderConfig } from '../../src/core/llm/types';
import { createSafeFetch } from '../../src/core/net/safeFetch';
import { createNetworkFetch, type NetworkOptions } from '../../src/core/net/proxyFetch';
import { startFakeProviders, type FakeProviders } from '../fakes/server';
import { startTestProxy, type TestProxy } from '../fakes/httpProxy';
import { startTlsFront, type TlsFront } from '../fakes/tlsFront';
import { CASES, adapterFor, collect, request, textOf, type CaseInfo } from '../fakes/adapterHarness';
import { reportReliability } from './reliabilityTable';

/** The case's config pointed at `origin` (same paths as the fake), sending through `fetch`. */
function configAt(c: CaseInfo, fake: FakeProviders, origin: string, fetch: ProviderConfig['fetch']): Partial<ProviderConfig> {
  if (c.name === 'azure') return { fetch, azure: { ...c.config(fake).azure!, endpoint: origin } };
  return { fetch, baseURL: `${origin}${new URL(c.config(fake).baseURL!).pathname.replace(/\/$/, '')}` };
}

describe('proxy: every provider goes through the configured proxy', function () {
  let fake: FakeProviders;
  let proxy: TestProxy;
  let tls: TlsFront;
  const tries = { total: 0, proxied: 0 };

  before(async () => {
    fake = await startFakeProviders();
    proxy = await startTestProxy();
    tls = await startTlsFront(fake.url);
  });
  after(async () => {
    await tls?.close();
    await proxy?.close();
    await fake?.close();
  });

  /** One streamed answer per provider with `options`; returns how many went through the proxy. */
  async function runAll(options: NetworkOptions, origin: string): Promise<{ proxied: number; failures: string[] }> {
    let proxied = 0;
    const failures: string[] = [];
    for (const c of CASES) {
      const net = createNetworkFetch(options);
      try {
        const before = proxy.forwarded.length;
        const adapter = await adapterFor(c, fake, undefined, configAt(c, fake, origin, createSafeFetch({ fetch: net.fetch })));
        const { events, error, raw } = await collect(adapter, request(c));
        if (error || raw || !textOf(events)) failures.push(`${c.name}: ${String(error?.message ?? raw ?? 'no text')}`);
        const through = proxy.forwarded.slice(before).filter((f) => origin.endsWith(f.target));
        if (through.length > 0) proxied++;
      } finally {
        await net.close();
      }
    }
    return { proxied, failures };
  }

  it('sends through http.proxy (http targets) and HTTPS_PROXY (https targets, http.proxyStrictSSL off); NO_PROXY bypasses it', async () => {
    const viaSetting = await runAll({ proxy: proxy.url, env: {} }, fake.url);
    const viaEnv = await runAll({ env: { HTTPS_PROXY: proxy.url }, strictSSL: false }, tls.url);
    const viaHttpEnv = await runAll({ env: { http_proxy: proxy.url } }, fake.url);
    tries.total = CASES.length * 3;
    tries.proxied = viaSetting.proxied + viaEnv.proxied + viaHttpEnv.proxied;

    const before = proxy.forwarded.length;
    const bypass = await runAll({ env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }, fake.url);
    const bypassed = proxy.forwarded.length === before && bypass.failures.length === 0;
    const failures = [...viaSetting.failures, ...viaEnv.failures, ...viaHttpEnv.failures, ...bypass.failures];

    reportReliability({
      check: 'proxy → requests through the proxy',
      figure: `${tries.proxied}/${tries.total}`,
      target: 'all',
      ok: tries.proxied === tries.total && failures.length === 0 && bypassed,
    });
    assert.deepEqual(failures, [], 'every provider answered');
    assert.equal(tries.proxied, tries.total, 'every request went through the proxy');
    assert.equal(bypass.proxied, 0, 'NO_PROXY: nothing went through the proxy');
    assert.ok(bypassed);
  });

  it('verifies certificates unless http.proxyStrictSSL is off (a self-signed server is refused)', async () => {
    const c = CASES[0]!;
    const net = createNetworkFetch({ env: { HTTPS_PROXY: proxy.url } });
    try {
      const adapter = await adapterFor(c, fake, undefined, configAt(c, fake, tls.url, createSafeFetch({ fetch: net.fetch })));
      const { error } = await collect(adapter, request(c));
      assert.equal(error?.code, 'network', String(error?.message));
    } finally {
      await net.close();
    }
  });
});
