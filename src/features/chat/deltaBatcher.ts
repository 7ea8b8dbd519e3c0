import { systemClock, type Clock } from '../../core/clock';
import { STREAM_UPDATE_MS } from '../../shared/streamCadence';

/** Default interval: the panel's render cadence (streamCadence.ts). */
export const DELTA_INTERVAL_MS = STREAM_UPDATE_MS;

/**
 * Collects streamed text and hands it on at most once per interval, so a long answer costs one
 * postMessage per interval rather than one per token. Leading edge: text that comes after a whole
 * interval without a delivery (the first text of an answer, or after a pause) goes at once, so
 * batching never delays the first words; the rest goes an interval after the last delivery.
 * `flush()` hands on what is pending at once (before a status change, and when the answer ends) —
 * no text is ever dropped.
 */
export class DeltaBatcher {
  private pending = '';
  private timer: unknown;
  private scheduled = false;
  private lastAt = -Infinity;

  constructor(
    private readonly deliver: (text: string) => void,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.scheduled) return;
    const wait = this.lastAt + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.flush();
    this.scheduled = true;
    this.timer = this.clock.setTimeout(() => {
      this.scheduled = false;
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  flush(): void {
    this.cancelTimer();
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastAt = this.clock.now();
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
