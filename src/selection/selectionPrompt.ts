// Builds the chat message for "Ask About Selection": where the code is from, the code itself in a
// fence it cannot break out of, and the user's question. Pure, so it is unit-tested in plain Node.

export interface SelectionContext {
  /** Path relative to the workspace (or the file name when outside one). */
  path: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  code: string;
  /** What was taken when nothing was selected: said in the message. */
  scope: 'selection' | 'line' | 'file';
}

export interface BuiltPrompt {
  text: string;
  truncated: boolean;
  /** Characters of code that were sent (after truncation). */
  codeChars: number;
}

/** A fence longer than any run of backticks in the code, so the code cannot close it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * `maxCodeChars` is the model's context budget for the code, in characters; a larger selection
 * is cut at a line boundary and the message says so — never silently.
 */
export function buildSelectionPrompt(ctx: SelectionContext, question: string, maxCodeChars: number): BuiltPrompt {
  let code = ctx.code;
  let endLine = ctx.endLine;
  let truncated = false;
  if (code.length > maxCodeChars) {
    truncated = true;
    const cut = code.lastIndexOf('\n', maxCodeChars);
    code = code.slice(0, cut > 0 ? cut : maxCodeChars);
    endLine = ctx.startLine + (code.match(/\n/g)?.length ?? 0);
  }
  const where = ctx.scope === 'file' ? 'the whole file' : ctx.scope === 'line' ? `line ${ctx.startLine} (nothing was selected)` : `lines ${ctx.startLine}–${ctx.endLine}`;
  const fence = fenceFor(code);
  const lang = /^[\w+#.-]{1,30}$/.test(ctx.languageId) ? ctx.languageId : '';
  const note = truncated
    ? `\n\n_Note: the selection was truncated to lines ${ctx.startLine}–${endLine} of ${ctx.startLine}–${ctx.endLine} to fit the model's context window (${ctx.code.length.toLocaleString('en-US')} characters selected, ${code.length.toLocaleString('en-US')} sent)._`
    : '';
  const text = `${question.trim()}\n\nFrom \`${ctx.path}\` (${ctx.languageId}, ${where}):\n\n${fence}${lang}\n${code}\n${fence}${note}`;
  return { text, truncated, codeChars: code.length };
}

export const QUICK_PROMPTS: readonly { label: string; prompt: string }[] = [
  { label: 'Explain', prompt: 'Explain what this code does, step by step.' },
  { label: 'Find bugs', prompt: 'Find bugs, edge cases and risky assumptions in this code. Show fixes.' },
  { label: 'Write tests', prompt: 'Write unit tests for this code, using the project’s apparent test framework.' },
  { label: 'Refactor', prompt: 'Refactor this code for clarity and maintainability without changing its behaviour. Return the full code.' },
];
