// How long one answer may grow (issue 15): a provider that streams without end must not fill the
// extension host's memory, nor make a message longer than the webview protocol carries
// (LIMITS.text). The pipeline cuts the text at the cap and ends the stream (the HTTP request is
// aborted); the answer keeps its text and is marked interrupted, so Continue works as for any
// cut-off answer. The cap counts a continued answer's earlier text too.

/** `switchboard.maxAnswerCharacters`' default, used when no caller says otherwise. */
export const DEFAULT_MAX_ANSWER_CHARS = 400_000;
/** The setting's bounds (package.json), so a bad value from anywhere cannot lift the cap. */
const MIN_CAP = 1_000;
const MAX_CAP = 900_000;

/** The error code of an answer cut at the cap (see remedies.ts). */
export const ANSWER_TOO_LONG = 'answer_too_long';

export function clampAnswerCap(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_MAX_ANSWER_CHARS;
  return Math.min(MAX_CAP, Math.max(MIN_CAP, Math.floor(value)));
}

export class AnswerCap {
  /** Characters this answer may still take. */
  private room: number;
  reached = false;

  /** `prior`: characters of this answer written before (a Continue). */
  constructor(
    readonly limit: number,
    prior = 0,
  ) {
    this.room = Math.max(0, limit - Math.max(0, prior));
    this.reached = this.room === 0;
  }

  /** The part of `piece` that still fits; marks the cap reached when it is full. */
  take(piece: string): string {
    if (this.reached) return '';
    const kept = piece.length > this.room ? piece.slice(0, this.room) : piece;
    this.room -= kept.length;
    if (this.room === 0) this.reached = true;
    return kept;
  }

  message(): string {
    return `The answer reached the ${this.limit.toLocaleString('en-US')}-character limit (switchboard.maxAnswerCharacters) and was cut here.`;
  }
}
