// Client-side rate limiting per provider instance: token buckets for requests/min and tokens/min,
// with a FIFO queue (over the limit means wait, not fail) and adaptive slow-down from the
// providers' own rate-limit headers.
import type { RateLimitHints } from './types';

export interface Limits {
  /** 0 = unlimited. */
  requestsPerMinute: number;
  /** 0 = unlimited. */
  tokensPerMinute: number;
}

/**
 * Conservative client-side limits per built-in provider (endpoints are unlimited). They are also
 * the manifest's default of `switchboard.rateLimits`, so the Settings editor shows what applies.
 */
export const DEFAULT_PROVIDER_LIMITS: Readonly<Record<string, Limits>> = {
  openai: { requestsPerMinute: 60, tokensPerMinute: 200_000 },
  anthropic: { requestsPerMinute: 50, tokensPerMinute: 100_000 },
  gemini: { requestsPerMinute: 60, tokensPerMinute: 250_000 },
};

/** The limits that apply to `providerId`: each field the user set, else the default (0 = unlimited). */
export function providerLimits(providerId: string, configured: Readonly<Record<string, Partial<Limits>>>): Limits {
  const own = <T>(table: Readonly<Record<string, T>>): T | undefined => (Object.prototype.hasOwnProperty.call(table, providerId) ? table[providerId] : undefined);
  const user = own(configured);
  const base = own(DEFAULT_PROVIDER_LIMITS) ?? { requestsPerMinute: 0, tokensPerMinute: 0 };
  return { requestsPerMinute: user?.requestsPerMinute ?? base.requestsPerMinute, tokensPerMinute: user?.tokensPerMinute ?? base.tokensPerMinute };
}

export interface QueueEntryInfo {
  providerId: string;
  /** 1 = next to go. */
  position: number;
  /** Expected milliseconds until it may start. */
  waitMs: number;
}

export interface Reservation {
  /** Tokens reserved in our bucket (estimated input + max output, capped at the bucket size). */
  readonly tokens: number;
  /** Corrects the reservation with the real usage (refunds or charges the difference). Once. */
  settle(actualTokens: number): void;
}

export interface RateLimiterOptions {
  limits(providerId: string): Limits;
  /** Length of the limits' window; one minute except in tests. */
  windowMs?: number;
  /**
   * When a provider reports a spent budget without saying when it resets, wait this long before
   * the next call (a guess, kept short: the provider's 429 and the retry policy take over if wrong).
   */
  defaultResetMs?: number;
  /**
   * Longest wait a provider's headers alone can impose. A daily budget reports a reset hours away;
   * rather than hold the queue that long, the request goes and the provider's own 429 (with its
   * Retry-After, bounded by the retry policy's total-wait cap) explains the problem to the user.
   */
  maxHintWaitMs?: number;
  now?: () => number;
}

export const DEFAULT_LIMITER = { windowMs: 60_000, defaultResetMs: 1_000, maxHintWaitMs: 60_000 } as const;

interface Bucket {
  capacity: number;
  level: number;
}

/** What the provider last said it has left, counted down by the requests we started since. */
interface ProviderBudget {
  remaining: number;
  resetAt: number;
}

interface Waiter {
  tokens: number;
  resolve(r: Reservation): void;
  reject(e: unknown): void;
  onQueued: ((info: QueueEntryInfo) => void) | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface ProviderState {
  limits: Limits;
  requests: Bucket;
  tokens: Bucket;
  refilledAt: number;
  providerRequests: ProviderBudget | undefined;
  providerTokens: ProviderBudget | undefined;
  queue: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class RateLimiter {
  private readonly states = new Map<string, ProviderState>();
  private readonly listeners = new Set<(queue: QueueEntryInfo[]) => void>();
  private readonly windowMs: number;
  private readonly defaultResetMs: number;
  private readonly maxHintWaitMs: number;
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly opts: RateLimiterOptions) {
    this.windowMs = opts.windowMs ?? DEFAULT_LIMITER.windowMs;
    this.defaultResetMs = opts.defaultResetMs ?? DEFAULT_LIMITER.defaultResetMs;
    this.maxHintWaitMs = opts.maxHintWaitMs ?? DEFAULT_LIMITER.maxHintWaitMs;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Waits (FIFO per provider) until the request may start and reserves its tokens. Rejects with
   * the signal's reason when aborted while queued; the requests behind it move up.
   */
  acquire(providerId: string, tokens: number, opts: { signal?: AbortSignal; onQueued?: (info: QueueEntryInfo) => void } = {}): Promise<Reservation> {
    if (this.disposed) return Promise.reject(new Error('The rate limiter was shut down.'));
    const state = this.state(providerId);
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Nobody waiting and room now (most requests): no queue entry, no abort listener, no timer.
    if (state.queue.length === 0 && state.timer === undefined) {
      this.refill(state);
      if (this.waitFor(state, Math.max(0, tokens)) <= 0) {
        const reservation = this.take(providerId, state, Math.max(0, tokens));
        this.notify();
        return Promise.resolve(reservation);
      }
    }
    return new Promise<Reservation>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = { tokens: Math.max(0, tokens), resolve, reject, onQueued: opts.onQueued, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = state.queue.indexOf(waiter);
          if (i < 0) return;
          state.queue.splice(i, 1);
          reject(signal.reason);
          this.pump(providerId);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      state.queue.push(waiter);
      this.pump(providerId);
    });
  }

  /**
   * Reads a provider's remaining budget from its response headers: when it is spent, the next
   * request waits for the provider's reset instead of earning a 429.
   */
  applyHints(providerId: string, hints: RateLimitHints): void {
    const state = this.states.get(providerId);
    if (!state) return;
    if (hints.remainingRequests !== undefined) state.providerRequests = this.budget(hints.remainingRequests, hints.resetRequestsMs);
    if (hints.remainingTokens !== undefined) state.providerTokens = this.budget(hints.remainingTokens, hints.resetTokensMs);
    if (state.queue.length) this.pump(providerId);
  }

  /** Everything queued right now, per provider, in order. */
  snapshot(): QueueEntryInfo[] {
    const out: QueueEntryInfo[] = [];
    for (const [providerId, state] of this.states) {
      for (let i = 0; i < state.queue.length; i++) out.push({ providerId, position: i + 1, waitMs: this.estimateWait(state, i) });
    }
    return out;
  }

  /** Called with the snapshot whenever a queue changes. */
  onChange(listener: (queue: QueueEntryInfo[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops the timers and fails every queued request, so no caller waits forever. */
  dispose(): void {
    this.disposed = true;
    for (const s of this.states.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
      for (const w of s.queue.splice(0)) {
        if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(new Error('The rate limiter was shut down.'));
      }
    }
    this.listeners.clear();
  }

  private budget(remaining: number, resetMs: number | undefined): ProviderBudget {
    const wait = resetMs !== undefined && Number.isFinite(resetMs) && resetMs >= 0 ? resetMs : this.defaultResetMs;
    return { remaining, resetAt: this.now() + Math.min(wait, this.maxHintWaitMs) };
  }

  private state(providerId: string): ProviderState {
    const limits = this.opts.limits(providerId);
    let s = this.states.get(providerId);
    if (!s) {
      s = {
        limits,
        requests: { capacity: limits.requestsPerMinute, level: limits.requestsPerMinute },
        tokens: { capacity: limits.tokensPerMinute, level: limits.tokensPerMinute },
        refilledAt: this.now(),
        providerRequests: undefined,
        providerTokens: undefined,
        queue: [],
        timer: undefined,
      };
      this.states.set(providerId, s);
    } else if (s.limits.requestsPerMinute !== limits.requestsPerMinute || s.limits.tokensPerMinute !== limits.tokensPerMinute) {
      // Settings changed: keep the spent fraction, adopt the new sizes.
      this.refill(s);
      s.requests = rescale(s.requests, limits.requestsPerMinute);
      s.tokens = rescale(s.tokens, limits.tokensPerMinute);
      s.limits = limits;
    }
    return s;
  }

  private refill(s: ProviderState): void {
    const now = this.now();
    const elapsed = Math.max(0, now - s.refilledAt);
    s.refilledAt = now;
    for (const b of [s.requests, s.tokens]) {
      if (b.capacity > 0) b.level = Math.min(b.capacity, b.level + (elapsed * b.capacity) / this.windowMs);
    }
  }

  /** Milliseconds until a request needing `tokens` fits (0 = now). */
  private waitFor(s: ProviderState, tokens: number): number {
    const now = this.now();
    const needReq = s.requests.capacity > 0 ? Math.max(0, 1 - s.requests.level) * (this.windowMs / s.requests.capacity) : 0;
    const want = Math.min(tokens, s.tokens.capacity);
    const needTok = s.tokens.capacity > 0 ? Math.max(0, want - s.tokens.level) * (this.windowMs / s.tokens.capacity) : 0;
    let hinted = 0;
    const pr = s.providerRequests;
    if (pr && pr.resetAt > now && pr.remaining < 1) hinted = pr.resetAt - now;
    const pt = s.providerTokens;
    if (pt && pt.resetAt > now && pt.remaining < Math.max(1, tokens)) hinted = Math.max(hinted, pt.resetAt - now);
    return Math.max(needReq, needTok, hinted, 0);
  }

  private estimateWait(s: ProviderState, index: number): number {
    const head = s.queue[0];
    if (!head) return 0;
    let wait = this.waitFor(s, head.tokens);
    // Each request ahead costs one request slot and its tokens at the refill rate.
    const perReq = s.requests.capacity > 0 ? this.windowMs / s.requests.capacity : 0;
    for (let i = 1; i <= index; i++) {
      const perTok = s.tokens.capacity > 0 ? (Math.min(s.queue[i - 1]!.tokens, s.tokens.capacity) * this.windowMs) / s.tokens.capacity : 0;
      wait += Math.max(perReq, perTok);
    }
    return Math.ceil(wait);
  }

  private pump(providerId: string): void {
    const s = this.states.get(providerId);
    if (!s || this.disposed) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    this.refill(s);
    while (s.queue.length) {
      const head = s.queue[0]!;
      const wait = this.waitFor(s, head.tokens);
      if (wait > 0) {
        s.timer = setTimeout(() => this.pump(providerId), Math.max(1, Math.ceil(wait)));
        break;
      }
      s.queue.shift();
      if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve(this.take(providerId, s, head.tokens));
    }
    for (let i = 0; i < s.queue.length; i++) {
      const w = s.queue[i]!;
      w.onQueued?.({ providerId, position: i + 1, waitMs: this.estimateWait(s, i) });
    }
    this.notify();
  }

  private notify(): void {
    if (this.listeners.size) {
      const all = this.snapshot();
      for (const l of this.listeners) l(all);
    }
  }

  private take(providerId: string, s: ProviderState, tokens: number): Reservation {
    const reserved = s.tokens.capacity > 0 ? Math.min(tokens, s.tokens.capacity) : 0;
    if (s.requests.capacity > 0) s.requests.level -= 1;
    if (reserved > 0) s.tokens.level -= reserved;
    // The provider's own counters go down too, until its next headers say otherwise.
    if (s.providerRequests) s.providerRequests.remaining -= 1;
    if (s.providerTokens) s.providerTokens.remaining -= tokens;
    let settled = false;
    return {
      tokens: reserved,
      settle: (actual: number) => {
        if (settled || s.tokens.capacity === 0) return;
        settled = true;
        this.refill(s);
        // Refund an over-estimate, charge an under-estimate (the level may go below zero: the
        // provider counted those tokens, so the next request waits for them).
        s.tokens.level = Math.min(s.tokens.capacity, s.tokens.level + reserved - Math.max(0, actual));
        if (s.queue.length) this.pump(providerId);
      },
    };
  }
}

function rescale(b: Bucket, capacity: number): Bucket {
  if (capacity <= 0) return { capacity: 0, level: 0 };
  if (b.capacity <= 0) return { capacity, level: capacity };
  return { capacity, level: (b.level / b.capacity) * capacity };
}
