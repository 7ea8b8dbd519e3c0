// Prompt caching for Anthropic, on by default ("Prompt caching" in Anthropic's docs):
// - the cached prefix is tools → system → messages, up to a block marked `cache_control`; at most 4
//   marks per request; a prefix shorter than the model's minimum cacheable length is not cached
//   (a mark there only wastes one of the four);
// - a hit is looked for at each mark and up to ~20 blocks before it, so one mark on the newest block
//   reads what the previous turn wrote and writes the new part: the mark moves forward each turn;
// - writes cost 1.25× input (5-minute TTL) or 2× (1 hour), reads 0.1×.
// Marks: the last tool and the system prompt (stable for a whole conversation), the newest message's
// last block, and the previous user turn's last block (still a hit after an agent's tool loop added
// more than 20 blocks). Nothing that changes from turn to turn is put into the prefix.
// Only where it saves money: a write costs more than plain input, so the messages are marked from a
// conversation's second request on (one with an assistant turn in it); a one-off request (Edit
// Selection, a first question that gets no follow-up) pays the write only for tools and system,
// which every later request shares.
import type Anthropic from '@anthropic-ai/sdk';
import { estimateTokens } from '../../llm/tokenEstimate';

export type PromptCacheTtl = '5m' | '1h';

type Body = {
  system?: string | Anthropic.TextBlockParam[];
  messages: Anthropic.MessageParam[];
  tools?: Anthropic.ToolUnion[];
};

const MAX_MARKS = 4;

/**
 * The smallest prefix each model caches, in tokens (the docs' table; models not listed: 1,024).
 * Checked against the estimate, so a prefix near the line may be marked and not cached: that
 * costs nothing but one mark.
 */
export function minCacheableTokens(model: string): number {
  if (/claude-(haiku-4-5|opus-4-5|opus-4-6)/.test(model)) return 4096;
  if (/claude-(opus-4-7|3-haiku|3-5-haiku)/.test(model)) return 2048;
  return 1024;
}

/** `body` with cache_control marks where they pay (see the top of the file); unchanged when none would. */
export function withCacheBreakpoints<T extends Body>(body: T, model: string, ttl: PromptCacheTtl): T {
  const min = minCacheableTokens(model);
  const mark: Anthropic.CacheControlEphemeral = ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  let tokens = 0;
  let marks = 0;
  const out: Body = { ...body };

  if (body.tools?.length) {
    tokens += estimateTokens(JSON.stringify(body.tools));
    if (tokens >= min) {
      out.tools = body.tools.map((t, i) => (i === body.tools!.length - 1 ? { ...t, cache_control: mark } : t));
      marks++;
    }
  }
  if (body.system) {
    const text = typeof body.system === 'string' ? body.system : body.system.map((b) => b.text).join('');
    tokens += estimateTokens(text);
    if (tokens >= min && typeof body.system === 'string') {
      out.system = [{ type: 'text', text: body.system, cache_control: mark }];
      marks++;
    }
  }
  // Running prefix length at the end of each message.
  const ends: number[] = [];
  for (const m of body.messages) {
    tokens += estimateTokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content));
    ends.push(tokens);
  }
  const targets = messageMarkTargets(body.messages.map((m) => m.role), ends, min);
  if (!targets.length) return out as T;
  out.messages = body.messages.map((m, i) => (targets.includes(i) && marks < MAX_MARKS && ++marks ? markLastBlock(m, mark) : m));
  return out as T;
}

/**
 * The messages that get a mark (see the top of the file): none before the conversation's second
 * request (no assistant turn yet); else the newest message and the previous user turn's, each only
 * when the prefix up to it (`ends[i]` tokens) reaches `min`. Shared with the gateways
 * (providers/gateways/cacheMarks.ts), which mark the same turns in the OpenAI format.
 */
export function messageMarkTargets(roles: readonly string[], ends: readonly number[], min: number): number[] {
  if (!roles.includes('assistant')) return [];
  const last = roles.length - 1;
  const previousUser = findPreviousUser(roles, last);
  return [last, previousUser].filter((i): i is number => i !== undefined && i >= 0 && ends[i]! >= min);
}

/** Anthropic's limit of cache_control marks per request. */
export const MAX_CACHE_MARKS = MAX_MARKS;

/** The user message before the newest user turn (the end of the previous exchange's prefix). */
function findPreviousUser(roles: readonly string[], last: number): number | undefined {
  let seenNewest = false;
  for (let i = last; i >= 0; i--) {
    if (roles[i] !== 'user') continue;
    if (seenNewest) return i;
    seenNewest = true;
  }
  return undefined;
}

function markLastBlock(message: Anthropic.MessageParam, mark: Anthropic.CacheControlEphemeral): Anthropic.MessageParam {
  if (typeof message.content === 'string') {
    return message.content ? { ...message, content: [{ type: 'text', text: message.content, cache_control: mark }] } : message;
  }
  const blocks = [...message.content];
  // Thinking blocks cannot carry a mark; the last block that can gets it.
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type === 'thinking' || b.type === 'redacted_thinking') continue;
    blocks[i] = { ...b, cache_control: mark } as Anthropic.ContentBlockParam;
    return { ...message, content: blocks } as Anthropic.MessageParam;
  }
  return message;
}
