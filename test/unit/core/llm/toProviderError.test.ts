import { strict as assert } from 'node:assert';
import { ProviderError, type ErrorContext } from '../../../../src/core/llm/errors';
import { networkErrorCode, toProviderError } from '../../../../src/core/llm/toProviderError';

const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', secrets: ['my-plain-secret-value'] };

describe('toProviderError: SDK-shaped and network errors', () => {
  it('reads OpenAI- and Anthropic-shaped SDK errors by duck typing', () => {
    const openaiLike = { status: 429, headers: new Headers({ 'retry-after': '4' }), error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } };
    const e = toProviderError(openaiLike, ctx);
    assert.equal(e.code, 'rate_limit');
    assert.equal(e.retryAfterMs, 4000);
    const anthropicLike = { status: 529, headers: new Headers(), error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    assert.equal(toProviderError(anthropicLike, ctx).code, 'overloaded');
    const midStream = { status: undefined, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    assert.equal(toProviderError(midStream, ctx).code, 'overloaded');
  });

  it('finds socket errors anywhere in the cause chain', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    assert.equal(networkErrorCode(refused), 'ECONNREFUSED');
    const wrapped = Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: refused });
    const e = toProviderError(wrapped, ctx);
    assert.equal(e.code, 'network');
    assert.match(e.message, /Could not reach OpenAI \(ECONNREFUSED\)/);
    const mid = toProviderError(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), ctx, { midStream: true });
    assert.equal(mid.code, 'network');
    assert.match(mid.message, /lost before the answer was complete/);
    assert.equal(networkErrorCode(new Error('something else')), undefined);
  });

  it('SyntaxError → server (malformed); anything else → unknown, redacted', () => {
    assert.equal(toProviderError(new SyntaxError('Unexpected token'), ctx).code, 'server');
    const other = toProviderError(new Error('weird my-plain-secret-value'), ctx);
    assert.equal(other.code, 'unknown');
    assert.ok(!other.message.includes('my-plain-secret-value'));
    const same = new ProviderError({ code: 'auth', providerId: 'x', message: 'y' });
    assert.equal(toProviderError(same, ctx), same);
  });
});
