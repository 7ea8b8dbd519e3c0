// VS Code chat's request messages → Switchboard's ChatMessage. Pure (no `vscode` import): parts are
// recognized by shape, as the classes arrive revived from another process and proposed part
// kinds may appear that this build does not know. Thinking parts coming back are dropped (no
// provider takes them back as text), as are data parts that are neither images nor text (cache
// markers and the like).
import type { ChatMessage, ContentPart, Role } from '../../core/llm/types';

type Part = Record<string, unknown>;

const isObject = (v: unknown): v is Part => typeof v === 'object' && v !== null;
const isToolCall = (p: Part) => typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p;
const isToolResult = (p: Part) => typeof p.callId === 'string' && Array.isArray(p.content);
const isData = (p: Part) => typeof p.mimeType === 'string' && p.data instanceof Uint8Array;

const ROLES: Record<number, Role> = { 1: 'user', 2: 'assistant', 3: 'system' };

export interface MessageMapping {
  /** The Gemini thought signature to send back with a call we returned earlier (see ToolCall.signature). */
  signatureOf?(callId: string): string | undefined;
  /** Thinking parts, recognized by class where VS Code has it (shape alone cannot tell them from text). */
  isThinking?(part: unknown): boolean;
}

export function toChatMessages(messages: readonly { role: number; content: ReadonlyArray<unknown> }[], mapping: MessageMapping = {}): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    const role = ROLES[m.role] ?? 'user';
    const parts: ContentPart[] = [];
    for (const raw of m.content) {
      if (!isObject(raw) || mapping.isThinking?.(raw)) continue;
      const part = toPart(raw, mapping);
      if (part) pushPart(parts, part);
    }
    if (role === 'system') out.push({ role, content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') });
    else if (parts.length) out.push({ role, content: parts.every((p) => p.type === 'text') ? parts.map((p) => (p as { text: string }).text).join('') : parts });
  }
  return out;
}

function toPart(p: Part, mapping: MessageMapping): ContentPart | undefined {
  if (isToolCall(p)) {
    const callId = p.callId as string;
    const signature = mapping.signatureOf?.(callId);
    const input = isObject(p.input) ? p.input : {};
    return { type: 'tool_call', id: callId, name: p.name as string, input, ...(signature ? { signature } : {}) };
  }
  if (isToolResult(p)) {
    return { type: 'tool_result', callId: p.callId as string, content: (p.content as unknown[]).map(resultText).join('') };
  }
  if (isData(p)) {
    const mime = (p.mimeType as string).toLowerCase();
    const data = p.data as Uint8Array;
    if (mime.startsWith('image/')) return { type: 'image', mimeType: mime, data: Buffer.from(data).toString('base64') };
    if (isTextMime(mime)) return { type: 'text', text: new TextDecoder().decode(data) };
    return undefined;
  }
  if (typeof p.value === 'string') return { type: 'text', text: p.value };
  return undefined;
}

/** Adjacent text parts become one (a text-only message then stays a plain string). */
function pushPart(parts: ContentPart[], part: ContentPart): void {
  const last = parts[parts.length - 1];
  if (last?.type === 'text' && part.type === 'text') parts[parts.length - 1] = { type: 'text', text: last.text + part.text };
  else parts.push(part);
}

const isTextMime = (mime: string) => mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json');

/**
 * A tool result's content as text: text parts, text/JSON data parts, and the text inside a
 * prompt-tsx part (VS Code's own tools return some results as a serialized prompt element tree).
 */
function resultText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!isObject(part)) return '';
  if (isData(part)) {
    const mime = (part.mimeType as string).toLowerCase();
    if (isTextMime(mime)) return new TextDecoder().decode(part.data as Uint8Array);
    return mime.startsWith('image/') ? `[image ${mime} omitted]` : '';
  }
  if (typeof part.value === 'string') return part.value;
  if ('value' in part) return treeText(part.value, 0);
  return '';
}

/** Every `text` string in a prompt-tsx element tree, in order (bounded depth: input is untrusted). */
function treeText(node: unknown, depth: number): string {
  if (depth > 64 || node === null || node === undefined) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map((n) => treeText(n, depth + 1)).join('');
  if (!isObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  let out = '';
  for (const key of ['node', 'children', 'value']) if (key in node) out += treeText(node[key], depth + 1);
  return out;
}
