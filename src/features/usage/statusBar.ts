import * as vscode from 'vscode';
import { formatUsd } from '../../shared/money';
import { monthRange } from '../../core/usage/dates';
import { nanosToUsd } from '../../core/pricing/cost';
import { usageSourceLabel } from '../../core/usage/usageSource';
import type { BudgetSummary } from '../../core/budget/summary';
import type { UsageService } from './usageService';

/** Something queued by the rate limiter right now, for the clock indicator. */
export interface QueueInfo {
  providerId: string;
  waitMs: number;
}

/**
 * Right-side status-bar item: `$0.42 today · $7.90 month`, a clock while a request waits in the
 * rate limiter's queue, warning/error background at 80 % / over a budget (requests in flight
 * count as committed). `≈` marks a figure that includes estimated requests (stopped, or
 * interrupted by a crash). The tooltip splits today's spend by source once requests came from
 * more than one (the panel, VS Code's chat), and what prompt caching saved today. Click → usage report.
 */
export class UsageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchboard.usage', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;
  private queue: QueueInfo | undefined;
  private queueTimer: ReturnType<typeof setInterval> | undefined;
  private queueDeadline = 0;

  constructor(
    private readonly usage: UsageService,
    private readonly budget: () => BudgetSummary,
    private readonly providerLabel: (providerId: string) => string,
  ) {
    this.item.name = 'Switchboard Usage';
    this.item.command = 'switchboard.showUsage';
    this.subscription = usage.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  /** The rate limiter's queue changed: the clock shows the longest wait (none when it is empty). */
  showQueue(queue: readonly QueueInfo[]): void {
    const longest = queue.reduce<QueueInfo | undefined>((best, q) => (!best || q.waitMs > best.waitMs ? q : best), undefined);
    this.setQueue(longest ? { providerId: longest.providerId, waitMs: longest.waitMs } : undefined);
  }

  private setQueue(info: QueueInfo | undefined): void {
    this.queue = info;
    if (this.queueTimer) clearInterval(this.queueTimer);
    this.queueTimer = undefined;
    if (info) {
      this.queueDeadline = Date.now() + info.waitMs;
      this.queueTimer = setInterval(() => this.render(), 1000);
    }
    this.render();
  }

  render(): void {
    const today = this.usage.store.today();
    const month = this.usage.store.thisMonth();
    const unknown = month.unknownPriceRequests > 0 ? '+' : '';
    const approx = (t: { estimatedRequests: number }) => (t.estimatedRequests > 0 ? '≈' : '');
    let text = `${approx(today)}${formatUsd(today.costUsd)} today · ${approx(month)}${formatUsd(month.costUsd)}${unknown} month`;
    if (this.queue) {
      const left = Math.max(0, Math.ceil((this.queueDeadline - Date.now()) / 1000));
      text = `$(clock) ${left} s · ${text}`;
    }
    this.item.text = text;

    const budget = this.budget();
    this.item.backgroundColor =
      budget.alert === 'blocked' || budget.alert === 'exceeded'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : budget.alert === 'warn80'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;

    const byProvider = new Map<string, { cost: number; input: number; output: number; requests: number; unknown: number }>();
    for (const m of this.usage.store.byProviderModel(monthRange(new Date()))) {
      const p = byProvider.get(m.providerId) ?? { cost: 0, input: 0, output: 0, requests: 0, unknown: 0 };
      p.cost += m.costUsd;
      p.input += m.inputTokens;
      p.output += m.outputTokens;
      p.requests += m.requests;
      p.unknown += m.unknownPriceRequests;
      byProvider.set(m.providerId, p);
    }
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Switchboard spend**\n\n`);
    tip.appendMarkdown(`Today: ${approx(today)}${formatUsd(today.costUsd)} · ${today.requests} requests · ${today.inputTokens.toLocaleString()} in / ${today.outputTokens.toLocaleString()} out tokens\n\n`);
    // A negative saving (cache writes cost more than the reads saved) is said as what caching cost.
    if (today.savedUsd > 0) tip.appendMarkdown(`Saved by caching today: ${formatUsd(today.savedUsd)}\n\n`);
    else if (today.savedUsd < 0) tip.appendMarkdown(`Caching cost today: +${formatUsd(-today.savedUsd)}\n\n`);
    const bySource = this.usage.summary('today').bySource;
    if (bySource.length > 1) {
      const parts = bySource.map((b) => `${usageSourceLabel(b.source)} ${formatUsd(nanosToUsd(b.costNanos))}${b.unknownPrice ? ' + unknown' : ''} (${b.requests} requests)`);
      tip.appendMarkdown(`Today by source: ${parts.join(' · ')}

`);
    }
    tip.appendMarkdown(`This month: ${approx(month)}${formatUsd(month.costUsd)} · ${month.requests} requests\n\n`);
    if (month.estimatedRequests) tip.appendMarkdown(`≈ ${month.estimatedRequests} request(s) this month were estimated (stopped, or interrupted by a reload or crash).\n\n`);
    if (byProvider.size) {
      tip.appendMarkdown('| Provider (month) | Requests | Tokens in / out | Cost |\n|---|--:|--:|--:|\n');
      for (const [id, p] of byProvider) {
        tip.appendMarkdown(`| ${this.providerLabel(id)} | ${p.requests} | ${p.input.toLocaleString()} / ${p.output.toLocaleString()} | ${formatUsd(p.cost)}${p.unknown ? ` + ${p.unknown} unknown` : ''} |\n`);
      }
    }
    if (month.unknownPriceRequests) tip.appendMarkdown(`\n${month.unknownPriceRequests} request(s) this month used a model with an unknown price (not included). Set prices in \`switchboard.prices\`.\n`);
    if (this.queue) tip.appendMarkdown(`\n$(clock) A ${this.providerLabel(this.queue.providerId)} request is waiting for the rate limiter.\n`);
    if (budget.inFlight) {
      const { requests, usd, unpriced } = budget.inFlight;
      tip.appendMarkdown(`\nIn flight: ${requests} request(s), up to ≈${formatUsd(usd)}${unpriced ? ` + ${unpriced} of unknown price` : ''} reserved against budgets.\n`);
    }
    if (budget.text) tip.appendMarkdown(`\n${budget.text}\n`);
    tip.appendMarkdown('\nClick for the usage report.');
    this.item.tooltip = tip;
  }

  dispose(): void {
    if (this.queueTimer) clearInterval(this.queueTimer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
