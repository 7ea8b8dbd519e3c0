// Deterministic texts for the webview bench (bench/webview.mts): a long answer of mixed Markdown
// with fenced blocks in several languages, one huge code block, a 200-message conversation, and
// the split of a text into the deltas the host's batcher would post (one per batch interval).
import type { ChatOutbound, UiAttachment, UiMessage } from '../../src/shared/protocol/chat';
import { PROVIDERS } from '../../test/webview/harness';

const CODE: Record<string, string[]> = {
  ts: ['export function debounce<T extends unknown[]>(fn: (...args: T) => void, ms: number) {', '  let timer: ReturnType<typeof setTimeout> | undefined;', '  return (...args: T) => {', '    clearTimeout(timer);', '    timer = setTimeout(() => fn(...args), ms);', '  };', '}'],
  python: ['def chunked(items: list[int], size: int) -> list[list[int]]:', '    """Split items into lists of at most size elements."""', '    return [items[i:i + size] for i in range(0, len(items), size)]', '', 'print(chunked(list(range(10)), 3))  # [[0, 1, 2], ...]'],
  sql: ['SELECT c.id, c.title, COUNT(m.id) AS messages', 'FROM conversations c', 'LEFT JOIN messages m ON m.conversation_id = c.id', "WHERE c.updated_at > now() - interval '7 days'", 'GROUP BY c.id, c.title', 'ORDER BY messages DESC;'],
  css: ['.markdown pre {', '  overflow-x: auto;', '  padding: 8px 12px;', '  background: var(--vscode-textCodeBlock-background);', '}'],
  bash: ['set -euo pipefail', 'for f in dist/*.js; do', '  printf "%s %s\\n" "$(wc -c < "$f")" "$f"', 'done | sort -n'],
};
const LANGS = Object.keys(CODE);

const PROSE = [
  'A debounced handler waits until the input has been quiet for a while, so a burst of keystrokes costs one call instead of dozens.',
  'The **timer** is reset on every call; only the last call within the window survives, and it sees the latest `args`.',
  'If you need the first call to run at once, use a *leading-edge* variant and ignore calls until the window closes.',
  'Measure before and after: a profile of the main thread shows whether the handler or the layout it triggers is the cost.',
];

/** One section of prose, a list and (every few sections) a fenced block of `lines` lines. */
function section(i: number, codeLines: number): string {
  const p = (k: number) => PROSE[(i + k) % PROSE.length]!;
  let s = `## Step ${i + 1}: ${['Why', 'How', 'Check', 'Edge cases'][i % 4]}\n\n${p(0)} ${p(1)}\n\n`;
  s += `- ${p(2)}\n- Keep \`ms\` between 100 and 300 for typing; see [the docs](https://example.com/docs/${i}).\n  1. nested item ${i}\n  2. another one\n\n`;
  if (codeLines > 0) {
    const lang = LANGS[i % LANGS.length]!;
    const body = Array.from({ length: codeLines }, (_, k) => CODE[lang]![k % CODE[lang]!.length]);
    s += `\`\`\`${lang}\n${body.join('\n')}\n\`\`\`\n\n`;
  }
  return s + `> Note ${i}: ${p(3)}\n\n`;
}

/**
 * `chars` characters of mixed Markdown with `blocks` closed fenced blocks (languages in turn; 30
 * lines each, fewer in a short answer), spread over the first ~70% so the final cut is in prose.
 */
export function mixedAnswer(chars: number, blocks = 5): string {
  const codeLines = Math.min(30, Math.floor(chars / 200));
  const estimate = Math.max(1, Math.ceil(chars / section(0, 0).length));
  const at = new Set(Array.from({ length: blocks }, (_, b) => Math.floor((0.7 * estimate * (b + 0.5)) / blocks)));
  let out = '';
  for (let i = 0; out.length < chars; i++) out += section(i, at.has(i) ? codeLines : 0);
  return out.slice(0, chars);
}

/** One fenced block of `lines` lines (~40 chars each); its last line is `lastLine`. */
export function hugeCodeBlock(lines: number): { text: string; lastLine: string } {
  const lastLine = `const endOfBlock${lines} = ${lines}; // last line`;
  const body = Array.from({ length: lines - 1 }, (_, k) => `  total += values[${k}] * ${k % 97}; // line ${k + 1}`);
  return { text: `Here is the file:\n\n\`\`\`ts\n${body.join('\n')}\n${lastLine}\n\`\`\`\n`, lastLine };
}

/** `text` cut into the deltas posted every tick when the model writes `charsPerTick` characters a tick. */
export function deltasOf(text: string, charsPerTick: number): string[] {
  const out: string[] = [];
  for (let i = 1, sent = 0; sent < text.length; i++) {
    const upTo = Math.min(text.length, Math.round(i * charsPerTick));
    if (upTo > sent) out.push(text.slice(sent, upTo));
    sent = upTo;
  }
  return out;
}

/** The `state` the host posts for conversation `id` holding `messages`. */
export function stateFor(id: string, messages: UiMessage[], others: string[] = []): ChatOutbound {
  const now = Date.now();
  const summaries = [id, ...others].map((c, i) => ({ id: c, title: `Conversation ${c}`, updatedAt: now - i * 60_000, running: false }));
  return {
    type: 'state', providersLoaded: true, providers: PROVIDERS, selection: { providerId: 'openai', model: 'gpt-5-mini' },
    conversations: summaries,
    active: { id, title: `Conversation ${id}`, providerId: 'openai', model: 'gpt-5-mini', messages },
    // The composer holds chips while the answer streams (issue 20: the figures hold with attachments present).
    draftAttachments: [chip('d1', 'file', 'debounce.ts', 2400), chip('d2', 'problems', 'Problems in Workspace', 310), chip('d3', 'gitDiff', 'Git Diff (Unstaged)', 5100)],
  };
}

function chip(id: string, kind: UiAttachment['kind'], label: string, tokens: number): UiAttachment {
  return { id, kind, label, detail: label, tokens };
}

let seq = 0;
/** A question carries two attachment chips, as one asked with context does. */
export function message(role: UiMessage['role'], text: string, status: UiMessage['status'] = 'done'): UiMessage {
  const id = `bench-${role[0]}${++seq}`;
  const attachments = role === 'user' ? { attachments: [chip(`${id}-f`, 'file', 'search.ts', 1800), chip(`${id}-s`, 'selection', 'search.ts:12-40', 420)] } : {};
  return { id, role, text, status, createdAt: Date.now(), ...attachments };
}

/** `count` messages, user and assistant in turn; answers of mixed Markdown, every 5th with code. The last ends with `marker`. */
export function longConversation(count: number, marker: string): UiMessage[] {
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 0) return message('user', `Question ${i / 2 + 1}: how should I debounce the **search box** handler?`);
    const text = section(i, i % 10 === 1 ? 12 : 0) + (i === count - 1 ? `\n${marker}\n` : '');
    return message('assistant', text);
  });
}
