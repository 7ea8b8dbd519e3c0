// Which endpoints are gateways (issue 18): OpenRouter by host, LiteLLM by its preset's name.
import { strict as assert } from 'node:assert';
import { ENDPOINT_PRESETS, endpointGateway } from '../../../../src/features/keys/endpointPresets';

describe('endpointPresets: gateways', () => {
  it('the OpenRouter and LiteLLM presets are marked as gateways, no other', () => {
    assert.deepEqual(ENDPOINT_PRESETS.filter((p) => p.gateway).map((p) => [p.name, p.gateway]), [['OpenRouter', 'openrouter'], ['LiteLLM', 'litellm']]);
  });

  it('detects OpenRouter by host and LiteLLM by name', () => {
    assert.equal(endpointGateway({ name: 'My router', baseUrl: 'https://openrouter.ai/api/v1' }), 'openrouter');
    assert.equal(endpointGateway({ name: 'LiteLLM', baseUrl: 'http://localhost:4000/v1' }), 'litellm');
    assert.equal(endpointGateway({ name: 'team litellm proxy', baseUrl: 'https://llm.example.com' }), 'litellm');
    assert.equal(endpointGateway({ name: 'Ollama', baseUrl: 'http://localhost:11434/v1' }), undefined);
    assert.equal(endpointGateway({ name: 'Evil', baseUrl: 'https://openrouter.ai.example.com/v1' }), undefined);
    assert.equal(endpointGateway({ name: 'x', baseUrl: 'not a url' }), undefined);
  });
});
