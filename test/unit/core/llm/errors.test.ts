import { strict as assert } from 'node:assert';
import {
  ProviderError,
  fromHttpFailure,
  isProviderError,
  networkErrorCode,
  parseDurationMs,
  parseRetryAfterMs,
  toProviderError,
  type ErrorContext,
} from '../../../../src/core/llm/errors';
import { redactSecrets } from '../../../../src/core/llm/redact';
import { StreamGuard, guarded } from '../../../../src/core/llm/streamTimeouts';

const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', secrets: ['my-plain-secret-value'] };

describe('errors: ProviderError and isProviderError', () => {
  it('is duck-typed, so an error from another bundle is recognised', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ProviderError', code: 'rate_limit', providerId: 'openai' });
    assert.equal(isProviderError(foreign), true);
    assert.equal(isProviderError(new ProviderError({ code: 'auth', providerId: 'p', message: 'm' })), true);
    assert.equal(isProviderError(new Error('x')), false);
    assert.equal(isProviderError({ name: 'ProviderError' }), false, 'code must be a string');
    assert.equal(isProviderError(null), false);
    assert.equal(isProviderError('ProviderError'), false);
  });

  it('redacts key shapes even when built by hand', () => {
    const e = new ProviderError({ code: 'auth', providerId: 'p', message: 'bad key sk-proj-abcdef123456' });
    assert.ok(!e.message.includes('abcdef123456'));
    assert.equal(e.name, 'ProviderError');
    assert.ok(e instanceof Error);
  });
});

describe('errors: durations and Retry-After', () => {
  it('parses OpenAI reset durations', () => {
    assert.equal(parseDurationMs('1s'), 1000);
    assert.equal(parseDurationMs('6m0s'), 360_000);
    assert.equal(parseDurationMs('20ms'), 20);
    assert.equal(parseDurationMs('1h2m3.5s'), 3_723_500);
    assert.equal(parseDurationMs('0.5s'), 500);
    assert.equal(parseDurationMs('2'), 2000, 'a bare number is seconds');
    assert.equal(parseDurationMs('soon'), undefined);
    assert.equal(parseDurationMs('5x'), undefined);
    assert.equal(parseDurationMs(''), undefined);
  });

  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' })), 1500);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '7' })), 7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now), 30_000);
    assert.equal(parseRetryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now), 0, 'a past date means now');
    assert.equal(parseRetryAfterMs(new Headers()), undefined);
  });

  it('falls back to the exhausted OpenAI x-ratelimit-reset-* budget', () => {
    const tokensOut = new Headers({
      'x-ratelimit-remaining-requests': '10',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    assert.equal(parseRetryAfterMs(tokensOut), 360_000);
    const requestsOut = new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20ms', 'x-ratelimit-reset-tokens': '3s' });
    assert.equal(parseRetryAfterMs(requestsOut), 20);
    assert.equal(parseRetryAfterMs(new Headers({ 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '5s' })), 5000);
  });
});

describe('errors: HTTP normalization', () => {
  const code = (f: Parameters<typeof fromHttpFailure>[0]) => fromHttpFailure(f, ctx).code;

  it('maps statuses', () => {
    assert.equal(code({ status: 401 }), 'auth');
    assert.equal(code({ status: 403 }), 'auth');
    assert.equal(code({ status: 402 }), 'quota_exhausted');
    assert.equal(code({ status: 404 }), 'not_found');
    assert.equal(code({ status: 408 }), 'timeout');
    assert.equal(code({ status: 429 }), 'rate_limit');
    assert.equal(code({ status: 529 }), 'overloaded');
    assert.equal(code({ status: 503 }), 'overloaded');
    assert.equal(code({ status: 500 }), 'server');
    assert.equal(code({ status: 502 }), 'server');
    assert.equal(code({ status: 400 }), 'bad_request');
    assert.equal(code({ status: 422 }), 'bad_request');
  });

  it('recognises context-length errors of all three providers', () => {
    assert.equal(code({ status: 400, codes: ['context_length_exceeded'] }), 'context_length_exceeded');
    assert.equal(code({ status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' }), 'context_length_exceeded');
    assert.equal(code({ status: 400, message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).' }), 'context_length_exceeded');
  });

  it('recognises quota/billing exhaustion', () => {
    assert.equal(code({ status: 429, codes: ['insufficient_quota'], message: 'You exceeded your current quota' }), 'quota_exhausted');
    assert.equal(code({ status: 400, message: 'Your credit balance is too low to access the Anthropic API.' }), 'quota_exhausted');
    assert.equal(code({ status: 429, message: 'Rate limit reached for requests. Visit billing to raise it.' }), 'rate_limit', 'a rate limit that mentions billing is still a rate limit');
  });

  it('Gemini: RetryInfo → temporary rate_limit; daily QuotaFailure → quota_exhausted', () => {
    const retry = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' };
    const perMinute = { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] };
    const perDay = { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] };
    const quotaText = 'You exceeded your current quota, please check your plan and billing details.';
    const minute = fromHttpFailure({ status: 429, message: quotaText, details: [perMinute, retry] }, ctx);
    assert.equal(minute.code, 'rate_limit');
    assert.equal(minute.retryAfterMs, 2000);
    assert.equal(fromHttpFailure({ status: 429, message: quotaText, details: [perDay] }, ctx).code, 'quota_exhausted');
    assert.equal(fromHttpFailure({ status: 429, message: quotaText, details: [perDay, retry] }, ctx).code, 'quota_exhausted');
    assert.equal(
      fromHttpFailure({ status: 400, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] }, ctx).code,
      'auth',
    );
  });

  it('in-stream error events without a status map by their type', () => {
    assert.equal(code({ codes: ['overloaded_error'] }), 'overloaded');
    assert.equal(code({ codes: ['rate_limit_error'] }), 'rate_limit');
    assert.equal(code({ codes: ['api_error'] }), 'server');
    assert.equal(code({ codes: ['server_error'] }), 'server');
  });

  it('messages name the provider, quote it, and hide secrets', () => {
    const e = fromHttpFailure({ status: 401, message: 'Incorrect API key provided: my-plain-secret-value and sk-abcdef1234567890' }, ctx);
    assert.match(e.message, /^OpenAI rejected the API key \(HTTP 401\)/);
    assert.ok(e.message.includes('Incorrect API key provided'));
    assert.ok(!e.message.includes('my-plain-secret-value'));
    assert.ok(!e.message.includes('abcdef1234567890'));
    assert.equal(e.status, 401);
    assert.equal(e.providerId, 'openai');
  });
});

describe('errors: SDK-shaped and network errors', () => {
  it('reads OpenAI- and Anthropic-shaped SDK errors by duck typing', () => {
    const openaiLike = { status: 429, headers: new Headers({ 'retry-after': '4' }), error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } };
    const e = toProviderError(openaiLike, ctx);
    assert.equal(e.code, 'rate_limit');
    assert.equal(e.retryAfterMs, 4000);
    const anthropicLike = { status: 529, headers: new Headers(), error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    assert.equal(toProviderError(anthropicLike, ctx).code, 'overloaded');
    const midStream = { status: undefined, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    assert.equal(toProviderError(midStream, ctx).code, 'overloaded');
  });

  it('finds socket errors anywhere in the cause chain', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    assert.equal(networkErrorCode(refused), 'ECONNREFUSED');
    const wrapped = Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: refused });
    const e = toProviderError(wrapped, ctx);
    assert.equal(e.code, 'network');
    assert.match(e.message, /Could not reach OpenAI \(ECONNREFUSED\)/);
    const mid = toProviderError(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), ctx, { midStream: true });
    assert.equal(mid.code, 'network');
    assert.match(mid.message, /lost before the answer was complete/);
    assert.equal(networkErrorCode(new Error('something else')), undefined);
  });

  it('SyntaxError → server (malformed); anything else → unknown, redacted', () => {
    assert.equal(toProviderError(new SyntaxError('Unexpected token'), ctx).code, 'server');
    const other = toProviderError(new Error('weird my-plain-secret-value'), ctx);
    assert.equal(other.code, 'unknown');
    assert.ok(!other.message.includes('my-plain-secret-value'));
    const same = new ProviderError({ code: 'auth', providerId: 'x', message: 'y' });
    assert.equal(toProviderError(same, ctx), same);
  });
});

describe('redactSecrets', () => {
  it('masks every known key shape and keeps the prefix', () => {
    const text =
      'openai sk-proj-AbCdEf123456789 anthropic sk-ant-api03-XyZ987654321 google AIzaSyA1234567890abcdefghijkl ' +
      'header Bearer eyJhbGciOiJIUzI1NiJ9.payload and x-api-key: abcdef1234567 url https://h/?key=AIzaQQQQQQQQQQQQQ&x=1';
    const out = redactSecrets(text);
    for (const secret of ['AbCdEf123456789', 'XyZ987654321', '1234567890abcdefghijkl', 'eyJhbGciOiJIUzI1NiJ9', 'abcdef1234567', 'QQQQQQQQQQQQQ']) {
      assert.ok(!out.includes(secret), `${secret} survived: ${out}`);
    }
    assert.ok(out.includes('sk-ant-[REDACTED]'));
    assert.ok(out.includes('sk-[REDACTED]'));
    assert.ok(out.includes('AIza[REDACTED]'));
    assert.ok(out.includes('Bearer [REDACTED]'));
  });

  it('masks exact extra secrets of any shape, and leaves ordinary text alone', () => {
    assert.equal(redactSecrets('token=plainSECRET99 ok', ['plainSECRET99']), 'token=[REDACTED] ok');
    assert.equal(redactSecrets('a task-sk list, the risk-skew', []), 'a task-sk list, the risk-skew');
    assert.equal(redactSecrets('short', ['ab']), 'short', 'tiny "secrets" are ignored');
    assert.equal(redactSecrets('nothing here'), 'nothing here');
  });
});

describe('StreamGuard', () => {
  it('fires the first-byte timeout, then the idle timeout only after data', async () => {
    const g = new StreamGuard(ctx, undefined, { firstByteMs: 30, idleMs: 0 });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(g.abortReason?.code, 'timeout');
    assert.match(g.abortReason!.message, /first-byte timeout 30 ms/);
    assert.equal(g.signal.aborted, true);
    g.dispose();

    const idle = new StreamGuard(ctx, undefined, { firstByteMs: 1000, idleMs: 200 });
    idle.touch();
    await new Promise((r) => setTimeout(r, 100));
    idle.touch(); // data keeps coming: the countdown restarts
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(idle.abortReason, undefined, 'no timeout while data keeps arriving');
    await new Promise((r) => setTimeout(r, 250));
    assert.match(idle.abortReason!.message, /idle timeout 200 ms/);
    idle.dispose();
  });

  it('chains the caller signal as "cancelled", and dispose unhooks it', () => {
    const caller = new AbortController();
    const g = new StreamGuard(ctx, caller.signal, undefined);
    caller.abort();
    assert.equal(g.abortReason?.code, 'cancelled');
    assert.equal(g.signal.aborted, true);

    const caller2 = new AbortController();
    const g2 = new StreamGuard(ctx, caller2.signal, { firstByteMs: 0, idleMs: 0 });
    g2.dispose();
    caller2.abort();
    assert.equal(g2.abortReason, undefined, 'after dispose the caller no longer reaches the guard');
  });

  it('guarded() turns our abort into the reason even when the work threw something else', async () => {
    await assert.rejects(
      guarded(ctx, undefined, { firstByteMs: 20, idleMs: 0 }, (g) => new Promise((_, reject) => g.signal.addEventListener('abort', () => reject(new Error('AbortError')))), () => {
        throw new Error('normalize must not be used');
      }),
      (e: unknown) => isProviderError(e) && e.code === 'timeout',
    );
  });
});
