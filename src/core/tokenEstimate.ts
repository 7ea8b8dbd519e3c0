// Token estimates for the rate limiter's reservations, the panel's cost preview and history
// trimming. A real tokenizer's encodings are 1–2.8 MB (more than the rest of the VSIX), so this is
// a character ratio calibrated against gpt-tokenizer's o200k_base encoding (test/unit/
// tokenEstimate.test.ts measures the error on prose, code, JSON and CJK text): about 3.9
// characters per token for Latin-script text and code, 1.4 per character of CJK/Hangul/kana text.
// Other providers' tokenizers differ by roughly ±15 %, which an estimate of spend tolerates.
import type { ChatMessage } from './types';

export const CHARS_PER_TOKEN = 3.9;
export const WIDE_CHARS_PER_TOKEN = 1.4;
/** Role markers and separators each message costs on top of its text. */
export const PER_MESSAGE_OVERHEAD = 4;

// CJK ideographs, kana, Hangul, fullwidth forms: each character is about one token, not a quarter.
const WIDE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const wide = text.match(WIDE)?.length ?? 0;
  return Math.ceil((text.length - wide) / CHARS_PER_TOKEN + wide / WIDE_CHARS_PER_TOKEN);
}

export function estimateRequestTokens(messages: readonly ChatMessage[]): number {
  let total = 3; // the reply's priming
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + estimateTokens(m.content);
  return total;
}
