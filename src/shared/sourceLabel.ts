// Where an asked-about piece of code is, in words: the chat's messages and Replace buttons, the
// selection commands and the edit diff's title all say it the same way.

/** "line 3" or "lines 3–5". */
export function linesLabel(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
}

/** "src/a.ts lines 3–5": where a question's code is, in messages and button labels. */
export function sourceLabel(s: { path: string; startLine: number; endLine: number }): string {
  return `${s.path} ${linesLabel(s.startLine, s.endLine)}`;
}
