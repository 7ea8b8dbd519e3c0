// The usage report's rows and totals, from a store with known requests: money per period and
// model, by workspace and by source, the 30-day chart, provider and source names as the UI says
// them, the CSV-free recent list, and what prompt caching saved with the price each request used.
import { strict as assert } from 'node:assert';
import { CATALOGUE_PRICES_AS_OF } from '../../../../src/core/pricing/catalogue';
import { buildReport, priceSourceLabel } from '../../../../src/core/usage/report';
import { MemoryKeyValueStore, UsageStore } from '../../../../src/core/usage/usageStore';
import { parseWith } from '../../../../src/shared/protocol/parse';
import { usageReportSchema } from '../../../../src/shared/protocol/usageReport';

const NOW = new Date(2026, 11, 3, 12, 0);
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600_000);
const label = (id: string) => ({ openai: 'OpenAI', anthropic: 'Anthropic' })[id] ?? id;

async function store() {
  const s = new UsageStore({ store: new MemoryKeyValueStore(), now: () => NOW });
  const add = (providerId: string, model: string, usd: number | null, time: Date, workspace = 'app') =>
    s.record({ providerId, model, usage: { inputTokens: 100, outputTokens: 50 }, cost: { usd, source: usd === null ? 'unknown' : 'price-table', estimated: false }, latencyMs: 900, outcome: 'ok', workspace, time });
  await add('openai', 'gpt-5-mini', 0.25, NOW);
  await add('openai', 'gpt-5-mini', 0.5, daysAgo(2));
  await add('anthropic', 'claude-sonnet-4-5', 1.25, daysAgo(3), 'site');
  await add('compat:ollama', 'llama3', null, NOW, '');
  await add('openai', 'gpt-5', 2, daysAgo(40));
  return s;
}

describe('usage report rows', () => {
  it('totals each period in exact cents, unknown prices counted apart, never as $0', async () => {
    const report = buildReport(await store(), [], label, NOW);
    assert.deepEqual([report.today.totals.costUsd, report.week.totals.costUsd, report.month.totals.costUsd], [0.25, 2, 0.75], 'the month began on the 1st');
    assert.deepEqual([report.today.totals.requests, report.today.totals.unknownPriceRequests], [2, 1]);
    const mini = report.week.byModel.find((m) => m.model === 'gpt-5-mini')!;
    assert.deepEqual([mini.requests, mini.costUsd, mini.inputTokens, mini.outputTokens], [2, 0.75, 200, 100]);
    assert.deepEqual(report.week.byWorkspace.map((w) => [w.workspace, w.costUsd]).sort(), [['', 0], ['app', 0.75], ['site', 1.25]]);
  });

  it('shows reasoning tokens per period, per model and per recent request', async () => {
    const s = await store();
    await s.record({ providerId: 'openai', model: 'o4-mini', usage: { inputTokens: 10, outputTokens: 800, reasoningTokens: 500 }, cost: { usd: 0.01, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok', time: NOW });
    const report = buildReport(s, [], label, NOW);
    assert.equal(report.today.totals.reasoningTokens, 500);
    assert.deepEqual(report.today.byModel.map((m) => [m.model, m.reasoningTokens]).sort(), [['gpt-5-mini', 0], ['llama3', 0], ['o4-mini', 500]]);
    assert.equal(report.recent[0]!.reasoningTokens, 500);
    assert.ok(parseWith(usageReportSchema, report).ok);
  });

  it('shows spend by source per period, each recent request\'s source, and the source names', async () => {
    const s = await store();
    await s.record({ providerId: 'openai', model: 'gpt-5-mini', usage: { inputTokens: 10, outputTokens: 10 }, cost: { usd: 0.125, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok', time: NOW, source: 'vscode-chat' });
    const report = buildReport(s, [], label, NOW);
    assert.deepEqual(report.today.bySource.map((b) => [b.source, b.requests, b.costUsd, b.unknownPriceRequests]), [['switchboard', 2, 0.25, 1], ['vscode-chat', 1, 0.125, 0]]);
    assert.deepEqual(report.month.bySource.map((b) => [b.source, b.requests, b.costUsd]), [['switchboard', 3, 0.75], ['vscode-chat', 1, 0.125]]);
    assert.deepEqual(report.recent.slice(0, 2).map((r) => r.source), ['vscode-chat', 'switchboard']);
    assert.deepEqual(report.sourceLabels, [{ id: 'switchboard', label: 'Switchboard' }, { id: 'vscode-chat', label: 'VS Code chat' }]);
    assert.ok(parseWith(usageReportSchema, report).ok);
  });

  it('shows what prompt caching saved per period, model and workspace, and each recent request\'s saving and price source', async () => {
    const s = await store();
    const cached = (savedUsd: number | null, priceSource: 'catalogue' | 'settings' | 'endpoint' | 'reported' | undefined, workspace = 'app') =>
      s.record({ providerId: 'anthropic', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 600, cacheWriteTokens: 300 }, cost: { usd: 0.01, source: 'price-table', estimated: false }, latencyMs: 1, outcome: 'ok', time: NOW, workspace, savedUsd, ...(priceSource ? { priceSource } : {}) });
    await cached(0.004, 'catalogue');
    await cached(-0.0012, 'settings', 'site');
    await cached(null, 'endpoint');
    await cached(0.001, 'reported');
    const report = buildReport(s, [], label, NOW);
    assert.deepEqual([report.today.totals.savedUsd, report.month.totals.savedUsd, report.today.totals.cacheWriteTokens], [0.0038, 0.0038, 1200]);
    const claude = report.today.byModel.find((m) => m.model === 'claude-sonnet-4-5')!;
    assert.deepEqual([claude.cachedInputTokens, claude.cacheWriteTokens, claude.savedUsd], [2400, 1200, 0.0038]);
    assert.deepEqual(report.today.byWorkspace.map((w) => [w.workspace, w.savedUsd]).sort(), [['', 0], ['app', 0.005], ['site', -0.0012]]);
    assert.deepEqual(report.recent.slice(0, 5).map((r) => [r.savedUsd, r.priceSource]), [[0.001, 'reported'], [null, 'endpoint'], [-0.0012, 'settings'], [0.004, 'catalogue'], [0, null]]);
    assert.deepEqual(report.priceSourceLabels.map((p) => p.label), [`catalogue (${CATALOGUE_PRICES_AS_OF})`, 'your settings', 'endpoint list', 'reported by endpoint', 'unknown']);
    assert.ok(parseWith(usageReportSchema, report).ok);
  });

  it('names each price source the way the Price column says it', () => {
    assert.equal(priceSourceLabel('catalogue'), `catalogue (${CATALOGUE_PRICES_AS_OF})`);
    assert.deepEqual((['settings', 'endpoint', 'reported', 'unknown'] as const).map(priceSourceLabel), ['your settings', 'endpoint list', 'reported by endpoint', 'unknown']);
  });

  it('charts 30 days, gap-free, stacked by model, oldest first', async () => {
    const report = buildReport(await store(), [], label, NOW);
    assert.equal(report.days.length, 30);
    assert.equal(report.days.at(-1)!.costUsd, 0.25);
    assert.deepEqual(report.days.at(-4)!.models, [{ model: 'claude-sonnet-4-5', costUsd: 1.25 }]);
    assert.equal(report.days.reduce((sum, d) => sum + d.costUsd, 0), 2, 'the 40-day-old request is outside the chart');
  });

  it('names every provider it mentions the way the rest of the UI does, and passes the budgets through', async () => {
    const budgets = [{ label: 'Daily', level: 'warn80' as const, limitUsd: 0.3, spentUsd: 0.25 }];
    const report = buildReport(await store(), budgets, label, NOW);
    assert.deepEqual(report.providerLabels.map((p) => `${p.id}=${p.label}`).sort(), ['anthropic=Anthropic', 'compat:ollama=compat:ollama', 'openai=OpenAI']);
    assert.deepEqual(report.budgets, budgets);
    assert.equal(report.recent[0]!.costUsd === null || typeof report.recent[0]!.costUsd === 'number', true);
    assert.ok(parseWith(usageReportSchema, report).ok, 'the report passes the webview\'s own schema');
  });
});
