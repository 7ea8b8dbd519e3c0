// Virtual time for unit tests of code that takes a Clock (src/core/clock.ts): timers fire only when
// the test says so — one at a time (`fireNext`), up to a time (`advance`), or until a piece of async
// work settles (`drive`, bounded so a stuck promise fails the test instead of hanging it).
import { strict as assert } from 'node:assert';
import type { Clock } from '../../../src/core/clock';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(public time = 0) {}

  now() {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const t = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(t);
    return t;
  }

  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  sleep(ms: number) {
    return new Promise<void>((r) => this.setTimeout(r, ms));
  }

  /** Timers not fired yet. */
  get pending(): number {
    return this.timers.length;
  }

  /** Fires the earliest timer; false when none is pending. */
  fireNext(): boolean {
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const t = this.timers.shift();
    if (!t) return false;
    this.time = Math.max(this.time, t.at);
    t.fn();
    return true;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.timers[0];
      if (!t || t.at > end) break;
      this.timers.shift();
      this.time = t.at;
      t.fn();
    }
    this.time = end;
  }
}

/** One turn of the event loop. */
export const tick = () => new Promise<void>((r) => setImmediate(r));

/** Runs `work` to completion in virtual time (bounded: a stuck promise fails the test). */
export async function drive<T>(clock: VirtualClock, work: Promise<T>, maxSteps = 200_000): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  for (let i = 0; i < maxSteps && !settled; i++) {
    await tick();
    if (!settled && !clock.fireNext()) await tick();
  }
  assert.ok(settled, 'the work did not finish');
  return done;
}
