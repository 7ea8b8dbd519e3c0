// What counts as spent for each limit that applies to one request: the recorded spend (usage
// store, or the conversation's answers) plus what requests in flight have reserved for the same
// scope. A workspace or conversation is only looked up when it has a limit of its own, so a
// request pays for no query it does not need.
import type { BudgetGuardOptions, BudgetPeriod, BudgetScope, BudgetSettings, PeriodSpend, SpendSnapshot } from './budgetTypes';
import type { Committed, ReservationFilter } from './reservations';

/** Recorded spend plus what is reserved; `committedUsd` only when something is in flight. */
export function withCommitted(recorded: PeriodSpend, committed: Committed): PeriodSpend {
  if (committed.requests === 0) return recorded;
  return {
    usd: recorded.usd + committed.usd,
    unknownPriceRequests: recorded.unknownPriceRequests + committed.unpriced,
    committedUsd: committed.usd,
  };
}

const hasOwn = (map: object | undefined, key: string): boolean => !!map && Object.prototype.hasOwnProperty.call(map, key);

export function spendSnapshot(
  options: Pick<BudgetGuardOptions, 'spend' | 'workspaceSpend' | 'conversationSpend'>,
  settings: BudgetSettings,
  committed: (filter: ReservationFilter) => Committed,
  scope: BudgetScope,
): SpendSnapshot {
  const overall = (period: BudgetPeriod, providerId?: string): PeriodSpend =>
    withCommitted(options.spend(period, providerId), committed(providerId === undefined ? {} : { providerId }));
  const snapshot: SpendSnapshot = { day: overall('day'), month: overall('month') };
  const { providerId, workspace, conversationId } = scope;
  if (providerId !== undefined) snapshot.provider = { id: providerId, day: overall('day', providerId), month: overall('month', providerId) };
  const workspaceSpend = options.workspaceSpend;
  if (workspace && workspaceSpend && hasOwn(settings.perWorkspace, workspace)) {
    const inFlight = committed({ workspace });
    const of = (period: BudgetPeriod) => withCommitted(workspaceSpend(period, workspace), inFlight);
    snapshot.workspace = { name: workspace, day: of('day'), month: of('month') };
  }
  if (conversationId !== undefined && options.conversationSpend && (settings.perConversation ?? 0) > 0) {
    snapshot.conversation = { id: conversationId, total: withCommitted(options.conversationSpend(conversationId), committed({ conversationId })) };
  }
  return snapshot;
}
