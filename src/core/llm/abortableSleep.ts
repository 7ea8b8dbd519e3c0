// A wait that ends at once when the request is aborted, or early when woken ("Retry now").

export type SleepEnd = 'elapsed' | 'woken';

export interface Wakeable {
  /** Ends the current sleep early (no effect when nothing sleeps). */
  wake(): void;
}

/** A handle the caller keeps to cut a sleep short. */
export class WakeSignal implements Wakeable {
  private waiter: (() => void) | undefined;

  wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** @internal used by sleep() */
  onWake(fn: (() => void) | undefined): void {
    this.waiter = fn;
  }
}

/**
 * Resolves after `ms` ('elapsed') or when `wake` fires ('woken'); rejects with `signal.reason`
 * (or an AbortError) as soon as `signal` aborts — no timer is left behind either way.
 */
export function sleep(ms: number, signal?: AbortSignal, wake?: WakeSignal): Promise<SleepEnd> {
  return new Promise<SleepEnd>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (end: SleepEnd | Error) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      wake?.onWake(undefined);
      if (end instanceof Error) reject(end);
      else resolve(end);
    };
    const onAbort = () => done(abortReason(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    wake?.onWake(() => done('woken'));
    timer = setTimeout(() => done('elapsed'), Math.max(0, ms));
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' });
}
