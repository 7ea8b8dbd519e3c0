// First-byte and idle timeouts for one streamed request, on our own AbortController.
// SDK timeouts do not fit: @google/generative-ai's `timeout` covers the whole stream and its timer
// is never cleared, and the OpenAI/Anthropic ones stop at the response headers. This guard aborts
// the request itself, so the SDK closes the HTTP stream, and remembers WHY it aborted so the
// adapter can surface 'timeout' or 'cancelled' instead of whatever the SDK threw.
//
// touch() runs on every chunk, so it only records the time: one idle timer re-checks when it
// fires and re-arms for the time left (no clearTimeout/setTimeout per chunk). The first-byte timer
// becomes that idle timer when it would fire no later than the idle deadline (the defaults: 60 s
// each), so a request that streams sets one timer in all. A stream that ends
// normally calls finish(), which stops the timers without aborting: error objects (ProviderError,
// AbortError) are built only when something actually went wrong or the consumer stopped early.

import type { ProviderTimeouts } from './types';
import type { ErrorContext, ProviderError } from './errors';
import { cancelledError, timeoutError } from './toProviderError';

export class StreamGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reason: ProviderError | undefined;
  private sawData = false;
  /** Date.now() of the last touch(), read by the idle timer when it fires. */
  private lastData = 0;
  /** Date.now() the first-byte timer fires at (0: none armed). */
  private firstByteAt = 0;
  private idleArmed = false;
  private readonly onCallerAbort = () => this.abort(cancelledError(this.ctx));

  /** Pass this to the SDK request: it fires on caller abort, on a timeout, and on close(). */
  readonly signal: AbortSignal = this.controller.signal;

  constructor(
    private readonly ctx: ErrorContext,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeouts: ProviderTimeouts | undefined,
  ) {
    if (callerSignal?.aborted) {
      this.abort(cancelledError(ctx));
      return;
    }
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    const firstByteMs = timeouts?.firstByteMs ?? 0;
    if (firstByteMs > 0) {
      this.firstByteAt = Date.now() + firstByteMs;
      this.timer = setTimeout(this.onTimer, firstByteMs);
    }
  }

  /** True once any data arrived; errors after that happened mid-answer. */
  get receivedData(): boolean {
    return this.sawData;
  }

  /** Call on every chunk/event: ends the first-byte wait and restarts the idle countdown. */
  touch(): void {
    if (this.idleArmed) {
      this.lastData = Date.now(); // the hot path: one clock read per chunk
      return;
    }
    this.sawData = true;
    if (this.reason) return;
    const idleMs = this.timeouts?.idleMs ?? 0;
    if (idleMs <= 0) return this.clearTimer();
    this.idleArmed = true;
    const now = (this.lastData = Date.now());
    // A first-byte timer due before the idle deadline serves: when it fires it waits out the rest.
    if (this.timer !== undefined && this.firstByteAt <= now + idleMs) return;
    this.clearTimer();
    this.timer = setTimeout(this.onTimer, idleMs);
  }

  /** Why our signal fired ('timeout' or 'cancelled'), or undefined when it has not. */
  get abortReason(): ProviderError | undefined {
    return this.reason;
  }

  throwIfAborted(): void {
    if (this.reason) throw this.reason;
  }

  /** Aborts the request because the consumer stopped reading; no-op once aborted. */
  close(): void {
    if (!this.reason) this.abort(cancelledError(this.ctx));
  }

  /** Stops the timers and unhooks from the caller's signal. Always call when the request ends. */
  dispose(): void {
    this.idleArmed = false;
    this.clearTimer();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /**
   * The one timer fired. Before any data: the first-byte timeout. After: time out if no data came
   * for idleMs, else wait out the rest.
   */
  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (this.reason) return;
    if (!this.sawData) return this.abort(timeoutError(this.ctx, 'first-byte', this.timeouts?.firstByteMs ?? 0));
    if (!this.idleArmed) return;
    const idleMs = this.timeouts?.idleMs ?? 0;
    const quiet = Date.now() - this.lastData;
    if (quiet >= idleMs) this.abort(timeoutError(this.ctx, 'idle', idleMs));
    else this.timer = setTimeout(this.onTimer, idleMs - quiet);
  };

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private abort(reason: ProviderError): void {
    if (this.reason) return;
    this.reason = reason;
    this.idleArmed = false;
    this.clearTimer();
    this.controller.abort(reason);
  }
}

/**
 * Runs `attempt` under a guard and turns any failure into a ProviderError: our own abort wins
 * (timeout/cancelled), everything else goes through `normalize`. For one-shot calls (listModels).
 */
export async function guarded<T>(
  ctx: ErrorContext,
  signal: AbortSignal | undefined,
  timeouts: ProviderTimeouts | undefined,
  attempt: (guard: StreamGuard) => Promise<T>,
  normalize: (e: unknown, guard: StreamGuard) => ProviderError,
): Promise<T> {
  const guard = new StreamGuard(ctx, signal, timeouts);
  try {
    guard.throwIfAborted();
    const result = await attempt(guard);
    guard.throwIfAborted();
    return result;
  } catch (e) {
    throw guard.abortReason ?? normalize(e, guard);
  } finally {
    guard.dispose();
  }
}
