// Everything the usage report shows, computed from the merged usage view: pure, so the rows and
// totals are unit-tested without a webview. Prices are named here, with the catalogue's date.
import type { UsageReport } from '../../shared/protocol/usageReport';
import { CATALOGUE_PRICES_AS_OF } from '../pricing/catalogue';
import type { CostPriceSource } from '../pricing/cost';
import { addDays, dayKey, lastDays, monthRange } from './dates';
import type { UsageStore } from './usageStore';
import { USAGE_SOURCES, usageSourceLabel } from './usageSource';

const CHART_DAYS = 30;
const RECENT = 100;
const PRICE_SOURCES: readonly (CostPriceSource | 'unknown')[] = ['catalogue', 'settings', 'endpoint', 'reported', 'unknown'];

/** Which price costed a request, as the report's Price column says it. */
export function priceSourceLabel(source: CostPriceSource | 'unknown'): string {
  switch (source) {
    case 'catalogue':
      return `catalogue (${CATALOGUE_PRICES_AS_OF})`;
    case 'settings':
      return 'your settings';
    case 'endpoint':
      return 'endpoint list';
    case 'reported':
      return 'reported by endpoint';
    default:
      return 'unknown';
  }
}

export function buildReport(
  store: UsageStore,
  budgets: UsageReport['budgets'],
  providerLabel: (providerId: string) => string,
  now = new Date(),
): UsageReport {
  const today = dayKey(now);
  const period = (from: string) => {
    const range = { from, to: today };
    return { totals: store.totals(range), byModel: store.byProviderModel(range), byWorkspace: store.byWorkspace(range), bySource: store.bySource(range) };
  };
  const byDay = new Map(store.byDay(CHART_DAYS).map((d) => [d.day, d]));
  const recent = store.recent(RECENT).map((r) => ({ ...r, ...(r.errorCode === undefined ? {} : { errorCode: r.errorCode }) }));
  const periods = { today: period(today), week: period(dayKey(addDays(now, -6))), month: period(monthRange(now).from) };
  // Every provider the report names, with the name the rest of the UI uses ("OpenAI", not "openai").
  const ids = new Set([...recent.map((r) => r.providerId), ...Object.values(periods).flatMap((p) => p.byModel.map((m) => m.providerId))]);
  return {
    generatedAt: now.getTime(),
    days: lastDays(now, CHART_DAYS).map((day) => {
      const d = byDay.get(day);
      return { day, costUsd: d?.total.costUsd ?? 0, models: (d?.models ?? []).map((m) => ({ model: m.model, costUsd: m.costUsd })) };
    }),
    ...periods,
    recent,
    providerLabels: [...ids].map((id) => ({ id, label: providerLabel(id) })),
    sourceLabels: USAGE_SOURCES.map((id) => ({ id, label: usageSourceLabel(id) })),
    priceSourceLabels: PRICE_SOURCES.map((id) => ({ id, label: priceSourceLabel(id) })),
    budgets,
  };
}
