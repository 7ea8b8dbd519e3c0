// Deterministic "randomness" for demo answers: the same prompt always gives the same answer.
// FNV-1a hashes the prompt; mulberry32 turns the hash into a stream of numbers.

export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items in a seeded order (all of them when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[];
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    sample: (items, n) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, n);
    },
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
  return rng;
}
