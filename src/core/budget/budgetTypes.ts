// The shapes budgets are made of: the settings they read, the spend they compare, the status of
// each limit and the admission of one request. Kept apart from the guard so levels, messages and
// summaries can share them without importing the guard itself.
import type { KeyValueStore } from '../usage/keyValueStore';
import type { Committed, ReservationLedger, Reservation } from './reservations';

export type BudgetMode = 'soft' | 'hard';
export type BudgetPeriod = 'day' | 'month';
/** What a limit covers: a local day, a local month, or one chat-panel conversation's whole life. */
export type BudgetSpan = BudgetPeriod | 'conversation';
export type BudgetLevel = 'ok' | 'warn80' | 'exceeded';

/** Daily and monthly limits of one provider or workspace (absent or 0 = none). */
export interface PeriodLimits {
  daily?: number;
  monthly?: number;
}

/** The `switchboard.budget.*` settings (0 = no limit). */
export interface BudgetSettings {
  daily: number;
  monthly: number;
  mode: BudgetMode;
  perProvider: Readonly<Record<string, PeriodLimits>>;
  /** Keyed by the workspace name usage is attributed to (`switchboard.budget.perWorkspace`). */
  perWorkspace?: Readonly<Record<string, PeriodLimits>>;
  /** One chat-panel conversation's total spend (`switchboard.budget.perConversation`). */
  perConversation?: number;
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
  /** The current workspace's spend, when it has budgets of its own. */
  workspace?: { name: string; day: PeriodSpend; month: PeriodSpend };
  /** One conversation's total spend, when conversations have a budget. */
  conversation?: { id: string; total: PeriodSpend };
}

/** Whose limits apply: the provider asked, the workspace asking, the panel conversation asking. */
export interface BudgetScope {
  providerId?: string;
  /** '' = no folder open (no workspace budget applies). */
  workspace?: string;
  conversationId?: string;
}

/** Period keys (`dayKey`/`monthKey` of now): warnings are remembered per period. */
export interface PeriodKeys {
  day: string;
  month: string;
}

export interface BudgetStatus {
  /** 'daily', 'monthly', 'daily:<providerId>', 'workspace:daily:<name>', 'conversation:<id>', … */
  id: string;
  period: BudgetSpan;
  providerId?: string;
  workspace?: string;
  conversationId?: string;
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

/** Recorded spend of one conversation (its answers' costs); unknown-price answers add nothing to usd. */
export interface ConversationSpend {
  usd: number;
  unknownPriceRequests: number;
}

export interface BudgetGuardOptions {
  settings: () => BudgetSettings;
  /** Spend so far in the current local day/month, overall or for one provider. */
  spend: (period: BudgetPeriod, providerId?: string) => PeriodSpend;
  /** Recorded spend of one workspace in the current local day/month; without it workspace budgets are not checked. */
  workspaceSpend?: (period: BudgetPeriod, workspace: string) => PeriodSpend;
  /** Recorded spend of one panel conversation; without it conversation budgets are not checked. */
  conversationSpend?: (conversationId: string) => ConversationSpend;
  /** Where announced warnings are remembered (shared by windows); in memory only when absent. */
  store?: KeyValueStore;
  now?: () => Date;
  /** Display name of a provider id in messages. */
  providerLabel?: (providerId: string) => string;
  /** This window's reservations (a private one when absent). */
  ledger?: ReservationLedger;
  /** Reserved by other windows' requests in flight (their pending records), overall, per provider and/or per workspace. */
  elsewhere?: (providerId?: string, workspace?: string) => Committed;
}
