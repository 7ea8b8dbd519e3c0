// The slice of VS Code's `Memento` (context.globalState) the usage store needs. A vscode.Memento
// satisfies it as is; `MemoryKeyValueStore` is the plain-Node stand-in for tests and benchmarks.

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  /**
   * `undefined` deletes the key (Memento semantics). The value is copied when written (Memento
   * copies it through JSON since VS Code 1.89), so the caller may change its object afterwards
   * (ShardEncoder reuses parts of the value it encoded).
   */
  update(key: string, value: unknown): PromiseLike<void>;
  /** Stores a value given as its JSON text (undefined deletes): saves serializing it again. */
  updateJson?(key: string, json: string | undefined): PromiseLike<void>;
  /**
   * Stores the JSON text `make` returns, made only when the write goes out (or the key is read);
   * writes of one key go out in order and a newer value replaces one still waiting, so `make`
   * may never be called.
   */
  updateLater?(key: string, make: () => string): PromiseLike<void>;
  keys(): readonly string[];
}

/**
 * In-memory store that behaves like VS Code's Memento: a value is copied through JSON when
 * written (so later changes to the caller's object are not stored), and get() returns the
 * stored copy itself, as Memento does — callers must treat it as read-only.
 */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly data = new Map<string, { json: string; value?: unknown }>();
  /** Every update() call, deletes included. */
  updates = 0;

  get<T>(key: string): T | undefined {
    const entry = this.data.get(key);
    if (entry && !('value' in entry)) entry.value = JSON.parse(entry.json); // parsed once, on first read
    return entry?.value as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    return this.updateJson(key, value === undefined ? undefined : JSON.stringify(value));
  }

  updateJson(key: string, json: string | undefined): Promise<void> {
    this.updates++;
    if (json === undefined) this.data.delete(key);
    else this.data.set(key, { json });
    return Promise.resolve();
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  /** Bytes of the keys and their JSON values, for keys starting with `prefix` (default: all). */
  storedBytes(prefix = ''): number {
    let bytes = 0;
    for (const [key, { json }] of this.data) if (key.startsWith(prefix)) bytes += Buffer.byteLength(key) + Buffer.byteLength(json);
    return bytes;
  }
}
