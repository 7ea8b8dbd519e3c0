// Each provider's facts live once, in its <name>/index.ts descriptor: these check that the facts are
// well formed and that the adapters really take their default base URL from there.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDERS, providerKinds } from '../../../../src/core/providers/registry';
import type { ProviderKind } from '../../../../src/core/llm/types';

const root = path.resolve(__dirname, '../../../..');
const FOLDER: Record<ProviderKind, string> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', 'openai-compatible': 'compatible', 'azure-openai': 'azure' };

/** One real-looking key per provider with a recognisable key shape. */
const EXAMPLE_KEYS: Partial<Record<ProviderKind, string>> = {
  openai: 'sk-proj-abc123',
  anthropic: 'sk-ant-api03-abc123',
  gemini: 'AIzaSyA-abc123',
};

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.search && !url.hash;
  } catch {
    return false;
  }
}

describe('provider descriptors', () => {
  it('PROVIDERS lists every kind once, each under its own kind', () => {
    assert.deepEqual(PROVIDERS.map((d) => d.kind).sort(), Object.keys(FOLDER).sort());
    for (const d of PROVIDERS) assert.equal(providerKinds[d.kind], d);
  });

  it('every descriptor is well formed', () => {
    for (const d of PROVIDERS) {
      assert.ok(d.label.trim().length > 0 && d.label === d.label.trim(), `${d.kind}: label`);
      assert.equal(typeof d.needsKey, 'boolean', `${d.kind}: needsKey`);
      assert.equal(typeof d.load, 'function', `${d.kind}: load`);
      if (d.defaultBaseURL !== undefined) {
        assert.ok(isHttpsUrl(d.defaultBaseURL), `${d.kind}: defaultBaseURL ${d.defaultBaseURL}`);
        assert.ok(!d.defaultBaseURL.endsWith('/'), `${d.kind}: no trailing slash (adapters append paths)`);
      }
      if (d.keyUrl !== undefined) assert.ok(isHttpsUrl(d.keyUrl), `${d.kind}: keyUrl ${d.keyUrl}`);
      // A pattern without a hint would reject a key without saying why; a hint without a pattern is a promise nobody checks.
      assert.equal(d.keyPattern === undefined, d.keyHint === undefined, `${d.kind}: keyPattern and keyHint go together`);
      if (d.keyPattern) assert.ok(d.needsKey, `${d.kind}: a key shape only where a key is needed`);
    }
  });

  it('each key pattern accepts its own example and rejects every other provider\'s key shape', () => {
    for (const d of PROVIDERS) {
      if (!d.keyPattern) {
        assert.equal(EXAMPLE_KEYS[d.kind], undefined, `${d.kind} has an example key but no pattern`);
        continue;
      }
      const own = EXAMPLE_KEYS[d.kind];
      assert.ok(own, `${d.kind}: add an example key to this test`);
      assert.ok(d.keyPattern.test(own), `${d.kind} accepts ${own}`);
      for (const [kind, other] of Object.entries(EXAMPLE_KEYS)) {
        if (kind !== d.kind) assert.ok(!d.keyPattern.test(other), `${d.kind} rejects ${kind}'s ${other}`);
      }
    }
    assert.ok(!providerKinds.openai.keyPattern!.test('sk-ant-api03-abc'), 'an Anthropic key pasted into OpenAI is caught');
  });

  it('a default base URL is written once: in the descriptor, not again in the adapter', () => {
    for (const d of PROVIDERS) {
      if (!d.defaultBaseURL) continue;
      const adapter = readFileSync(path.join(root, `src/core/providers/${FOLDER[d.kind]}/adapter.ts`), 'utf8');
      assert.ok(!adapter.includes(d.defaultBaseURL), `${FOLDER[d.kind]}/adapter.ts repeats ${d.defaultBaseURL}`);
      assert.ok(adapter.includes('descriptor.defaultBaseURL'), `${FOLDER[d.kind]}/adapter.ts reads descriptor.defaultBaseURL`);
    }
  });

  describe('an adapter created without baseURL calls its descriptor\'s default base URL', () => {
    // The SDK clients take the global fetch when they are built; this one records the URL and
    // answers 401, so nothing leaves the machine.
    const realFetch = globalThis.fetch;
    let calls: string[] = [];
    beforeEach(() => {
      calls = [];
      globalThis.fetch = (async (input: string | URL | Request) => {
        calls.push(input instanceof Request ? input.url : String(input));
        return new Response(JSON.stringify({ error: { message: 'invalid key', type: 'authentication_error' } }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch;
    });
    afterEach(() => {
      globalThis.fetch = realFetch;
    });

    for (const d of PROVIDERS.filter((p) => p.defaultBaseURL)) {
      it(d.kind, async () => {
        const config = { id: d.kind, kind: d.kind, label: d.label, apiKey: EXAMPLE_KEYS[d.kind] ?? 'test-key' };
        const adapter = (await d.load()).createAdapter(config);
        assert.equal(adapter.config, config);
        await adapter.listModels().catch(() => undefined);
        assert.equal(calls.length, 1, `one request: ${calls.join(', ')}`);
        assert.ok(calls[0]!.startsWith(`${d.defaultBaseURL}/`), `${calls[0]} is under ${d.defaultBaseURL}`);
      });
    }
  });
});
