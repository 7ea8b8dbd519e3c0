// Collects a stream (a terminal command's output) but keeps only its last `limit` characters, so
// a long-running command cannot fill memory: what is attached is the end of the output anyway.

export class TailBuffer {
  private chunks: string[] = [];
  private length = 0;
  /** Characters dropped from the start. */
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    // Compacted only once twice the limit is held, so pushing stays cheap.
    if (this.length > this.limit * 2) this.compact();
  }

  get text(): string {
    this.compact();
    return this.chunks[0] ?? '';
  }

  private compact(): void {
    const all = this.chunks.join('');
    const over = Math.max(0, all.length - this.limit);
    this.dropped += over;
    this.chunks = all.length ? [all.slice(over)] : [];
    this.length = all.length - over;
  }
}
