import { systemClock, type Clock } from '../../core/clock';

/** Default flush interval: about two animation frames — smooth to the eye, ~30 posts a second at most. */
export const DELTA_INTERVAL_MS = 33;

/**
 * Collects streamed text and hands it on at most once per interval (trailing edge), so a long
 * answer costs one postMessage per interval rather than one per token. `flush()` hands on what is
 * pending at once (before a status change, and when the answer ends) — no text is ever dropped.
 */
export class DeltaBatcher {
  private pending = '';
  private timer: unknown;
  private scheduled = false;

  constructor(
    private readonly deliver: (text: string) => void,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.scheduled) return;
    this.scheduled = true;
    this.timer = this.clock.setTimeout(() => {
      this.scheduled = false;
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  flush(): void {
    this.cancelTimer();
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.deliver(text);
  }

  /** Stops the timer; what is pending is flushed first. */
  dispose(): void {
    this.flush();
  }

  private cancelTimer(): void {
    if (!this.scheduled) return;
    this.clock.clearTimeout(this.timer);
    this.scheduled = false;
    this.timer = undefined;
  }
}
