// The level of each configured limit (ok / past 80 % / exceeded) for a spend snapshot, and whether
// it still has to be announced in this period. Pure; compared in nano-dollars.
import { usdToNanos } from '../pricing/cost';
import type { BudgetLevel, BudgetSettings, BudgetSpan, BudgetStatus, PeriodKeys, PeriodLimits, PeriodSpend, SpendSnapshot } from './budgetTypes';

/** The level of one limit; compared in nano-dollars so 80 % of $0.30 is not off by float error. */
export function budgetLevel(spentUsd: number, limitUsd: number): BudgetLevel {
  const limit = usdToNanos(limitUsd);
  if (limit <= 0) return 'ok';
  const spent = usdToNanos(spentUsd);
  if (spent >= limit) return 'exceeded';
  return spent * 5 >= limit * 4 ? 'warn80' : 'ok';
}

type Owner = Pick<BudgetStatus, 'providerId' | 'workspace' | 'conversationId'>;

const own = <T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

function limitId(span: BudgetSpan, owner: Owner): string {
  const period = span === 'day' ? 'daily' : 'monthly';
  if (owner.conversationId !== undefined) return `conversation:${owner.conversationId}`;
  if (owner.workspace !== undefined) return `workspace:${period}:${owner.workspace}`;
  return `${period}${owner.providerId === undefined ? '' : `:${owner.providerId}`}`;
}

/**
 * Every configured limit that applies to the snapshot (overall, plus the snapshot's provider,
 * workspace and conversation), with its level and whether it still has to be announced in this
 * period. A conversation's limit covers its whole life; its warnings are remembered per day.
 */
export function evaluateBudget(
  spend: SpendSnapshot,
  settings: BudgetSettings,
  alreadyWarned: ReadonlySet<string>,
  periods: PeriodKeys,
): BudgetStatus[] {
  const out: BudgetStatus[] = [];
  const add = (span: BudgetSpan, limitUsd: number | undefined, spent: PeriodSpend, owner: Owner = {}): void => {
    if (!limitUsd || !(limitUsd > 0)) return;
    const id = limitId(span, owner);
    const level = budgetLevel(spent.usd, limitUsd);
    // The limit is part of the key: raising it re-arms its warnings.
    const warnKey = `${span === 'month' ? periods.month : periods.day}|${id}|${level}|${limitUsd}`;
    out.push({
      id,
      period: span,
      ...owner,
      limitUsd,
      spentUsd: spent.usd,
      ...(spent.committedUsd ? { committedUsd: spent.committedUsd } : {}),
      unknownPriceRequests: spent.unknownPriceRequests,
      level,
      warnKey,
      notify: level !== 'ok' && !alreadyWarned.has(warnKey),
    });
  };
  const addPeriods = (limits: PeriodLimits | undefined, day: PeriodSpend, month: PeriodSpend, owner: Owner): void => {
    add('day', limits?.daily, day, owner);
    add('month', limits?.monthly, month, owner);
  };
  add('day', settings.daily, spend.day);
  add('month', settings.monthly, spend.month);
  const p = spend.provider;
  if (p) addPeriods(own(settings.perProvider, p.id), p.day, p.month, { providerId: p.id });
  const w = spend.workspace;
  if (w) addPeriods(own(settings.perWorkspace, w.name), w.day, w.month, { workspace: w.name });
  const c = spend.conversation;
  if (c) add('conversation', settings.perConversation, c.total, { conversationId: c.id });
  return out;
}
