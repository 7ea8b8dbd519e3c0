import { strict as assert } from 'node:assert';
import { costOf, estimateCost, nanosToUsd, usdToNanos } from '../../../../src/core/pricing/cost';
import type { ModelPrice, Usage } from '../../../../src/core/llm/types';

// Prices are written out here (USD per 1M tokens) so the arithmetic below can be checked by hand
// without the catalogue. `tokens × price-per-1M` is micro-dollars (µ$).
const GPT_4O: ModelPrice = { input: 2.5, cachedInput: 1.25, output: 10 };
const SONNET_4_5: ModelPrice = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };
const GEMINI_FLASH: ModelPrice = { input: 0.3, cachedInput: 0.03, output: 2.5 };

describe('pricing: costOf per provider usage shape', () => {
  it('OpenAI: prompt_tokens includes cached_tokens; each part at its own rate', () => {
    // API: prompt_tokens 1,000,000 (of which prompt_tokens_details.cached_tokens 200,000),
    // completion_tokens 100,000 → the adapter passes them through as is.
    const usage: Usage = { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 100_000 };
    //   uncached   800,000 × $2.50 = 2,000,000 µ$ = $2.00
    //   cached     200,000 × $1.25 =   250,000 µ$ = $0.25
    //   output     100,000 × $10   = 1,000,000 µ$ = $1.00
    //                                              = $3.25   (all at the input rate: $3.50)
    assert.deepEqual(costOf(usage, GPT_4O), { usd: 3.25, source: 'price-table', estimated: false });
  });

  it('Anthropic: input_tokens excludes cache reads/writes; the adapter sums them, pricing splits them again', () => {
    // API: input_tokens 10,000, cache_read_input_tokens 50,000, cache_creation_input_tokens 20,000,
    // output_tokens 2,000 → adapter: inputTokens 80,000 with 50,000 cached and 20,000 written.
    const usage: Usage = { inputTokens: 10_000 + 50_000 + 20_000, cachedInputTokens: 50_000, cacheWriteTokens: 20_000, outputTokens: 2_000 };
    //   uncached    10,000 × $3.00 = 30,000 µ$ = $0.030
    //   cache read  50,000 × $0.30 = 15,000 µ$ = $0.015
    //   cache write 20,000 × $3.75 = 75,000 µ$ = $0.075
    //   output       2,000 × $15   = 30,000 µ$ = $0.030
    //                                           = $0.150   (all input at $3: $0.270)
    assert.equal(costOf(usage, SONNET_4_5).usd, 0.15);
  });

  it('Gemini: cachedContentTokenCount is inside promptTokenCount; thoughts count as output', () => {
    // API: promptTokenCount 120,000 (cachedContentTokenCount 100,000), candidatesTokenCount 1,500,
    // thoughtsTokenCount 2,500 → adapter: inputTokens 120,000, cached 100,000, output 4,000.
    const usage: Usage = { inputTokens: 120_000, cachedInputTokens: 100_000, outputTokens: 1_500 + 2_500 };
    //   uncached  20,000 × $0.30 =  6,000 µ$
    //   cached   100,000 × $0.03 =  3,000 µ$
    //   output     4,000 × $2.50 = 10,000 µ$
    //                            = 19,000 µ$ = $0.019
    assert.equal(costOf(usage, GEMINI_FLASH).usd, 0.019);
  });

  it('OpenRouter: a reported usage.cost wins over any price table', () => {
    const usage: Usage = { inputTokens: 5_000, outputTokens: 1_000, reportedCostUsd: 0.00123 };
    assert.deepEqual(costOf(usage, undefined), { usd: 0.00123, source: 'reported', estimated: false });
    // With a price known, 5,000 × $2.50 + 1,000 × $10 = $0.0225 — but the gateway's bill is the truth.
    assert.equal(costOf(usage, GPT_4O).usd, 0.00123);
    assert.equal(costOf({ ...usage, reportedCostUsd: 0 }, GPT_4O).usd, 0, 'a reported zero (free model) is a real zero');
    assert.equal(costOf({ ...usage, reportedCostUsd: Number.NaN }, GPT_4O).source, 'price-table', 'garbage is ignored');
  });

  it('unknown model: null and "unknown", never 0 — even with no tokens', () => {
    assert.deepEqual(costOf({ inputTokens: 1000, outputTokens: 10 }, undefined), { usd: null, source: 'unknown', estimated: false });
    assert.equal(costOf({ inputTokens: 0, outputTokens: 0 }, undefined).usd, null);
  });
});

describe('pricing: costOf edge cases', () => {
  it('charges cache parts at the input rate when the model has no cache prices', () => {
    // 1,000 input (400 cached, 100 written) all × $1 = 1,000 µ$; 500 output × $2 = 1,000 µ$ → $0.002
    const usage: Usage = { inputTokens: 1000, cachedInputTokens: 400, cacheWriteTokens: 100, outputTokens: 500 };
    assert.equal(costOf(usage, { input: 1, output: 2 }).usd, 0.002);
  });

  it('sums without float drift: $0.10 + $0.20 is exactly $0.30', () => {
    // Naively 1e6 × 0.1 / 1e6 + 1e6 × 0.2 / 1e6 = 0.30000000000000004.
    assert.equal(costOf({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, { input: 0.1, output: 0.2 }).usd, 0.3);
    // 100,000 × $1.10 = 110,000.00000000001 µ$ in floats (naively $0.11000000000000001);
    // rounded to nano-dollars it is $0.11.
    assert.equal(costOf({ inputTokens: 100_000, outputTokens: 0 }, { input: 1.1, output: 0.3 }).usd, 0.11);
    // Adding many small costs in nano-dollars stays exact: 1,000 × (7 × $0.10 / 1M) = $0.0007.
    let nanos = 0;
    for (let i = 0; i < 1000; i++) nanos += usdToNanos(costOf({ inputTokens: 7, outputTokens: 0 }, { input: 0.1, output: 0 }).usd!);
    assert.equal(nanosToUsd(nanos), 0.0007);
  });

  it('keeps tiny costs instead of rounding them to zero', () => {
    // 3 tokens × $0.05 = 0.15 µ$ = 150 nano-dollars.
    assert.equal(costOf({ inputTokens: 3, outputTokens: 0 }, { input: 0.05, output: 0.4 }).usd, 0.00000015);
  });

  it('never goes negative on inconsistent cache counts', () => {
    // cached (900) + written (900) > input (1000): cached is taken first, written gets the rest (100).
    // 900 × $0.5 + 100 × $4 + 0 uncached = 450 + 400 = 850 µ$
    const usage: Usage = { inputTokens: 1000, cachedInputTokens: 900, cacheWriteTokens: 900, outputTokens: 0 };
    assert.equal(costOf(usage, { input: 2, cachedInput: 0.5, cacheWrite: 4, output: 8 }).usd, 0.00085);
    assert.equal(costOf({ inputTokens: -5, outputTokens: Number.NaN }, GPT_4O).usd, 0);
  });

  it('passes the estimated flag through', () => {
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10, estimated: true }, GPT_4O).estimated, true);
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10, estimated: true }, undefined).estimated, true);
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10 }, GPT_4O).estimated, false);
  });
});

describe('pricing: estimateCost', () => {
  it('prices the input and the most the output can cost, through costOf', () => {
    assert.deepEqual(estimateCost(GPT_4O, 1000, 4096), { inputUsd: 0.0025, outputUsd: 0.04096 });
    assert.deepEqual(estimateCost(undefined, 1000, 4096), { inputUsd: null, outputUsd: null }, 'unknown price, never $0');
  });
});

describe('pricing: Anthropic 1-hour cache writes and reasoning tokens', () => {
  // Anthropic's pricing page: a 5-minute cache write costs 1.25× the base input price, a 1-hour
  // write 2×; `usage.cache_creation.ephemeral_1h_input_tokens` says how many writes were 1-hour.
  it('charges the 1-hour part of cacheWriteTokens at 2× input, the rest at the 5-minute rate', () => {
    // 100,000 input: 10,000 uncached, 0 read, 90,000 written of which 60,000 for 1 hour; 1,000 output.
    const usage: Usage = { inputTokens: 100_000, cacheWriteTokens: 90_000, cacheWrite1hTokens: 60_000, outputTokens: 1_000 };
    //   uncached  10,000 × $3.00        =  30,000 µ$
    //   5m write  30,000 × $3.75        = 112,500 µ$
    //   1h write  60,000 × $6.00 (2×$3) = 360,000 µ$
    //   output     1,000 × $15          =  15,000 µ$
    //                                   = 517,500 µ$ = $0.5175   (all writes at 5m: $0.2925)
    assert.equal(costOf(usage, SONNET_4_5).usd, 0.5175);
  });

  it('all writes 1-hour: 2× input each', () => {
    // 50,000 × $6 = 300,000 µ$ = $0.30
    assert.equal(costOf({ inputTokens: 50_000, cacheWriteTokens: 50_000, cacheWrite1hTokens: 50_000, outputTokens: 0 }, SONNET_4_5).usd, 0.3);
  });

  it('a 1-hour count larger than the writes is capped at the writes (never negative 5-minute writes)', () => {
    // written 1,000 (all of it 1-hour, not 5,000): 1,000 × $6 = 6,000 µ$
    assert.equal(costOf({ inputTokens: 1_000, cacheWriteTokens: 1_000, cacheWrite1hTokens: 5_000, outputTokens: 0 }, SONNET_4_5).usd, 0.006);
    // no writes at all: a stray 1-hour count is ignored. 1,000 × $3 = 3,000 µ$
    assert.equal(costOf({ inputTokens: 1_000, cacheWrite1hTokens: 1_000, outputTokens: 0 }, SONNET_4_5).usd, 0.003);
  });

  it('a price with no cache-write rate charges 1-hour writes at the input rate, like 5-minute ones', () => {
    // 1,000 × $1 (all input) + 0 output = 1,000 µ$
    assert.equal(costOf({ inputTokens: 1_000, cacheWriteTokens: 1_000, cacheWrite1hTokens: 1_000, outputTokens: 0 }, { input: 1, output: 2 }).usd, 0.001);
  });

  it('reasoningTokens are part of outputTokens: not charged twice', () => {
    // Gemini thoughtsTokenCount 2,500 inside outputTokens 4,000: 4,000 × $2.50 = 10,000 µ$
    assert.equal(costOf({ inputTokens: 0, outputTokens: 4_000, reasoningTokens: 2_500 }, GEMINI_FLASH).usd, 0.01);
  });
});
