import { strict as assert } from 'node:assert';
import net from 'node:net';
import {
  contextTooLong,
  geminiDailyQuota,
  geminiRetryDelay,
  insufficientQuota,
  invalidKey,
  overloaded529,
  rateLimit,
  serverError,
  type FakeProviders,
  type Scenario,
} from '../../../fakes/server';
import { CASES, KEYS, adapterFor, caseNamed, collect, request, type CaseInfo, useFakes } from '../../../fakes/adapterHarness';
import type { ErrorCode } from '../../../../src/core/llm/types';
import { isProviderError } from '../../../../src/core/llm/errors';

/** A port with nothing listening: connect to it fails with ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('provider adapters: every error code from the right response', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function failWith(c: CaseInfo, scenario: Scenario) {
    fake.enqueue(c.fake, scenario);
    const { events, error, raw } = await collect(await adapterFor(c, fake), request(c));
    assert.equal(raw, undefined, `threw a non-ProviderError: ${String(raw)}`);
    assert.ok(error, 'expected an error');
    assert.equal(events.length, 0, 'no events before an HTTP error');
    for (const key of Object.values(KEYS)) assert.ok(!error.message.includes(key), `key in message: ${error.message}`);
    return error;
  }

  const common: [string, Scenario, ErrorCode, number?][] = [
    ['401', invalidKey(), 'auth', 401],
    ['403', { status: 403 }, 'auth', 403],
    ['404', { status: 404 }, 'not_found', 404],
    ['529', overloaded529(), 'overloaded', 529],
    ['503', serverError(503), 'overloaded', 503],
    ['500', serverError(500), 'server', 500],
    ['502', serverError(502), 'server', 502],
    ['400 context length', contextTooLong(), 'context_length_exceeded', 400],
    ['400 other', { status: 400 }, 'bad_request', 400],
  ];

  for (const c of CASES) {
    describe(c.name, () => {
      for (const [what, scenario, code, status] of common) {
        it(`${what} → ${code}`, async () => {
          const error = await failWith(c, scenario);
          assert.equal(error.code, code, error.message);
          assert.equal(error.status, status);
          assert.equal(error.providerId, c.config(fake).id);
          assert.ok(error.message.includes(c.config(fake).label), `names the provider: ${error.message}`);
          assert.ok(isProviderError(error));
        });
      }

      if (c.name !== 'gemini') {
        it('429 with Retry-After → rate_limit with retryAfterMs', async () => {
          const error = await failWith(c, rateLimit(3));
          assert.equal(error.code, 'rate_limit');
          assert.equal(error.retryAfterMs, 3000);
          assert.match(error.message, /wait 3 s/);
        });

        it('insufficient quota / credit → quota_exhausted, telling the user to check billing', async () => {
          const error = await failWith(c, insufficientQuota());
          assert.equal(error.code, 'quota_exhausted', error.message);
          assert.match(error.message, /plan and billing/);
        });
      }

      it('the network is unreachable (closed port) → network', async () => {
        const port = await closedPort();
        const base = `http://127.0.0.1:${port}`;
        const overrides = c.name === 'azure' ? { azure: { endpoint: base, deployment: 'd', apiVersion: '2024-10-21' } } : { baseURL: c.name === 'openai' || c.name === 'compatible' ? `${base}/v1` : base };
        const { error, raw } = await collect(await adapterFor(c, fake, undefined, overrides), request(c));
        assert.equal(raw, undefined, String(raw));
        assert.equal(error?.code, 'network', error?.message);
        assert.match(error!.message, /Could not reach/);
      });

      it('listModels errors are normalized too', async () => {
        fake.enqueue(c.fake, invalidKey());
        const adapter = await adapterFor(c, fake);
        if (c.name === 'azure') return; // Azure lists its deployment without a request
        await assert.rejects(adapter.listModels(), (e: unknown) => isProviderError(e) && e.code === 'auth');
      });
    });
  }

  describe('Gemini specifics (its SDK errors carry no headers)', () => {
    const c = caseNamed('gemini');

    it('429 with RetryInfo.retryDelay "2s" → rate_limit, retryAfterMs 2000', async () => {
      const error = await failWith(c, geminiRetryDelay('2s'));
      assert.equal(error.code, 'rate_limit');
      assert.equal(error.retryAfterMs, 2000);
    });

    it('429 with a per-day QuotaFailure → quota_exhausted', async () => {
      const error = await failWith(c, geminiDailyQuota());
      assert.equal(error.code, 'quota_exhausted');
      assert.match(error.message, /plan and billing/);
    });

    it('a per-day QuotaFailure wins even when RetryInfo is present (waiting seconds will not help)', async () => {
      const error = await failWith(c, { ...geminiDailyQuota(), retryDelay: '20s' });
      assert.equal(error.code, 'quota_exhausted');
    });

    it('an invalid key comes back as 400 API_KEY_INVALID → auth', async () => {
      const error = await failWith(c, { status: 400, errorKind: 'invalid_key' });
      assert.equal(error.code, 'auth');
      assert.equal(error.status, 400);
    });

    it('the provider message is kept, its raw details JSON is not', async () => {
      const error = await failWith(c, contextTooLong());
      assert.match(error.message, /exceeds the maximum number of tokens allowed/);
      assert.ok(!error.message.includes('[GoogleGenerativeAI Error]'));
    });
  });

  describe('keys never reach a message', () => {
    for (const c of CASES) {
      it(`${c.name}: a server that echoes the full key in its error body`, async () => {
        const echo = `Invalid credentials: ${c.key} (header value ${c.key.slice(0, 20)}... full: ${c.key})`;
        const errorBody =
          c.fake === 'gemini'
            ? { error: { code: 401, message: echo, status: 'UNAUTHENTICATED' } }
            : c.fake === 'anthropic'
              ? { type: 'error', error: { type: 'authentication_error', message: echo } }
              : { error: { message: echo, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
        const error = await failWith(c, { status: 401, errorBody });
        assert.equal(error.code, 'auth');
        assert.ok(!error.message.includes(c.key), error.message);
        assert.ok(error.message.includes('Invalid credentials'), 'the rest of the message survives');
      });
    }

    it('a mid-stream failure message carries no key either', async () => {
      const c = caseNamed('azure');
      fake.enqueue(c.fake, { text: 'abcdef', chunkSize: 2, resetAfterChunks: 1 });
      const { error } = await collect(await adapterFor(c, fake), request(c));
      assert.equal(error?.code, 'network');
      assert.ok(!error!.message.includes(KEYS.azure));
    });
  });

  it('a provider without its key fails with auth before any request', async () => {
    for (const name of ['openai', 'anthropic', 'gemini', 'azure'] as const) {
      const c = caseNamed(name);
      await assert.rejects(adapterFor(c, fake, undefined, { apiKey: undefined }), (e: unknown) => isProviderError(e) && e.code === 'auth', name);
    }
    assert.equal(fake.requests.length, 0);
  });
});
