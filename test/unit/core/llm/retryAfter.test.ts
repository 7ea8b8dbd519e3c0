import { strict as assert } from 'node:assert';
import { limitNamed, parseDurationMs, parseRetryAfterMs, statedWaitMs } from '../../../../src/core/llm/retryAfter';

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
    // Neither spent and no message naming the limit: the sooner reset (the later one may be minutes
    // of token refill, over the pipeline's retry cap); a second 429 then says more.
    assert.equal(parseRetryAfterMs(new Headers({ 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '5s' })), 2000);
    const bothOut = new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '7s' });
    assert.equal(parseRetryAfterMs(bothOut), 7000, 'both spent: both must refill');
  });

  describe('OpenAI 429: the limit that was hit, not the later reset', () => {
    // Documented 429 bodies: "Rate limit reached for gpt-4o in organization org-… on tokens per min
    // (TPM): Limit 30000, Used 29800, Requested 400. Please try again in 400ms." (error.type "tokens",
    // error.code "rate_limit_exceeded"); the headers x-ratelimit-remaining-* / x-ratelimit-reset-*.
    const disagree = new Headers({
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-remaining-tokens': '200',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    const tpm = 'Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29800, Requested 400. Please try again in 400ms. Visit https://platform.openai.com/account/rate-limits to learn more.';
    const rpmNoWait = 'Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 500, Used 500, Requested 1.';

    it('"try again in …" from the message, when no retry-after header', () => {
      assert.equal(parseRetryAfterMs(disagree, undefined, tpm), 400);
    });

    it('retry-after-ms and retry-after still come first', () => {
      const withMs = new Headers(disagree);
      withMs.set('retry-after-ms', '750');
      withMs.set('retry-after', '3');
      assert.equal(parseRetryAfterMs(withMs, undefined, tpm), 750);
      const withS = new Headers(disagree);
      withS.set('retry-after', '3');
      assert.equal(parseRetryAfterMs(withS, undefined, tpm), 3000);
    });

    it('the reset of the limit the message names ("on requests per min (RPM)" / "on tokens per min (TPM)")', () => {
      assert.equal(parseRetryAfterMs(disagree, undefined, rpmNoWait), 1000);
      assert.equal(parseRetryAfterMs(disagree, undefined, 'Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 30000, Requested 10.'), 360_000);
      assert.equal(limitNamed(rpmNoWait), 'requests');
      assert.equal(limitNamed(tpm), 'tokens');
      assert.equal(limitNamed('slow down'), undefined);
    });

    it('a remaining counter at 0 names the limit', () => {
      const requestsOut = new Headers({ ...Object.fromEntries(disagree), 'x-ratelimit-remaining-requests': '0' });
      assert.equal(parseRetryAfterMs(requestsOut, undefined, 'Rate limit reached.'), 1000);
    });

    it('parses the durations the messages use: 400ms, 1.234s, 20s, 6m0s, 1h2m3s; Azure\'s "retry after N seconds"', () => {
      const said = (wait: string) => statedWaitMs(`Rate limit reached for gpt-4o on tokens per min (TPM): Limit 1, Used 1, Requested 1. Please try again in ${wait}. Visit …`);
      assert.equal(said('400ms'), 400);
      assert.equal(said('1.234s'), 1234);
      assert.equal(said('20s'), 20_000);
      assert.equal(said('6m0s'), 360_000);
      assert.equal(said('1h2m3s'), 3_723_000);
      assert.equal(statedWaitMs('Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.'), 6000);
      assert.equal(statedWaitMs('Please try again later.'), undefined);
      // Gemini says "Please retry in 33.5s." and has RetryInfo for it: not read from text here.
      assert.equal(statedWaitMs('You exceeded your current quota. Please retry in 33.5s.'), undefined);
    });
  });
});
