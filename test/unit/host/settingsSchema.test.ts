import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseSettings, settingSchemas, type SettingKey } from '../../../src/host/settingsSchema';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;

describe('settings schema', () => {
  it('covers exactly the settings the manifest contributes, with the same defaults', () => {
    const declared = Object.keys(properties).map((k) => k.replace(/^switchboard\./, '')).sort();
    assert.deepEqual(declared, Object.keys(settingSchemas).sort());
    const { settings, problems } = parseSettings(() => undefined);
    assert.deepEqual(problems, []);
    for (const key of declared as SettingKey[]) {
      assert.deepEqual(settings[key], properties[`switchboard.${key}`]!.default, key);
    }
  });

  it('falls back to the default for a bad value and names the setting', () => {
    const values: Partial<Record<SettingKey, unknown>> = {
      maxOutputTokens: 'lots',
      temperature: 7,
      'budget.mode': 'strict',
      'openai.baseUrl': 'not a url',
      'retry.maxAttempts': 3,
    };
    const { settings, problems } = parseSettings((k) => values[k]);
    assert.equal(settings.maxOutputTokens, 4096);
    assert.equal(settings.temperature, null);
    assert.equal(settings['budget.mode'], 'soft');
    assert.equal(settings['openai.baseUrl'], '');
    assert.equal(settings['retry.maxAttempts'], 3, 'valid values are kept');
    assert.deepEqual(problems.map((p) => p.key).sort(), [
      'switchboard.budget.mode',
      'switchboard.maxOutputTokens',
      'switchboard.openai.baseUrl',
      'switchboard.temperature',
    ]);
  });

  it('keeps valid endpoints when one is invalid or duplicated', () => {
    const endpoints = [
      { name: 'ollama', baseUrl: 'http://localhost:11434/v1', needsKey: false },
      { name: 'broken', baseUrl: 42 },
      { name: 'Ollama', baseUrl: 'http://localhost:11435/v1' },
      { name: 'azure', kind: 'azure-openai', azure: { endpoint: 'https://x.openai.azure.com', deployment: 'gpt4o', apiVersion: '2024-10-21' } },
      { name: 'azure-missing', kind: 'azure-openai' },
    ];
    const { settings, problems } = parseSettings((k) => (k === 'endpoints' ? endpoints : undefined));
    assert.deepEqual(settings.endpoints.map((e) => e.name), ['ollama', 'azure']);
    assert.equal(settings.endpoints[0]!.needsKey, false);
    assert.deepEqual(settings.endpoints[0]!.headers, {});
    assert.deepEqual(problems.map((p) => p.key), ['switchboard.endpoints[1]', 'switchboard.endpoints[2]', 'switchboard.endpoints[4]']);
  });

  it('never throws, whatever the configuration holds', () => {
    const junk: unknown[] = [null, 0, -1, 'x', [], {}, { __proto__: { a: 1 } }, [[1]], Number.NaN, true];
    for (const value of junk) {
      assert.doesNotThrow(() => parseSettings(() => value));
    }
  });
});
