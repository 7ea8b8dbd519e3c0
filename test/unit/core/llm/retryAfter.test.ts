import { strict as assert } from 'node:assert';
import { parseDurationMs, parseRetryAfterMs } from '../../../../src/core/llm/retryAfter';

describe('retryAfter: durations and Retry-After', () => {
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
