// Issue 15: a key follows only the user's own choice of host. A base URL that answers with a
// redirect to another origin (another loopback port here) must not make any SDK send the key
// there — fetch strips only `Authorization` on a cross-origin redirect, so Gemini's x-goog-api-key
// and Azure's api-key used to be forwarded. The "other host" is the fake providers server itself,
// so a followed redirect would even succeed; it counts every request that carries a key.
import { strict as assert } from 'node:assert';
import type { ProviderConfig } from '../../src/core/llm/types';
import { createSafeFetch } from '../../src/core/net/safeFetch';
import { createNetworkFetch, type NetworkFetch } from '../../src/core/net/proxyFetch';
import { startFakeProviders, type FakeProviders } from '../fakes/server';
import { startRedirector, type Redirector } from '../fakes/redirector';
import { CASES, KEYS, adapterFor, collect, request, textOf, type CaseInfo } from '../fakes/adapterHarness';
import { reportReliability } from './reliabilityTable';

const STATUSES = [301, 302, 303, 307, 308];

/** The case's config with its base URL (or Azure endpoint) moved under `prefix` on the redirector. */
function configVia(c: CaseInfo, fake: FakeProviders, r: Redirector, prefix: string, fetch?: ProviderConfig['fetch']): Partial<ProviderConfig> {
  const base: Partial<ProviderConfig> = fetch ? { fetch } : {};
  if (c.name === 'azure') return { ...base, azure: { ...c.config(fake).azure!, endpoint: `${r.url}${prefix}` } };
  const path = new URL(c.config(fake).baseURL!).pathname.replace(/\/$/, '');
  return { ...base, baseURL: `${r.url}${prefix}${path}` };
}

function keysAt(fake: FakeProviders): number {
  const keys = Object.values(KEYS);
  return fake.requests.filter((req) => keys.some((k) => JSON.stringify(req.headers).includes(k) || JSON.stringify(req.query).includes(k))).length;
}

describe('redirects: a key never follows a redirect to another host', function () {
  let fake: FakeProviders;
  let redirector: Redirector;
  let network: NetworkFetch;
  let hostFetch: ProviderConfig['fetch'];

  before(async () => {
    fake = await startFakeProviders();
    redirector = await startRedirector(fake.url, { status: 302, to: fake.url });
    network = createNetworkFetch({ env: {} });
    hostFetch = createSafeFetch({ fetch: network.fetch });
  });
  after(async () => {
    await redirector?.close();
    await fake?.close();
    await network?.close();
  });

  it('refuses 301/302/303/307/308 to another origin for every provider, streams and model lists (0 keys forwarded)', async () => {
    let tries = 0;
    const failures: string[] = [];
    const attempt = async (label: string, run: () => Promise<{ code?: string; message?: string }>) => {
      tries++;
      const { code, message } = await run();
      if (code !== 'bad_request' || !/redirected to 127\.0\.0\.1:\d+; Switchboard does not send your key to another host/.test(message ?? '')) {
        failures.push(`${label}: ${code} ${message}`);
      }
    };
    for (const status of STATUSES) {
      redirector.redirect.status = status;
      for (const c of CASES) {
        // The host's fetch (undici + proxy settings) for most tries; the adapters' own fallback too.
        for (const fetch of [hostFetch, undefined]) {
          const label = `${c.name} ${status} ${fetch ? 'host fetch' : 'fallback'}`;
          await attempt(`${label} stream`, async () => {
            const adapter = await adapterFor(c, fake, undefined, configVia(c, fake, redirector, '/away', fetch));
            const { error, raw } = await collect(adapter, request(c));
            return { code: error?.code ?? (raw ? 'raw' : 'ok'), message: error?.message ?? String(raw ?? '') };
          });
          if (c.name === 'azure') continue; // Azure lists its one deployment without a request
          await attempt(`${label} models`, async () => {
            const adapter = await adapterFor(c, fake, undefined, configVia(c, fake, redirector, '/away', fetch));
            try {
              await adapter.listModels();
              return { code: 'ok' };
            } catch (e) {
              return e as { code?: string; message?: string };
            }
          });
        }
      }
    }
    const forwarded = keysAt(fake);
    reportReliability({ check: `redirect to another host (${tries} tries) → keys forwarded`, figure: String(forwarded), target: '0', ok: forwarded === 0 && failures.length === 0 });
    assert.ok(tries >= 20);
    assert.equal(forwarded, 0, 'no request carrying a key reached the other origin');
    assert.deepEqual(failures, [], 'every try failed with the redirect refusal');
    // Only the redirector, the host the user chose, saw the key.
    assert.ok(redirector.seen.length >= tries);
  });

  it('still follows a redirect within the same origin (307 to the same host)', async () => {
    for (const c of CASES) {
      fake.reset();
      const adapter = await adapterFor(c, fake, undefined, configVia(c, fake, redirector, '/moved', hostFetch));
      const { events, error, raw } = await collect(adapter, request(c));
      assert.equal(error ?? raw, undefined, `${c.name}: ${String(error?.message ?? raw)}`);
      assert.ok(textOf(events).length > 0, `${c.name} answered through the redirect`);
      assert.equal(fake.requests.length, 1, `${c.name}: one request reached the provider`);
      assert.equal(fake.requests[0]!.method, 'POST', `${c.name}: 307 keeps the method`);
      assert.ok(fake.requests[0]!.body, `${c.name}: 307 keeps the body`);
      if (c.name !== 'azure') assert.ok((await adapter.listModels()).length > 0, `${c.name} lists models through the redirect`);
    }
  });
});
