import * as vscode from 'vscode';
import { BudgetGuard, spendFromUsage, type BudgetCheck, type BudgetSettings } from '../../core/budget/budget';
import { budgetRows, summarizeBudgets, type BudgetRow, type BudgetSummary } from '../../core/budget/summary';
import type { SettingsService } from '../../host/settings';
import type { UsageService } from '../usage/usageService';

/**
 * Budgets, for the rest of the host: the request service asks `check` before each request, the
 * status bar shows `summary`, the usage report lists `rows`. The limits come from the
 * `switchboard.budget.*` settings; the spend from the usage store; announced warnings are
 * remembered in globalState (small: a few keys of the current periods).
 */
export class BudgetService {
  private readonly guard: BudgetGuard;

  constructor(
    private readonly settings: SettingsService,
    usage: UsageService,
    state: vscode.Memento,
    private readonly providerLabel: (providerId: string) => string,
  ) {
    this.guard = new BudgetGuard({ settings: () => this.limits(), spend: spendFromUsage(usage.store), store: state, providerLabel });
  }

  check(providerId: string): BudgetCheck {
    return this.guard.check(providerId);
  }

  summary(): BudgetSummary {
    return summarizeBudgets(this.guard.status(), this.settings.value['budget.mode']);
  }

  rows(): BudgetRow[] {
    return budgetRows(this.guard.status(), this.settings.value['budget.mode'], this.providerLabel);
  }

  private limits(): BudgetSettings {
    const s = this.settings.value;
    return { daily: s['budget.daily'], monthly: s['budget.monthly'], mode: s['budget.mode'], perProvider: s['budget.perProvider'] };
  }
}

/** How a budget warning from a request's events is shown, wherever the request came from. */
export function showBudgetWarning(text: string): void {
  void vscode.window.showWarningMessage(text, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget');
  });
}
