// The answer cap (issue 15): AnswerCap's arithmetic, then the pipeline cutting a real stream — for
// every SDK adapter, real HTTP to the fake server — at the cap: text kept up to it, the request
// aborted (the fake sees the client go away), outcome interrupted with a remedy, usage estimated.
import { strict as assert } from 'node:assert';
import { AnswerCap, ANSWER_TOO_LONG, clampAnswerCap, DEFAULT_MAX_ANSWER_CHARS } from '../../../../src/core/llm/answerCap';
import { Pipeline, type PipelineEvent, type PipelineResult } from '../../../../src/core/llm/pipeline';
import type { ProviderAdapter } from '../../../../src/core/llm/types';
import { adapterFor, CASES, request, useFakes } from '../../../fakes/adapterHarness';
import type { FakeProviders } from '../../../fakes/server';

describe('answerCap: AnswerCap', () => {
  it('keeps pieces whole until the cap, cuts the one that crosses it, then keeps nothing', () => {
    const cap = new AnswerCap(10);
    assert.equal(cap.take('abcd'), 'abcd');
    assert.equal(cap.reached, false);
    assert.equal(cap.take('efghijkl'), 'efghij');
    assert.equal(cap.reached, true);
    assert.equal(cap.take('more'), '');
  });

  it('counts a continued answer\'s earlier text', () => {
    assert.equal(new AnswerCap(10, 7).take('abcdef'), 'abc');
    assert.equal(new AnswerCap(10, 12).reached, true);
  });

  it('names the limit and the setting in its message', () => {
    assert.equal(new AnswerCap(400_000).message(), 'The answer reached the 400,000-character limit (switchboard.maxAnswerCharacters) and was cut here.');
  });

  it('clamps the setting to its bounds; no value or a bad one means the default', () => {
    assert.equal(clampAnswerCap(undefined), DEFAULT_MAX_ANSWER_CHARS);
    assert.equal(clampAnswerCap(Number.NaN), DEFAULT_MAX_ANSWER_CHARS);
    assert.equal(clampAnswerCap(5), 1_000);
    assert.equal(clampAnswerCap(5_000_000), 900_000);
    assert.equal(clampAnswerCap(12_345.7), 12_345);
  });
});

describe('answerCap: the pipeline cuts a real stream at the cap', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  const ANSWER = Array.from({ length: 400 }, (_, i) => `word${i} `).join(''); // ~2,900 characters
  const CAP = 1_000;

  async function run(adapter: ProviderAdapter, extra: { maxAnswerChars?: number; priorAnswerChars?: number; optionCap?: number }, c = CASES[0]!) {
    const pipeline = new Pipeline({
      getAdapter: async () => adapter,
      limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
      ...(extra.optionCap ? { maxAnswerChars: () => extra.optionCap! } : {}),
    });
    const handle = pipeline.run({
      providerId: c.config(fake).id,
      ...request(c),
      ...(extra.maxAnswerChars ? { maxAnswerChars: extra.maxAnswerChars } : {}),
      ...(extra.priorAnswerChars ? { priorAnswerChars: extra.priorAnswerChars } : {}),
    });
    const events: PipelineEvent[] = [];
    for await (const e of handle.events) events.push(e);
    const result: PipelineResult = await handle.result;
    pipeline.dispose();
    return { events, result };
  }

  for (const c of CASES) {
    it(`${c.name}: keeps the text up to the cap, aborts the request, ends interrupted with a remedy`, async () => {
      fake.enqueue(c.fake, { text: ANSWER, chunkSize: 7, chunkDelayMs: 1 });
      const adapter = await adapterFor(c, fake);
      const { events, result } = await run(adapter, { optionCap: CAP }, c);
      assert.equal(result.outcome, 'interrupted');
      assert.equal(result.text, ANSWER.slice(0, CAP));
      assert.equal(result.error?.code, ANSWER_TOO_LONG);
      assert.match(result.error!.message, /1,000-character limit \(switchboard\.maxAnswerCharacters\)/);
      assert.equal(result.finishReason, 'length');
      assert.ok(result.usage?.estimated, 'usage is estimated for the cut answer');
      assert.ok(result.usage!.outputTokens > 0);
      const texts = events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join('');
      assert.equal(texts, result.text, 'the events carry exactly the kept text');
      const last = events[events.length - 1]!;
      assert.equal(last.type, 'error');
      const closed = await fake.waitForClose(0, 3_000);
      assert.equal(closed.clientClosedEarly, true, 'the HTTP request was aborted at the cap');
    });
  }

  it('the request\'s own cap wins over the option', async () => {
    const c = CASES[0]!;
    fake.enqueue(c.fake, { text: ANSWER, chunkSize: 50 });
    const { result } = await run(await adapterFor(c, fake), { optionCap: 100_000, maxAnswerChars: 1_200 });
    assert.equal(result.text.length, 1_200);
    assert.equal(result.outcome, 'interrupted');
  });

  it('an answer under the cap is untouched', async () => {
    const c = CASES[1]!;
    fake.enqueue(c.fake, { text: ANSWER, chunkSize: 50 });
    const { result } = await run(await adapterFor(c, fake), { optionCap: 100_000 }, c);
    assert.equal(result.outcome, 'ok');
    assert.equal(result.text, ANSWER);
  });

  it('a Continue whose earlier text already fills the cap asks nobody and says why', async () => {
    const c = CASES[2]!;
    const { result, events } = await run(await adapterFor(c, fake), { optionCap: CAP, priorAnswerChars: CAP }, c);
    assert.equal(fake.requests.length, 0);
    assert.equal(result.outcome, 'error');
    assert.equal(result.error?.code, ANSWER_TOO_LONG);
    assert.deepEqual(events.map((e) => e.type), ['error']);
  });

  it('a flood of text is cut at the default cap (400,000) and its socket closed', async () => {
    const c = CASES[0]!;
    fake.enqueue(c.fake, { flood: { bytes: 50_000_000, kind: 'text' } });
    const { result } = await run(await adapterFor(c, fake), {});
    assert.equal(result.outcome, 'interrupted');
    assert.equal(result.text.length, DEFAULT_MAX_ANSWER_CHARS);
    assert.equal((await fake.waitForClose(0, 3_000)).clientClosedEarly, true);
  });
});
