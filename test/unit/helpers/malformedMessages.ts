// Malformed-message generator for the protocol tests: takes valid samples and damages them in
// many ways (wrong types, missing fields, oversize, pollution keys, deep nesting, hostile objects).
import { LIMITS } from '../../../src/shared/protocol/limits';

/** Deterministic PRNG (mulberry32), so a failure is reproducible. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every path (to a leaf or object) inside a message, except the root. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

function setAt(obj: unknown, path: string[], value: unknown): void {
  const parent = getAt(obj, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** A value of a different type than `v` (never a valid replacement). */
function wrongTypeFor(v: unknown, r: () => number): unknown {
  const choices: unknown[] = typeof v === 'string'
    ? [42, true, { x: 1 }, ['a']] // not null: some strings are nullable
    : typeof v === 'number'
      ? ['7', -Infinity, NaN, { n: 1 }, [1], Infinity]
      : typeof v === 'boolean'
        ? ['true', 1, null]
        : Array.isArray(v)
          ? ['[]', 5, { length: 0 }]
          : v === null
            ? [{ bogus: [] }, true, []] // nullable fields (strings, numbers, objects): none of these fits any of them
            : ['obj', 12, [{}]];
  return choices[Math.floor(r() * choices.length)];
}

/** Optional fields whose removal leaves the message valid: they cannot be used to make a bad one. */
function isRequired(sample: object, path: string[], check: (m: unknown) => { ok: boolean }): boolean {
  const copy = structuredClone(sample);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string, unknown>;
  if (Array.isArray(parent)) return false;
  delete parent[path[path.length - 1]!];
  return !check(copy).ok;
}

/** Required paths per sample, worked out once: each check clones and validates the whole message. */
const requiredPaths = new WeakMap<(m: unknown) => { ok: boolean }, WeakMap<object, string[][]>>();

function requiredPathsOf(original: object, check: (m: unknown) => { ok: boolean }): string[][] {
  let bySample = requiredPaths.get(check);
  if (!bySample) requiredPaths.set(check, (bySample = new WeakMap()));
  let known = bySample.get(original);
  if (!known) bySample.set(original, (known = paths(original).filter((p) => isRequired(original, p, check))));
  return known;
}

export function malformed(samples: object[], check: (m: unknown) => { ok: boolean }, r: () => number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const original = pick(samples);
  const sample = structuredClone(original) as Record<string, unknown>;
  switch (Math.floor(r() * 10)) {
    case 0:
      return pick([null, undefined, 0, 1.5, '', 'ready', '{"type":"ready"}', true, [], [{ type: 'ready' }], () => 1, Symbol('x'), 10n]);
    case 1:
      return { ...sample, type: pick(['', 'READY', 'sendd', 'delete', 'eval', 'x'.repeat(500), 'toString', '__proto__']) };
    case 2: {
      const required = requiredPathsOf(original, check);
      if (required.length === 0) return { ...sample, type: 17 };
      const path = pick(required);
      const parent = getAt(sample, path.slice(0, -1)) as Record<string, unknown>;
      delete parent[path[path.length - 1]!];
      return sample;
    }
    case 3: {
      const leaves = paths(sample).filter((p) => p[0] !== 'type');
      if (leaves.length === 0) return { type: pick([1, null, {}, ['ready']]) };
      const path = pick(leaves);
      setAt(sample, path, wrongTypeFor(getAt(sample, path), r));
      return sample;
    }
    case 4: {
      const strings = paths(sample).filter((p) => typeof getAt(sample, p) === 'string' && p[0] !== 'type');
      if (strings.length === 0) return { ...sample, type: 'x'.repeat(LIMITS.text + 1) };
      const path = pick(strings);
      const isText = ['text', 'code'].includes(path[path.length - 1]!);
      setAt(sample, path, 'A'.repeat((isText ? LIMITS.text : LIMITS.id) + 1 + Math.floor(r() * 1000)) + (isText ? '' : 'x'.repeat(LIMITS.text)));
      return sample;
    }
    case 5: {
      // Pollution keys arrive as own properties after JSON.parse / structured clone.
      const key = pick(['__proto__', 'constructor', 'prototype']);
      const objects = [[], ...paths(sample).filter((p) => { const v = getAt(sample, p); return v !== null && typeof v === 'object' && !Array.isArray(v); })];
      const at = pick(objects);
      const json = JSON.stringify(sample);
      const parsed = JSON.parse(json) as Record<string, unknown>;
      const target = getAt(parsed, at) as Record<string, unknown>;
      Object.defineProperty(target, key, { value: JSON.parse('{"polluted":true,"isAdmin":true}'), enumerable: true, configurable: true, writable: true });
      return parsed;
    }
    case 6: {
      let deep: unknown = 'bottom';
      const depth = LIMITS.depth + 1 + Math.floor(r() * 200);
      for (let i = 0; i < depth; i++) deep = r() < 0.5 ? { a: deep } : [deep];
      return { ...sample, extra: deep };
    }
    case 7:
      return pick([new Date(), new Map([['type', 'ready']]), Object.assign(new (class Msg {})(), sample), new Uint8Array(4)]);
    case 8:
      // Objects that throw while being inspected.
      return pick([
        new Proxy(sample, { ownKeys: () => { throw new Error('boom'); } }),
        new Proxy(sample, { getPrototypeOf: () => { throw new Error('boom'); } }),
        new Proxy({}, { get: () => { throw new Error('boom'); } }),
      ]);
    default: {
      // A huge array where a bounded list or a string belongs.
      const arrays = paths(sample).filter((p) => Array.isArray(getAt(sample, p)));
      if (arrays.length > 0) {
        const path = pick(arrays);
        const last = path[path.length - 1];
        const limit = last === 'messages' ? LIMITS.messages : last === 'conversations' ? LIMITS.conversations : last === 'providers' ? LIMITS.providers : LIMITS.models;
        const item = (getAt(sample, path) as unknown[])[0] ?? 1;
        setAt(sample, path, new Array(limit + 1).fill(item));
        return sample;
      }
      return { ...sample, type: Array.from({ length: 10 }, () => 'ready') };
    }
  }
}


/** The `type` literals of a discriminated union schema. */
export function kinds(schema: unknown): Set<string> {
  const s = schema as { _zod: { def: { options: readonly { _zod: { def: { shape: { type: { _zod: { def: { values: unknown[] } } } } } } }[] } } };
  return new Set(s._zod.def.options.map((o) => String(o._zod.def.shape.type._zod.def.values[0])));
}
