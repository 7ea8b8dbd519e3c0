// Demo mode of the fake providers, through the REAL adapters (real SDKs, real HTTP) for each wire
// format: Markdown answers, keys, keyword faults, Edit Selection and code questions. Fast pace
// (5000 tokens/s) so nothing waits; the default pace is checked by counting pieces, not time.
import { strict as assert } from 'node:assert';
import type { ProviderAdapter } from '../../../src/core/llm/types';
import { isProviderError } from '../../../src/core/llm/errors';
import { buildEditPrompt, buildSelectionPrompt, EDIT_SYSTEM_PROMPT, extractProposal, type SelectionContext } from '../../../src/features/selection/selectionPrompt';
import { adapterFor, caseNamed, collect, textOf, type CaseInfo } from '../../fakes/adapterHarness';
import { DEMO_KEYS } from '../../fakes/demo/keys';
import { REFUSAL } from '../../fakes/demo/faults';
import { DemoResponder } from '../../fakes/demo/responder';
import { startFakeProviders, type FakeProviders } from '../../fakes/server';

const WIRES = ['openai', 'anthropic', 'gemini'] as const;
const WRONG_KEYS = { openai: 'sk-proj-not-the-right-key-0000', anthropic: 'sk-ant-api03-not-the-right-key', gemini: 'AIzaSyNotTheRightKey000000000000000' };

/** Fenced blocks by an independent, line-based reading: [language tag, code]. */
function fences(text: string): { lang: string; code: string }[] {
  const out: { lang: string; code: string }[] = [];
  let open: { fence: string; lang: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const m = /^(`{3,})(\S*)\s*$/.exec(line);
    if (open && m && m[1]!.length >= open.fence.length && !m[2]) {
      out.push({ lang: open.lang, code: open.lines.join('\n') });
      open = undefined;
    } else if (open) open.lines.push(line);
    else if (m) open = { fence: m[1]!, lang: m[2]!, lines: [] };
  }
  return out;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const hasTable = (text: string) => /^\|.+\|\s*\n\|(?:\s*:?-{3,}:?\s*\|)+\s*$/m.test(text);

describe('fake providers: demo mode', function () {
  this.timeout(20_000);
  let fake!: FakeProviders;
  before(async () => {
    fake = await startFakeProviders({ demo: { tokensPerSecond: 5000 } });
  });
  afterEach(() => fake.reset());
  after(() => fake.close());

  const adapter = (c: CaseInfo, apiKey: string = DEMO_KEYS[c.name as keyof typeof DEMO_KEYS]): Promise<ProviderAdapter> => adapterFor(c, fake, undefined, { apiKey });
  const ask = async (c: CaseInfo, content: string, system = 'You are a helpful coding assistant.', apiKey?: string) => {
    const result = await collect(await adapter(c, apiKey), { model: c.model, maxOutputTokens: 4096, messages: [{ role: 'system', content: system }, { role: 'user', content }] });
    return { ...result, text: textOf(result.events), finish: result.events.find((e) => e.type === 'finish') };
  };

  for (const name of WIRES) {
    describe(name, () => {
      const c = caseNamed(name);

      it('answers with a heading, a list, a table and fenced code in several languages', async () => {
        const { text, error, finish } = await ask(c, 'How should I structure retry logic for HTTP calls?');
        assert.equal(error, undefined);
        assert.deepEqual(finish, { type: 'finish', reason: 'stop' });
        assert.match(text, /^#{1,3} \S/m);
        assert.match(text, /^(?:\d+\.|-) \S/m);
        assert.ok(hasTable(text), 'has a Markdown table');
        const langs = new Set(fences(text).map((f) => f.lang));
        assert.ok(fences(text).length >= 2 && langs.size >= 2, `fenced blocks in ≥ 2 languages, got ${[...langs].join(', ')}`);
        const n = words(text);
        assert.ok(n >= 150 && n <= 320, `about 150–300 words, got ${n}`);
        assert.match(text, /retry logic/i, 'the intro refers to the question');
      });

      it('gives the same answer to the same prompt, a different one to another prompt', async () => {
        const a = await ask(c, 'What is a good way to cache API responses?');
        const b = await ask(c, 'What is a good way to cache API responses?');
        const other = await ask(c, 'How do I parse command line flags?');
        assert.equal(a.text, b.text);
        assert.notEqual(a.text, other.text);
      });

      it('leads with the language the prompt names', async () => {
        const { text } = await ask(c, 'Show me how to debounce events in Rust');
        assert.equal(fences(text)[0]!.lang, 'rust');
      });

      it('"long" gives more than 2,000 words with sections, a table and code', async () => {
        const { text, error } = await ask(c, 'Give me the long explanation of database migrations');
        assert.equal(error, undefined);
        assert.ok(words(text) > 2000, `got ${words(text)} words`);
        assert.ok((text.match(/^## /gm) ?? []).length >= 5);
        assert.ok(hasTable(text) && fences(text).length >= 2);
      });

      it('a wrong key gets auth from listModels() and stream(); a demo key works for both', async () => {
        const wrong = await adapter(c, WRONG_KEYS[name]);
        await assert.rejects(wrong.listModels(), (e: unknown) => isProviderError(e) && e.code === 'auth');
        const streamed = await ask(c, 'hello', undefined, WRONG_KEYS[name]);
        assert.equal(streamed.error?.code, 'auth');
        assert.ok((await (await adapter(c)).listModels()).length > 0);
        assert.equal((await ask(c, 'hello')).error, undefined);
      });

      it('"rate limit": the first attempt is a 429 asking for 3 s, the retry succeeds, the next send fails again', async () => {
        const prompt = 'Why do I hit a rate limit so often?';
        const first = await ask(c, prompt);
        assert.equal(first.error?.code, 'rate_limit');
        assert.ok(Math.abs((first.error?.retryAfterMs ?? 0) - 3000) <= 500, `retryAfterMs ${first.error?.retryAfterMs}`);
        const second = await ask(c, prompt);
        assert.equal(second.error, undefined);
        assert.ok(fences(second.text).length >= 2);
        assert.equal((await ask(c, prompt)).error?.code, 'rate_limit');
      });

      it('"overloaded": the first attempt fails as overloaded, the retry succeeds', async () => {
        const first = await ask(c, 'Are you overloaded today?');
        assert.equal(first.error?.code, 'overloaded');
        assert.equal((await ask(c, 'Are you overloaded today?')).error, undefined);
      });

      it('"disconnect": part of the answer, then a network error', async () => {
        const { text, error } = await ask(c, 'What happens on a disconnect?');
        assert.equal(error?.code, 'network');
        assert.ok(text.length > 50, 'some text came first');
      });

      it('"refuse": a short refusal with the content-filter finish', async () => {
        const { text, finish } = await ask(c, 'Please refuse this one');
        assert.equal(text, REFUSAL);
        assert.deepEqual(finish, { type: 'finish', reason: 'content_filter' });
      });

      it('a keyword inside the user\'s code block is not a fault', async () => {
        const { error, text } = await ask(c, 'What does this do?\n\n```python\nreset(rate_limit=True)  # long disconnect\n```');
        assert.equal(error, undefined);
        assert.ok(fences(text).some((f) => f.lang === 'python'));
      });
    });
  }

  const ctx: SelectionContext = {
    path: 'src/sum.ts',
    languageId: 'typescript',
    startLine: 10,
    endLine: 14,
    scope: 'selection',
    code: '  function sum(xs) {  \n    var total = 0;\n    for (const x of xs) if (x != null) total += x;\n    return total == 0 ? null : total;\n  }',
  };

  it('Edit Selection: exactly one fenced block in the same language, rewritten, stating the instruction, deterministic', async () => {
    for (const name of WIRES) {
      const prompt = buildEditPrompt(ctx, 'Add concise comments that explain why');
      const first = await ask(caseNamed(name), prompt, EDIT_SYSTEM_PROMPT);
      const blocks = fences(first.text);
      assert.equal(blocks.length, 1, first.text);
      assert.equal(first.text.trim(), first.text, 'nothing around the block');
      assert.equal(blocks[0]!.lang, 'typescript');
      const proposal = extractProposal(first.text);
      assert.ok(proposal.fenced && !proposal.cutOff);
      assert.notEqual(proposal.code, ctx.code);
      assert.match(proposal.code, /^ {2}\/\/ Add concise comments that explain why\n/, 'instruction comment, first line\'s indentation kept');
      assert.match(proposal.code, /\/\/ sum: .+\n {2}function sum\(xs\) \{\n/);
      assert.match(proposal.code, /let total = 0;/);
      assert.match(proposal.code, /x !== null/);
      assert.match(proposal.code, /total === 0/);
      assert.ok(!/[ \t]$/m.test(proposal.code), 'no trailing whitespace');
      assert.equal((await ask(caseNamed(name), prompt, EDIT_SYSTEM_PROMPT)).text, first.text);
    }
  });

  it('a question about code gets that code back, rewritten, in a block of the same language', async () => {
    const py: SelectionContext = { path: 'tools/report.py', languageId: 'python', startLine: 1, endLine: 3, scope: 'selection', code: 'def total(xs):\n    return sum(xs)\n' };
    for (const name of WIRES) {
      const { text, error } = await ask(caseNamed(name), buildSelectionPrompt(py, 'Is this correct?', 10_000).text);
      assert.equal(error, undefined);
      const same = fences(text).find((f) => f.lang === 'python');
      assert.ok(same, text);
      assert.match(same.code, /^# Is this correct\?\ndef total\(xs\):/);
      assert.ok(hasTable(text) && /^## /m.test(text));
    }
  });

  it('streams one word-sized piece per event', async () => {
    const { events, text } = await ask(caseNamed('openai'), 'Explain dependency injection briefly');
    const pieces = events.filter((e) => e.type === 'text');
    assert.ok(pieces.length >= 100, `${pieces.length} text events`);
    assert.ok(pieces.length >= words(text) * 0.9, 'about one event per word');
  });

  it('Azure (api-key header) and OpenAI-compatible endpoints work with any key containing "demo"', async () => {
    for (const name of ['azure', 'compatible'] as const) {
      const ok = await ask(caseNamed(name), 'hello there', undefined, 'my-DEMO-key-12345');
      assert.equal(ok.error, undefined, name);
      assert.equal((await ask(caseNamed(name), 'hello there', undefined, 'my-real-key-12345')).error?.code, 'auth', name);
    }
  });

  it('queued scenarios win over the demo responder', async () => {
    fake.enqueue('anthropic', { text: 'scripted answer' }, { status: 529 });
    assert.equal((await ask(caseNamed('anthropic'), 'How do I write a long essay?')).text, 'scripted answer');
    assert.equal((await ask(caseNamed('anthropic'), 'hello')).error?.code, 'overloaded');
    assert.ok(fences((await ask(caseNamed('anthropic'), 'hello')).text).length >= 2, 'then the demo answers again');
  });

  it('at the default 60 tokens/s, a ~200-word answer goes out in hundreds of word-sized pieces, after ~300 ms', () => {
    const demo = new DemoResponder();
    assert.equal(demo.tokensPerSecond, 60);
    const scenario = demo.respond({ provider: 'openai', wire: 'openai', kind: 'chat', headers: { authorization: `Bearer ${DEMO_KEYS.openai}` }, body: { messages: [{ role: 'user', content: 'Explain dependency injection briefly' }] } });
    assert.ok(words(scenario.text!) >= 150 && words(scenario.text!) <= 320);
    assert.ok(scenario.chunks!.length >= 100, `${scenario.chunks!.length} pieces`);
    assert.equal(scenario.chunks!.join(''), scenario.text);
    assert.ok(scenario.chunks!.every((piece) => !/\S\s+\S/.test(piece.trim())), 'one word per piece');
    assert.equal(scenario.charsPerSecond, 240, '60 tokens/s at ~4 characters per token');
    assert.equal(scenario.firstByteDelayMs, 300);
  });

  it('close() ends in-flight demo streams (first-byte wait and paced chunks) at once', async () => {
    const slow = await startFakeProviders({ demo: { tokensPerSecond: 5 } });
    const post = () =>
      fetch(`${slow.baseURLs.openai}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_KEYS.openai}` },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hello' }] }),
      });
    const streaming = await post();
    const reader = streaming.body!.getReader();
    await reader.read();
    const waiting = post().then(
      (res) => res.text(),
      (err: unknown) => err,
    );
    await slow.waitForRequests(2);
    await slow.close();
    await assert.rejects(async () => {
      for (let i = 0; i < 100_000; i++) if ((await reader.read()).done) throw new Error('ended normally');
    }, (err: Error) => err.message !== 'ended normally');
    assert.ok((await waiting) instanceof Error, 'the request still in its first-byte wait fails too');
  });
});
