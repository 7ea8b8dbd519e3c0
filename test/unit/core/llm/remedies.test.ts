import { strict as assert } from 'node:assert';
import { remedyFor } from '../../../../src/core/llm/remedies';

describe('remedies: what the user can do about a failed request', () => {
  it('maps each error code to one remedy, the same for the panel and Edit Selection', () => {
    assert.deepEqual(remedyFor('auth'), { action: 'setApiKey' });
    assert.deepEqual(remedyFor('cancelled'), { action: null });
    assert.deepEqual(remedyFor('budget_exceeded'), { action: 'openSettings', settings: 'budget' });
    assert.deepEqual(remedyFor('quota_exhausted'), { action: 'openSettings', settings: 'fallback' });
    assert.deepEqual(remedyFor('not_found'), { action: 'openSettings', settings: 'endpoints' });
    assert.deepEqual(remedyFor('answer_too_long'), { action: 'openSettings', settings: 'maxAnswerCharacters' });
    for (const code of ['rate_limit', 'overloaded', 'server', 'network', 'timeout', 'unknown']) assert.deepEqual(remedyFor(code), { action: 'retry' }, code);
  });
});
