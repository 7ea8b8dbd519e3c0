// Parsing of webview messages, shared by every protocol and both sides: it never throws, and
// anything that is not exactly one of the protocol's messages is rejected with a reason.
import * as z from 'zod/mini';
import { LIMITS } from './limits';

export type Rejection = { ok: false; kind: string; reason: string };
export type Parsed<T> = { ok: true; message: T } | Rejection;

const POLLUTION_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Structural pre-check before zod: only plain objects/arrays/primitives, bounded depth and size,
 * and no key that could pollute a prototype if some code later merged the object.
 */
function structuralProblem(raw: unknown): string | undefined {
  let nodes = 0;
  const visit = (value: unknown, depth: number): string | undefined => {
    if (++nodes > LIMITS.nodes) return 'too many nodes';
    if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? `a ${typeof value}` : undefined;
    if (depth > LIMITS.depth) return 'nested too deeply';
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return 'not a plain object';
    for (const key of Object.keys(value)) {
      if (POLLUTION_KEYS.has(key)) return `forbidden key "${key}"`;
      const problem = visit((value as Record<string, unknown>)[key], depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(raw, 0);
}

/** A short label for the log: the message's `type` when it is a sane string. */
export function messageKind(raw: unknown): string {
  try {
    if (raw === null || typeof raw !== 'object') return raw === null ? 'null' : typeof raw;
    const type = (raw as { type?: unknown }).type;
    return typeof type === 'string' && /^[A-Za-z][\w-]{0,39}$/.test(type) ? type : Array.isArray(raw) ? 'array' : '(no type)';
  } catch {
    return '(unreadable)';
  }
}

export function parseWith<T>(schema: z.ZodMiniType<T>, raw: unknown): Parsed<T> {
  const kind = messageKind(raw);
  try {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, kind, reason: 'not an object' };
    const problem = structuralProblem(raw);
    if (problem) return { ok: false, kind, reason: problem };
    const result = z.safeParse(schema, raw);
    if (result.success) return { ok: true, message: result.data };
    const issue = result.error.issues[0];
    return { ok: false, kind, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid' };
  } catch (err) {
    // A Proxy or getter could throw while being read; that is a rejection, not a crash.
    return { ok: false, kind, reason: `unreadable (${err instanceof Error ? err.name : 'error'})` };
  }
}

