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

export interface QueueEntryInfo {
  providerId: string;
  /** 1 = next to go. */
  position: number;
  /** Expected milliseconds until it may start. */
  waitMs: number;
}

export interface Reservation {
  /** Tokens reserved up front (estimated input + max output, capped at the bucket size). */
  readonly tokens: number;
  /** Corrects the reservation with the real usage (refunds or charges the difference). */
  settle(actualTokens: number): void;
}

interface Bucket {
  capacity: number;
  level: number;
}

interface Waiter {
  tokens: number;
  resolve(r: Reservation): void;
  reject(e: unknown): void;
  onQueued?: (info: QueueEntryInfo) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface ProviderState {
  limits: Limits;
  requests: Bucket;
  tokens: Bucket;
  refilledAt: number;
  /** No request starts before this time (a provider said its budget is spent). */
  blockedUntil: number;
  queue: Waiter[];
  timer?: ReturnType<typeof setTimeout>;
}

export interface RateLimiterOptions {
  limits(providerId: string): Limits;
  /** Length of the limits' window; one minute except in tests. */
  windowMs?: number;
  now?: () => number;
}

/** Remaining-budget threshold under which we wait for the provider's reset instead of hitting a 429. */
const LOW_REMAINING_REQUESTS = 0;

export class RateLimiter {
  private readonly states = new Map<string, ProviderState>();
  private readonly listeners = new Set<(queue: QueueEntryInfo[]) => void>();
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: RateLimiterOptions) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Waits (FIFO per provider) until the request may start and reserves its tokens. Rejects with
   * the signal's reason when aborted while queued; the others move up.
   */
  acquire(providerId: string, tokens: number, opts: { signal?: AbortSignal; onQueued?: (info: QueueEntryInfo) => void } = {}): Promise<Reservation> {
    const state = this.state(providerId);
    return new Promise<Reservation>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      const waiter: Waiter = { tokens, resolve, reject, ...(opts.onQueued ? { onQueued: opts.onQueued } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
      if (opts.signal) {
        waiter.onAbort = () => {
          const i = state.queue.indexOf(waiter);
          if (i >= 0) state.queue.splice(i, 1);
          reject(opts.signal!.reason);
          this.pump(providerId);
        };
        opts.signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      state.queue.push(waiter);
      this.pump(providerId);
    });
  }

  /** Reads a provider's remaining budget from its response headers and slows down before a 429. */
  applyHints(providerId: string, hints: RateLimitHints): void {
    const state = this.state(providerId);
    const now = this.now();
    if (hints.remainingRequests !== undefined && hints.remainingRequests <= LOW_REMAINING_REQUESTS && hints.resetRequestsMs) {
      state.blockedUntil = Math.max(state.blockedUntil, now + hints.resetRequestsMs);
    }
    if (hints.remainingTokens !== undefined && hints.remainingTokens <= 0 && hints.resetTokensMs) {
      state.blockedUntil = Math.max(state.blockedUntil, now + hints.resetTokensMs);
    }
    this.pump(providerId);
  }

  /** Everything queued right now, per provider, in order. */
  snapshot(): QueueEntryInfo[] {
    const out: QueueEntryInfo[] = [];
    for (const [providerId, state] of this.states) {
      state.queue.forEach((_, i) => out.push({ providerId, position: i + 1, waitMs: this.estimateWait(state, i) }));
    }
    return out;
  }

  /** Called with the snapshot whenever the queue changes. */
  onChange(listener: (queue: QueueEntryInfo[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
    this.listeners.clear();
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
        blockedUntil: 0,
        queue: [],
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
    const needReq = s.requests.capacity > 0 ? Math.max(0, 1 - s.requests.level) * (this.windowMs / s.requests.capacity) : 0;
    const want = Math.min(tokens, s.tokens.capacity);
    const needTok = s.tokens.capacity > 0 ? Math.max(0, want - s.tokens.level) * (this.windowMs / s.tokens.capacity) : 0;
    return Math.max(needReq, needTok, s.blockedUntil - this.now(), 0);
  }

  private estimateWait(s: ProviderState, index: number): number {
    const head = s.queue[0];
    if (!head) return 0;
    let wait = this.waitFor(s, head.tokens);
    // Each request ahead costs one request slot and its tokens at the refill rate.
    for (let i = 1; i <= index; i++) {
      const perReq = s.requests.capacity > 0 ? this.windowMs / s.requests.capacity : 0;
      const perTok = s.tokens.capacity > 0 ? (Math.min(s.queue[i - 1]!.tokens, s.tokens.capacity) * this.windowMs) / s.tokens.capacity : 0;
      wait += Math.max(perReq, perTok);
    }
    return Math.ceil(wait);
  }

  private pump(providerId: string): void {
    const s = this.states.get(providerId);
    if (!s) return;
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
    const snapshot = s.queue.map((_w, i) => ({ providerId, position: i + 1, waitMs: this.estimateWait(s, i) }));
    for (const entry of snapshot) s.queue[entry.position - 1]!.onQueued?.(entry);
    const all = this.snapshot();
    for (const l of this.listeners) l(all);
  }

  private take(providerId: string, s: ProviderState, tokens: number): Reservation {
    const reserved = s.tokens.capacity > 0 ? Math.min(tokens, s.tokens.capacity) : 0;
    if (s.requests.capacity > 0) s.requests.level -= 1;
    if (reserved > 0) s.tokens.level -= reserved;
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
