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

export function imageCount(content: ChatMessage['content']): number {
  return typeof content === 'string' ? 0 : content.filter((p) => p.type === 'image').length;
}

/**
 * Providers bill an image by its size (OpenAI ~85–1,100 tokens, Anthropic ≈ w×h/750, Gemini 258
 * per tile); without decoding it, ~1,000 tokens is a middle figure for a screenshot.
 */
export const IMAGE_ESTIMATE_TOKENS = 1000;
