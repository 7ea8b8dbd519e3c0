// Regenerate keeps the answers it replaces: versions in order, the shown one in the message's own
// fields, switching without losing any, a cap, and edits dropping them.
import { strict as assert } from 'node:assert';
import { dropVersions, MAX_ANSWER_VERSIONS, showVersion, startNewVersion, versionLabel, versionsOf } from '../../../../src/core/conversations/answerVersions';
import type { UiMessage } from '../../../../src/shared/protocol/chat';

const meta = (model: string) => ({ providerId: 'openai', model, inputTokens: 1, outputTokens: 2, costUsd: 0.1, costEstimated: false, latencyMs: 5 });
const answer = (): UiMessage => ({ id: 'a1', role: 'assistant', text: 'first', status: 'done', createdAt: 1, meta: meta('m1'), thinking: 'hmm' });

describe('core/conversations/answerVersions', () => {
  it('a new version keeps the shown one, empties the answer and is shown last', () => {
    const m = answer();
    assert.equal(versionLabel(m), undefined, 'one version: no label');
    assert.ok(startNewVersion(m));
    assert.deepEqual([m.text, m.status, m.meta, m.thinking], ['', 'streaming', undefined, undefined]);
    assert.deepEqual(m.alternatives, [{ text: 'first', status: 'done', meta: meta('m1'), thinking: 'hmm' }]);
    assert.deepEqual(versionLabel(m), { index: 1, count: 2 });
    Object.assign(m, { text: 'second', status: 'done', meta: meta('m2') });
    assert.deepEqual(versionsOf(m).all.map((v) => v.text), ['first', 'second']);
  });

  it('shows any version in place, keeping the order and every other version', () => {
    const m = answer();
    startNewVersion(m);
    Object.assign(m, { text: 'second', status: 'error', error: { code: 'network', message: 'cut', action: 'retry', providerId: 'openai' } });
    startNewVersion(m);
    Object.assign(m, { text: 'third', status: 'done', meta: meta('m3') });
    assert.ok(showVersion(m, 0));
    assert.deepEqual([m.text, m.thinking, m.meta?.model, m.error, versionLabel(m)], ['first', 'hmm', 'm1', undefined, { index: 0, count: 3 }]);
    assert.ok(showVersion(m, 1));
    assert.deepEqual([m.text, m.status, m.error?.message, m.meta, m.thinking], ['second', 'error', 'cut', undefined, undefined]);
    assert.deepEqual(versionsOf(m).all.map((v) => v.text), ['first', 'second', 'third'], 'the order never changes');
    assert.equal(showVersion(m, 3), false);
    assert.equal(showVersion(m, -1), false);
    assert.ok(showVersion(m, 2));
    assert.equal(m.text, 'third');
  });

  it(`keeps at most ${MAX_ANSWER_VERSIONS} versions; an edited question drops them`, () => {
    const m = answer();
    for (let i = 1; i < MAX_ANSWER_VERSIONS; i++) {
      assert.ok(startNewVersion(m));
      m.text = `v${i}`;
      m.status = 'done';
    }
    assert.equal(startNewVersion(m), false, 'the eleventh is refused; nothing changed');
    assert.equal(m.text, `v${MAX_ANSWER_VERSIONS - 1}`);
    assert.deepEqual(versionLabel(m), { index: MAX_ANSWER_VERSIONS - 1, count: MAX_ANSWER_VERSIONS });
    dropVersions(m);
    assert.equal(versionLabel(m), undefined);
  });
});
