// Anthropic-style cache marks in an OpenAI-format request, for Claude behind a gateway that
// documents them (gateway.ts). The placement is Anthropic's own (anthropic/cacheBreakpoints.ts):
// the system prompt once the prefix reaches the model's minimum cacheable length, then — from a
// conversation's second request on — the newest message and the previous user turn, so the mark
// moves forward each turn and each request reads what the previous one wrote. At most 4 marks.
// Text goes as content parts, `{type: 'text', text}`, and a mark is `cache_control` on the last one
// (the shape OpenRouter's and LiteLLM's docs show); nothing else in the request changes, so the
// prefix a turn sends is, marks aside, byte for byte the one the next turn sends again.
import type OpenAI from 'openai';
import type { ChatMessage, ChatRequest } from '../../llm/types';
import { estimateTokens } from '../../llm/tokenEstimate';
import { MAX_CACHE_MARKS, messageMarkTargets, minCacheableTokens, type PromptCacheTtl } from '../anthropic/cacheBreakpoints';
import { chatMessages, chatTools } from '../_openaiChat';
import { takesOneHourTtl, type Gateway } from './gateway';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
interface CacheMark {
  type: 'ephemeral';
  ttl?: '1h';
}

/** The request's messages in Chat Completions form, with cache marks where they pay. */
export function markedChatMessages(request: ChatRequest, gateway: Gateway, ttl: PromptCacheTtl): Message[] {
  // OpenRouter's Claude ids write versions with dots (anthropic/claude-haiku-4.5).
  const min = minCacheableTokens(request.model.toLowerCase().replace(/\./g, '-'));
  const mark: CacheMark = ttl === '1h' && takesOneHourTtl(gateway) ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  const groups = request.messages.map((m) => chatMessages([m]));
  let tokens = request.tools?.length ? estimateTokens(JSON.stringify(chatTools(request.tools))) : 0;
  let marks = 0;

  // The leading system messages (Anthropic's `system`): one mark at their end.
  let systems = 0;
  while (systems < request.messages.length && request.messages[systems]!.role === 'system') {
    tokens += estimateTokens(textOfContent(request.messages[systems]!));
    systems++;
  }
  const marked = new Set<number>();
  if (systems > 0 && tokens >= min) marked.add(systems - 1);

  const rest = request.messages.slice(systems);
  const ends = rest.map((m) => (tokens += estimateTokens(textOfContent(m))));
  for (const i of messageMarkTargets(rest.map((m) => m.role), ends, min)) marked.add(systems + i);

  return groups.flatMap((group, i) => {
    const out = group.map(asParts);
    if (!marked.has(i) || marks >= MAX_CACHE_MARKS) return out;
    // The last message of the group that can carry a mark (an assistant turn of only tool calls cannot).
    for (let j = out.length - 1; j >= 0; j--) {
      const withMark = markMessage(out[j]!, mark);
      if (!withMark) continue;
      out[j] = withMark;
      marks++;
      break;
    }
    return out;
  });
}

/**
 * Text as one content part: a message then has the same bytes whether or not it carries this
 * turn's mark (the mark moves on; the message is resent unchanged but for that).
 */
function asParts(message: Message): Message {
  const content = (message as { content?: unknown }).content;
  return typeof content === 'string' && content ? ({ ...message, content: [{ type: 'text', text: content }] } as unknown as Message) : message;
}

/** What the Anthropic adapter estimates a message by: its text, or its parts as JSON. */
function textOfContent(m: ChatMessage): string {
  return typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
}

/** `message` with `mark` on its last text part (string content becomes one part); undefined when it has none. */
function markMessage(message: Message, mark: CacheMark): Message | undefined {
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') {
    return content ? ({ ...message, content: [{ type: 'text', text: content, cache_control: mark }] } as unknown as Message) : undefined;
  }
  if (!Array.isArray(content)) return undefined;
  const parts = [...(content as { type?: string }[])];
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i]!.type !== 'text') continue;
    parts[i] = { ...parts[i]!, cache_control: mark } as { type: string };
    return { ...message, content: parts } as unknown as Message;
  }
  return undefined;
}
