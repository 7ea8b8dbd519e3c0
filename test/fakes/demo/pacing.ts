// How a demo answer is streamed: token-sized pieces split at word boundaries (a fence marker or
// a table row's pipe is never cut in half), sent at a human reading pace.

export const DEFAULT_TOKENS_PER_SECOND = 60;
/** The usual rule of thumb for English and code. */
export const CHARS_PER_TOKEN = 4;
/** Time to first byte at the default pace; faster paces shrink it in proportion. */
const FIRST_BYTE_MS_AT_DEFAULT = 300;

export interface Pace {
  charsPerSecond: number;
  firstByteDelayMs: number;
}

export function paceFor(tokensPerSecond: number): Pace {
  return {
    charsPerSecond: tokensPerSecond * CHARS_PER_TOKEN,
    firstByteDelayMs: Math.round(Math.min(FIRST_BYTE_MS_AT_DEFAULT, (FIRST_BYTE_MS_AT_DEFAULT * DEFAULT_TOKENS_PER_SECOND) / tokensPerSecond)),
  };
}

/** A usable rate, or the default: positive and finite. */
export function validTokensPerSecond(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : DEFAULT_TOKENS_PER_SECOND;
}

/** Each word with the whitespace before it; joined, the pieces are exactly `text`. */
export function tokenPieces(text: string): string[] {
  const pieces: string[] = [...(text.match(/\s*\S+/g) ?? [])];
  const rest = text.slice(pieces.join('').length);
  if (rest) {
    if (pieces.length) pieces[pieces.length - 1] += rest;
    else pieces.push(rest);
  }
  return pieces;
}
