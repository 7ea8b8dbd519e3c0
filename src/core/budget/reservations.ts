// Money a request in flight may still spend, counted as spent by every other admission until the
// request settles. Without it, 20 requests admitted in the same instant all see the same "$0.99 of
// $1.00" and all pass. A reservation is the request's estimate (input + its max output tokens at
// the model's price); it is released exactly once, when the real usage is recorded (or the request
// ends in any other way). In memory and this window's only: other windows' requests in flight are
// counted through their pending usage records (see core/usage/pendingUsage.ts).
import { nanosToUsd, usdToNanos } from '../pricing/cost';

export interface Reservation {
  readonly providerId: string;
  /** The workspace the request was made in ('' = none); fixed for the request's life. */
  readonly workspace: string;
  /** The panel conversation it answers, if any; fixed for the request's life. */
  readonly conversationId: string | undefined;
  /** USD reserved; null = the model's price is unknown (counted as one unpriced request). */
  readonly usd: number | null;
  /** Moves the reservation to the provider that now serves the request (after a fallback). */
  moveTo(providerId: string, usd: number | null): void;
  /** Ends the reservation; true the first time, false afterwards (never released twice). */
  release(): boolean;
}

export interface Committed {
  usd: number;
  /** Reservations of unknown price (not in usd). */
  unpriced: number;
  requests: number;
}

/** Which reservations to add up; each field given narrows the sum, none = all. */
export interface ReservationFilter {
  providerId?: string;
  workspace?: string;
  conversationId?: string;
}

/** Where a reservation's request comes from (a fallback moves its provider, never these). */
export interface ReservationOrigin {
  workspace?: string;
  conversationId?: string;
}

interface Entry {
  providerId: string;
  usd: number | null;
  readonly workspace: string;
  readonly conversationId: string | undefined;
}

export class ReservationLedger {
  private readonly live = new Set<Entry>();

  reserve(providerId: string, usd: number | null, origin: ReservationOrigin = {}): Reservation {
    const entry: Entry = { providerId, usd, workspace: origin.workspace ?? '', conversationId: origin.conversationId };
    this.live.add(entry);
    const ledger = this.live;
    return {
      get providerId() {
        return entry.providerId;
      },
      workspace: entry.workspace,
      conversationId: entry.conversationId,
      get usd() {
        return entry.usd;
      },
      moveTo(to: string, amount: number | null) {
        entry.providerId = to;
        entry.usd = amount;
      },
      release: () => ledger.delete(entry),
    };
  }

  /** What the live reservations add up to: all of them, or those matching every field of `filter`. */
  committed(filter: ReservationFilter = {}): Committed {
    let nanos = 0;
    let unpriced = 0;
    let requests = 0;
    for (const r of this.live) {
      if (filter.providerId !== undefined && r.providerId !== filter.providerId) continue;
      if (filter.workspace !== undefined && r.workspace !== filter.workspace) continue;
      if (filter.conversationId !== undefined && r.conversationId !== filter.conversationId) continue;
      requests++;
      if (r.usd === null) unpriced++;
      else nanos += usdToNanos(r.usd);
    }
    return { usd: nanosToUsd(nanos), unpriced, requests };
  }

  get size(): number {
    return this.live.size;
  }
}
