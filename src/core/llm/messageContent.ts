// A message's content is plain text (the panel, the editor commands) or parts (VS Code's chat:
// tool calls and results, images). These read either form the same way.
import type { ChatMessage, ContentPart } from './types';

/** The content as parts; an empty string is no parts. */
export function partsOf(content: ChatMessage['content']): ContentPart[] {
  if (typeof content !== 'string') return content;
  return content ? [{ type: 'text', text: content }] : [];
}

/** The text parts joined: what a text-only consumer (a title, a preview) shows. */
export function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/**
 * Roughly what the model reads, for token estimates: text, tool results, tool calls as their JSON
 * arguments. Images are not text: count them with imageCount().
 */
export function estimationText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const p of content) {
    if (p.type === 'text') out += p.text;
    else if (p.type === 'tool_result') out += p.content;
    else if (p.type === 'tool_call') out += `${p.name} ${JSON.stringify(p.input)}`;
  }
  return out;
}

/**
 * About what a model reads an image as: Anthropic's documented w×h/750 for an image within its
 * limits (1568 px, 1.15 MP — the panel scales pasted images to them). OpenAI's tiles and Gemini's
 * 258 per tile come out lower for the same image, so the estimate errs on the side of the budget.
 */
export function imageTokens(width: number, height: number): number {
  return Math.max(1, Math.ceil((width * height) / 750));
}

/**
 * Providers bill an image by its size; without its size (VS Code's chat sends bare data), ~1,000
 * tokens is a middle figure for a screenshot.
 */
export const IMAGE_ESTIMATE_TOKENS = 1000;

/** The content's images, in tokens (imageTokens when their size is known). */
export function imageTokensOf(content: ChatMessage['content']): number {
  if (typeof content === 'string') return 0;
  let n = 0;
  for (const p of content) if (p.type === 'image') n += p.width && p.height ? imageTokens(p.width, p.height) : IMAGE_ESTIMATE_TOKENS;
  return n;
}
