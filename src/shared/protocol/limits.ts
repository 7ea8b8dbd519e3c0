// Size bounds and the field shapes every webview message is built from. A hostile or buggy peer
// cannot make the other side hold or render unbounded data. zod/mini keeps the webview bundles
// small (it tree-shakes; the classic API does not).
import * as z from 'zod/mini';
import { MAX_HREF_LENGTH } from './links';

/** Size bounds: a hostile or buggy peer cannot make the other side hold or render unbounded data. */
export const LIMITS = {
  /** One message text, a code block, a composer draft. */
  text: 1_000_000,
  id: 200,
  label: 500,
  errorMessage: 4_000,
  href: MAX_HREF_LENGTH,
  providers: 200,
  models: 5_000,
  conversations: 1_000,
  messages: 2_000,
  /** Workspace instructions files the panel lists (three per folder). */
  instructionFiles: 60,
  /** Search across conversations: the query, the hits, one hit's snippet. */
  searchQuery: 200,
  searchHits: 50,
  searchSnippet: 400,
  /** Entries the `@` picker lists for one query. */
  attachCandidates: 60,
  /** Object/array nesting of a whole message (a state snapshot needs 6). */
  depth: 10,
  /** Objects + arrays + primitives visited while checking a message. */
  nodes: 500_000,
  /** Most a cache write can cost beyond what it saved, in USD, for one answer (a negative saving). */
  signedUsd: 1_000_000,
} as const;

export const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
export const text = z.string().check(z.maxLength(LIMITS.text));
export const nonEmptyText = z.string().check(z.minLength(1), z.maxLength(LIMITS.text));
export const label = z.string().check(z.maxLength(LIMITS.label));
export const count = z.int().check(z.gte(0));
export const amount = z.number().check(z.gte(0));
/**
 * USD that may be negative (caching's saving: a cache write can cost more than it saved). Finite
 * (z.number() rejects ±Infinity and NaN); no upper bound beyond that, like `amount` (a `z.lte`
 * would add ~400 bytes of zod to the webview bundle).
 */
export const signedAmount = z.number().check(z.gte(-LIMITS.signedUsd));
export const time = z.number().check(z.gte(0));
