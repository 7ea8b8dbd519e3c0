// The fake servers' prompt cache, driven with the real SDKs: Anthropic's cache_control breakpoints
// (reads, writes, the 5m/1h split, expiry on the injected clock, the per-model minimum, the
// 4-breakpoint limit), OpenAI's automatic caching (1024-token floor, 128-token increments,
// prompt_cache_key) on Chat Completions and the Responses API, and Gemini's implicit caching.
// In every case input = cached + written + the rest, where the total is the fake's usual estimate.
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { MINUTE } from '../../fakes/promptCache';
import { promptText } from '../../fakes/requestText';
import { estimateTokens, startFakeProviders, type FakeProviders } from '../../fakes/server';

/** Distinct filler of exactly `chars` characters (4 per token in the fake's estimate). */
const filler = (tag: string, chars: number) => `${tag}: ${'lorem ipsum '.repeat(chars)}`.slice(0, chars);
/** Tokens of a prefix made of these texts, as the fake counts them: their characters joined by '\n', / 4. */
const prefix = (...texts: string[]) => Math.floor((texts.reduce((n, t) => n + t.length, 0) + texts.length - 1) / 4);

const SYSTEM = filler('system', 6000); // 1500 tokens
const U1 = filler('first question', 2000);
const A1 = filler('first answer', 400);
const U2 = filler('second question', 1200);
const A2 = filler('second answer', 400);
const U3 = filler('third question', 800);

const ephemeral = (ttl?: '5m' | '1h') => ({ type: 'ephemeral' as const, ...(ttl ? { ttl } : {}) });
const cachedText = (text: string, ttl?: '5m' | '1h') => [{ type: 'text' as const, text, cache_control: ephemeral(ttl) }];

describe('fake providers: prompt caching', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  let now = 1_000_000;
  before(async () => {
    fake = await startFakeProviders({ caching: { now: () => now } });
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  describe('Anthropic', () => {
    let client!: Anthropic;
    before(() => (client = new Anthropic({ apiKey: 'k', baseURL: fake.baseURLs.anthropic, maxRetries: 0 })));

    type Params = Anthropic.MessageCreateParamsStreaming;
    const send = async (params: Omit<Params, 'max_tokens' | 'stream'>) => {
      const msg = await client.messages.stream({ max_tokens: 100, ...params }).finalMessage();
      const total = estimateTokens(promptText('anthropic', params));
      const u = msg.usage;
      // input_tokens is what is left after the cached and written parts.
      assert.equal(u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), total);
      return u;
    };
    const turn = (messages: Params['messages'], model = 'claude-sonnet-4-6') =>
      send({ model, system: cachedText(SYSTEM, '1h'), messages });
    const t1: Params['messages'] = [{ role: 'user', content: cachedText(U1) }];
    const t2: Params['messages'] = [{ role: 'user', content: U1 }, { role: 'assistant', content: A1 }, { role: 'user', content: cachedText(U2) }];
    const t3: Params['messages'] = [...t2.slice(0, 2), { role: 'user', content: U2 }, { role: 'assistant', content: A2 }, { role: 'user', content: cachedText(U3) }];

    it('turn 1 writes the prefix, split by TTL; turns 2 and 3 read the previous prefix and write only the new part', async () => {
      const one = await turn(t1);
      assert.equal(one.cache_read_input_tokens, 0);
      assert.equal(one.cache_creation?.ephemeral_1h_input_tokens, prefix(SYSTEM));
      assert.equal(one.cache_creation?.ephemeral_5m_input_tokens, prefix(SYSTEM, U1) - prefix(SYSTEM));
      assert.equal(one.cache_creation_input_tokens, prefix(SYSTEM, U1));

      const two = await turn(t2);
      const prefix1 = prefix(SYSTEM, U1);
      const prefix2 = prefix(SYSTEM, U1, A1, U2);
      assert.equal(two.cache_read_input_tokens, prefix1);
      assert.equal(two.cache_creation_input_tokens, prefix2 - prefix1);
      assert.deepEqual(two.cache_creation, { ephemeral_5m_input_tokens: prefix2 - prefix1, ephemeral_1h_input_tokens: 0 });

      const three = await turn(t3);
      assert.equal(three.cache_read_input_tokens, prefix2);
      assert.ok(three.cache_creation_input_tokens! > 0 && three.cache_creation_input_tokens! < three.cache_read_input_tokens!);
    });

    it('20 turns with a moving breakpoint cost at most 0.35× of uncached (reads 0.1×, 5m writes 1.25×, 1h writes 2×)', async () => {
      const history: Params['messages'] = [];
      let cached = 0;
      let uncached = 0;
      for (let i = 0; i < 20; i++) {
        const question = filler(`question ${i}`, 800);
        const u = await turn([...history, { role: 'user', content: cachedText(question) }]);
        const c5m = u.cache_creation?.ephemeral_5m_input_tokens ?? 0;
        const c1h = u.cache_creation?.ephemeral_1h_input_tokens ?? 0;
        cached += u.input_tokens + 0.1 * (u.cache_read_input_tokens ?? 0) + 1.25 * c5m + 2 * c1h;
        uncached += u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
        history.push({ role: 'user', content: question }, { role: 'assistant', content: filler(`answer ${i}`, 800) });
      }
      assert.ok(cached <= 0.35 * uncached, `${cached} > 0.35 × ${uncached}`);
    });

    it('the same request again is read whole; a changed byte in the system prompt misses', async () => {
      await turn(t1);
      const again = await turn(t1);
      assert.equal(again.cache_creation_input_tokens, 0);
      assert.equal(again.cache_read_input_tokens, prefix(SYSTEM, U1));
      const changed = await send({ model: 'claude-sonnet-4-6', system: cachedText(`${SYSTEM.slice(0, -1)}!`, '1h'), messages: t1 });
      assert.equal(changed.cache_read_input_tokens, 0);
    });

    it('entries expire after their TTL on the injected clock: 5m goes first, 1h later', async () => {
      await turn(t1);
      now += 6 * MINUTE;
      const two = await turn(t2);
      assert.equal(two.cache_read_input_tokens, prefix(SYSTEM), 'only the 1h system prefix survives 6 minutes');
      now += 61 * MINUTE;
      const late = await turn(t2);
      assert.equal(late.cache_read_input_tokens, 0);
      assert.equal(late.cache_creation?.ephemeral_1h_input_tokens, prefix(SYSTEM));
    });

    it('a hit refreshes the entry: read every 4 minutes, a 5m prefix lives on', async () => {
      await turn(t1);
      for (let i = 0; i < 3; i++) {
        now += 4 * MINUTE;
        assert.equal((await turn(t1)).cache_read_input_tokens, prefix(SYSTEM, U1));
      }
    });

    it('a prefix below the model minimum is neither written nor read (Haiku 4.5: 4096 tokens)', async () => {
      for (let i = 0; i < 2; i++) {
        const u = await turn(t1, 'claude-haiku-4-5');
        assert.equal(u.cache_creation_input_tokens, 0);
        assert.equal(u.cache_read_input_tokens, 0);
      }
      // Sonnet 4.6 (1024): a short system breakpoint is skipped, the longer message one is written.
      const terse = 'You are terse.';
      const long = filler('a long question', 6000);
      const short = await send({ model: 'claude-sonnet-4-6', system: cachedText(terse), messages: [{ role: 'user', content: cachedText(long) }] });
      assert.deepEqual(short.cache_creation, { ephemeral_5m_input_tokens: prefix(terse, long), ephemeral_1h_input_tokens: 0 });
    });

    it('the top-level cache_control (automatic caching) caches up to the last block', async () => {
      const auto = { model: 'claude-sonnet-4-6', system: SYSTEM, cache_control: ephemeral() } as unknown as Omit<Params, 'max_tokens' | 'stream'>;
      await send({ ...auto, messages: [{ role: 'user', content: U1 }] });
      const two = await send({ ...auto, messages: [{ role: 'user', content: U1 }, { role: 'assistant', content: A1 }, { role: 'user', content: U2 }] });
      assert.equal(two.cache_read_input_tokens, prefix(SYSTEM, U1));
    });

    it('a fifth breakpoint is a 400 invalid_request_error, and the queued scenario stays queued', async () => {
      fake.enqueue('anthropic', { text: 'kept' });
      const five: Params['messages'] = [{ role: 'user', content: [1, 2, 3, 4, 5].map((i) => ({ type: 'text' as const, text: `part ${i}`, cache_control: ephemeral() })) }];
      await assert.rejects(send({ model: 'claude-sonnet-4-6', messages: five }), (e: unknown) => {
        assert.ok(e instanceof Anthropic.APIError);
        assert.equal(e.status, 400);
        assert.match(e.message, /maximum of 4 blocks with cache_control/);
        assert.equal((e.error as { error?: { type?: string } }).error?.type, 'invalid_request_error');
        return true;
      });
      const ok = await client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      assert.deepEqual(ok.content.map((b) => (b.type === 'text' ? b.text : '')), ['kept']);
    });

    it("a scenario's own input figures win; output given alone keeps the cache figures", async () => {
      fake.enqueue('anthropic', { usage: { output: 3 } });
      const first = await turn(t1);
      assert.equal(first.output_tokens, 3);
      assert.equal(first.cache_creation_input_tokens, prefix(SYSTEM, U1));
      fake.enqueue('anthropic', { usage: { input: 7, output: 3 } });
      const u = (await client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 10, system: cachedText(SYSTEM), messages: t1 }).finalMessage()).usage;
      assert.equal(u.input_tokens, 7);
      assert.equal(u.cache_read_input_tokens, 0);
      assert.equal(u.cache_creation_input_tokens, 0);
    });
  });

  describe('OpenAI', () => {
    let client!: OpenAI;
    before(() => (client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURLs.openai, maxRetries: 0 })));

    type Message = OpenAI.Chat.ChatCompletionMessageParam;
    const chat = async (messages: Message[], extra: { prompt_cache_key?: string } = {}) => {
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true }, ...extra });
      let usage: OpenAI.CompletionUsage | undefined | null;
      for await (const chunk of stream) usage = chunk.usage ?? usage;
      assert.ok(usage);
      assert.equal(usage.prompt_tokens, estimateTokens(promptText('openai', { messages })));
      return usage.prompt_tokens_details?.cached_tokens ?? 0;
    };
    const turn1: Message[] = [{ role: 'system', content: SYSTEM }, { role: 'user', content: U1 }];
    const turn2: Message[] = [...turn1, { role: 'assistant', content: A1 }, { role: 'user', content: U2 }];
    const roundedPrefix = Math.floor(prefix(SYSTEM, U1) / 128) * 128;

    it('Chat Completions: turn 2 over 1024 tokens reports the previous prompt, rounded down to 128', async () => {
      assert.equal(await chat(turn1), 0);
      const cached = await chat(turn2);
      assert.equal(cached % 128, 0);
      assert.equal(cached, roundedPrefix);
      assert.ok(cached >= 1024);
    });

    it('under 1024 tokens nothing is cached', async () => {
      const short: Message[] = [{ role: 'system', content: filler('short', 2000) }, { role: 'user', content: 'hi' }];
      await chat(short);
      assert.equal(await chat([...short, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'again' }]), 0);
    });

    it('prompt_cache_key: hits only within the same key', async () => {
      await chat(turn1, { prompt_cache_key: 'conversation-a' });
      assert.equal(await chat(turn2, { prompt_cache_key: 'conversation-b' }), 0);
      assert.equal(await chat(turn2, { prompt_cache_key: 'conversation-a' }), roundedPrefix);
    });

    it('the Responses API reports usage.input_tokens_details.cached_tokens the same way', async () => {
      const respond = async (input: OpenAI.Responses.ResponseInput) => {
        const stream = await client.responses.create({ model: 'gpt-4o-mini', instructions: SYSTEM, input, stream: true });
        for await (const event of stream) if (event.type === 'response.completed') return event.response.usage!;
        throw new Error('no response.completed');
      };
      const first = await respond([{ role: 'user', content: U1 }]);
      assert.equal(first.input_tokens_details.cached_tokens, 0);
      const second = await respond([{ role: 'user', content: U1 }, { role: 'assistant', content: A1 }, { role: 'user', content: U2 }]);
      assert.equal(second.input_tokens_details.cached_tokens, Math.floor(prefix(SYSTEM, U1) / 128) * 128);
      assert.ok(second.input_tokens_details.cached_tokens <= second.input_tokens);
    });
  });

  describe('Gemini', () => {
    const LONG_SYSTEM = filler('gemini system', 10_000); // 2500 tokens, over the 2.5 minimum of 2048
    const usageOf = async (model: string, contents: { role: string; parts: { text: string }[] }[]) => {
      const gen = new GoogleGenerativeAI('k').getGenerativeModel({ model, systemInstruction: LONG_SYSTEM }, { baseUrl: fake.baseURLs.gemini });
      const result = await gen.generateContentStream({ contents });
      const meta = (await result.response).usageMetadata!;
      return { prompt: meta.promptTokenCount, cached: meta.cachedContentTokenCount ?? 0 };
    };
    const turn1 = [{ role: 'user', parts: [{ text: U1 }] }];
    const turn2 = [...turn1, { role: 'model', parts: [{ text: A1 }] }, { role: 'user', parts: [{ text: U2 }] }];

    it('turn 2 reports cachedContentTokenCount for the common prefix, within promptTokenCount', async () => {
      assert.equal((await usageOf('gemini-2.5-flash', turn1)).cached, 0);
      const two = await usageOf('gemini-2.5-flash', turn2);
      assert.equal(two.cached, prefix(LONG_SYSTEM, U1));
      assert.ok(two.cached < two.prompt);
    });

    it('no implicit caching before Gemini 2.5, nor under the minimum (Gemini 3: 4096)', async () => {
      for (const model of ['gemini-2.0-flash', 'gemini-3-pro-preview']) {
        await usageOf(model, turn1);
        assert.equal((await usageOf(model, turn2)).cached, 0, model);
      }
    });
  });
});
