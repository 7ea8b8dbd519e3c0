import { strict as assert } from 'node:assert';
import { ProviderError, isProviderError } from '../../../../src/core/llm/errors';

describe('errors: ProviderError and isProviderError', () => {
  it('is duck-typed, so an error from another bundle is recognised', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ProviderError', code: 'rate_limit', providerId: 'openai' });
    assert.equal(isProviderError(foreign), true);
    assert.equal(isProviderError(new ProviderError({ code: 'auth', providerId: 'p', message: 'm' })), true);
    assert.equal(isProviderError(new Error('x')), false);
    assert.equal(isProviderError({ name: 'ProviderError' }), false, 'code must be a string');
    assert.equal(isProviderError(null), false);
    assert.equal(isProviderError('ProviderError'), false);
  });

  it('redacts key shapes even when built by hand', () => {
    const e = new ProviderError({ code: 'auth', providerId: 'p', message: 'bad key sk-proj-abcdef123456' });
    assert.ok(!e.message.includes('abcdef123456'));
    assert.equal(e.name, 'ProviderError');
    assert.ok(e instanceof Error);
  });
});
