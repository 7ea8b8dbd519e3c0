// What the status bar and the usage report say about budgets, from the evaluated limits: pure,
// so its wording and levels are unit-tested.
import { formatUsd } from '../../shared/money';
import type { BudgetMode, BudgetStatus } from './budgetTypes';

/** How the status bar flags spending: `blocked` = a hard budget is used up. */
export type BudgetAlert = 'ok' | 'warn80' | 'exceeded' | 'blocked';

export interface BudgetSummary {
  alert: BudgetAlert;
  /** One line for the status bar's tooltip; absent when all is well. */
  text?: string;
  /** Requests in flight (all windows) and what they reserved: already counted in `alert`. */
  inFlight?: { requests: number; usd: number; unpriced: number };
}

/** What the tooltip calls a limit: 'daily budget', 'monthly budget for workspace "x"', 'conversation budget'. */
function limitName(s: BudgetStatus): string {
  if (s.period === 'conversation') return 'conversation budget';
  const period = s.period === 'day' ? 'daily' : 'monthly';
  return s.workspace === undefined ? `${period} budget` : `${period} budget for workspace "${s.workspace}"`;
}

/** The most severe limit: over a limit first, then past 80 %. */
export function summarizeBudgets(statuses: readonly BudgetStatus[], mode: BudgetMode): BudgetSummary {
  const exceeded = statuses.find((s) => s.level === 'exceeded');
  if (exceeded) {
    const blocked = mode === 'hard';
    const which = limitName(exceeded);
    return {
      alert: blocked ? 'blocked' : 'exceeded',
      text: `${which[0]!.toUpperCase()}${which.slice(1)} of ${formatUsd(exceeded.limitUsd)} reached${blocked ? ': new requests are blocked' : ''}.`,
    };
  }
  const warn = statuses.find((s) => s.level === 'warn80');
  if (warn) return { alert: 'warn80', text: `Over 80 % of the ${limitName(warn)} (${formatUsd(warn.limitUsd)}).` };
  return { alert: 'ok' };
}

export interface BudgetRow {
  label: string;
  level: BudgetAlert;
  limitUsd: number;
  spentUsd: number;
}

/** A row's name: "Daily", "Monthly · OpenAI", "Daily · workspace my-app", "This conversation". */
function rowLabel(s: BudgetStatus, providerLabel: (providerId: string) => string): string {
  if (s.period === 'conversation') return 'This conversation';
  const period = s.period === 'day' ? 'Daily' : 'Monthly';
  if (s.workspace !== undefined) return `${period} · workspace ${s.workspace}`;
  return `${period}${s.providerId ? ` · ${providerLabel(s.providerId)}` : ''}`;
}

/** One row per configured limit for the usage report and `@switchboard /budget`. */
export function budgetRows(statuses: readonly BudgetStatus[], mode: BudgetMode, providerLabel: (providerId: string) => string): BudgetRow[] {
  return statuses.map((s) => ({
    label: rowLabel(s, providerLabel),
    level: s.level === 'exceeded' && mode === 'hard' ? 'blocked' : s.level,
    limitUsd: s.limitUsd,
    spentUsd: s.spentUsd,
  }));
}
