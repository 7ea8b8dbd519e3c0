// Issue 15: a `/models` list with bad entries (an id of 201 characters, a number, control
// characters, a megabyte label, negative limits) must never keep the panel from loading — fresh
// from the provider (real adapters, real SDKs, real HTTP to the fake) or read back from the 24 h
// cache. Each list goes the way providerService takes it (liveModelReader → resolveModels) and
// ends in a state message checked with the schema the webview parses with.
import { strict as assert } from 'node:assert';
import { liveModelReader } from '../../src/core/models/liveModels';
import { resolveModels } from '../../src/core/models/resolvedModel';
import type { LiveModel, ProviderKind } from '../../src/core/llm/types';
import { toUiProvider } from '../../src/features/chat/presenter';
import { checkChatOutbound, type StateMessage, type UiProvider } from '../../src/shared/protocol/chat';
import { adapterFor, caseNamed, useFakes, type AdapterCase } from '../fakes/adapterHarness';
import type { FakeProviders } from '../fakes/server';
import { reportReliability } from './reliabilityTable';

/** Good ids first; every other entry must be dropped or cleaned. */
const GOOD = ['good-model', 'x'.repeat(200)];
const BAD_IDS: unknown[] = ['x'.repeat(201), 12345, '', '   ', 'bad\u0000id', 'line\nbreak', 'rtl\u2028sep'];
const HUGE_LABEL = 'L'.repeat(1_000_000);

/** Each provider's own list body, with the bad entries in its own shape, plus a null entry. */
const BODIES: Record<'openai' | 'anthropic' | 'gemini', () => unknown> = {
  openai: () => ({ object: 'list', data: [...[...GOOD, ...BAD_IDS].map((id) => ({ id, object: 'model', created: 1, owned_by: 'x' })), null] }),
  anthropic: () => ({
    data: [
      ...[...GOOD, ...BAD_IDS].map((id, i) => ({ type: 'model', id, display_name: i === 0 ? HUGE_LABEL : `Model ${i}`, created_at: '2025-09-29T00:00:00Z', max_input_tokens: i === 1 ? -5 : 200_000, max_tokens: 1.5 })),
      null,
    ],
    has_more: false,
    first_id: null,
    last_id: null,
  }),
  gemini: () => ({
    models: [
      ...[...GOOD, ...BAD_IDS].map((id, i) => ({
        name: typeof id === 'string' ? `models/${id}` : id,
        displayName: i === 0 ? HUGE_LABEL : `Gemini ${i}`,
        inputTokenLimit: i === 1 ? Number.MAX_SAFE_INTEGER : 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ['generateContent'],
      })),
      null,
      { name: 'models/odd-methods', supportedGenerationMethods: 7 },
    ],
  }),
};

const CASES: { name: AdapterCase; kind: ProviderKind; wire: keyof typeof BODIES }[] = [
  { name: 'openai', kind: 'openai', wire: 'openai' },
  { name: 'anthropic', kind: 'anthropic', wire: 'anthropic' },
  { name: 'gemini', kind: 'gemini', wire: 'gemini' },
  { name: 'compatible', kind: 'openai-compatible', wire: 'openai' },
];

function stateOf(providers: UiProvider[]): StateMessage {
  return { type: 'state', providersLoaded: true, providers, selection: null, conversations: [], active: { id: 'c1', title: 'New chat', providerId: null, model: null, messages: [] } };
}

describe('bad /models ids (issue 15)', function () {
  this.timeout(30_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));
  const outcomes: string[] = [];
  let allParsed = true;

  for (const c of CASES) {
    it(`${c.name}: the listed models reach the picker without the bad ones, fresh and from the cache`, async () => {
      const info = caseNamed(c.name);
      fake.setDefault(info.fake, { modelsBody: BODIES[c.wire]() });
      const adapter = await adapterFor(info, fake);
      const raw: LiveModel[] = await adapter.listModels();
      const warnings: string[] = [];
      const read = liveModelReader((m) => warnings.push(m));
      const fresh = read(adapter.config.id, raw);
      // What providerService stored in globalState before lists were checked, as it comes back.
      const cached = JSON.parse(JSON.stringify({ at: Date.now(), fingerprint: 'f', models: raw })) as { models: unknown };
      const fromCache = read(adapter.config.id, cached.models);

      for (const [how, live] of [['fresh', fresh], ['cached', fromCache]] as const) {
        const models = resolveModels(adapter.config.id, c.kind, live);
        const state = stateOf([toUiProvider({ id: adapter.config.id, label: info.config(fake).label, ready: true, models })]);
        const parsed = checkChatOutbound(structuredClone(state));
        allParsed &&= parsed.ok;
        assert.ok(parsed.ok, `${how}: the webview would drop the state: ${JSON.stringify(parsed).slice(0, 200)}`);
        assert.deepEqual(models.map((m) => m.id), GOOD, how);
        assert.ok(state.providers[0]!.models.every((m) => m.label.length <= 500));
      }
      assert.equal(warnings.length, 1, 'logged once, with how many');
      assert.match(warnings[0]!, /^Ignored \d+ of the models listed by /);
      outcomes.push(`${c.name} ${fresh.length}/${raw.length}`);
    });
  }

  it('reports the row', () => {
    reportReliability({
      check: 'bad /models ids → panel loads',
      figure: `valid entries kept (${outcomes.join(', ')}), fresh and cached; state parses with the webview schema; 1 log line each`,
      target: 'panel loads',
      ok: allParsed && outcomes.length === CASES.length,
    });
    assert.equal(outcomes.length, CASES.length);
  });
});
