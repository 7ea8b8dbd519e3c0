import { strict as assert } from 'node:assert';
import { chatInformation, lmModelId, UNKNOWN_CONTEXT_WINDOW, UNKNOWN_MAX_OUTPUT } from '../../../../src/features/vscodeChat/lmModels';

describe('VS Code chat: the models the picker lists', () => {
  it('gives a catalogue model its real limits, tools, images and price', () => {
    const info = chatInformation({ id: 'anthropic', label: 'Anthropic', kind: 'anthropic' }, {
      providerId: 'anthropic', id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', contextWindow: 200_000, maxOutputTokens: 64_000, price: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, imageInput: true,
    });
    assert.equal(info.id, 'anthropic::claude-sonnet-4-5');
    assert.equal(info.maxOutputTokens, 64_000);
    assert.equal(info.maxInputTokens, 136_000);
    assert.deepEqual(info.capabilities, { toolCalling: true, imageInput: true });
    assert.equal(info.detail, 'Anthropic · Switchboard');
    assert.match(info.tooltip!, /\$3 in \/ \$15 out per 1M tokens, cached input \$0\.3/);
  });

  it('assumes documented defaults for a gateway model it knows nothing of, and no image input', () => {
    const info = chatInformation({ id: 'compat:ollama', label: 'Ollama', kind: 'openai-compatible' }, { providerId: 'compat:ollama', id: 'llama3.2', label: 'llama3.2' });
    assert.equal(info.maxOutputTokens, UNKNOWN_MAX_OUTPUT);
    assert.equal(info.maxInputTokens, UNKNOWN_CONTEXT_WINDOW - UNKNOWN_MAX_OUTPUT);
    assert.equal(info.capabilities.imageInput, false);
    assert.equal(info.capabilities.toolCalling, true);
    assert.match(info.tooltip!, /price unknown/);
  });

  it("caps OpenAI's tools at its documented 128 and never lets output take more than half a small window", () => {
    const info = chatInformation({ id: 'openai', label: 'OpenAI', kind: 'openai' }, { providerId: 'openai', id: 'tiny', label: 'tiny', contextWindow: 8_000, maxOutputTokens: 16_000 });
    assert.equal(info.capabilities.toolCalling, 128);
    assert.equal(info.maxOutputTokens, 4_000);
    assert.equal(info.maxInputTokens, 4_000);
  });

  it('keeps ids unique across providers even for the same model id', () => {
    assert.notEqual(lmModelId('compat:a', 'x/y'), lmModelId('compat:b', 'x/y'));
  });
});
