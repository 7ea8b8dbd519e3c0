// Spending budgets: daily and monthly USD limits, overall and per provider. 'soft' warns at 80 %
// and 100 %; 'hard' warns at 80 % and blocks new requests at 100 %. Each warning fires once per
// period (local day / month) and limit, so dismissing it does not bring it back at once.
//
// Concurrency: `admit()` counts what requests in flight have reserved (this window's ledger and
// other windows' pending records) as spent, and under a hard budget a request whose own estimate
// does not fit in what is left is blocked; if admitted, its estimate is reserved in the same
// synchronous step, so no two admissions can see the same headroom.
// Requests of unknown price add nothing to the spend (we cannot know it): under a hard budget
// they are blocked unless `allowUnpriced`; otherwise they are warned about once per day and model.
import { usdToNanos } from '../pricing/cost';
import { describeBudget, describeTooCostly, describeUnpricedBlock, describeUnpricedWarning } from './budgetMessages';
import { evaluateBudget } from './levels';
import { ReservationLedger, type Committed, type Reservation } from './reservations';

export { budgetLevel, evaluateBudget } from './levels';
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
  /** Hard mode: let models of unknown price through (`switchboard.budget.allowUnpricedModels`). */
  allowUnpriced?: boolean;
}

export interface PeriodSpend {
  /** Recorded spend, plus what requests in flight have reserved (`committedUsd` of it). */
  usd: number;
  unknownPriceRequests: number;
  committedUsd?: number;
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
  /** Recorded spend plus `committedUsd`. */
  spentUsd: number;
  /** Reserved by requests in flight (part of spentUsd). */
  committedUsd?: number;
  unknownPriceRequests: number;
  level: BudgetLevel;
  /** Identifies this level of this limit in this period; remembered once announced. */
  warnKey: string;
  /** True when `level` is not 'ok' and has not been announced in this period yet. */
  notify: boolean;
}

export interface BudgetCheck {
  allowed: boolean;
  /** Why the request was blocked (hard mode): which budget, spent vs limit, how to change it. */
  message?: string;
  /** Warnings to show now; each is shown once per period and limit. */
  warnings: string[];
  statuses: BudgetStatus[];
}

/** What admission needs to know about one request. */
export interface AdmissionAsk {
  providerId: string;
  model: string;
  /** The request's estimate (input + max output at the model's price); null = unknown price. */
  usd: number | null;
  /** The workspace its usage is attributed to ('' = no folder open), for workspace budgets. */
  workspace?: string;
  /** The panel conversation it belongs to, for conversation budgets (absent elsewhere). */
  conversationId?: string;
}

export interface Admission extends BudgetCheck {
  /** Present when allowed: release it exactly once when the request settles. */
  reservation?: Reservation;
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
  /** This window's reservations (a private one when absent). */
  ledger?: ReservationLedger;
  /** Reserved by other windows' requests in flight (their pending records), overall or per provider. */
  elsewhere?: (providerId?: string) => Committed;
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
  readonly ledger: ReservationLedger;
  private readonly now: () => Date;
  private readonly label: (providerId: string) => string;
  private memory: string[] = [];

  constructor(private readonly options: BudgetGuardOptions) {
    this.now = options.now ?? (() => new Date());
    this.ledger = options.ledger ?? new ReservationLedger();
    this.label = options.providerLabel ?? ((id) => id);
  }

  /** Levels of the limits that apply to `providerId` (or only the overall ones), reservations included; no side effects. */
  status(providerId?: string): BudgetStatus[] {
    return evaluateBudget(this.snapshot(providerId), this.options.settings(), new Set(this.warned()), this.periods());
  }

  /** What requests in flight have reserved, this window's and other windows'. */
  committed(providerId?: string): Committed {
    const own = this.ledger.committed(providerId);
    const other = this.options.elsewhere?.(providerId) ?? { usd: 0, unpriced: 0, requests: 0 };
    return { usd: own.usd + other.usd, unpriced: own.unpriced + other.unpriced, requests: own.requests + other.requests };
  }

  /**
   * Call before sending a request to `providerId`. In hard mode an exceeded budget blocks it
   * (the message says so every time); other levels come back as warnings, each only once.
   * Reserves nothing: see admit().
   */
  check(providerId: string): BudgetCheck {
    return this.decide({ providerId, model: '', usd: 0 });
  }

  /** check() for one request with its estimate: if allowed, the estimate is reserved at once. */
  admit(ask: AdmissionAsk): Admission {
    const decision = this.decide(ask);
    return decision.allowed ? { ...decision, reservation: this.ledger.reserve(ask.providerId, ask.usd) } : decision;
  }

  private decide(ask: AdmissionAsk): BudgetCheck {
    const settings = this.options.settings();
    const statuses = evaluateBudget(this.snapshot(ask.providerId), settings, new Set(this.warned()), this.periods());
    const hard = settings.mode === 'hard';
    const exceeded = hard ? statuses.find((s) => s.level === 'exceeded') : undefined;
    const estimate = ask.usd ?? 0;
    const tooCostly =
      hard && !exceeded && estimate > 0 ? statuses.find((s) => usdToNanos(s.spentUsd) + usdToNanos(estimate) > usdToNanos(s.limitUsd)) : undefined;
    const unpriced = ask.usd === null && statuses.length > 0;
    const unpricedBlocked = unpriced && hard && !settings.allowUnpriced;
    // In hard mode an exceeded limit is not a warning: it blocks, and says so on every request.
    const announce = statuses.filter((s) => s.notify && !(hard && s.level === 'exceeded'));
    const keys = announce.map((s) => s.warnKey);
    const warnings = announce.map((s) => describeBudget(s, settings.mode, this.label));
    const unpricedKey = `${this.periods().day}|unpriced|${ask.providerId}|${ask.model}`;
    if (unpriced && !unpricedBlocked && !this.warned().includes(unpricedKey)) {
      keys.push(unpricedKey);
      warnings.push(describeUnpricedWarning(this.label(ask.providerId), ask.model));
    }
    if (keys.length > 0) this.remember(keys);
    const message = exceeded
      ? describeBudget(exceeded, settings.mode, this.label)
      : unpricedBlocked
        ? describeUnpricedBlock(this.label(ask.providerId), ask.model)
        : tooCostly
          ? describeTooCostly(tooCostly, estimate, this.label)
          : undefined;
    return message === undefined ? { allowed: true, warnings, statuses } : { allowed: false, message, warnings, statuses };
  }

  private periods(): PeriodKeys {
    const now = this.now();
    return { day: dayKey(now), month: monthKey(now) };
  }

  private snapshot(providerId: string | undefined): SpendSnapshot {
    const spend = (period: BudgetPeriod, id?: string): PeriodSpend => {
      const recorded = this.options.spend(period, id);
      const committed = this.committed(id);
      if (committed.requests === 0) return recorded;
      return {
        usd: recorded.usd + committed.usd,
        unknownPriceRequests: recorded.unknownPriceRequests + committed.unpriced,
        committedUsd: committed.usd,
      };
    };
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
}
