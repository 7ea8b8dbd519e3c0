// Budgets, for the rest of the host: the request service asks `admit` before each request (which
// reserves its estimate), the status bar shows `summary`, the usage report and `@switchboard
// /budget` list `rows`. The limits come from the `switchboard.budget.*` settings; the spend from
// the usage store (overall, per provider, per workspace) or the conversation's answers
// (`conversationSpend`), plus what requests in flight have reserved (this window's and, through
// their pending usage, other windows'); announced warnings are remembered in globalState (small:
// a few keys of the current periods). Summaries and rows list the overall limits and the current
// workspace's; a conversation's limit only where a request names its conversation.
import * as vscode from 'vscode';
import { BudgetGuard, spendFromUsage, workspaceSpendFromUsage, type Admission, type AdmissionAsk, type BudgetCheck, type BudgetSettings, type ConversationSpend } from '../../core/budget/budget';
import type { Committed } from '../../core/budget/reservations';
import { budgetRows, summarizeBudgets, type BudgetRow, type BudgetSummary } from '../../core/budget/summary';
import type { SettingsService } from '../../host/settings';
import type { UsageService } from '../usage/usageService';

/** The workspace this window's usage is attributed to (the name hostRequests gives RequestService). */
const currentWorkspace = (): string => vscode.workspace.name ?? '';

/** Budgets for this window: admission, the status bar's summary and the listed rows. */
export class BudgetService {
  private readonly guard: BudgetGuard;

  constructor(
    private readonly settings: SettingsService,
    usage: UsageService,
    state: vscode.Memento,
    private readonly providerLabel: (providerId: string) => string,
    /** A panel conversation's recorded spend; without it conversation budgets are not checked. */
    conversationSpend?: (conversationId: string) => ConversationSpend,
  ) {
    this.guard = new BudgetGuard({
      settings: () => this.limits(),
      spend: spendFromUsage(usage.store),
      workspaceSpend: workspaceSpendFromUsage(usage.store),
      ...(conversationSpend ? { conversationSpend } : {}),
      elsewhere: (providerId, workspace) => usage.pending.elsewhere(providerId, workspace),
      store: state,
      providerLabel,
    });
  }

  check(providerId: string): BudgetCheck {
    return this.guard.check(providerId);
  }

  admit(ask: AdmissionAsk): Admission {
    return this.guard.admit(ask);
  }

  /** What requests in flight have reserved (all windows). */
  committed(): Committed {
    return this.guard.committed();
  }

  /**
   * Under a hard budget that does not allow unpriced models, a fallback must not go to one. The
   * fallback chain is not per request, so a conversation budget counts too (a panel request could
   * otherwise fall back out of it).
   */
  blocksUnpriced(): boolean {
    const s = this.limits();
    const some = (l: { daily?: number; monthly?: number } | undefined) => (l?.daily ?? 0) > 0 || (l?.monthly ?? 0) > 0;
    const workspace = currentWorkspace();
    const anyLimit =
      s.daily > 0 ||
      s.monthly > 0 ||
      Object.values(s.perProvider).some(some) ||
      (workspace !== '' && Object.prototype.hasOwnProperty.call(s.perWorkspace, workspace) && some(s.perWorkspace?.[workspace])) ||
      (s.perConversation ?? 0) > 0;
    return s.mode === 'hard' && !s.allowUnpriced && anyLimit;
  }

  summary(): BudgetSummary {
    const summary = summarizeBudgets(this.guard.status({ workspace: currentWorkspace() }), this.settings.value['budget.mode']);
    const inFlight = this.guard.committed();
    return inFlight.requests > 0 ? { ...summary, inFlight } : summary;
  }

  /** The overall limits and this workspace's. */
  rows(): BudgetRow[] {
    return budgetRows(this.guard.status({ workspace: currentWorkspace() }), this.settings.value['budget.mode'], this.providerLabel);
  }

  private limits(): BudgetSettings {
    const s = this.settings.value;
    return {
      daily: s['budget.daily'],
      monthly: s['budget.monthly'],
      mode: s['budget.mode'],
      perProvider: s['budget.perProvider'],
      perWorkspace: s['budget.perWorkspace'],
      perConversation: s['budget.perConversation'],
      allowUnpriced: s['budget.allowUnpricedModels'],
    };
  }
}

/** How a budget warning from a request's events is shown, wherever the request came from. */
export function showBudgetWarning(text: string): void {
  void vscode.window.showWarningMessage(text, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget');
  });
}
