// What the demo responder needs to know about a chat request: the last user message, the words
// the user typed (outside code), the code they sent, and whether it is an Edit Selection request.

import { lastUserText, systemText } from '../requestText';
import type { Wire } from '../wire';
import { fencedBlocks, proseOf, type FencedBlock } from './markdown';
import { hashText } from './seed';

export interface DemoPrompt {
  /** The last user message, verbatim. */
  text: string;
  /** Its prose: fenced blocks and inline code removed (keywords are looked for here only). */
  prose: string;
  /** The question without the "From `path` (lang, lines …):" wrapping of Ask About Selection. */
  question: string;
  /** Seeds every choice in the answer, so the same prompt gets the same answer. */
  seed: number;
  /** The first fenced block the user sent, if any. */
  block?: FencedBlock;
  /** The file the code came from (`From \`path\`` / `Code from \`path\``). */
  path?: string;
  /** Set for an Edit Selection request (an edit-tool system prompt and code). */
  edit?: { instruction: string };
}

export function readPrompt(wire: Wire, body: unknown): DemoPrompt {
  const text = lastUserText(wire, body);
  const prose = proseOf(text);
  const question = prose
    .replace(/^\s*(?:Code from|From)\b.*\):\s*$/gim, '')
    .replace(/^\s*_Note:.*_\s*$/gim, '')
    .trim();
  const block = fencedBlocks(text)[0];
  const path = /(?:^|\n)\s*(?:Code from|From) `([^`\n]+)`/.exec(text)?.[1];
  const prompt: DemoPrompt = { text, prose, question, seed: hashText(text), ...(block ? { block } : {}), ...(path ? { path } : {}) };
  if (block && /code editing tool/i.test(systemText(wire, body))) {
    const said = /^\s*Instruction:\s*([\s\S]*?)(?:\n\s*\n|$)/.exec(question)?.[1] ?? question;
    prompt.edit = { instruction: said.replace(/\s+/g, ' ').trim() };
  }
  return prompt;
}
