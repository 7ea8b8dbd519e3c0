import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { providerKinds, createAdapter } from '../../../../src/core/providers/registry';
import { isProviderError } from '../../../../src/core/llm/errors';
import { readFileSync } from 'node:fs';

const root = path.resolve(__dirname, '../../../..');
const SDK = /node_modules[\\/](openai|@anthropic-ai[\\/]sdk|@google[\\/]generative-ai)[\\/]/;

/** Runs `script` in a fresh Node (tsx loaded) and returns the SDK module paths it had loaded. */
function sdkModulesLoadedBy(script: string): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', `${script}\n;`], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const loaded = JSON.parse(out.trim().split('\n').pop()!) as string[];
  return loaded.filter((p) => SDK.test(p));
}

const PRINT_LOADED = 'console.log(JSON.stringify(Object.keys(require.cache)))';

describe('provider registry', function () {
  this.timeout(40_000);

  it('importing registry.ts loads no provider SDK', () => {
    const loaded = sdkModulesLoadedBy(`require('./src/core/providers/registry.ts'); ${PRINT_LOADED}`);
    assert.deepEqual(loaded, []);
  });

  it('creating an adapter loads only that provider\'s SDK (the check above can fail)', () => {
    const loaded = sdkModulesLoadedBy(
      `require('./src/core/providers/registry.ts').createAdapter({ id: 'anthropic', kind: 'anthropic', label: 'A', apiKey: 'sk-ant-xxxxxxxxxx' }).then(() => { ${PRINT_LOADED} })`,
    );
    assert.ok(loaded.some((p) => /@anthropic-ai/.test(p)), 'the Anthropic SDK was loaded');
    assert.ok(!loaded.some((p) => /node_modules[\\/]openai[\\/]|@google/.test(p)), 'and no other SDK');
  });

  it('every kind has its metadata without loading anything', () => {
    assert.deepEqual(Object.keys(providerKinds).sort(), ['anthropic', 'azure-openai', 'gemini', 'openai', 'openai-compatible']);
    for (const [kind, info] of Object.entries(providerKinds)) {
      assert.equal(info.kind, kind);
      assert.ok(info.label.length > 0);
      assert.equal(typeof info.load, 'function');
    }
    assert.equal(providerKinds.openai.needsKey, true);
    assert.equal(providerKinds['openai-compatible'].needsKey, false);
    assert.equal(providerKinds.openai.defaultBaseURL, 'https://api.openai.com/v1');
    assert.ok(providerKinds.gemini.keyUrl?.startsWith('https://'));
  });

  it('key shapes: sk- for OpenAI (not sk-ant-), sk-ant- for Anthropic, AIza for Google', () => {
    const { openai, anthropic, gemini } = providerKinds;
    assert.ok(openai.keyPattern!.test('sk-proj-abc123'));
    assert.ok(!openai.keyPattern!.test('sk-ant-api03-abc'), 'an Anthropic key pasted into OpenAI is caught');
    assert.ok(anthropic.keyPattern!.test('sk-ant-api03-abc'));
    assert.ok(!anthropic.keyPattern!.test('sk-proj-abc'));
    assert.ok(gemini.keyPattern!.test('AIzaSyA-abc'));
    assert.ok(!gemini.keyPattern!.test('sk-abc'));
    assert.equal(providerKinds['openai-compatible'].keyPattern, undefined);
  });

  it('each loader is a literal import(\'./adapter\') in an SDK-free <name>/index.ts the build can rewrite', () => {
    const SDK_IMPORT = /^import .* from '(openai|@anthropic-ai\/sdk|@google\/generative-ai)'/m;
    for (const name of ['openai', 'anthropic', 'gemini', 'compatible', 'azure']) {
      const index = readFileSync(path.join(root, `src/core/providers/${name}/index.ts`), 'utf8');
      assert.ok(index.includes("load: () => import('./adapter')"), name);
      assert.ok(!SDK_IMPORT.test(index), `${name}/index.ts imports no SDK`);
      assert.ok(/export function createAdapter\(/.test(readFileSync(path.join(root, `src/core/providers/${name}/adapter.ts`), 'utf8')), `${name}/adapter.ts`);
    }
    const registry = readFileSync(path.join(root, 'src/core/providers/registry.ts'), 'utf8');
    assert.ok(!SDK_IMPORT.test(registry));
    assert.ok(!/import\(/.test(registry.replace(/^\/\/.*$/gm, '')), 'the registry holds no loader of its own');
  });

  it('createAdapter builds an adapter carrying its config', async () => {
    const config = { id: 'compat:ollama', kind: 'openai-compatible' as const, label: 'Ollama', baseURL: 'http://127.0.0.1:9/v1' };
    const adapter = await createAdapter(config);
    assert.equal(adapter.config, config);
    assert.equal(typeof adapter.stream, 'function');
    assert.equal(typeof adapter.listModels, 'function');
  });

  it('an unknown kind is a normalized error', async () => {
    for (const kind of ['nope', 'constructor', 'toString']) {
      await assert.rejects(createAdapter({ id: 'x', kind: kind as never, label: 'X' }), (e: unknown) => isProviderError(e) && e.code === 'bad_request', kind);
    }
  });
});
