// Cuts a long text (a folder's problems, a diff, terminal output) so that the block built around it
// stays within an attachment's cap. The block says it was cut (its builder gets `cut`), and the
// cut falls on a line boundary when one is near, so the model never sees half a line of a diff.
import { MAX_ATTACHMENT_CHARS } from './attachment';

export interface Fitted {
  content: string;
  /** Characters of the text that are in `content` (all of them when nothing was cut). */
  kept: number;
  cut: boolean;
}

/**
 * A start (or end) of `text` whose `build(part, cut)` fits in `max` characters: the longest one
 * when the block grows with its part character for character, a shorter one when a part makes it
 * grow faster (a run of backticks lengthens the fence). A shorter part must never give a longer block.
 */
export function fitToCap(text: string, keep: 'start' | 'end', build: (part: string, cut: boolean) => string, max = MAX_ATTACHMENT_CHARS): Fitted {
  const whole = build(text, false);
  if (whole.length <= max) return { content: whole, kept: text.length, cut: false };
  let room = Math.min(text.length - 1, max - build('', true).length);
  for (;;) {
    const part = slicePart(text, keep, Math.max(0, room));
    const content = build(part, true);
    if (content.length <= max || part.length === 0) return { content, kept: part.length, cut: true };
    room = Math.min(room, part.length) - (content.length - max);
  }
}

/** `n` characters from the start or the end, at a line boundary in the last tenth of them when there is one. */
export function slicePart(text: string, keep: 'start' | 'end', n: number): string {
  if (n >= text.length) return text;
  if (keep === 'start') {
    const part = text.slice(0, n);
    const nl = part.lastIndexOf('\n');
    const cut = nl >= n * 0.9 ? part.slice(0, nl + 1) : part;
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }
  const part = text.slice(text.length - n);
  const nl = part.indexOf('\n');
  const cut = nl >= 0 && nl < n * 0.1 ? part.slice(nl + 1) : part;
  return /^[\uDC00-\uDFFF]/.test(cut) ? cut.slice(1) : cut;
}
