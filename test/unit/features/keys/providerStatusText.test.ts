import { strict as assert } from 'node:assert';
import type { ProviderStatus } from '../../../../src/features/keys/providerService';
import type { EndpointSetting } from '../../../../src/host/settingsSchema';
import { describeStatus } from '../../../../src/features/keys/providerStatusText';

const builtIn = (over: Partial<ProviderStatus> = {}): ProviderStatus => ({
  entry: { id: 'openai', kind: 'openai', label: 'OpenAI', needsKey: true },
  hasKey: true,
  maskedKey: 'sk-…1234',
  ready: true,
  ...over,
});

describe('provider status text', () => {
  it('says when a provider was never tested and has no default model', () => {
    assert.equal(describeStatus(builtIn(), undefined), 'not tested · default model: none yet');
  });

  it('gives the last test result and when it ran', () => {
    const at = Date.UTC(2025, 0, 2, 3, 4, 5);
    const when = new Date(at).toLocaleString();
    assert.equal(describeStatus(builtIn({ lastTest: { ok: true, at, message: 'ok' } }), 'gpt-4o'), `last test OK ${when} · default model: gpt-4o`);
    assert.equal(
      describeStatus(builtIn({ lastTest: { ok: false, at, code: 'auth', message: 'bad key' } }), 'gpt-4o'),
      `last test failed (auth) ${when} · default model: gpt-4o`,
    );
  });

  it('puts an endpoint’s URL first: the base URL, else the Azure resource', () => {
    const compat = builtIn({
      entry: { id: 'compat:ollama', kind: 'openai-compatible', label: 'Ollama', needsKey: false, endpoint: endpoint({ baseUrl: 'http://localhost:11434/v1' }) },
    });
    assert.equal(describeStatus(compat, 'llama3'), 'http://localhost:11434/v1 · not tested · default model: llama3');
    const azure = builtIn({
      entry: {
        id: 'compat:azure',
        kind: 'azure-openai',
        label: 'Azure',
        needsKey: true,
        endpoint: endpoint({ kind: 'azure-openai', azure: { endpoint: 'https://r.openai.azure.com', deployment: 'd', apiVersion: '2024-10-21' } }),
      },
    });
    assert.equal(describeStatus(azure, undefined), 'https://r.openai.azure.com · not tested · default model: none yet');
  });
});

function endpoint(over: Partial<EndpointSetting>): EndpointSetting {
  return { name: 'x', kind: 'openai-compatible', needsKey: false, headers: {}, models: [], ...over };
}
