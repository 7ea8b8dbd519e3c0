// Builds the messages for "Ask About Selection" (the code as an attachment — where it is from and
// the code in a fence it cannot break out of — with the user's question as the message's text) and
// for "Edit Selection" (an instruction and the code, answered by replacement code only). Pure, so
// it is unit-tested in plain Node.
import { MAX_ATTACHMENT_CHARS, promptWithAttachments } from '../../core/attachments/attachment';
import { fenced, fenceFor, fenceLanguage } from '../../core/attachments/attachmentBlocks';
import { linesLabel } from '../../shared/sourceLabel';
import { LIMITS } from '../../shared/protocol/limits';
export { sourceLabel } from '../../shared/sourceLabel';
export { fenceFor } from '../../core/attachments/attachmentBlocks';

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

export interface BuiltSelection {
  /** What the model receives for the code: where it is from, and the code in a fence it cannot break out of. */
  content: string;
  /** The chip: `a.ts:3-5`. */
  label: string;
  truncated: boolean;
  /** Characters of code that were sent (after truncation). */
  codeChars: number;
  /** The last line sent (before `ctx.endLine` when truncated). */
  endLine: number;
}

export interface BuiltPrompt {
  text: string;
  truncated: boolean;
  codeChars: number;
}

/**
 * The selection as an attachment (a chip in the question, not a fence in its text).
 * `maxCodeChars` is the model's context budget for the code, in characters; a larger selection
 * is cut at a line boundary and the content says so — never silently.
 */
export function buildSelectionAttachment(ctx: SelectionContext, maxCodeChars: number): BuiltSelection {
  let code = ctx.code;
  let endLine = ctx.endLine;
  let truncated = false;
  if (code.length > maxCodeChars) {
    truncated = true;
    const cut = code.lastIndexOf('\n', maxCodeChars);
    code = code.slice(0, cut > 0 ? cut : maxCodeChars);
    endLine = ctx.startLine + (code.match(/\n/g)?.length ?? 0);
  }
  const note = truncated
    ? `\n\n_Note: the selection was truncated to lines ${ctx.startLine}–${endLine} of ${ctx.startLine}–${ctx.endLine} to fit the model's context window (${ctx.code.length.toLocaleString('en-US')} characters selected, ${code.length.toLocaleString('en-US')} sent)._`
    : '';
  const content = `From \`${ctx.path}\` (${ctx.languageId}, ${describeScope(ctx)}):\n\n${fenced(code, ctx.languageId)}${note}`;
  const name = ctx.path.slice(ctx.path.lastIndexOf('/') + 1);
  const label = ctx.scope === 'file' ? name : ctx.startLine === endLine ? `${name}:${ctx.startLine}` : `${name}:${ctx.startLine}-${endLine}`;
  return { content, label, truncated, codeChars: code.length, endLine };
}

/** The question as a model receives it: the selection's block, then the question. */
export function buildSelectionPrompt(ctx: SelectionContext, question: string, maxCodeChars: number): BuiltPrompt {
  const built = buildSelectionAttachment(ctx, maxCodeChars);
  return { text: promptWithAttachments(question.trim(), [built]), truncated: built.truncated, codeChars: built.codeChars };
}

export const QUICK_PROMPTS: readonly { label: string; prompt: string }[] = [
  { label: 'Explain', prompt: 'Explain what this code does, step by step.' },
  { label: 'Find bugs', prompt: 'Find bugs, edge cases and risky assumptions in this code. Show fixes.' },
  { label: 'Write tests', prompt: 'Write unit tests for this code, using the project’s apparent test framework.' },
  { label: 'Refactor', prompt: 'Refactor this code for clarity and maintainability without changing its behaviour. Return the full code.' },
];

/** "lines 3–5", "line 3 (nothing was selected)", "the whole file". */
function describeScope(ctx: SelectionContext): string {
  if (ctx.scope === 'file') return 'the whole file';
  if (ctx.scope === 'line') return `line ${ctx.startLine} (nothing was selected)`;
  return linesLabel(ctx.startLine, ctx.endLine);
}


/** Characters of code assumed per token when sizing a budget: below every measured ratio, so it errs small. */
const CHARS_PER_TOKEN_FLOOR = 3;
/** Room left in the context window for the system prompt, the question and the conversation. */
const PROMPT_RESERVE_TOKENS = 2_000;
/** Budget when the model's context window is unknown (about 32k tokens of code). */
export const DEFAULT_MAX_CODE_CHARS = 120_000;
/** A chat message's text limit (LIMITS.text) minus room for the question and the wrapping. */
const MESSAGE_CODE_CHARS = LIMITS.text - 20_000;
/** What one attachment carries, minus room for its header and a truncation note. */
const ATTACHMENT_CODE_CHARS = MAX_ATTACHMENT_CHARS - 2_000;

/** How many characters of code fit the model's context window next to its answer. */
export function codeBudgetChars(contextWindow: number | undefined, maxOutputTokens: number): number {
  if (!contextWindow) return DEFAULT_MAX_CODE_CHARS;
  const tokens = Math.max(1_000, contextWindow - maxOutputTokens - PROMPT_RESERVE_TOKENS);
  return Math.min(MESSAGE_CODE_CHARS, ATTACHMENT_CODE_CHARS, tokens * CHARS_PER_TOKEN_FLOOR);
}

export const EDIT_SYSTEM_PROMPT =
  'You are a code editing tool inside an editor. ' +
  'You receive code from a file and an instruction. Apply the instruction to that code only. ' +
  'Reply with the complete replacement for exactly the given code, in one fenced code block, and nothing else: no explanation, no other blocks. ' +
  'Keep the original indentation, style and line breaks wherever the instruction does not ask to change them.';

/** The user message of an Edit Selection request. */
export function buildEditPrompt(ctx: SelectionContext, instruction: string): string {
  const fence = fenceFor(ctx.code);
  return `Instruction: ${instruction.trim()}\n\nCode from \`${ctx.path}\` (${ctx.languageId}, ${describeScope(ctx)}):\n\n${fence}${fenceLanguage(ctx.languageId)}\n${ctx.code}\n${fence}`;
}

export interface Proposal {
  code: string;
  /** The answer had a fenced block; without one there is no proposal (prose is never applied as code). */
  fenced: boolean;
  /** The block was never closed: the answer was cut off. */
  cutOff: boolean;
}

/**
 * The replacement code in an Edit Selection answer: the first fenced block (``` or ~~~, any
 * length); an answer without one proposes nothing (code '').
 */
export function extractProposal(answer: string): Proposal {
  const open = /^( {0,3})(`{3,}|~{3,})[^\n`]*\n/m.exec(answer);
  if (!open) return { code: '', fenced: false, cutOff: false };
  const fence = open[2]!;
  const bodyStart = open.index + open[0].length;
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm');
  const rest = answer.slice(bodyStart);
  const end = close.exec(rest);
  if (!end) return { code: rest.replace(/\n$/, ''), fenced: true, cutOff: true };
  return { code: rest.slice(0, end.index).replace(/\n$/, ''), fenced: true, cutOff: false };
}

export const EDIT_QUICK_PROMPTS: readonly { label: string; prompt: string }[] = [
  { label: 'Fix bugs', prompt: 'Fix the bugs in this code.' },
  { label: 'Add comments', prompt: 'Add concise comments that explain why, not what.' },
  { label: 'Add types', prompt: 'Add precise type annotations.' },
  { label: 'Simplify', prompt: 'Simplify this code without changing its behaviour.' },
];
