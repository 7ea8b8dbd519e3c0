import { strict as assert } from 'node:assert';
import { ENV_KEY_NAMES, findEnvKeys } from '../../../../src/features/keys/envKeys';

describe('environment keys', () => {
  it('finds nothing in an empty environment', () => {
    assert.deepEqual(findEnvKeys({}), []);
  });

  it('finds one key per provider, trimmed, in provider order', () => {
    const found = findEnvKeys({ ANTHROPIC_API_KEY: ' sk-ant-abc \n', OPENAI_API_KEY: 'sk-xyz', PATH: '/usr/bin' });
    assert.deepEqual(found, [
      { providerId: 'openai', name: 'OPENAI_API_KEY', key: 'sk-xyz' },
      { providerId: 'anthropic', name: 'ANTHROPIC_API_KEY', key: 'sk-ant-abc' },
    ]);
  });

  it('prefers GEMINI_API_KEY over GOOGLE_API_KEY and falls back to it', () => {
    assert.deepEqual(findEnvKeys({ GEMINI_API_KEY: 'AIza-g', GOOGLE_API_KEY: 'AIza-o' }), [{ providerId: 'gemini', name: 'GEMINI_API_KEY', key: 'AIza-g' }]);
    assert.deepEqual(findEnvKeys({ GEMINI_API_KEY: '   ', GOOGLE_API_KEY: 'AIza-o' }), [{ providerId: 'gemini', name: 'GOOGLE_API_KEY', key: 'AIza-o' }]);
  });

  it('skips blank variables', () => {
    assert.deepEqual(findEnvKeys({ OPENAI_API_KEY: '', ANTHROPIC_API_KEY: ' \t' }), []);
  });

  it('names every variable it checks, for the "none is set" message', () => {
    assert.deepEqual(ENV_KEY_NAMES, ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY']);
  });
});
