import { strict as assert } from 'node:assert';
import { CATALOGUE, CATALOGUE_PRICES_AS_OF, CATALOGUE_SOURCES, findCatalogueModel } from '../../../../src/core/pricing/catalogue';

describe('catalogue', () => {
  it('is dated and names its sources', () => {
    assert.match(CATALOGUE_PRICES_AS_OF, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(!Number.isNaN(Date.parse(CATALOGUE_PRICES_AS_OF)));
    assert.deepEqual(CATALOGUE_SOURCES.map((s) => s.provider).sort(), ['anthropic', 'gemini', 'openai']);
  });

  it('covers the well-known families of all three providers', () => {
    for (const id of ['gpt-5', 'gpt-5-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini']) assert.ok(findCatalogueModel('openai', id), id);
    for (const id of ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-3-5-haiku']) assert.ok(findCatalogueModel('anthropic', id), id);
    for (const id of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite']) assert.ok(findCatalogueModel('gemini', id), id);
  });

  it('every entry is well-formed: unique ids, positive prices, cache reads cheaper than input', () => {
    const seen = new Set<string>();
    for (const m of CATALOGUE) {
      const key = `${m.provider}/${m.id}`;
      assert.ok(!seen.has(key), `duplicate ${key}`);
      seen.add(key);
      assert.ok(m.contextWindow >= 8192, key);
      assert.ok(m.price.input > 0 && m.price.output > 0, key);
      assert.ok(m.price.output >= m.price.input, `${key}: output is never cheaper than input`);
      if (m.price.cachedInput !== undefined) assert.ok(m.price.cachedInput < m.price.input, key);
      if (m.price.cacheWrite !== undefined) assert.ok(m.price.cacheWrite > m.price.input, `${key}: cache writes cost more than input`);
      assert.equal(m.provider === 'anthropic', m.price.cacheWrite !== undefined, `${key}: only Anthropic has cache-write prices`);
    }
  });

  it('carries the published prices for a few anchors', () => {
    assert.deepEqual(findCatalogueModel('openai', 'gpt-4o-mini')!.price, { input: 0.15, cachedInput: 0.075, output: 0.6 });
    assert.deepEqual(findCatalogueModel('anthropic', 'claude-sonnet-4-5')!.price, { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 });
    assert.deepEqual(findCatalogueModel('gemini', 'gemini-2.5-pro')!.price, { input: 1.25, cachedInput: 0.125, output: 10 });
  });

  it('matches dated and versioned ids to their family, never a neighbouring family', () => {
    assert.equal(findCatalogueModel('anthropic', 'claude-sonnet-4-5-20250929')?.id, 'claude-sonnet-4-5');
    assert.equal(findCatalogueModel('anthropic', 'claude-3-5-haiku-20241022')?.id, 'claude-3-5-haiku');
    assert.equal(findCatalogueModel('anthropic', 'claude-3-5-haiku-latest')?.id, 'claude-3-5-haiku');
    assert.equal(findCatalogueModel('anthropic', 'claude-sonnet-4-20250514')?.id, 'claude-sonnet-4');
    assert.equal(findCatalogueModel('anthropic', 'claude-sonnet-4-0')?.id, 'claude-sonnet-4');
    assert.equal(findCatalogueModel('openai', 'gpt-4o-2024-08-06')?.id, 'gpt-4o');
    assert.equal(findCatalogueModel('openai', 'gpt-4o-mini-2024-07-18')?.id, 'gpt-4o-mini');
    assert.equal(findCatalogueModel('openai', 'gpt-4.1-2025-04-14')?.id, 'gpt-4.1');
    assert.equal(findCatalogueModel('openai', 'o4-mini-2025-04-16')?.id, 'o4-mini');
    assert.equal(findCatalogueModel('gemini', 'models/gemini-2.5-flash')?.id, 'gemini-2.5-flash');
    assert.equal(findCatalogueModel('gemini', 'gemini-2.0-flash-001')?.id, 'gemini-2.0-flash');
    assert.equal(findCatalogueModel('gemini', 'gemini-2.5-flash-preview-05-20')?.id, 'gemini-2.5-flash');
    // Near misses stay unknown.
    assert.equal(findCatalogueModel('openai', 'gpt-4o-audio-preview'), undefined);
    assert.equal(findCatalogueModel('openai', 'gpt-4'), undefined);
    assert.equal(findCatalogueModel('gemini', 'gemini-2.5-flash-image'), undefined);
    assert.equal(findCatalogueModel('anthropic', 'gpt-4o'), undefined, 'catalogues do not cross providers');
    assert.equal(findCatalogueModel('openai-compatible', 'gpt-4o'), undefined, 'gateways price their own models');
    assert.equal(findCatalogueModel('azure-openai', 'gpt-4o'), undefined);
  });

  it('says which models reason and how they take an effort (issue 16)', () => {
    const kind = (p: 'openai' | 'anthropic' | 'gemini', id: string) => findCatalogueModel(p, id)?.reasoning;
    for (const id of ['gpt-5.5', 'gpt-5.4-mini', 'gpt-5', 'gpt-5-nano', 'o3', 'o4-mini']) assert.equal(kind('openai', id), 'effort', id);
    for (const id of ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini']) assert.equal(kind('openai', id), undefined, id);
    // Claude 4.5 and earlier: the budget form; 4.6 and later: adaptive (4.7+ reject the budget form).
    for (const id of ['claude-opus-4-5', 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5', 'claude-sonnet-4']) assert.equal(kind('anthropic', id), 'budget', id);
    for (const id of ['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-opus-5-5', 'claude-fable-5-1']) assert.equal(kind('anthropic', id), 'adaptive', id);
    assert.equal(kind('anthropic', 'claude-3-5-haiku'), undefined);
    for (const id of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite']) assert.equal(kind('gemini', id), 'budget', id);
    for (const id of ['gemini-2.0-flash', 'gemini-2.0-flash-lite']) assert.equal(kind('gemini', id), undefined, id);
  });
});
