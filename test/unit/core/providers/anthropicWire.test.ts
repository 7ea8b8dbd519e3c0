// Issue 16, Anthropic: recorded streams (test/fakes/recorded/anthropic.ts) through the real SDK over
// real HTTP, each under every chunking (whole, per event, awkward cuts, one byte at a time).

import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, collect, request, shape, textOf, thinkingOf, useFakes } from '../../../fakes/adapterHarness';
import { CHUNKINGS } from '../../../fakes/rawStream';
import * as rec from '../../../fakes/recorded/anthropic';
import type { AdapterEvent, Usage } from '../../../../src/core/llm/types';
import { costOf } from '../../../../src/core/pricing/cost';

const anthropic = caseNamed('anthropic');
const SONNET = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };

const usageOf = (events: AdapterEvent[]): Usage | undefined => events.find((e): e is Extract<AdapterEvent, { type: 'usage' }> => e.type === 'usage')?.usage;
/** Event types in order, runs of the same type collapsed (shape() collapses only text). */
const kinds = (events: AdapterEvent[]) => shape(events).filter((k, i, all) => k !== all[i - 1]);
const finishOf = (events: AdapterEvent[]) => events.find((e) => e.type === 'finish');

describe('Anthropic wire (issue 16): recorded streams under every chunking', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  async function run(rawSse: string[], chunking: (typeof CHUNKINGS)[number]) {
    fake.enqueue('anthropic', { rawSse, chunking });
    const out = await collect(await adapterFor(anthropic, fake), request(anthropic));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.raw, undefined, String(out.raw));
    return out.events;
  }

  for (const chunking of CHUNKINGS) {
    describe(`chunking: ${chunking}`, () => {
      it('usage merge: message_delta without input-side fields keeps message_start\'s cache_read_input_tokens and cache_creation', async () => {
        const events = await run(rec.mergeAbsent, chunking);
        assert.equal(textOf(events), rec.PLAIN_ANSWER);
        // input_tokens 12 + cache_read_input_tokens 90,000 + cache_creation_input_tokens 3,000
        assert.deepEqual(usageOf(events), { inputTokens: 93_012, outputTokens: 640, cachedInputTokens: 90_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 2_000 });
      });

      it('usage merge: null fields in message_delta usage mean "unchanged"', async () => {
        const events = await run(rec.mergeNull, chunking);
        assert.deepEqual(usageOf(events), { inputTokens: 93_012, outputTokens: 640, cachedInputTokens: 90_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 2_000 });
      });

      it('usage merge: a field message_delta carries replaces only that field', async () => {
        const events = await run(rec.mergeUpdate, chunking);
        assert.deepEqual(usageOf(events), { inputTokens: 90_015, outputTokens: 640, cachedInputTokens: 90_000 });
      });

      it('usage.iterations[] (compaction): bills the sum over every iteration, compaction included; the summary is not answer text', async () => {
        const events = await run(rec.compaction, chunking);
        assert.equal(textOf(events), rec.COMPACTION_ANSWER);
        assert.deepEqual(shape(events), ['text', 'usage', 'finish']);
        // compaction {in 4, read 143,000, out 3,400} + message {in 2,050, write 1,200 (1h), out 900}
        const usage = usageOf(events)!;
        assert.deepEqual(usage, { inputTokens: 4 + 143_000 + 2_050 + 1_200, outputTokens: 4_300, cachedInputTokens: 143_000, cacheWriteTokens: 1_200, cacheWrite1hTokens: 1_200 });
        //   uncached  2,054 × $3    =   6,162 µ$
        //   read    143,000 × $0.30 =  42,900 µ$
        //   1h write  1,200 × $6    =   7,200 µ$
        //   output    4,300 × $15   =  64,500 µ$   → $0.120762 (the top-level fields alone: $0.0264)
        assert.equal(costOf(usage, SONNET).usd, 0.120762);
      });

      it('1-hour cache writes: cache_creation.ephemeral_1h_input_tokens → cacheWrite1hTokens, priced at 2× input', async () => {
        const events = await run(rec.oneHourWrites, chunking);
        const usage = usageOf(events)!;
        assert.deepEqual(usage, { inputTokens: 60_100, outputTokens: 200, cacheWriteTokens: 60_000, cacheWrite1hTokens: 50_000 });
        // 100 × $3 + 10,000 × $3.75 + 50,000 × $6 + 200 × $15 = 300 + 37,500 + 300,000 + 3,000 µ$
        assert.equal(costOf(usage, SONNET).usd, 0.3408);
      });

      it('stop_reason "pause_turn" is not a complete answer: finish "length"', async () => {
        const events = await run(rec.pauseTurn, chunking);
        assert.equal(textOf(events), rec.PLAIN_ANSWER);
        assert.deepEqual(finishOf(events), { type: 'finish', reason: 'length' });
      });

      it('thinking blocks: thinking_delta → thinking events (never text); signature_delta and redacted_thinking ignored', async () => {
        const events = await run(rec.thinking, chunking);
        assert.equal(thinkingOf(events), rec.THINKING_TEXT);
        assert.equal(textOf(events), rec.THINKING_ANSWER);
        assert.deepEqual(kinds(events), ['thinking', 'text', 'usage', 'finish']);
        // output_tokens_details.thinking_tokens is the reasoning part of output_tokens.
        assert.deepEqual(usageOf(events), { inputTokens: 50, outputTokens: 180, reasoningTokens: 150 });
        assert.deepEqual(finishOf(events), { type: 'finish', reason: 'stop' });
      });

      for (const [label, stream] of [['named', rec.overloadedMidStream], ['unnamed', rec.overloadedMidStreamUnnamed]] as const) {
        it(`an error event mid-stream (${label}): the text so far, then an "overloaded" error with the provider's message`, async () => {
          fake.enqueue('anthropic', { rawSse: [...stream], chunking });
          const out = await collect(await adapterFor(anthropic, fake), request(anthropic));
          assert.equal(textOf(out.events), 'Héllo ');
          assert.equal(out.error?.code, 'overloaded');
          assert.match(out.error?.message ?? '', /Overloaded/);
          assert.equal(finishOf(out.events), undefined);
        });
      }

      it('unnamed events (a gateway that leaves out `event:` lines) are read by their JSON type; pings are skipped', async () => {
        const events = await run(rec.mergeAbsent.map((e) => e.replace(/^event: [^\n]*\n/, '')), chunking);
        assert.equal(textOf(events), rec.PLAIN_ANSWER);
        assert.deepEqual(kinds(events), ['text', 'usage', 'finish']);
      });
    });
  }
});
