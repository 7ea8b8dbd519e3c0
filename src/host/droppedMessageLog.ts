import type { Rejection } from '../shared/protocol/parse';
import { systemClock, type Clock } from '../core/clock';

const MAX_KINDS = 50;
const MAX_REASON = 200;

/**
 * Invalid messages are dropped, never acted on; this keeps the log readable when a peer floods:
 * the first of each kind is logged with its reason, the rest are counted and summarised at most
 * once per `summaryEveryMs` (and on dispose).
 */
export class DroppedMessageLog {
  private readonly seen = new Set<string>();
  private readonly pendingCounts = new Map<string, number>();
  private lastSummaryAt: number | undefined;
  private totalCount = 0;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly clock: Clock = systemClock,
    private readonly summaryEveryMs = 60_000,
  ) {}

  get total(): number {
    return this.totalCount;
  }

  record(source: 'webview' | 'host', rejection: Rejection): void {
    this.totalCount++;
    const now = this.clock.now();
    this.lastSummaryAt ??= now;
    let key = `${source}:${rejection.kind}`;
    if (!this.seen.has(key)) {
      if (this.seen.size < MAX_KINDS) {
        this.seen.add(key);
        this.warn(`Dropped an invalid "${rejection.kind}" message from the ${source}: ${rejection.reason.slice(0, MAX_REASON)}. More of this kind are counted, not logged.`);
        return;
      }
      key = `${source}:(other)`;
    }
    this.pendingCounts.set(key, (this.pendingCounts.get(key) ?? 0) + 1);
    if (now - this.lastSummaryAt >= this.summaryEveryMs) this.flush();
  }

  /** Logs the counts gathered since the last summary, if any. */
  flush(): void {
    this.lastSummaryAt = this.clock.now();
    if (this.pendingCounts.size === 0) return;
    const parts = [...this.pendingCounts].map(([k, n]) => `${k} ×${n}`);
    const sum = [...this.pendingCounts.values()].reduce((a, b) => a + b, 0);
    this.pendingCounts.clear();
    this.warn(`Dropped ${sum} more invalid message(s): ${parts.join(', ')} (${this.totalCount} in total).`);
  }

  dispose(): void {
    this.flush();
  }
}
