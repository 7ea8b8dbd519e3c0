import { strict as assert } from 'node:assert';
import type { ErrorContext } from '../../../../src/core/llm/errors';
import { fromHttpFailure } from '../../../../src/core/llm/httpFailure';

const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', secrets: ['my-plain-secret-value'] };

describe('httpFailure: HTTP normalization', () => {
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
