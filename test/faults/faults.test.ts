// Reliability and bad-input suite (`npm run test:faults`): every fault, for each of the three SDK
// providers, through the full pipeline (limiter → retry → real adapter → usage recording) against
// the fake servers; then floods of malformed webview messages and invalid settings.
// Ends with one summary table.
import { strict as assert } from 'node:assert';
import { Pipeline, type PipelineResult } from '../../src/core/llm/pipeline';
import { DEFAULT_RETRY } from '../../src/core/llm/retry';
import { UsageStore, MemoryKeyValueStore } from '../../src/core/usage/usageStore';
import { costOf } from '../../src/core/pricing/cost';
import { findCatalogueModel } from '../../src/core/pricing/catalogue';
import { checkChatInbound, isSafeExternalLink } from '../../src/shared/protocol/chat';
import { LIMITS } from '../../src/shared/protocol/limits';
import { buildSelectionPrompt } from '../../src/features/selection/selectionPrompt';
import { DroppedMessageLog } from '../../src/host/droppedMessageLog';
import { parseSettings, settingSchemas, type SettingKey } from '../../src/host/settingsSchema';
import type { ProviderAdapter } from '../../src/core/llm/types';
import { overloaded529, rateLimit, serverError, startFakeProviders, type FakeProviders, type Scenario } from '../fakes/server';
import { adapterFor, caseNamed, type AdapterCase } from '../fakes/adapterHarness';

const ANSWER = 'Resilient answers survive faults, and partial text is never lost when a stream drops.';
const TIMEOUTS = { firstByteMs: 400, idleMs: 300 };

interface Fault {
  name: string;
  providers?: AdapterCase[];
  scenarios: Scenario[];
  /** Expected end: a completed answer, or an interrupted one with this error code and partial text. */
  expect: { outcome: 'ok' } | { outcome: 'interrupted'; code: string };
}

const FAULTS: Fault[] = [
  { name: '429 + Retry-After', scenarios: [rateLimit(1), {}], expect: { outcome: 'ok' } },
  { name: '500', scenarios: [serverError(500), {}], expect: { outcome: 'ok' } },
  { name: '502', scenarios: [serverError(502), {}], expect: { outcome: 'ok' } },
  { name: '503', scenarios: [serverError(503), {}], expect: { outcome: 'ok' } },
  { name: '529 overloaded', providers: ['anthropic'], scenarios: [overloaded529(), {}], expect: { outcome: 'ok' } },
  { name: 'reset mid-stream', scenarios: [{ resetAfterChunks: 3 }], expect: { outcome: 'interrupted', code: 'network' } },
  { name: 'stalled stream (idle timeout)', scenarios: [{ stallAfterChunks: 3 }], expect: { outcome: 'interrupted', code: 'timeout' } },
  { name: 'slow first byte (timeout)', scenarios: [{ firstByteDelayMs: 1500 }, {}], expect: { outcome: 'ok' } },
  { name: 'malformed SSE line', scenarios: [{ malformedAfterChunks: 3 }], expect: { outcome: 'interrupted', code: 'server' } },
  { name: 'truncated JSON', scenarios: [{ truncatedJsonAfterChunks: 3 }], expect: { outcome: 'interrupted', code: 'network' } },
];
const PROVIDERS: AdapterCase[] = ['openai', 'anthropic', 'gemini'];

const rows: string[][] = [];

describe('fault suite', function () {
  this.timeout(60_000);
  let fake: FakeProviders;
  let pipeline: Pipeline;
  let usage: UsageStore;
  const adapters = new Map<string, ProviderAdapter>();

  before(async () => {
    fake = await startFakeProviders();
    for (const p of PROVIDERS) adapters.set(p, await adapterFor(caseNamed(p), fake, TIMEOUTS));
    pipeline = new Pipeline({
      getAdapter: async (id) => adapters.get(id)!,
      limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }),
      retry: () => ({ ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 100 }),
    });
    usage = new UsageStore({ store: new MemoryKeyValueStore() });
  });

  after(async () => {
    pipeline.dispose();
    await fake.close();
    const header = ['fault', 'provider', 'outcome', 'error', 'attempts', 'partial chars', 'usage recorded'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => '  ' + r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    console.log(`\n  Fault and bad-input summary\n${line(header)}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  });

  async function record(provider: AdapterCase, result: PipelineResult): Promise<boolean> {
    const before = usage.today().requests;
    const price = findCatalogueModel(provider === 'gemini' ? 'gemini' : provider === 'anthropic' ? 'anthropic' : 'openai', result.model)?.price;
    await usage.record({
      providerId: result.providerId,
      model: result.model,
      usage: result.usage ?? { inputTokens: 0, outputTokens: 0, estimated: true },
      cost: costOf(result.usage ?? { inputTokens: 0, outputTokens: 0 }, price),
      latencyMs: result.latencyMs,
      outcome: result.outcome,
      ...(result.error ? { errorCode: result.error.code } : {}),
      workspace: 'faults',
    });
    return usage.today().requests === before + 1;
  }

  for (const fault of FAULTS) {
    for (const provider of fault.providers ?? PROVIDERS) {
      it(`${fault.name} — ${provider}`, async () => {
        fake.reset();
        const c = caseNamed(provider);
        fake.enqueue(c.fake, ...fault.scenarios.map((s) => ({ text: ANSWER, chunkSize: 6, chunkDelayMs: 5, ...s })));
        const handle = pipeline.run({ providerId: provider, model: c.model, messages: [{ role: 'user', content: 'Tell me.' }], maxOutputTokens: 200 });
        let streamed = '';
        for await (const e of handle.events) if (e.type === 'text') streamed += e.text;
        const result = await handle.result;
        const recorded = await record(provider, result);
        rows.push([fault.name, provider, result.outcome, result.error?.code ?? '-', String(result.attempts), String(result.text.length), recorded ? 'yes' : 'NO']);

        assert.equal(result.outcome, fault.expect.outcome, result.error?.message);
        assert.equal(result.text, streamed, 'the result keeps exactly what was streamed');
        assert.ok(recorded, 'usage recorded');
        assert.ok(result.usage && result.usage.inputTokens >= 0);
        if (fault.expect.outcome === 'ok') {
          assert.equal(result.text, ANSWER);
        } else {
          assert.equal(result.error?.code, fault.expect.code, result.error?.message);
          assert.ok(result.text.length > 0 && ANSWER.startsWith(result.text), 'the partial answer is kept');
          assert.ok(result.error!.message.length > 10 && !/undefined|\[object/.test(result.error!.message), `a clear message: ${result.error!.message}`);
        }
      });
    }
  }

  it('1,000 randomized malformed webview messages: 0 crashes, all rejected, logged once per kind', () => {
    const logged: string[] = [];
    const log = new DroppedMessageLog((m) => logged.push(m));
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const junk = (depth: number): unknown => {
      const k = Math.floor(rnd() * 9);
      if (depth > 3) return 'x';
      switch (k) {
        case 0: return 'x'.repeat(Math.floor(rnd() * 3) ? 10 : 2_000_001);
        case 1: return rnd() * 1e9;
        case 2: return null;
        case 3: return [junk(depth + 1), junk(depth + 1)];
        case 4: return JSON.parse('{"__proto__": {"polluted": true}, "type": "send"}');
        case 5: return { type: ['send', 'stop', 'openLink', 'nope', 42][Math.floor(rnd() * 5)], text: junk(depth + 1), providerId: junk(depth + 1), href: 'javascript:alert(1)' };
        case 6: return { constructor: { prototype: { polluted: true } }, type: 'ready' };
        case 7: return { type: 'send', text: '', providerId: 'openai', model: 'm' };
        default: return undefined;
      }
    };
    let accepted = 0;
    let crashes = 0;
    for (let i = 0; i < 1000; i++) {
      try {
        const parsed = checkChatInbound(junk(0));
        if (parsed.ok) {
          // Well-formed but hostile: an openLink to javascript: passes the schema; the host's
          // link check (isSafeExternalLink) is what refuses it, so count that as rejected.
          if (parsed.message.type === 'openLink' && !isSafeExternalLink(parsed.message.href)) log.record('webview', { ok: false, kind: 'openLink', reason: 'unsafe link' });
          else accepted++;
        } else log.record('webview', parsed);
      } catch {
        crashes++;
      }
    }
    log.dispose();
    rows.push(['malformed webview messages ×1000', '-', `${1000 - accepted} rejected`, '-', '-', '-', `${logged.length} log lines`]);
    assert.equal(crashes, 0);
    assert.equal(accepted, 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
    assert.ok(log.total === 1000);
    assert.ok(logged.length < 30, `logged in aggregate, not per message (${logged.length} lines)`);
  });

  it('a 2 MB selection is truncated to the context budget with a visible note, never silently', () => {
    const line = 'const value = compute(input); // ' + 'x'.repeat(60) + '\n';
    const code = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
    const built = buildSelectionPrompt({ path: 'src/big.ts', languageId: 'typescript', startLine: 1, endLine: code.split('\n').length, code, scope: 'selection' }, 'Explain', 120_000);
    rows.push(['2 MB selection', '-', built.truncated ? 'truncated' : 'NOT truncated', '-', '-', String(built.codeChars), '-']);
    assert.ok(built.truncated);
    assert.ok(built.codeChars <= 120_000 && built.text.length < LIMITS.text);
    assert.match(built.text, /truncated to lines 1–\d+ of 1–\d+/);
    assert.ok(code.startsWith(built.text.split('```typescript\n')[1]!.split('\n```')[0]!), 'a prefix of the code, cut at a line boundary');
  });

  it('invalid values for every setting fall back to defaults without throwing', () => {
    const bad: unknown[] = [{}, 'nonsense', -5, [1, 2], true, null];
    let problems = 0;
    for (const value of bad) {
      const { settings, problems: p } = parseSettings(() => value);
      problems += p.length;
      for (const key of Object.keys(settingSchemas) as SettingKey[]) assert.notEqual(settings[key], undefined, key);
    }
    rows.push(['invalid settings ×' + bad.length * Object.keys(settingSchemas).length, '-', `${problems} reported`, '-', '-', '-', '-']);
    assert.ok(problems > bad.length * 10);
  });
});
