// A single-consumer async queue: the producer pushes as events happen, the consumer iterates.
// Items are read by index (no Array#shift per item), so a consumer that falls behind a fast
// stream costs O(1) per event.

export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private head = 0;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    this.closed = true;
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.head < this.items.length) {
          const value = this.items[this.head++]!;
          if (this.head === this.items.length) {
            // Drained: start over so the array does not grow for the life of the stream.
            this.items = [];
            this.head = 0;
          }
          return Promise.resolve({ value, done: false });
        }
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        // The consumer stopped early (break): drop what is buffered and ignore later pushes.
        this.closed = true;
        this.items = [];
        this.head = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** `first`, then what `rest` yields (a plain iterator: an async generator adds promise turns per item). */
export function prefixed<T>(first: readonly T[], rest: AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const inner = rest[Symbol.asyncIterator]();
      let i = 0;
      return {
        next: () => (i < first.length ? Promise.resolve({ value: first[i++]!, done: false }) : inner.next()),
        return: () => inner.return?.() ?? Promise.resolve({ value: undefined, done: true }),
      };
    },
  };
}
