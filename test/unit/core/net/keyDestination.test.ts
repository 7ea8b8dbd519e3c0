import { strict as assert } from 'node:assert';
import { consentKey, isLoopback, keyDestination, keyOrigin } from '../../../../src/core/net/keyDestination';

const OPENAI = 'https://api.openai.com/v1';

describe('core/net/keyDestination', () => {
  it('sends to the provider\'s default host without asking', () => {
    assert.deepEqual(keyDestination({ id: 'openai', apiKey: 'k' }, OPENAI, {}), { kind: 'default', origin: 'https://api.openai.com' });
    assert.equal(keyDestination({ id: 'openai', apiKey: 'k', baseURL: 'https://api.openai.com/v1/' }, OPENAI, {}).kind, 'default');
  });

  it('exempts only localhost, 127.0.0.1 and [::1]; 127.0.0.2 is another host', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:4000', 'http://[::1]:8080/v1']) {
      assert.equal(keyDestination({ id: 'openai', apiKey: 'k', baseURL: url }, OPENAI, {}).kind, 'loopback', url);
    }
    assert.equal(keyDestination({ id: 'openai', apiKey: 'k', baseURL: 'http://127.0.0.2:4000' }, OPENAI, {}).kind, 'ask');
    assert.equal(isLoopback('http://localhost.evil.example'), false);
  });

  it('asks for any other host, then follows the remembered answer per provider and origin', () => {
    const config = { id: 'openai', apiKey: 'k', baseURL: 'https://proxy.corp.example/openai/v1' };
    assert.deepEqual(keyDestination(config, OPENAI, {}), { kind: 'ask', origin: 'https://proxy.corp.example' });
    const key = consentKey('openai', 'https://proxy.corp.example');
    assert.equal(keyDestination(config, OPENAI, { [key]: true }).kind, 'approved');
    assert.equal(keyDestination(config, OPENAI, { [key]: false }).kind, 'declined');
    assert.equal(keyDestination({ ...config, id: 'anthropic' }, 'https://api.anthropic.com', { [key]: true }).kind, 'ask', 'another provider asks again');
    assert.equal(keyDestination({ ...config, baseURL: 'http://proxy.corp.example/v1' }, OPENAI, { [key]: true }).kind, 'ask', 'http is another origin');
  });

  it('Azure and endpoints have no default host: their own host is asked about, keyless ones never', () => {
    const azure = { id: 'compat:azure', apiKey: 'k', azure: { endpoint: 'https://res.openai.azure.com', deployment: 'd', apiVersion: '2024-10-21' } };
    assert.deepEqual(keyDestination(azure, undefined, {}), { kind: 'ask', origin: 'https://res.openai.azure.com' });
    assert.equal(keyDestination({ id: 'compat:x', baseURL: 'https://x.example/v1' }, undefined, {}).kind, 'noKey');
    assert.equal(keyOrigin({ baseURL: 'not a url' }, undefined), undefined);
  });
});
