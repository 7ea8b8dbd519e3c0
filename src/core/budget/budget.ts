// Spending budgets: daily and monthly USD limits, overall and per provider. 'soft' warns at 80 %
// and 100 %; 'hard' warns at 80 % and blocks new requests at 100 %. Each warning fires once per
// period (local day / month) and limit, so dismissing it does not bring it back at once.
// Requests of unknown price add nothing to the spend (we cannot know it); messages say so.

import { usdToNanos } from '../pricing/cost';
import { formatUsd } from '../../shared/money';
import { dayKey, monthKey } from '../usage/dates';
import type { KeyValueStore } from '../usage/keyValueStore';
import type { UsageFilter, UsageTotals } from '../usage/queries';

export type BudgetMode = 'soft' | 'hard';
export type BudgetPeriod = 'day' | 'month';
export type BudgetLevel = 'ok' | 'warn80' | 'exceeded';

/** The `switchboard.budget.*` settings (0 = no limit). */
export interface BudgetSettings {
  daily: number;
  monthly: number;
  mode: BudgetMode;
  perProvider: Readonly<Record<string, { daily?: number; monthly?: number }>>;
}

export interface PeriodSpend {
  usd: number;
  unknownPriceRequests: number;
}

export interface SpendSnapshot {
  day: PeriodSpend;
  month: PeriodSpend;
  /** One provider's spend, when its own budgets are to be checked too. */
  provider?: { id: string; day: PeriodSpend; month: PeriodSpend };
}

/** Period keys (`dayKey`/`monthKey` of now): warnings are remembered per period. */
export interface PeriodKeys {
  day: string;
  month: string;
}

export interface BudgetStatus {
  /** 'daily', 'monthly', 'daily:<providerId>' or 'monthly:<providerId>'. */
  id: string;
  period: BudgetPeriod;
  providerId?: string;
  limitUsd: number;
  spentUsd: number;
  unknownPriceRequests: number;
  level: BudgetLevel;
  /** Identifies this level of this limit in this period; remembered once announced. */
  warnKey: string;
  /** True when `level` is not 'ok' and has not been announced in this period yet. */
  notify: boolean;
}

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

export interface BudgetCheck {
  allowed: boolean;
  /** Why the request was blocked (hard mode): which budget, spent vs limit, how to change it. */
  message?: string;
  /** Warnings to show now; each is shown once per period and limit. */
  warnings: string[];
  statuses: BudgetStatus[];
}

export interface BudgetGuardOptions {
  settings: () => BudgetSettings;
  /** Spend so far in the current local day/month, overall or for one provider. */
  spend: (period: BudgetPeriod, providerId?: string) => PeriodSpend;
  /** Where announced warnings are remembered (shared by windows); in memory only when absent. */
  store?: KeyValueStore;
  now?: () => Date;
  /** Display name of a provider id in messages. */
  providerLabel?: (providerId: string) => string;
}

/** Adapts the usage store's queries (UsageStore satisfies the parameter) to `spend`. */
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

export const BUDGET_WARNINGS_KEY = 'switchboard.budget.warned.v1';

export class BudgetGuard {
  private readonly now: () => Date;
  private memory: string[] = [];

  constructor(private readonly options: BudgetGuardOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Levels of the limits that apply to `providerId` (or only the overall ones); no side effects. */
  status(providerId?: string): BudgetStatus[] {
    return evaluateBudget(this.snapshot(providerId), this.options.settings(), new Set(this.warned()), this.periods());
  }

  /**
   * Call before sending a request to `providerId`. In hard mode an exceeded budget blocks it
   * (the message says so every time); other levels come back as warnings, each only once.
   */
  check(providerId: string): BudgetCheck {
    const settings = this.options.settings();
    const statuses = evaluateBudget(this.snapshot(providerId), settings, new Set(this.warned()), this.periods());
    const blocking = settings.mode === 'hard' ? statuses.find((s) => s.level === 'exceeded') : undefined;
    // In hard mode an exceeded limit is not a warning: it blocks, and says so on every request.
    const announce = statuses.filter((s) => s.notify && !(settings.mode === 'hard' && s.level === 'exceeded'));
    if (announce.length > 0) this.remember(announce.map((s) => s.warnKey));
    const warnings = announce.map((s) => this.describe(s, settings.mode));
    return blocking
      ? { allowed: false, message: this.describe(blocking, settings.mode), warnings, statuses }
      : { allowed: true, warnings, statuses };
  }

  private periods(): PeriodKeys {
    const now = this.now();
    return { day: dayKey(now), month: monthKey(now) };
  }

  private snapshot(providerId: string | undefined): SpendSnapshot {
    const spend = this.options.spend;
    return {
      day: spend('day'),
      month: spend('month'),
      ...(providerId === undefined ? {} : { provider: { id: providerId, day: spend('day', providerId), month: spend('month', providerId) } }),
    };
  }

  /** Announced warn keys of the current periods (older periods' keys are dropped on write). */
  private warned(): string[] {
    const stored = this.options.store?.get<unknown>(BUDGET_WARNINGS_KEY);
    const list = Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
    return [...new Set([...list, ...this.memory])];
  }

  private remember(keys: string[]): void {
    const { day, month } = this.periods();
    const current = (k: string): boolean => k.startsWith(`${day}|`) || k.startsWith(`${month}|`);
    this.memory = [...new Set([...this.warned(), ...keys])].filter(current);
    // A lost write only means a warning may show once more; never worth failing a request.
    void Promise.resolve(this.options.store?.update(BUDGET_WARNINGS_KEY, this.memory)).catch(() => undefined);
  }

  private describe(s: BudgetStatus, mode: BudgetMode): string {
    const provider = s.providerId === undefined ? '' : ` for ${this.options.providerLabel?.(s.providerId) ?? s.providerId}`;
    const which = `${s.period === 'day' ? 'daily' : 'monthly'} budget${provider}`;
    const when = s.period === 'day' ? 'today' : 'this month';
    const spent = `${formatUsd(s.spentUsd)} of ${formatUsd(s.limitUsd)} ${when}`;
    const unknown =
      s.unknownPriceRequests > 0
        ? ` ${s.unknownPriceRequests} request${s.unknownPriceRequests === 1 ? '' : 's'} of unknown price ${s.unknownPriceRequests === 1 ? 'is' : 'are'} not counted.`
        : '';
    const setting =
      s.providerId === undefined
        ? `switchboard.budget.${s.period === 'day' ? 'daily' : 'monthly'}`
        : `switchboard.budget.perProvider ("${s.providerId}": { "${s.period === 'day' ? 'daily' : 'monthly'}": … })`;
    const resets = s.period === 'day' ? 'at midnight' : 'on the 1st of next month';
    if (s.level === 'warn80') {
      const pct = Math.floor((s.spentUsd / s.limitUsd) * 100);
      const then = mode === 'hard' ? 'New requests will be blocked at 100 %.' : 'You will be warned again at 100 %.';
      return `Switchboard: ${pct} % of your ${which} used (${spent}). ${then}${unknown} Change the limit in ${setting}.`;
    }
    if (mode === 'hard') {
      return `Switchboard blocked this request: the ${which} is used up (${spent}). It resets ${resets}.${unknown} To continue now, raise ${setting} or set switchboard.budget.mode to "soft".`;
    }
    return `Switchboard: ${which} exceeded (${spent}). Requests continue because switchboard.budget.mode is "soft".${unknown} Change the limit in ${setting}.`;
  }
}
