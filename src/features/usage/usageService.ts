import * as vscode from 'vscode';
import { HEARTBEAT_MS, PendingUsage, SETTLE_CHECK_MS } from '../../core/usage/pendingUsage';
import { COMPACT_EVERY_MS, UsageStore, type PeriodSummary, type RequestUsage, type SummaryPeriod } from '../../core/usage/usageStore';

const REFRESH_MS = 30_000;
/** After a write, how long to wait before checking that another window did not overwrite it. */
const REPAIR_CHECK_MS = 2_000;

/**
 * The usage store on globalState, for this window. Other windows write their own shards; their
 * changes are picked up by re-reading on a timer and when this window gains focus (globalState
 * has no change event for extensions). Requests in flight are kept as pending usage (heartbeat
 * every HEARTBEAT_MS while any runs); dead windows' pending requests are settled as estimated
 * records at start and every SETTLE_CHECK_MS (see core/usage/pendingUsage.ts).
 */
export class UsageService implements vscode.Disposable {
  readonly store: UsageStore;
  readonly pending: PendingUsage;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private repairTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(globalState: vscode.Memento & { keys(): readonly string[] }, private readonly warn: (m: string) => void) {
    this.store = new UsageStore({ store: globalState });
    this.pending = new PendingUsage({ store: globalState });
    const settle = () =>
      void this.pending.settleStale().then(
        (n) => n > 0 && this.refresh(),
        (err: unknown) => this.warn(`Settling interrupted requests failed: ${String(err)}`),
      );
    settle();
    this.timers.push(setInterval(() => this.pending.tick(), HEARTBEAT_MS), setInterval(settle, SETTLE_CHECK_MS));
    this.timers.push(setInterval(() => this.refresh(), REFRESH_MS));
    this.disposables.push(vscode.window.onDidChangeWindowState((s) => s.focused && this.refresh()));
    // Fold long-idle windows' shards in the background; never on the activation path.
    const compact = () => void this.store.compact().catch((err: unknown) => this.warn(`Usage compaction failed: ${String(err)}`));
    this.timers.push(setTimeout(compact, 5_000), setInterval(compact, COMPACT_EVERY_MS));
  }

  /** Exactly one globalState write per finished request (plus a repair write only if another window clobbered it). */
  async record(entry: RequestUsage): Promise<void> {
    try {
      await this.store.record(entry);
    } catch (err) {
      this.warn(`Could not save usage: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.changed.fire();
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = setTimeout(() => void this.repair(), REPAIR_CHECK_MS);
  }

  /** Today's or this month's spend by model and by source, across windows (the `/usage` chat command). */
  summary(period: SummaryPeriod): PeriodSummary {
    return this.store.summary(period);
  }

  /** Resolves once this window's pending-usage writes are stored (deactivation awaits it). */
  flushed(): Promise<void> {
    return this.pending.flushed();
  }

  refresh(): void {
    void this.repair();
    this.store.invalidate();
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.store.reset();
    this.changed.fire();
  }

  private async repair(): Promise<void> {
    try {
      if (await this.store.repairIfLost()) {
        this.warn('Usage of this window was overwritten by another window\'s save; written again.');
        this.changed.fire();
      }
    } catch (err) {
      this.warn(`Usage repair failed: ${String(err)}`);
    }
  }

  dispose(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.repairTimer) clearTimeout(this.repairTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
