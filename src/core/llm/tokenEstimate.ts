// Token estimates for the rate limiter's reservations, the panel's cost preview and history
// trimming. A real tokenizer's encodings are 1–2.8 MB (more than the rest of the VSIX), so this is
// a per-character-class ratio table calibrated against gpt-tokenizer's o200k_base encoding.
//
// Calibration (least squares on relative error, ~1,300 samples of 200–3,000 characters: Markdown
// READMEs, JS/TS/.d.ts, Python, C headers, JSON, licences, UI translations in 40 languages, random
// base64/hex/UUIDs, emoji chat): median error 6 %, 90 % of samples within 15 %. The held-out check
// is test/unit/tokenEstimate.test.ts (prose, code, JSON, 12 non-Latin/accented languages, emoji).
// In plain ratio terms: about 4.6 ASCII letters per token, 3.3 Cyrillic letters, 2.3 letters of
// Greek/Hebrew/Arabic/Indic/Thai and other alphabets, 1.4 CJK/kana/Hangul characters.
// Known weak spots: random base64 (~40 % under), Gurmukhi and Sinhala (~25 % under), Russian prose
// (~15 % over; Ukrainian/Bulgarian ~15 % under, one Cyrillic weight serves both).
// Anthropic's and Google's tokenizers differ from o200k by roughly ±15 %, which an estimate of
// spend tolerates; the rate limiter corrects every reservation with the reported usage anyway.
import { estimationText, imageTokensOf } from './messageContent';
import type { ChatMessage, ToolDefinition } from './types';

/** Tokens per unit, by character class (see the calibration note above). */
export const TOKEN_WEIGHTS = {
  /** ASCII letter (a space before a word costs nothing extra: it is part of the word's token). */
  letter: 0.218,
  /** A run of up to three digits (o200k splits numbers into groups of three), with its separator. */
  digitGroup: 1.7,
  /** ASCII punctuation; a run of one repeated character ('-----', '====') counts once. */
  punct: 0.42,
  /** A line break or an indentation run (more than one whitespace character). */
  breakRun: 1.7,
  /** Accented Latin letters (Latin-1 and Latin Extended). */
  latinExt: 1.16,
  /** Fitted between Russian (o200k packs it densely) and Ukrainian, Bulgarian, Serbian. */
  cyrillic: 0.3,
  /** Greek, Armenian, Hebrew, Arabic, Indic, Thai, Georgian and the other alphabets below U+1100. */
  script: 0.44,
  /** CJK ideographs, kana, Hangul, fullwidth forms. */
  wide: 0.72,
  /** A character outside the BMP (emoji, rare ideographs), per surrogate pair. */
  astral: 2.04,
  other: 0.55,
} as const;

/** Role markers and separators each message costs on top of its text. */
export const PER_MESSAGE_OVERHEAD = 4;
/** The reply's priming tokens, once per request. */
export const PER_REQUEST_OVERHEAD = 3;

// Character kinds; a change of kind ends a digit or whitespace run.
const NONE = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const PUNCT = 4;
const SCRIPT = 5;
const WIDE = 6;

/** Estimated o200k token count of `text`. One pass over the UTF-16 code units, no allocation. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const W = TOKEN_WEIGHTS;
  let tokens = 0;
  let prev: number = NONE;
  let prevCode = -1;
  let run = 0; // length of the current digit or whitespace run
  let runHasBreak = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let kind: number;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      kind = LETTER;
      tokens += W.letter;
    } else if (c >= 48 && c <= 57) kind = DIGIT;
    else if (c === 32 || c === 10 || c === 13 || c === 9) kind = SPACE;
    else if (c < 128) {
      kind = PUNCT;
      if (c !== prevCode) tokens += W.punct;
    } else if (c < 0x300) {
      kind = LETTER;
      tokens += W.latinExt;
    } else if (c >= 0x400 && c < 0x530) {
      kind = SCRIPT;
      tokens += W.cyrillic;
    } else if (c >= 0x370 && c < 0x1100) {
      kind = SCRIPT;
      tokens += W.script;
    } else if (
      (c >= 0x3040 && c < 0xa000) ||
      (c >= 0xac00 && c < 0xd7b0) ||
      (c >= 0x1100 && c < 0x1200) ||
      (c >= 0xf900 && c < 0xfb00) ||
      (c >= 0xff00 && c < 0xfff0)
    ) {
      kind = WIDE;
      tokens += W.wide;
    } else if (c >= 0xd800 && c < 0xdc00) {
      kind = WIDE;
      tokens += W.astral;
    } else if (c >= 0xdc00 && c < 0xe000) continue; // low surrogate: counted with its pair
    else {
      kind = WIDE;
      tokens += W.other;
    }
    if (kind !== prev) {
      tokens += runCost(prev, run, runHasBreak);
      run = 0;
      runHasBreak = false;
    }
    run++;
    if (kind === SPACE && c !== 32) runHasBreak = true;
    prev = kind;
    prevCode = c;
  }
  return Math.ceil(tokens + runCost(prev, run, runHasBreak));
}

function runCost(kind: number, run: number, hasBreak: boolean): number {
  if (kind === DIGIT) return Math.ceil(run / 3) * TOKEN_WEIGHTS.digitGroup;
  if (kind === SPACE && (run > 1 || hasBreak)) return TOKEN_WEIGHTS.breakRun;
  return 0;
}

/** One message's content: its text, tool calls and results, and its images. */
export function estimateContentTokens(content: ChatMessage['content']): number {
  return estimateTokens(estimationText(content)) + imageTokensOf(content);
}

/** A request's input: its messages and, when it offers tools, their definitions (an agent's 40 tools are thousands of tokens). */
export function estimateRequestTokens(messages: readonly ChatMessage[], tools: readonly ToolDefinition[] = []): number {
  let total = PER_REQUEST_OVERHEAD;
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + estimateContentTokens(m.content);
  if (tools.length) total += estimateTokens(JSON.stringify(tools));
  return total;
}
