// What the status bar and the usage report say about budgets, from the evaluated limits: pure,
// so its wording and levels are unit-tested.
import { formatUsd } from '../../shared/money';
import type { BudgetMode, BudgetStatus } from './budget';

/** How the status bar flags spending: `blocked` = a hard budget is used up. */
export type BudgetAlert = 'ok' | 'warn80' | 'exceeded' | 'blocked';

export interface BudgetSummary {
  alert: BudgetAlert;
  /** One line for the status bar's tooltip; absent when all is well. */
  text?: string;
  /** Requests in flight (all windows) and what they reserved: already counted in `alert`. */
  inFlight?: { requests: number; usd: number; unpriced: number };
}

const periodName = (s: BudgetStatus) => (s.period === 'day' ? 'daily' : 'monthly');

/** The most severe limit: over a limit first, then past 80 %. */
export function summarizeBudgets(statuses: readonly BudgetStatus[], mode: BudgetMode): BudgetSummary {
  const exceeded = statuses.find((s) => s.level === 'exceeded');
  if (exceeded) {
    const blocked = mode === 'hard';
    const which = periodName(exceeded);
    return {
      alert: blocked ? 'blocked' : 'exceeded',
      text: `${which[0]!.toUpperCase()}${which.slice(1)} budget of ${formatUsd(exceeded.limitUsd)} reached${blocked ? ': new requests are blocked' : ''}.`,
    };
  }
  const warn = statuses.find((s) => s.level === 'warn80');
  if (warn) return { alert: 'warn80', text: `Over 80 % of the ${periodName(warn)} budget (${formatUsd(warn.limitUsd)}).` };
  return { alert: 'ok' };
}

export interface BudgetRow {
  label: string;
  level: BudgetAlert;
  limitUsd: number;
  spentUsd: number;
}

/** One row per configured limit for the usage report: "Daily", "Monthly · OpenAI". */
export function budgetRows(statuses: readonly BudgetStatus[], mode: BudgetMode, providerLabel: (providerId: string) => string): BudgetRow[] {
  return statuses.map((s) => ({
    label: `${s.period === 'day' ? 'Daily' : 'Monthly'}${s.providerId ? ` · ${providerLabel(s.providerId)}` : ''}`,
    level: s.level === 'exceeded' && mode === 'hard' ? 'blocked' : s.level,
    limitUsd: s.limitUsd,
    spentUsd: s.spentUsd,
  }));
}
