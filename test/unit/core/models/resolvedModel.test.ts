import { strict as assert } from 'node:assert';
import { resolveModel, resolveModels } from '../../../../src/core/models/resolvedModel';
import type { CatalogueModel } from '../../../../src/core/llm/types';

describe('resolved models (live list + catalogue + price overrides, merged once)', () => {
  const tiny: CatalogueModel[] = [
    { id: 'alpha', provider: 'openai', label: 'Alpha', contextWindow: 100_000, maxOutputTokens: 4000, price: { input: 1, output: 2 }, imageInput: true },
    { id: 'beta', provider: 'openai', label: 'Beta', contextWindow: 50_000, price: { input: 3, output: 4, cachedInput: 1 }, imageInput: true },
    { id: 'alpha', provider: 'gemini', label: 'G Alpha', contextWindow: 1, price: { input: 9, output: 9 }, imageInput: false },
  ];
  const resolve = (live: { id: string; label?: string; contextWindow?: number; imageInput?: boolean }[], kind: 'openai' | 'gemini' | 'openai-compatible' = 'openai', overrides = {}) =>
    resolveModels('p', kind, live, overrides, tiny);

  it('keeps the live list (order, ids), fills in from the catalogue, leaves unknowns unpriced', () => {
    const merged = resolve([{ id: 'zeta' }, { id: 'alpha-2025-01-01' }, { id: 'beta', contextWindow: 60_000, label: 'Live Beta' }]);
    assert.deepEqual(merged, [
      { providerId: 'p', id: 'zeta', label: 'zeta' },
      { providerId: 'p', id: 'alpha-2025-01-01', label: 'alpha-2025-01-01', contextWindow: 100_000, maxOutputTokens: 4000, price: { input: 1, output: 2 }, priceSource: 'catalogue', imageInput: true },
      { providerId: 'p', id: 'beta', label: 'Live Beta', contextWindow: 60_000, price: { input: 3, output: 4, cachedInput: 1 }, priceSource: 'catalogue', imageInput: true },
    ]);
    assert.ok(!('price' in merged[0]!), 'no price key at all, not 0');
  });

  it('uses the catalogue label only for an exact id', () => {
    assert.equal(resolve([{ id: 'alpha' }])[0]!.label, 'Alpha');
  });

  it('drops duplicates (live list + configured extras)', () => {
    assert.deepEqual(resolve([{ id: 'alpha' }, { id: 'alpha' }, { id: '' }]).map((m) => m.id), ['alpha']);
  });

  it("with an empty live list offers the provider's catalogue models", () => {
    assert.deepEqual(resolve([]).map((m) => m.id), ['alpha', 'beta']);
    assert.deepEqual(resolve([], 'gemini').map((m) => m.label), ['G Alpha']);
    assert.deepEqual(resolve([], 'openai-compatible'), []);
  });

  it('never prices models of a compatible endpoint, even with a familiar id', () => {
    assert.deepEqual(resolve([{ id: 'alpha' }], 'openai-compatible'), [{ providerId: 'p', id: 'alpha', label: 'alpha' }]);
  });

  it("applies the user's price override, exact id only, also to unknown models", () => {
    const overrides = { alpha: { input: 5, output: 6 }, llama: { input: 0, output: 0 } };
    assert.deepEqual(resolve([{ id: 'alpha' }, { id: 'alpha-2025-01-01' }], 'openai', overrides).map((m) => m.price), [{ input: 5, output: 6 }, { input: 1, output: 2 }]);
    assert.deepEqual(resolve([{ id: 'llama' }], 'openai-compatible', overrides)[0]!.price, { input: 0, output: 0 }, 'a free local model is $0 because the user said so');
    assert.equal(resolve([{ id: 'toString' }], 'openai-compatible', overrides)[0]!.price, undefined, 'no prototype lookups');
  });

  it('resolves a single id the same way (a fallback or a stale selection)', () => {
    assert.deepEqual(resolveModel('openai', 'openai', 'gpt-4o-2024-08-06').price, { input: 2.5, cachedInput: 1.25, output: 10 });
    assert.deepEqual(resolveModel('openai', 'openai', 'gpt-4o', { 'gpt-4o': { input: 1, output: 1 } }).price, { input: 1, output: 1 });
    assert.equal(resolveModel('compat:x', 'openai-compatible', 'gpt-4o').price, undefined);
  });

  it('returns copies: changing a resolved price does not change the catalogue or the overrides', () => {
    const overrides = { beta: { input: 7, output: 8 } };
    const [alpha, beta] = resolve([{ id: 'alpha' }, { id: 'beta' }], 'openai', overrides);
    alpha!.price!.input = 999;
    beta!.price!.input = 999;
    assert.equal(tiny[0]!.price.input, 1);
    assert.equal(overrides.beta.input, 7);
  });

  it('carries the catalogue\'s reasoning flag; a model the catalogue does not know has none (issue 16)', async () => {
    const { toUiModel } = await import('../../../../src/features/chat/presenter');
    const models = resolveModels('openai', 'openai', [{ id: 'gpt-5-mini-2025-08-07' }, { id: 'gpt-4o' }, { id: 'my-finetune' }]);
    assert.deepEqual(models.map((m) => m.reasoning), ['effort', undefined, undefined]);
    assert.deepEqual(models.map((m) => toUiModel(m).reasoning), [true, undefined, undefined]);
    assert.ok(!('reasoning' in toUiModel(models[1]!)), 'no key at all for a model that does not reason');
    assert.equal(resolveModel('anthropic', 'anthropic', 'claude-opus-4-7').reasoning, 'adaptive');
    assert.equal(resolveModels('c', 'openai-compatible', [{ id: 'gpt-5' }])[0]!.reasoning, undefined, 'gateways get no effort control');
  });

  it('takes images: the live list says so first, else the catalogue; nobody saying is no key (issue 20)', async () => {
    const { toUiModel } = await import('../../../../src/features/chat/presenter');
    const [listed, fromCatalogue, textOnly] = resolve([{ id: 'zeta', imageInput: true }, { id: 'alpha' }, { id: 'alpha-mini', imageInput: false }]);
    assert.deepEqual([listed!.imageInput, fromCatalogue!.imageInput, textOnly!.imageInput], [true, true, false]);
    assert.equal(resolve([{ id: 'alpha' }], 'gemini')[0]!.imageInput, false, "the catalogue's false");
    assert.ok(!('imageInput' in resolve([{ id: 'alpha' }], 'openai-compatible')[0]!));
    assert.deepEqual([toUiModel(textOnly!).images, 'images' in toUiModel(listed!)], [false, false], 'the panel hears only a no');
    assert.ok(resolveModels('openai', 'openai', []).every((m) => m.imageInput), 'every catalogue model takes images');
  });
});
