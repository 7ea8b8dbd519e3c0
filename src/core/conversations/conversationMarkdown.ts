// A conversation as one Markdown document (Export Chat to Markdown): its title, then each turn
// under a heading naming who spoke — "You" or the model that answered — with the text exactly as
// stored. What the panel shows around an answer comes along in Markdown of its own: the reasoning
// in a collapsed <details>, how an answer ended when it did not simply finish, and which
// attachments a question carried.
import type { UiMessage } from '../../shared/protocol/chat';
import type { StoredConversation } from './conversation';

/** The label of a model as the panel shows it (e.g. "GPT-5 mini"). */
export type ModelLabel = (providerId: string, model: string) => string;

export function conversationMarkdown(conversation: Pick<StoredConversation, 'title' | 'messages' | 'providerId' | 'model'>, label: ModelLabel): string {
  const parts = [`# ${oneLine(conversation.title)}`];
  for (const m of conversation.messages) {
    if (m.role === 'user') parts.push('## You', ...attachedLine(m), m.text);
    else parts.push(`## ${speaker(m, conversation, label)}`, ...answerParts(m));
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** A file name for the export: the title without characters file systems refuse, and `.md`. */
export function markdownFileName(title: string): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').replace(/^[ .]+|[ .]+$/g, '').slice(0, 80);
  return `${base || 'Chat'}.md`;
}

function speaker(m: UiMessage, c: Pick<StoredConversation, 'providerId' | 'model'>, label: ModelLabel): string {
  const providerId = m.meta?.providerId ?? c.providerId;
  const model = m.meta?.model ?? c.model;
  return providerId && model ? oneLine(label(providerId, model)) : 'Assistant';
}

/** What a question carried, named as its chips name it (the content itself is not repeated). */
function attachedLine(m: UiMessage): string[] {
  if (!m.attachments?.length) return [];
  return [`*Attached: ${m.attachments.map((a) => `\`${oneLine(a.label).replace(/`/g, "'")}\``).join(', ')}*`];
}

function answerParts(m: UiMessage): string[] {
  const parts: string[] = [];
  if (m.thinking) parts.push(`<details>\n<summary>Thinking</summary>\n\n${m.thinking}\n\n</details>`);
  parts.push(m.text);
  if (m.status === 'error') parts.push(`> **Failed:** ${oneLine(m.error?.message ?? 'the answer failed.')}`);
  else if (m.status === 'stopped') parts.push('*Stopped.*');
  else if (m.status === 'interrupted') parts.push(`*Interrupted${m.error ? `: ${oneLine(m.error.message)}` : '.'}*`);
  else if (m.status !== 'done') parts.push('*Still being written when exported.*');
  else if (m.notice) parts.push(`> ${oneLine(m.notice.text)}`);
  return parts;
}

/** Headings and quotes are one line: a line break in a title or error would end them. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
