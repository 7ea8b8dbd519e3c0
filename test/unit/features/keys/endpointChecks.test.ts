import { strict as assert } from 'node:assert';
import {
  checkAzureApiVersion,
  checkEndpointName,
  checkHeaderList,
  checkRequired,
  checkUrl,
  takenEndpointNames,
} from '../../../../src/features/keys/endpointChecks';

describe('endpoint checks', () => {
  it('accepts http and https URLs only', () => {
    assert.equal(checkUrl('http://localhost:11434/v1'), undefined);
    assert.equal(checkUrl('  https://api.groq.com/openai/v1  '), undefined);
    assert.equal(checkUrl('ftp://example.com'), 'Use an http:// or https:// URL.');
    assert.equal(checkUrl('localhost:11434'), 'Use an http:// or https:// URL.', 'parsed as a "localhost:" scheme');
    assert.equal(checkUrl('https://'), 'Not a valid URL.');
    assert.equal(checkUrl(''), 'Not a valid URL.');
  });

  it('checks a name against its shape and the names taken, ignoring case and spaces around it', () => {
    const taken = new Set(['ollama']);
    assert.equal(checkEndpointName('LM Studio', taken), undefined);
    assert.equal(checkEndpointName(' my-proxy_2.0 ', taken), undefined);
    assert.equal(checkEndpointName('  OLLAMA ', taken), 'An endpoint with that name exists.');
    assert.equal(checkEndpointName('', taken), 'Use 1–40 letters, digits, spaces, dots or dashes.');
    assert.equal(checkEndpointName('x'.repeat(41), taken), 'Use 1–40 letters, digits, spaces, dots or dashes.');
    assert.equal(checkEndpointName('a/b', taken), 'Use 1–40 letters, digits, spaces, dots or dashes.');
  });

  it('lists the taken names leniently, leaving out the one being edited', () => {
    const raw: unknown[] = [{ name: 'Ollama' }, { name: 'LiteLLM' }, { name: 7 }, null, 'Groq', {}];
    assert.deepEqual([...takenEndpointNames(raw)], ['ollama', 'litellm']);
    assert.deepEqual([...takenEndpointNames(raw, 'OLLAMA')], ['litellm']);
    assert.deepEqual([...takenEndpointNames([])], []);
  });

  it('requires a deployment name', () => {
    assert.equal(checkRequired('gpt-4o'), undefined);
    assert.equal(checkRequired('   '), 'Required.');
  });

  it('accepts an Azure API version as a date, optionally -preview', () => {
    assert.equal(checkAzureApiVersion('2024-10-21'), undefined);
    assert.equal(checkAzureApiVersion(' 2025-01-01-preview '), undefined);
    assert.equal(checkAzureApiVersion('2024-10'), 'Like 2024-10-21.');
    assert.equal(checkAzureApiVersion('v1'), 'Like 2024-10-21.');
  });

  it('passes on the header list parser’s message', () => {
    assert.equal(checkHeaderList(''), undefined);
    assert.equal(checkHeaderList('X-Title: Switchboard; HTTP-Referer: https://example.com'), undefined);
    assert.match(checkHeaderList('no colon here')!, /is not "Name: value"/);
    assert.match(checkHeaderList('Authorization: Bearer x')!, /put the key in SecretStorage: Switchboard: Set API Key/);
  });

  it('refuses non-http(s) URLs and credentials in the URL (issue 15)', () => {
    assert.match(checkUrl('file:///etc/passwd')!, /http/);
    assert.match(checkUrl('javascript:alert(1)')!, /http/);
    assert.match(checkUrl('https://user:pass@gw.example/v1')!, /SecretStorage/);
    assert.equal(checkUrl('https://gw.example/v1'), undefined);
  });

  it('refuses key-like header names in the header list', () => {
    for (const name of ['Proxy-Authorization', 'api-key', 'X-Auth-Token', 'X-Client-Secret', 'Cookie', 'x-goog-api-key']) {
      assert.match(checkHeaderList(`${name}: v`)!, /put the key in SecretStorage: Switchboard: Set API Key/, name);
    }
    assert.equal(checkHeaderList('X-Title: Switchboard'), undefined);
  });
});
