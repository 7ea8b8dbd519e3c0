import * as vscode from 'vscode';
import { UsageStore, type RequestUsage } from '../core/usageStore';

const REFRESH_MS = 30_000;

/**
 * The usage store on globalState, for this window. Other windows write their own shards; their
 * changes are picked up by re-reading on a timer and when this window gains focus (globalState
 * has no change event for extensions).
 */
export class UsageService implements vscode.Disposable {
  readonly store: UsageStore;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(globalState: vscode.Memento & { keys(): readonly string[] }, private readonly warn: (m: string) => void) {
    this.store = new UsageStore({ store: globalState });
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.disposables.push(vscode.window.onDidChangeWindowState((s) => s.focused && this.refresh()));
    // Fold long-idle windows' shards in the background; never on the activation path.
    setTimeout(() => void this.store.compact().catch((err: unknown) => this.warn(`Usage compaction failed: ${String(err)}`)), 5_000);
  }

  /** Exactly one globalState write per finished request. */
  async record(entry: RequestUsage): Promise<void> {
    try {
      await this.store.record(entry);
    } catch (err) {
      this.warn(`Could not save usage: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.changed.fire();
  }

  refresh(): void {
    this.store.invalidate();
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.store.reset();
    this.changed.fire();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
