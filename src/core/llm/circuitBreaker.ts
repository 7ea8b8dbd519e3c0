// Per-provider circuit breaker for the fallback chain: after repeated outage-like failures the
// provider is skipped for a cool-down, then one trial request decides whether it is back.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive outage failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial request is let through. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 3, cooldownMs: 30_000 };

const OUTAGE = new Set(['overloaded', 'server', 'network', 'timeout']);

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private state: BreakerState = 'closed';
  private trialInFlight = false;

  constructor(
    private readonly opts: BreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.opts.cooldownMs) this.state = 'half-open';
    return this.state;
  }

  /** May a request go to this provider now? In half-open, only one trial at a time. */
  allow(): boolean {
    return this.admit() !== undefined;
  }

  /**
   * Like allow(), but says whether the request holds the half-open trial: a request that then
   * ends without a verdict must give it back with release().
   */
  admit(): 'pass' | 'trial' | undefined {
    const state = this.current;
    if (state === 'closed') return 'pass';
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return 'trial';
    }
    return undefined;
  }

  /**
   * The trial request ended without a verdict (the user stopped it, or it never left the rate
   * limiter's queue): free the half-open slot so the next request can try. Without this the
   * breaker would stay half-open, refusing everyone, for good.
   */
  release(): void {
    this.trialInFlight = false;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.state = 'closed';
  }

  /** Only outage-like failures count; a bad request or a bad key says nothing about availability. */
  failure(code: string): void {
    this.trialInFlight = false;
    if (!OUTAGE.has(code)) return;
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.opts.failureThreshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}
