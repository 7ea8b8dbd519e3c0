// Prices an endpoint publishes (issue 18): OpenRouter's per-token strings and LiteLLM's per-token
// numbers become USD per 1M tokens exactly; anything that is not a plausible price is dropped, never
// a crash; and a published price sits between the user's override and the dated catalogue.
import { strict as assert } from 'node:assert';
import { liteLLMModelInfo, openRouterModel, perMillion, withModelInfo } from '../../../../src/core/models/endpointPrices';
import { cleanLiveModel } from '../../../../src/core/models/liveModels';
import { resolveModels } from '../../../../src/core/models/resolvedModel';
import { liteLLMModelInfo as fakeModelInfo, openRouterModelList } from '../../../fakes/wire/gateways';

describe('endpointPrices: prices published by OpenRouter and LiteLLM', () => {
  it('converts per-token prices to USD per 1M tokens exactly (no float dust)', () => {
    assert.equal(perMillion('0.000003'), 3);
    assert.equal(perMillion('0.000015'), 15);
    assert.equal(perMillion('0.00000015'), 0.15);
    assert.equal(perMillion('0.0000003'), 0.3);
    assert.equal(perMillion('0.00000375'), 3.75);
    assert.equal(perMillion(1.5e-7), 0.15);
    assert.equal(perMillion(7.5e-8), 0.075);
    assert.equal(perMillion('0'), 0);
    assert.equal(perMillion(' 1e-6 '), 1);
  });

  it('drops non-numeric, negative, infinite and absurd prices', () => {
    for (const bad of ['abc', '-1', -1, '', '0x10', '1,5', NaN, Infinity, '1e9', 0.5, null, undefined, {}, [], true]) {
      assert.equal(perMillion(bad), undefined, `price ${String(bad)}`);
    }
  });

  it("reads OpenRouter's model list: price, cache prices, context and output limit; the router's -1 is no price", () => {
    const data = (openRouterModelList() as { data: unknown[] }).data.map(openRouterModel);
    assert.deepEqual(data[0], {
      id: 'anthropic/claude-sonnet-4.5',
      label: 'Anthropic: Claude Sonnet 4.5',
      contextWindow: 1_000_000,
      maxOutputTokens: 64_000,
      price: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
      imageInput: true,
    });
    assert.equal(data[2]!.imageInput, false, 'input_modalities without "image"');
    assert.equal(openRouterModel({ id: 'q', architecture: { modality: 'text->text' } }).imageInput, undefined, 'no list: nobody says');
    assert.deepEqual(data[1]!.price, { input: 0.15, output: 0.6, cachedInput: 0.075 });
    assert.deepEqual(data[2]!.price, { input: 0, output: 0 });
    assert.equal(data[2]!.maxOutputTokens, undefined, 'max_completion_tokens null');
    assert.equal(data[3]!.price, undefined, 'openrouter/auto publishes -1');
  });

  it('survives garbage entries: an unreadable price or limit leaves the id, a non-object leaves nothing usable', () => {
    assert.deepEqual(openRouterModel({ id: 'x', pricing: { prompt: 'free', completion: '0.000001' }, context_length: -5, top_provider: 'big' }), { id: 'x' });
    assert.deepEqual(openRouterModel({ id: 'y', pricing: { prompt: '0.000001', completion: '0.000002', input_cache_read: 'NaN' } }), { id: 'y', price: { input: 1, output: 2 } });
    assert.equal(cleanLiveModel(openRouterModel(null)), undefined);
    assert.equal(cleanLiveModel(openRouterModel(42)), undefined);
    assert.deepEqual(cleanLiveModel({ id: 'z', price: { input: -1, output: 2 } }), { id: 'z' }, 'a cached list cannot smuggle a bad price in');
    assert.deepEqual(cleanLiveModel({ id: 'z', price: { input: 1, output: 2, cachedInput: 0.1 } }), { id: 'z', price: { input: 1, output: 2, cachedInput: 0.1 } });
  });

  it("reads LiteLLM's /model/info: name → price, limits and route; junk bodies give nothing", () => {
    const info = liteLLMModelInfo(fakeModelInfo());
    assert.deepEqual(info.get('team-sonnet'), {
      price: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      route: 'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0',
      imageInput: true,
    });
    assert.deepEqual(info.get('gpt-4o-mini')!.price, { input: 0.15, output: 0.6, cachedInput: 0.075 });
    assert.deepEqual(info.get('local-llama'), { route: 'ollama/llama3.2' }, 'supports_vision null: nobody says');
    for (const junk of [null, 'x', { data: 'x' }, { data: [null, 1, { model_name: 5 }, { model_name: '' }] }]) assert.equal(liteLLMModelInfo(junk).size, 0);
    const merged = withModelInfo([{ id: 'team-sonnet' }, { id: 'unknown' }], info);
    assert.deepEqual(merged[0]!.price, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 });
    assert.equal(merged[0]!.imageInput, true, "/model/info's supports_vision");
    assert.deepEqual(merged[1], { id: 'unknown' });
  });

  it('precedence: settings override > endpoint > catalogue, with priceSource saying which', () => {
    const live = [
      { id: 'gpt-4o', price: { input: 9, output: 99 } },
      { id: 'gpt-4o-mini', price: { input: 0.2, output: 0.7 } },
      { id: 'gpt-4.1' },
    ];
    const [overridden, endpoint, catalogue] = resolveModels('openai', 'openai', live, { 'gpt-4o': { input: 1, output: 2 } });
    assert.deepEqual([overridden!.price, overridden!.priceSource], [{ input: 1, output: 2 }, 'settings']);
    assert.deepEqual([endpoint!.price, endpoint!.priceSource], [{ input: 0.2, output: 0.7 }, 'endpoint']);
    assert.equal(catalogue!.priceSource, 'catalogue');
    const [compat] = resolveModels('compat:openrouter', 'openai-compatible', [{ id: 'anthropic/claude-sonnet-4.5', price: { input: 3, output: 15 } }]);
    assert.deepEqual([compat!.price, compat!.priceSource], [{ input: 3, output: 15 }, 'endpoint']);
  });
});
