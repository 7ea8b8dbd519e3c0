// Adapters from the usage store's queries to the spend ports of BudgetGuard (UsageStore satisfies
// their parameters), so the guard itself knows nothing of how usage is stored.
import type { UsageFilter, UsageTotals } from '../usage/queries';
import type { BudgetGuardOptions } from './budgetTypes';

/** Overall or one provider's spend today / this month. */
export function spendFromUsage(usage: {
  today(filter?: UsageFilter): UsageTotals;
  thisMonth(filter?: UsageFilter): UsageTotals;
}): BudgetGuardOptions['spend'] {
  return (period, providerId) => {
    const filter = providerId === undefined ? undefined : { providerId };
    const t = period === 'day' ? usage.today(filter) : usage.thisMonth(filter);
    return { usd: t.costUsd, unknownPriceRequests: t.unknownPriceRequests };
  };
}

/** One workspace's spend today / this month (merged across windows). */
export function workspaceSpendFromUsage(usage: {
  workspaceSpend(period: 'day' | 'month', workspace: string): { costUsd: number; unknownPriceRequests: number };
}): NonNullable<BudgetGuardOptions['workspaceSpend']> {
  return (period, workspace) => {
    const t = usage.workspaceSpend(period, workspace);
    return { usd: t.costUsd, unknownPriceRequests: t.unknownPriceRequests };
  };
}
