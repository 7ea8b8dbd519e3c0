// Reads text out of a chat request body, whatever the wire shape: OpenAI/Anthropic `messages`
// (string or block content), OpenAI Responses `input` (+ `instructions`), Gemini
// `contents[].parts`, and each one's system prompt.

import type { Wire } from './wire/types';

interface AnyBody {
  messages?: { role?: string; content?: unknown }[];
  /** OpenAI Responses API: a string, or input items with a role and string or `input_text` content. */
  input?: unknown;
  instructions?: unknown;
  contents?: { role?: string; parts?: unknown }[];
  system?: unknown;
  systemInstruction?: unknown;
}

/** A string, or the joined `text` of an array of blocks/parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'object' && p && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  return '';
}

/** Chat messages of an OpenAI-shaped body: Chat Completions `messages`, or Responses `input`. */
function messagesOf(b: AnyBody): { role?: string; content?: unknown }[] {
  if (b.messages) return b.messages;
  if (typeof b.input === 'string') return [{ role: 'user', content: b.input }];
  return Array.isArray(b.input) ? (b.input as { role?: string; content?: unknown }[]) : [];
}

/** Text of the last user message, whatever the wire shape. */
export function lastUserText(wire: Wire, body: unknown): string {
  const b = (body ?? {}) as AnyBody;
  if (wire === 'gemini') {
    const users = (b.contents ?? []).filter((c) => c.role === 'user');
    return textOf(users[users.length - 1]?.parts);
  }
  const users = messagesOf(b).filter((m) => m.role === 'user');
  return textOf(users[users.length - 1]?.content);
}

/** The system prompt: OpenAI system/developer messages, Anthropic `system`, Gemini `systemInstruction`. */
export function systemText(wire: Wire, body: unknown): string {
  const b = (body ?? {}) as AnyBody;
  if (wire === 'gemini') {
    const si = b.systemInstruction;
    return typeof si === 'string' ? si : textOf((si as { parts?: unknown } | undefined)?.parts);
  }
  if (wire === 'anthropic') return textOf(b.system);
  return [textOf(b.instructions), ...messagesOf(b).filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content))]
    .filter(Boolean)
    .join('\n');
}

/** All prompt text (system included) for the default usage estimate. */
export function promptText(wire: Wire, body: unknown): string {
  const b = (body ?? {}) as AnyBody & { contents?: { parts?: { text?: string }[] }[]; systemInstruction?: { parts?: { text?: string }[] } };
  const parts: string[] = [];
  const add = (c: unknown) => {
    if (typeof c === 'string') parts.push(c);
    else if (Array.isArray(c)) for (const p of c) if (p && typeof (p as { text?: unknown }).text === 'string') parts.push((p as { text: string }).text);
  };
  if (wire === 'gemini') {
    for (const c of b.contents ?? []) add(c.parts);
    add(b.systemInstruction?.parts);
  } else {
    for (const m of messagesOf(b)) add(m.content);
    add(b.system);
    add(b.instructions);
  }
  return parts.join('\n');
}
