// Issue 16: valid SSE framed the way gateways frame it (see test/fakes/sseQuirks.ts) gives the whole
// answer through each real SDK, under each of the four chunkings — no cut answer, no network error.
// Every adapter reads the quirks as sent with its spec parser (net/sseEvents.ts). The adapters here
// get no host fetch, so this also checks their fallback (_shared.ts `fetchFor`); the last block
// checks the host's chain (safe redirects over undici) as config.fetch.
import { strict as assert } from 'node:assert';
import { adapterFor, caseNamed, collect, request, shape, textOf, useFakes, type AdapterCase } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import type { FakeProviders } from '../../../fakes/server';
import { answerFor, canonicalEvents, QUIRKS, quirkyStream, type SseQuirk } from '../../../fakes/sseQuirks';
import type { Wire } from '../../../fakes/wire';
import { createNetworkFetch } from '../../../../src/core/net/proxyFetch';
import { createSafeFetch } from '../../../../src/core/net/safeFetch';
import type { ProviderConfig } from '../../../../src/core/llm/types';

const ADAPTERS: readonly AdapterCase[] = ['openai', 'anthropic', 'gemini'];

async function answer(fake: FakeProviders, name: AdapterCase, quirk: SseQuirk, chunking: (typeof CHUNKINGS)[number], overrides?: Partial<ProviderConfig>) {
  const c = caseNamed(name);
  const chunks = answerFor(quirk);
  fake.enqueue(c.fake, { rawSse: quirkyStream(canonicalEvents(c.fake as Wire, chunks, c.model), quirk), chunking });
  const { events, error, raw } = await collect(await adapterFor(c, fake, undefined, overrides), request(c));
  assert.equal(error?.code, undefined, `no error (${error?.code}: ${error?.message})`);
  assert.equal(raw, undefined, `nothing thrown: ${String(raw)}`);
  assert.equal(textOf(events), chunks.join(''));
  assert.equal(shape(events).at(-1), 'finish');
  assert.ok(events.some((e) => e.type === 'usage'), 'usage arrived');
}

describe('core/providers: SSE framing through gateways (issue 16)', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const quirk of QUIRKS) {
    describe(quirk, () => {
      for (const name of ADAPTERS) {
        for (const chunking of CHUNKINGS) {
          it(`${name}, ${chunking}: the whole answer`, () => answer(fake, name, quirk, chunking));
        }
      }
    });
  }

  describe("through the host's chain (safeFetch ∘ undici) as config.fetch", () => {
    const net = createNetworkFetch({ env: {} });
    after(() => net.close());
    const hostFetch = createSafeFetch({ fetch: net.fetch });
    for (const name of ADAPTERS) {
      for (const quirk of ['comments', 'noEventLine', 'u2028'] as const) {
        it(`${name}, ${quirk}, awkward`, () => answer(fake, name, quirk, 'awkward', { fetch: hostFetch }));
      }
    }
    it('a plain fetch handed in as config.fetch reads them too', () => answer(fake, 'gemini', 'comments', 'byte', { fetch: createSafeFetch() }));
  });
});
