import * as vscode from 'vscode';
import { mkdir } from 'node:fs/promises';
import { watchFolder, type FolderWatch } from '../../core/files/watchFolder';
import { nodeFileSystem } from '../../core/files/fileSystem';
import { FileKeyValueStore, USAGE_WRITE_BEHIND_MS } from '../../core/usage/fileKeyValueStore';
import { moveUsageToFiles } from '../../core/usage/moveToFiles';
import { HEARTBEAT_MS, PendingUsage, SETTLE_CHECK_MS } from '../../core/usage/pendingUsage';
import { COMPACT_EVERY_MS, UsageStore, type PeriodSummary, type RequestUsage, type SummaryPeriod } from '../../core/usage/usageStore';

/** Re-reads other windows' usage this often even when the folder watch is quiet. */
const REFRESH_MS = 30_000;

/**
 * The usage store for this window: history in files under `<globalStorage>/usage` (one per window
 * shard plus the archive; what an earlier version kept in globalState is moved there at start),
 * requests in flight as small pending entries in globalState. Other windows write their own
 * files; their changes are picked up by a folder watch, on a timer and when this window gains
 * focus. Requests in flight are kept as pending usage (heartbeat every HEARTBEAT_MS while any
 * runs); dead windows' pending requests are settled as estimated records at start and every
 * SETTLE_CHECK_MS (see core/usage/pendingUsage.ts).
 */
export class UsageService implements vscode.Disposable {
  readonly store: UsageStore;
  readonly pending: PendingUsage;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly files: FileKeyValueStore;
  private watch: FolderWatch | undefined;
  private disposed = false;

  constructor(globalState: vscode.Memento & { keys(): readonly string[] }, usageDir: string, private readonly warn: (m: string) => void) {
    this.files = new FileKeyValueStore(usageDir, nodeFileSystem, USAGE_WRITE_BEHIND_MS);
    const moved = moveUsageToFiles(globalState, this.files);
    moved.done.catch((err: unknown) => this.warn(`Moving usage history to ${usageDir} failed; it stays where it was: ${String(err)}`));
    this.store = new UsageStore({ store: this.files });
    this.pending = new PendingUsage({ store: globalState, usage: this.files });
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
    void mkdir(usageDir, { recursive: true }).then(
      () => {
        if (this.disposed) return;
        const folder = { dir: usageDir, what: 'the usage folder', refresh: () => this.files.refresh() };
        this.watch = watchFolder(folder, () => this.reload(), { log: { warn: this.warn } });
      },
      (err: unknown) => this.warn(`Cannot create the usage folder ${usageDir}: ${String(err)}`),
    );
  }

  /**
   * Records a finished request: counted at once (status bar, report, budgets), written to its file
   * in the background, one file write per request at most (writes behind a busy disk are merged).
   */
  record(entry: RequestUsage): Promise<void> {
    let written: Promise<void>;
    try {
      written = this.store.record(entry);
    } catch (err) {
      written = Promise.reject(err);
    }
    this.changed.fire();
    return written.catch((err: unknown) => this.warn(`Could not save usage: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Today's or this month's spend by model and by source, across windows (the `/usage` chat command). */
  summary(period: SummaryPeriod): PeriodSummary {
    return this.store.summary(period);
  }

  /** Resolves once this window's pending-usage and usage writes are stored (deactivation awaits it). */
  async flushed(): Promise<void> {
    await Promise.all([this.pending.flushed(), this.files.flushed()]);
  }

  /** Reads other windows' usage again (timer, focus, after settling dead windows' requests). */
  refresh(): void {
    void this.files.refresh().then(
      () => this.reload(),
      (err: unknown) => this.warn(`Could not list the usage folder: ${String(err)}`),
    );
  }

  private reload(): void {
    if (this.disposed) return;
    this.store.invalidate();
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.store.reset();
    this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    this.watch?.dispose();
    for (const t of this.timers) clearInterval(t);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
