// The level of each configured limit (ok / past 80 % / exceeded) for a spend snapshot, and whether
// it still has to be announced in this period. Pure; compared in nano-dollars.
import { usdToNanos } from '../pricing/cost';
import type { BudgetLevel, BudgetPeriod, BudgetSettings, BudgetStatus, PeriodKeys, PeriodSpend, SpendSnapshot } from './budget';

/** The level of one limit; compared in nano-dollars so 80 % of $0.30 is not off by float error. */
export function budgetLevel(spentUsd: number, limitUsd: number): BudgetLevel {
  const limit = usdToNanos(limitUsd);
  if (limit <= 0) return 'ok';
  const spent = usdToNanos(spentUsd);
  if (spent >= limit) return 'exceeded';
  return spent * 5 >= limit * 4 ? 'warn80' : 'ok';
}

/**
 * Every configured limit that applies to the snapshot (overall, plus the snapshot's provider),
 * with its level and whether it still has to be announced in this period.
 */
export function evaluateBudget(
  spend: SpendSnapshot,
  settings: BudgetSettings,
  alreadyWarned: ReadonlySet<string>,
  periods: PeriodKeys,
): BudgetStatus[] {
  const out: BudgetStatus[] = [];
  const add = (period: BudgetPeriod, limitUsd: number | undefined, spent: PeriodSpend, providerId?: string): void => {
    if (!limitUsd || !(limitUsd > 0)) return;
    const id = `${period === 'day' ? 'daily' : 'monthly'}${providerId === undefined ? '' : `:${providerId}`}`;
    const level = budgetLevel(spent.usd, limitUsd);
    // The limit is part of the key: raising it re-arms its warnings.
    const warnKey = `${period === 'day' ? periods.day : periods.month}|${id}|${level}|${limitUsd}`;
    out.push({
      id,
      period,
      ...(providerId === undefined ? {} : { providerId }),
      limitUsd,
      spentUsd: spent.usd,
      ...(spent.committedUsd ? { committedUsd: spent.committedUsd } : {}),
      unknownPriceRequests: spent.unknownPriceRequests,
      level,
      warnKey,
      notify: level !== 'ok' && !alreadyWarned.has(warnKey),
    });
  };
  add('day', settings.daily, spend.day);
  add('month', settings.monthly, spend.month);
  const p = spend.provider;
  if (p && Object.prototype.hasOwnProperty.call(settings.perProvider, p.id)) {
    const limits = settings.perProvider[p.id];
    add('day', limits.daily, p.day, p.id);
    add('month', limits.monthly, p.month, p.id);
  }
  return out;
}

