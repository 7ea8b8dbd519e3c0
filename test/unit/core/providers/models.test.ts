import { strict as assert } from 'node:assert';
import type { FakeProviders } from '../../../fakes/server';
import { adapterFor, caseNamed, useFakes } from '../../../fakes/adapterHarness';
import { findCatalogueModel } from '../../../../src/core/pricing/catalogue';
import { resolveModels } from '../../../../src/core/models/resolvedModel';

describe('provider adapters: listModels against the fakes, merged with the catalogue', function () {
  this.timeout(10_000);
  let fake!: FakeProviders;
  useFakes((f) => (fake = f));

  it('OpenAI: models.list, chat models only, dated ids priced by their family', async () => {
    const c = caseNamed('openai');
    const live = await (await adapterFor(c, fake)).listModels();
    assert.deepEqual(
      live.map((m) => m.id),
      ['gpt-5', 'gpt-5-mini', 'gpt-4o-2024-08-06', 'ft:gpt-4o-mini:acme::abc123'],
      'the embedding model is filtered out',
    );
    const merged = resolveModels('openai', 'openai', live);
    const dated = merged.find((m) => m.id === 'gpt-4o-2024-08-06')!;
    assert.equal(findCatalogueModel('openai', dated.id)?.id, 'gpt-4o', 'priced by its family');
    assert.deepEqual(dated.price, { input: 2.5, cachedInput: 1.25, output: 10 });
    assert.equal(dated.contextWindow, 128_000);
    assert.equal(merged.find((m) => m.id === 'ft:gpt-4o-mini:acme::abc123')!.price, undefined, 'unknown → no price, never 0');
    const req = fake.requests[0]!;
    assert.equal(req.path, '/v1/models');
    assert.equal(req.headers.authorization, `Bearer ${c.key}`);
  });

  it('Anthropic: models.list follows has_more/after_id across pages', async () => {
    const c = caseNamed('anthropic');
    const live = await (await adapterFor(c, fake)).listModels();
    assert.deepEqual(
      live.map((m) => m.id),
      ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805', 'claude-3-5-haiku-20241022'],
    );
    assert.ok(fake.requests.length >= 2, 'more than one page was fetched');
    assert.equal(fake.requests[1]!.query.after_id, 'claude-opus-4-1-20250805');
    assert.deepEqual(live[0], { id: 'claude-sonnet-4-5-20250929', label: 'Claude Sonnet 4.5', contextWindow: 200_000, maxOutputTokens: 64_000 });
    const merged = resolveModels('anthropic', 'anthropic', live);
    const sonnet = merged.find((m) => m.id === 'claude-sonnet-4-5-20250929')!;
    assert.equal(findCatalogueModel('anthropic', sonnet.id)?.id, 'claude-sonnet-4-5');
    assert.deepEqual(sonnet.price, { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 });
    assert.equal(merged.find((m) => m.id === 'claude-opus-4-1-20250805')!.price, undefined, 'not in the bundled catalogue → unknown');
    assert.equal(findCatalogueModel('anthropic', 'claude-3-5-haiku-20241022')?.id, 'claude-3-5-haiku');
    assert.deepEqual(merged.find((m) => m.id === 'claude-3-5-haiku-20241022')!.price, findCatalogueModel('anthropic', 'claude-3-5-haiku')!.price);
  });

  it('Gemini: GET /v1beta/models with x-goog-api-key, nextPageToken paging, generateContent models only', async () => {
    const c = caseNamed('gemini');
    const live = await (await adapterFor(c, fake)).listModels();
    assert.deepEqual(
      live.map((m) => m.id),
      ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-exp-9999'],
    );
    assert.ok(fake.requests.length >= 3, `paged: ${fake.requests.length} requests`);
    for (const r of fake.requests) {
      assert.equal(r.path, '/v1beta/models');
      assert.equal(r.headers['x-goog-api-key'], c.key);
      assert.equal(r.query.key, undefined, 'the key never goes in the URL');
    }
    assert.equal(fake.requests[1]!.query.pageToken, '2');
    const merged = resolveModels('gemini', 'gemini', live);
    assert.deepEqual(merged.find((m) => m.id === 'gemini-2.5-flash')!.price, { input: 0.3, cachedInput: 0.03, output: 2.5 });
    assert.equal(merged.find((m) => m.id === 'gemini-exp-9999')!.price, undefined);
    assert.equal(merged.find((m) => m.id === 'gemini-exp-9999')!.contextWindow, 1_048_576, 'live context window kept');
  });

  it('OpenAI and Gemini lists drop models that cannot stream a chat answer', async () => {
    fake.enqueue('openai', { models: ['gpt-5.4', 'gpt-5-pro', 'o3-pro', 'gpt-5.1-codex', 'gpt-image-1', 'whisper-1', 'gpt-4o-realtime-preview', 'o4-mini'] });
    // Every page request must see the same list, so it is the default rather than a queued scenario.
    fake.setDefault('gemini', { models: ['gemini-2.5-flash', 'gemini-2.5-flash-preview-tts', 'gemini-2.5-flash-image', 'gemma-3-27b-it'] });
    const openai = await (await adapterFor(caseNamed('openai'), fake)).listModels();
    assert.deepEqual(
      openai.map((m) => m.id),
      ['gpt-5.4', 'o4-mini'],
    );
    const gemini = await (await adapterFor(caseNamed('gemini'), fake)).listModels();
    assert.deepEqual(
      gemini.map((m) => m.id),
      ['gemini-2.5-flash', 'gemma-3-27b-it'],
    );
  });

  it('compatible: the endpoint\'s own list, unfiltered and unpriced (gateways set their own prices)', async () => {
    const c = caseNamed('compatible');
    fake.enqueue('openai', { models: ['llama3.2:latest', 'gpt-4o', 'nomic-embed-text'] });
    const live = await (await adapterFor(c, fake)).listModels();
    assert.deepEqual(
      live.map((m) => m.id),
      ['llama3.2:latest', 'gpt-4o', 'nomic-embed-text'],
    );
    assert.ok(resolveModels('compat:x', 'openai-compatible', live).every((m) => m.price === undefined));
  });

  it('Azure: the configured deployment is the model list, no request needed', async () => {
    const c = caseNamed('azure');
    const live = await (await adapterFor(c, fake)).listModels();
    assert.deepEqual(live, [{ id: 'chat-dep', label: 'chat-dep' }]);
    assert.equal(fake.requests.length, 0);
  });

  it('listModels honours an abort', async () => {
    const c = caseNamed('gemini');
    fake.enqueue('gemini', { firstByteDelayMs: 1000 });
    const abort = new AbortController();
    const pending = (await adapterFor(c, fake)).listModels(abort.signal);
    setTimeout(() => abort.abort(), 50);
    await assert.rejects(pending, (e: Error & { code?: string }) => e.code === 'cancelled');
  });
});
