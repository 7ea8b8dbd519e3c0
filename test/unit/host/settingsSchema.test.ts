import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { BUDGET_USER_ONLY_SETTINGS, KEY_ROUTING_SETTINGS, USER_ONLY_SETTINGS, parseSettings, settingSchemas, type SettingKey } from '../../../src/host/settingsSchema';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const properties: Record<string, { default?: unknown; scope?: string }> = manifest.contributes.configuration.properties;

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

  describe('workspace and conversation budgets (issue 18)', () => {
    it('reads limits per workspace name and one per conversation; none by default', () => {
      const values: Partial<Record<SettingKey, unknown>> = { 'budget.perWorkspace': { 'my-app': { daily: 2, monthly: 30 }, other: { monthly: 5 } }, 'budget.perConversation': 0.5 };
      const { settings, problems } = parseSettings((k) => values[k]);
      assert.deepEqual(problems, []);
      assert.deepEqual(settings['budget.perWorkspace'], { 'my-app': { daily: 2, monthly: 30 }, other: { daily: 0, monthly: 5 } });
      assert.equal(settings['budget.perConversation'], 0.5);
      const defaults = parseSettings(() => undefined).settings;
      assert.deepEqual([defaults['budget.perWorkspace'], defaults['budget.perConversation']], [{}, 0]);
    });

    it('falls back to no limit for negative or malformed values, naming the setting', () => {
      const values: Partial<Record<SettingKey, unknown>> = { 'budget.perWorkspace': { 'my-app': { daily: -1 } }, 'budget.perConversation': -0.5 };
      const { settings, problems } = parseSettings((k) => values[k]);
      assert.deepEqual([settings['budget.perWorkspace'], settings['budget.perConversation']], [{}, 0]);
      assert.deepEqual(problems.map((p) => p.key).sort(), ['switchboard.budget.perConversation', 'switchboard.budget.perWorkspace']);
      assert.equal(parseSettings((k) => (k === 'budget.perWorkspace' ? { '': { daily: 1 } } : undefined)).problems.length, 1, 'an empty name (no folder open) cannot have a budget');
    });

    it('are read from user settings only, so a repository cannot loosen its own budget', () => {
      assert.deepEqual([...BUDGET_USER_ONLY_SETTINGS].sort(), ['budget.perConversation', 'budget.perWorkspace']);
      for (const key of BUDGET_USER_ONLY_SETTINGS) {
        assert.equal(properties[`switchboard.${key}`]!.scope, 'application', key);
        assert.ok(USER_ONLY_SETTINGS.includes(key), key);
      }
    });
  });

  describe('where a key may go (issue 15)', () => {
    it('reads exactly the application-scoped settings from user settings only', () => {
      const application = Object.entries(properties).filter(([, p]) => p.scope === 'application').map(([k]) => k.replace(/^switchboard\./, ''));
      assert.deepEqual([...USER_ONLY_SETTINGS].sort(), application.sort());
      assert.deepEqual([...KEY_ROUTING_SETTINGS].sort(), ['anthropic.baseUrl', 'endpoints', 'gemini.baseUrl', 'openai.baseUrl']);
    });

    it('refuses base URLs that are not http(s) or carry credentials', () => {
      for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pass@api.example.com/v1', 'https://user@api.example.com', 'ftp://api.example.com']) {
        const { settings, problems } = parseSettings((k) => (k === 'openai.baseUrl' || k === 'gemini.baseUrl' ? bad : undefined));
        assert.equal(settings['openai.baseUrl'], '', bad);
        assert.equal(settings['gemini.baseUrl'], '', bad);
        assert.equal(problems.length, 2, bad);
      }
      const endpoints = [
        { name: 'Creds', baseUrl: 'https://u:p@gw.example/v1' },
        { name: 'Azure', kind: 'azure-openai', azure: { endpoint: 'file:///x', deployment: 'd', apiVersion: '2024-10-21' } },
        { name: 'Fine', baseUrl: 'http://localhost:11434/v1', needsKey: false },
      ];
      const { settings, problems } = parseSettings((k) => (k === 'endpoints' ? endpoints : undefined));
      assert.deepEqual(settings.endpoints.map((e) => e.name), ['Fine']);
      assert.deepEqual(problems.map((p) => p.key), ['switchboard.endpoints[0]', 'switchboard.endpoints[1]']);
      assert.equal(parseSettings((k) => (k === 'openai.baseUrl' ? 'https://proxy.corp.example/openai/v1' : undefined)).problems.length, 0);
    });

    it('drops key-like headers of an endpoint, keeps the endpoint and the rest, and says where keys go', () => {
      const endpoints = [
        {
          name: 'Gateway',
          baseUrl: 'https://gw.example/v1',
          headers: { Authorization: 'Bearer sk-x', 'Proxy-Authorization': 'Basic y', 'api-key': 'a', 'x-api-key': 'b', 'x-goog-api-key': 'c', 'X-Auth-Token': 't', 'X-Client-Secret': 's', Cookie: 'c=1', 'X-Title': 'Switchboard' },
          models: ['m1'],
        },
      ];
      const { settings, problems } = parseSettings((k) => (k === 'endpoints' ? endpoints : undefined));
      assert.equal(settings.endpoints.length, 1);
      assert.deepEqual(settings.endpoints[0]!.headers, { 'X-Title': 'Switchboard' });
      assert.deepEqual(settings.endpoints[0]!.models, ['m1']);
      assert.equal(settings.endpoints[0]!.baseUrl, 'https://gw.example/v1');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.key, 'switchboard.endpoints[0].headers');
      assert.match(problems[0]!.message, /put the key in SecretStorage: Switchboard: Set API Key/);
      assert.match(problems[0]!.message, /"Authorization"/);
      assert.ok(!problems[0]!.message.includes('sk-x'), 'the value is not repeated');
    });
  });
});
