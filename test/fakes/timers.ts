// Waits the fake server can cancel: close() ends every pending wait at once (the handlers then
// see their socket gone and return), so no timer of an in-flight stream outlives a test run.

export class Timers {
  private readonly pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  private cancelled = false;

  sleep(ms: number): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  /** Clears every pending timer and resolves its wait; later sleeps resolve at once. */
  cancelAll(): void {
    this.cancelled = true;
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
