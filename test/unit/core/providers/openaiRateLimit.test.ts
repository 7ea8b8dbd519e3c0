// An OpenAI-shaped 429 whose two x-ratelimit-reset-* headers disagree ("1s" and "6m0s"), through the
// real openai SDK (its APIError) and the pipeline with the default retry policy: the wait is the one
// for the limit that was hit, so the request is retried instead of given up (6 minutes is over the
// pipeline's 2-minute cap). The 429 is a JSON body, not an event stream: chunkings do not apply.
import { strict as assert } from 'node:assert';
import type { FakeProviders, Scenario } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, useFakes, type AdapterCase } from '../../../fakes/adapterHarness';
import { Pipeline, type PipelineEvent } from '../../../../src/core/llm/pipeline';
import { DEFAULT_RETRY } from '../../../../src/core/llm/retry';
import type { ProviderAdapter } from '../../../../src/core/llm/types';

// Neither x-ratelimit-remaining-* counter is 0; the resets disagree.
const DISAGREEING = {
  'x-ratelimit-limit-requests': '5000',
  'x-ratelimit-limit-tokens': '30000',
  'x-ratelimit-remaining-requests': '4999',
  'x-ratelimit-remaining-tokens': '200',
  'x-ratelimit-reset-requests': '1s',
  'x-ratelimit-reset-tokens': '6m0s',
};

// OpenAI's documented 429 body: error.message names the limit and the wait, error.type "tokens" /
// "requests", error.code "rate_limit_exceeded".
const openaiBody = (message: string, type: 'tokens' | 'requests') => ({ error: { message, type, param: null, code: 'rate_limit_exceeded' } });
const TPM = 'Rate limit reached for gpt-4o in organization org-fake on tokens per min (TPM): Limit 30000, Used 29800, Requested 400. Please try again in 400ms. Visit https://platform.openai.com/account/rate-limits to learn more.';
const RPM = 'Rate limit reached for gpt-4o in organization org-fake on requests per min (RPM): Limit 5000, Used 5000, Requested 1.';

interface Case {
  title: string;
  via: AdapterCase[];
  scenario: Scenario;
  waitMs: number;
}

const CASES: Case[] = [
  {
    title: 'message "on tokens per min (TPM) … Please try again in 400ms." → 400 ms',
    via: ['openai', 'compatible'],
    scenario: { status: 429, headers: DISAGREEING, errorBody: openaiBody(TPM, 'tokens') },
    waitMs: 400,
  },
  {
    title: 'message "on requests per min (RPM)" without a wait → x-ratelimit-reset-requests (1 s)',
    via: ['openai', 'compatible'],
    scenario: { status: 429, headers: DISAGREEING, errorBody: openaiBody(RPM, 'requests') },
    waitMs: 1000,
  },
  {
    title: 'x-ratelimit-remaining-requests "0" names the limit → x-ratelimit-reset-requests (1 s)',
    via: ['openai'],
    scenario: { status: 429, headers: { ...DISAGREEING, 'x-ratelimit-remaining-requests': '0' }, errorBody: openaiBody('Rate limit reached.', 'requests') },
    waitMs: 1000,
  },
  {
    title: 'retry-after-ms comes first (Azure OpenAI sends it with retry-after and "Please retry after N seconds")',
    via: ['azure'],
    scenario: {
      status: 429,
      headers: { ...DISAGREEING, 'retry-after-ms': '300', 'retry-after': '1' },
      errorBody: {
        error: {
          code: '429',
          message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.',
        },
      },
    },
    waitMs: 300,
  },
];

describe('OpenAI 429: the wait is that of the limit hit', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  for (const { title, via, scenario, waitMs } of CASES) {
    describe(title, () => {
      for (const name of via) {
        it(`${name}: the adapter's error asks for ${waitMs} ms`, async () => {
          const c = caseNamed(name);
          fake.enqueue(c.fake, scenario);
          const { error } = await collect(await adapterFor(c, fake), request(c));
          assert.equal(error?.code, 'rate_limit', error?.message);
          assert.equal(error?.retryAfterMs, waitMs);
        });

        it(`${name}: the pipeline (default retry policy) waits that long, retries and answers`, async () => {
          const c = caseNamed(name);
          fake.enqueue(c.fake, scenario, { text: 'after the wait' });
          const adapter: ProviderAdapter = await adapterFor(c, fake);
          const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }), retry: () => DEFAULT_RETRY });
          const handle = pipeline.run({ providerId: c.config(fake).id, model: c.model, messages: [{ role: 'user', content: 'hi' }] });
          const events: PipelineEvent[] = [];
          for await (const e of handle.events) events.push(e);
          const result = await handle.result;
          assert.equal(result.outcome, 'ok', result.error?.message);
          assert.equal(result.text, 'after the wait');
          const retrying = events.find((e) => e.type === 'retrying');
          assert.ok(retrying?.type === 'retrying');
          // retry.ts adds up to 5 % (at most 250 ms) of jitter to a server's wait.
          assert.ok(retrying.delayMs >= waitMs && retrying.delayMs <= waitMs * 1.05 + 1, String(retrying.delayMs));
        });
      }
    });
  }
});
