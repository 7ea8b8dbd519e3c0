// The `@` the composer's picker follows: an `@` at the start of the draft or after white space,
// up to the caret, with no white space after it. Pure, so the rules are unit-tested.

export interface Mention {
  /** Where the `@` is. */
  start: number;
  /** What follows it up to the caret (the picker's filter). */
  query: string;
}

export function mentionAt(text: string, caret: number): Mention | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([^\s@]{0,200})$/.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

/** The draft without the mention (the chip now stands for it), and where the caret goes. */
export function withoutMention(text: string, mention: Mention, caret: number): { text: string; caret: number } {
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + rest, caret: mention.start };
}
