// The compact pieces of the stored v2 form (storedForm.ts): names stored once and referred to by
// index, and aggregates as tuples in a fixed field order with trailing zeros dropped.

import type { Agg, SpendAgg } from './model';

// Tuple orders: rarely non-zero fields last, so trailing zeros can be dropped. Fields added later
// go in side tables (sideTables.ts), never here: an older reader checks these tuples' length.
export const AGG_FIELDS = ['requests', 'inputTokens', 'outputTokens', 'costNanos', 'cachedInputTokens', 'unknownPrice', 'estimated'] as const satisfies readonly (keyof Agg)[];
export const SPEND_FIELDS = ['requests', 'costNanos', 'unknownPrice', 'estimated'] as const satisfies readonly (keyof SpendAgg)[];

export function encodeTuple<T extends object>(index: number, agg: T, fields: readonly (keyof T)[]): number[] {
  const out = [index, ...fields.map((f) => agg[f] as number)];
  while (out.length > 2 && out[out.length - 1] === 0) out.pop();
  return out;
}

export function decodeTuple<T extends object>(tuple: readonly number[], into: T, fields: readonly (keyof T)[]): T {
  fields.forEach((f, i) => ((into[f] as number) = tuple[i + 1] ?? 0));
  return into;
}

/** Assigns each distinct name an index, in first-use order. */
export class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

/** `list[i]`; a stored index out of range makes the whole shard invalid (decodeStored catches it). */
export function at<T>(list: readonly T[], i: number): T {
  if (i >= list.length) throw new Error(`name index ${i} out of range`);
  return list[i];
}
