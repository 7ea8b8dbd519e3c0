// Live model lists are untrusted (issue 15): bad entries dropped and counted, labels clamped, odd
// numbers forgotten — for a fresh list and for one read back from the 24 h cache — and what is
// left always makes a state message the webview's own schema accepts.
import { strict as assert } from 'node:assert';
import { cleanLiveModel, cleanLiveModels, liveModelReader } from '../../../../src/core/models/liveModels';
import { resolveModels } from '../../../../src/core/models/resolvedModel';
import { toUiProvider } from '../../../../src/features/chat/presenter';
import { checkChatOutbound, type StateMessage } from '../../../../src/shared/protocol/chat';
import { LIMITS } from '../../../../src/shared/protocol/limits';
import { HOSTILE_LIST } from '../../../fakes/hostileModels';


function stateWith(providers: StateMessage['providers']): StateMessage {
  return { type: 'state', providersLoaded: true, providers, selection: null, conversations: [], active: { id: 'c1', title: 'New chat', providerId: null, model: null, messages: [] } };
}

describe('liveModels: cleaning a provider\'s model list', () => {
  it('keeps good entries, drops bad ones and counts them', () => {
    const { models, dropped } = cleanLiveModels(HOSTILE_LIST);
    assert.deepEqual(models.map((m) => m.id), ['good-model', 'x'.repeat(200), 'odd-numbers', 'fine-numbers']);
    assert.equal(dropped, 11);
  });

  it('clamps labels to LIMITS.label, blanks control characters, forgets impossible numbers', () => {
    const long = cleanLiveModel({ id: 'm', label: 'L'.repeat(5_000), contextWindow: -1, maxOutputTokens: 1.5 })!;
    assert.equal(long.label!.length, LIMITS.label);
    assert.equal(long.contextWindow, undefined);
    assert.equal(long.maxOutputTokens, undefined);
    assert.deepEqual(cleanLiveModel({ id: 'm', label: 'Tab\there\u0007', contextWindow: 128_000, maxOutputTokens: 16_384 }), {
      id: 'm', label: 'Tab here', contextWindow: 128_000, maxOutputTokens: 16_384,
    });
    assert.deepEqual(cleanLiveModel({ id: 'm', label: 7, contextWindow: 1e12 }), { id: 'm' });
  });

  it('takes anything a cache may hold: not an array is an empty list', () => {
    assert.deepEqual(cleanLiveModels(undefined), { models: [], dropped: 0 });
    assert.deepEqual(cleanLiveModels('garbage'), { models: [], dropped: 1 });
    assert.deepEqual(cleanLiveModels({ 0: { id: 'a' } }), { models: [], dropped: 1 });
  });

  it('keeps at most LIMITS.models entries', () => {
    const many = Array.from({ length: LIMITS.models + 10 }, (_, i) => ({ id: `m${i}` }));
    const { models, dropped } = cleanLiveModels(many);
    assert.equal(models.length, LIMITS.models);
    assert.equal(dropped, 10);
  });

  it('logs once per provider and count, with how many', () => {
    const lines: string[] = [];
    const read = liveModelReader((m) => lines.push(m));
    for (let i = 0; i < 3; i++) read('compat:gateway', HOSTILE_LIST);
    read('openai', [{ id: 'fine' }]);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^Ignored 11 of the models listed by compat:gateway: a model id must be 1–200 characters/);
    read('compat:gateway', [...HOSTILE_LIST, 7]);
    assert.equal(lines.length, 2, 'a different count is news');
  });

  it('a list read back from the 24 h cache (JSON in globalState) still loads the panel', () => {
    // What providerService stored before this check existed, as globalState gives it back.
    const cached = JSON.parse(JSON.stringify({ at: Date.now(), fingerprint: 'openai||', models: HOSTILE_LIST }));
    const live = liveModelReader()('compat:gateway', cached.models);
    const models = resolveModels('compat:gateway', 'openai-compatible', live);
    const state = stateWith([toUiProvider({ id: 'compat:gateway', label: 'Gateway', ready: true, models })]);
    const parsed = checkChatOutbound(structuredClone(state));
    assert.ok(parsed.ok, `the webview would drop this state: ${JSON.stringify(parsed).slice(0, 300)}`);
    assert.equal(state.providers[0]!.models.length, 4);
  });

  it('resolveModels checks entries itself, so a list that skipped cleaning cannot break the panel', () => {
    const models = resolveModels('openai', 'openai', HOSTILE_LIST as never);
    assert.deepEqual(models.map((m) => m.id), ['good-model', 'x'.repeat(200), 'odd-numbers', 'fine-numbers']);
    assert.ok(checkChatOutbound(stateWith([toUiProvider({ id: 'openai', label: 'OpenAI', ready: true, models })])).ok);
  });
});
