// Crash safety for usage: a request in flight is written down as *pending* when it starts, so a
// window reload or a killed extension host mid-stream still counts its spend. Each window owns one
// key (`switchboard.usage.pending.v1.<owner>`, small: only requests in flight) and is the only one
// that writes it: at each start and end, and every HEARTBEAT_MS while anything is in flight (with
// the output estimated from the text streamed so far). The key's `beat` is the owner's heartbeat.
//
// Ending a request removes its entry (one write, issued before the real record is written, so a
// crash in between can lose the request but never count it twice).
//
// Settling a dead window's requests (settleStale, at start and on a timer): a key is stale when
// its beat is older than STALE_AFTER_MS *and* this window has seen that same beat for
// STALE_AFTER_MS of its own monotonic time (so a window that slept, or whose view of the key was
// briefly reverted by another window's write, is not mistaken for dead). Its entries become
// estimated 'interrupted' records in a shard named after the stored value (see pendingFormat.ts:
// two settlers write the same key and value) and the pending key is deleted. A window that was in
// fact alive (frozen for longer than that) finds that shard before its next write: it then takes
// a fresh owner id and does not record the requests that were settled for it.
import type { Committed } from '../budget/reservations';
import type { ModelPrice } from '../llm/types';
import { nanosToUsd, usdToNanos } from '../pricing/cost';
import type { KeyValueStore } from './keyValueStore';
import type { UsageSource } from './usageSource';
import { PENDING_PREFIX, SETTLED_ID_PREFIX, parsePending, settledShard, toStored, type PendingEntry, type StoredPending } from './pendingFormat';
import { SHARD_PREFIX, ShardStorage } from './shardStorage';

export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;
/** How often to look for dead windows' pending requests: settled 30–40 s after they are first seen. */
export const SETTLE_CHECK_MS = 10_000;

export interface PendingStart {
  providerId: string;
  model: string;
  workspace: string;
  inputTokens: number;
  /** The budget reservation (USD); null = unknown price. */
  usd: number | null;
  price?: ModelPrice;
  /** Who asked; absent = 'switchboard'. Kept so a request settled after a crash keeps it too. */
  source?: UsageSource;
}

export interface PendingHandle {
  /** The answer grew by this many (estimated) tokens; stored at the next heartbeat. */
  addOutput(tokens: number): void;
  /** The request moved to another provider/model (fallback); written at once. */
  retarget(providerId: string, model: string, price: ModelPrice | undefined, usd: number | null): void;
  /**
   * Removes the entry (the write is issued now). Returns false when another window already
   * settled it as interrupted: the caller must not record it again. Only the first call counts.
   */
  end(): boolean;
}

export interface PendingUsageOptions {
  /** Where the pending entries live (globalState: small, and every window sees its changes). */
  store: KeyValueStore;
  /** Where usage shards live, for the shards settling writes (default: `store`). */
  usage?: KeyValueStore;
  now?: () => number;
  /** Does not jump with the wall clock or advance while the machine sleeps. */
  monotonic?: () => number;
  newId?: () => string;
}

interface Live extends PendingEntry {
  /** The owner id it was last written under. */
  writtenAs?: string;
  takenOver: boolean;
}

const randomId = (): string => globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12);

export class PendingUsage {
  private readonly kv: KeyValueStore;
  private readonly shards: ShardStorage;
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly newId: () => string;
  private owner: string;
  private readonly live = new Map<string, Live>();
  private lastWrite = -Infinity;
  private readonly seen = new Map<string, { beat: number; since: number }>();
  private parsed = new Map<string, { raw: unknown; value: StoredPending | undefined }>();
  private readonly writes = new Set<Promise<void>>();

  constructor(options: PendingUsageOptions) {
    this.kv = options.store;
    this.shards = new ShardStorage(options.usage ?? options.store);
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.newId = options.newId ?? randomId;
    this.owner = this.newId();
  }

  get ownerId(): string {
    return this.owner;
  }

  /** Requests of this window in flight. */
  get size(): number {
    return this.live.size;
  }

  begin(start: PendingStart): PendingHandle {
    const entry: Live = { id: this.newId(), started: this.now(), outputTokens: 0, takenOver: false, ...start };
    if (start.price === undefined) delete entry.price;
    if (start.source === undefined) delete entry.source;
    this.live.set(entry.id, entry);
    this.write();
    let ended = false;
    return {
      addOutput: (tokens) => void (entry.outputTokens += Math.max(0, tokens)),
      retarget: (providerId, model, price, usd) => {
        Object.assign(entry, { providerId, model, usd });
        if (price) entry.price = price;
        else delete entry.price;
        if (!ended) this.write(); // rare (a fallback), and a crash now must be priced right
      },
      end: () => {
        if (ended) return false;
        ended = true;
        this.adoptNewIdIfSettled();
        this.live.delete(entry.id);
        this.write();
        return !entry.takenOver;
      },
    };
  }

  /** The heartbeat: rewrites this window's key (refreshed estimates) while anything is in flight. */
  tick(): void {
    if (this.live.size > 0 && this.now() - this.lastWrite >= HEARTBEAT_MS / 2) this.write();
  }

  /** What other windows' requests in flight have reserved (their pending entries): all, or one provider's and/or workspace's. */
  elsewhere(providerId?: string, workspace?: string): Committed {
    let nanos = 0;
    let unpriced = 0;
    let requests = 0;
    for (const { key, stored } of this.others()) {
      if (key === PENDING_PREFIX + this.owner) continue;
      for (const e of stored.entries) {
        if (providerId !== undefined && e.p !== providerId) continue;
        if (workspace !== undefined && e.ws !== workspace) continue;
        requests++;
        if (e.usd === null) unpriced++;
        else nanos += usdToNanos(e.usd);
      }
    }
    return { usd: nanosToUsd(nanos), unpriced, requests };
  }

  /** Settles dead windows' pending requests as estimated records; returns how many. */
  async settleStale(): Promise<number> {
    const nowMs = this.now();
    const mono = this.monotonic();
    let settled = 0;
    const pending: Promise<unknown>[] = [];
    const present = new Set<string>();
    for (const { key, stored } of this.others()) {
      if (stored.owner === this.owner || key !== PENDING_PREFIX + stored.owner) continue;
      present.add(key);
      const seen = this.seen.get(key);
      if (!seen || seen.beat !== stored.beat) {
        this.seen.set(key, { beat: stored.beat, since: mono });
        continue;
      }
      if (nowMs - stored.beat <= STALE_AFTER_MS || mono - seen.since < STALE_AFTER_MS) continue;
      if (stored.entries.length > 0) {
        const shard = settledShard(stored);
        pending.push(this.shards.write(SHARD_PREFIX + shard.id, shard.value));
        settled += stored.entries.length;
      }
      pending.push(Promise.resolve(this.kv.update(key, undefined)));
      this.seen.delete(key);
    }
    for (const key of [...this.seen.keys()]) if (!present.has(key)) this.seen.delete(key);
    await Promise.all(pending);
    return settled;
  }

  /** Resolves once every write issued so far has been stored. */
  async flushed(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  private write(): void {
    this.adoptNewIdIfSettled();
    const key = PENDING_PREFIX + this.owner;
    this.lastWrite = this.now();
    for (const e of this.live.values()) e.writtenAs = this.owner;
    const value = this.live.size > 0 ? toStored(this.owner, this.lastWrite, this.live.values()) : undefined;
    this.track(this.kv.update(key, value));
  }

  /** A window frozen past STALE_AFTER_MS may have been settled by another: never count it twice. */
  private adoptNewIdIfSettled(): void {
    const prefix = `${SETTLED_ID_PREFIX}${this.owner}-`;
    const settled =
      this.shards.usageKeys().some(({ id }) => id.startsWith(prefix)) || [...(this.shards.archiveHeader()?.keys() ?? [])].some((id) => id.startsWith(prefix));
    if (!settled) return;
    for (const e of this.live.values()) if (e.writtenAs === this.owner) e.takenOver = true;
    this.track(this.kv.update(PENDING_PREFIX + this.owner, undefined));
    this.owner = this.newId();
  }

  private track(write: PromiseLike<void>): void {
    // A failed write is repaired by the next heartbeat or end; never fails a request.
    const tracked: Promise<void> = Promise.resolve(write)
      .catch(() => undefined)
      .finally(() => this.writes.delete(tracked));
    this.writes.add(tracked);
  }

  /** Every readable pending key in the store (parsed once per stored value). */
  private others(): { key: string; stored: StoredPending }[] {
    const out: { key: string; stored: StoredPending }[] = [];
    const next = new Map<string, { raw: unknown; value: StoredPending | undefined }>();
    for (const key of this.kv.keys()) {
      if (!key.startsWith(PENDING_PREFIX)) continue;
      const raw = this.kv.get<unknown>(key);
      const cached = this.parsed.get(key);
      const value = cached && cached.raw === raw ? cached.value : parsePending(raw);
      next.set(key, { raw, value });
      if (value) out.push({ key, stored: value });
    }
    this.parsed = next;
    return out;
  }
}
