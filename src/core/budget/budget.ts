// Spending budgets: daily and monthly USD limits, overall, per provider and per workspace, and a
// total per chat-panel conversation. 'soft' warns at 80 % and 100 %; 'hard' warns at 80 % and
// blocks new requests at 100 %. Each warning fires once per period (local day / month; for a
// conversation, per day) and limit, so dismissing it does not bring it back at once. The limits
// that apply to a request: the overall ones, its provider's, its workspace's (`ask.workspace`)
// and its conversation's (`ask.conversationId`, chat panel only).
//
// Concurrency: `admit()` counts what requests in flight have reserved (this window's ledger and
// other windows' pending records) as spent, and under a hard budget a request whose own estimate
// does not fit in what is left is blocked; if admitted, its estimate is reserved in the same
// synchronous step, so no two admissions can see the same headroom.
// Requests of unknown price add nothing to the spend (we cannot know it): under a hard budget
// they are blocked unless `allowUnpriced`; otherwise they are warned about once per day and model.
import { usdToNanos } from '../pricing/cost';
import { dayKey, monthKey } from '../usage/dates';
import { describeBudget, describeTooCostly, describeUnpricedBlock, describeUnpricedWarning } from './budgetMessages';
import type { Admission, AdmissionAsk, BudgetCheck, BudgetGuardOptions, BudgetScope, BudgetStatus, PeriodKeys } from './budgetTypes';
import { evaluateBudget } from './levels';
import { ReservationLedger, type Committed, type ReservationFilter } from './reservations';
import { spendSnapshot } from './spendSnapshot';

export type * from './budgetTypes';
export { budgetLevel, evaluateBudget } from './levels';
export { spendFromUsage, workspaceSpendFromUsage } from './usageSpend';

const NOTHING: Committed = { usd: 0, unpriced: 0, requests: 0 };

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

  /** Levels of the limits that apply to `scope` (only the overall ones for {}), reservations included; no side effects. */
  status(scope: BudgetScope = {}): BudgetStatus[] {
    const settings = this.options.settings();
    return evaluateBudget(spendSnapshot(this.options, settings, (f) => this.committed(f), scope), settings, new Set(this.warned()), this.periods());
  }

  /**
   * What requests in flight have reserved, this window's and other windows'. Other windows'
   * pending entries carry no conversation, so a conversation's sum is this window's only.
   * A string is one provider's id.
   */
  committed(scope: ReservationFilter | string = {}): Committed {
    const filter = typeof scope === 'string' ? { providerId: scope } : scope;
    const own = this.ledger.committed(filter);
    const other = filter.conversationId === undefined ? (this.options.elsewhere?.(filter.providerId, filter.workspace) ?? NOTHING) : NOTHING;
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
    if (!decision.allowed) return decision;
    return { ...decision, reservation: this.ledger.reserve(ask.providerId, ask.usd, { workspace: ask.workspace, conversationId: ask.conversationId }) };
  }

  private decide(ask: AdmissionAsk): BudgetCheck {
    const settings = this.options.settings();
    const snapshot = spendSnapshot(this.options, settings, (f) => this.committed(f), ask);
    const statuses = evaluateBudget(snapshot, settings, new Set(this.warned()), this.periods());
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
