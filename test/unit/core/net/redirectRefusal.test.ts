import { strict as assert } from 'node:assert';
import { CrossOriginRedirectError, findRedirectRefusal } from '../../../../src/core/net/redirectRefusal';
import { toProviderError } from '../../../../src/core/llm/toProviderError';

const refusal = new CrossOriginRedirectError(new URL('https://api.example.com/v1'), new URL('https://evil.example/x'));
const MESSAGE = 'api.example.com redirected to evil.example; Switchboard does not send your key to another host. Check the base URL.';

describe('core/net/redirectRefusal', () => {
  it('names both hosts', () => {
    assert.equal(refusal.message, MESSAGE);
  });

  it('is found as itself, in a cause chain (openai/Anthropic SDKs) and in Gemini\'s message', () => {
    assert.equal(findRedirectRefusal(refusal), MESSAGE);
    assert.equal(findRedirectRefusal(new Error('Connection error.', { cause: new TypeError('x', { cause: refusal }) })), MESSAGE);
    assert.equal(findRedirectRefusal(new Error(`[GoogleGenerativeAI Error]: Error fetching from https://api.example.com/v1beta/models/m:streamGenerateContent?alt=sse: ${MESSAGE}`)), MESSAGE);
    assert.equal(findRedirectRefusal(new Error('fetch failed')), undefined);
  });

  it('becomes a bad_request ProviderError (not retried, not a network error)', () => {
    const e = toProviderError(new Error('Connection error.', { cause: refusal }), { providerId: 'gemini', label: 'Google Gemini' });
    assert.equal(e.code, 'bad_request');
    assert.equal(e.providerCode, 'cross_origin_redirect');
    assert.equal(e.message, `Google Gemini: ${MESSAGE}`);
  });
});
