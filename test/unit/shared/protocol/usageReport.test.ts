// The usage report's protocol: every message round-trips, and damaged ones are dropped.
import { strict as assert } from 'node:assert';
import { checkUsageInbound, checkUsageOutbound, usageInboundSchema, usageOutboundSchema, type UsageInbound, type UsageOutbound, type UsageReport } from '../../../../src/shared/protocol/usageReport';
import { kinds, malformed, rng } from '../../helpers/malformedMessages';

const totals = { requests: 3, inputTokens: 1200, outputTokens: 300, cachedInputTokens: 100, cacheWriteTokens: 500, reasoningTokens: 40, costUsd: 0.0123, savedUsd: 0.0004, unknownPriceRequests: 1, estimatedRequests: 0 };
const usageReport: UsageReport = {
  generatedAt: 1_700_000_000_000,
  days: [{ day: '2026-11-25', costUsd: 0.0123, models: [{ model: 'gpt-5-mini', costUsd: 0.0123 }] }, { day: '2026-11-26', costUsd: 0, models: [] }],
  today: { totals, byModel: [{ ...totals, providerId: 'openai', model: 'gpt-5-mini' }], byWorkspace: [{ workspace: '', requests: 3, costUsd: 0.0123, savedUsd: -0.0012, unknownPriceRequests: 1, estimatedRequests: 0 }],
    bySource: [{ source: 'switchboard', requests: 2, costUsd: 0.0123, unknownPriceRequests: 0, estimatedRequests: 0 }, { source: 'vscode-chat', requests: 1, costUsd: 0, unknownPriceRequests: 1, estimatedRequests: 0 }] },
  week: { totals, byModel: [], byWorkspace: [{ workspace: 'client-a', requests: 1, costUsd: 0, savedUsd: 0, unknownPriceRequests: 0, estimatedRequests: 1 }], bySource: [] },
  month: { totals, byModel: [], byWorkspace: [], bySource: [] },
  recent: [
    { time: 1_700_000_000_000, providerId: 'openai', model: 'gpt-5-mini', inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, costUsd: null, savedUsd: 0, priceSource: null, latencyMs: null, outcome: 'error', errorCode: 'auth', estimated: true, workspace: 'w', source: 'vscode-chat' },
    { time: 1_700_000_000_001, providerId: 'anthropic', model: 'claude', inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, cacheWriteTokens: 6, reasoningTokens: 3, costUsd: 0.001, savedUsd: -0.0000012, priceSource: 'catalogue', latencyMs: 1200, outcome: 'ok', estimated: false, workspace: '', source: 'switchboard' },
  ],
  providerLabels: [{ id: 'openai', label: 'OpenAI' }],
  sourceLabels: [{ id: 'switchboard', label: 'Switchboard' }, { id: 'vscode-chat', label: 'VS Code chat' }],
  priceSourceLabels: [{ id: 'catalogue', label: 'catalogue (2026-11-05)' }, { id: 'unknown', label: 'unknown' }],
  budgets: [{ label: 'Daily', level: 'warn80', limitUsd: 1, spentUsd: 0.85 }],
};

const inbound: UsageInbound[] = [{ type: 'ready' }, { type: 'refresh' }, { type: 'exportCsv' }, { type: 'resetUsage' }];
const outbound: UsageOutbound[] = [{ type: 'usageReport', report: usageReport }];

describe('usage report protocol', () => {
  it('has a sample of every message kind, and each round-trips unchanged', () => {
    assert.deepEqual([...kinds(usageInboundSchema)].sort(), inbound.map((m) => m.type).sort());
    assert.deepEqual([...kinds(usageOutboundSchema)], ['usageReport']);
    for (const m of inbound) assert.deepEqual(checkUsageInbound(JSON.parse(JSON.stringify(m))), { ok: true, message: m });
    for (const m of outbound) assert.deepEqual(checkUsageOutbound(structuredClone(m)), { ok: true, message: m });
  });

  it("does not accept the chat's messages, nor the chat the report's", () => {
    assert.equal(checkUsageInbound({ type: 'send', text: 'x', providerId: 'p', model: 'm' }).ok, false);
    assert.equal(checkUsageOutbound({ type: 'notice', level: 'info', text: 'x' }).ok, false);
  });

  it('rejects a report with a negative cost or an unknown budget level', () => {
    const bad = structuredClone(usageReport);
    bad.today.totals.costUsd = -1;
    assert.equal(checkUsageOutbound({ type: 'usageReport', report: bad }).ok, false);
    const level = structuredClone(usageReport) as unknown as { budgets: { level: string }[] };
    level.budgets[0]!.level = 'fine';
    assert.equal(checkUsageOutbound({ type: 'usageReport', report: level }).ok, false);
  });

  it('takes a negative saving (caching cost extra) and an unknown one, but no unbounded saving or unknown price source', () => {
    const ok = structuredClone(usageReport);
    ok.recent[0]!.savedUsd = null;
    ok.month.totals.savedUsd = -0.5;
    assert.equal(checkUsageOutbound({ type: 'usageReport', report: ok }).ok, true);
    const huge = structuredClone(usageReport);
    huge.today.totals.savedUsd = -1e12;
    assert.equal(checkUsageOutbound({ type: 'usageReport', report: huge }).ok, false);
    const source = structuredClone(usageReport) as unknown as { recent: { priceSource: string }[] };
    source.recent[1]!.priceSource = 'guess';
    assert.equal(checkUsageOutbound({ type: 'usageReport', report: source }).ok, false);
  });

  it('drops 500 randomized malformed messages per direction without throwing', () => {
    for (const [name, samples, check] of [['inbound', inbound, checkUsageInbound], ['outbound', outbound, checkUsageOutbound]] as const) {
      const r = rng(name === 'inbound' ? 3 : 4);
      for (let i = 0; i < 500; i++) {
        const bad = malformed(samples, check, r);
        if (check(bad).ok) assert.fail(`${name} #${i} was accepted: ${JSON.stringify(bad)?.slice(0, 200)}`);
      }
    }
  });
});
