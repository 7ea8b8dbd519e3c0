// Edit an earlier prompt and send it again. The latest question changes in place and its answer is
// written again. An earlier one is never rewritten: the conversation up to it is copied into a new
// conversation (a branch), which asks the edited question, and the original keeps every later turn.
// (Messages are merged by id between windows — mergeConversation.ts — so dropping turns from a
// saved conversation could not stick anyway.)
import { LIMITS } from '../../shared/protocol/limits';
import type { UiSelection } from '../../shared/protocol/chat';
import { dropVersions } from '../../core/conversations/answerVersions';
import type { ChatSession } from './chatSession';
import type { ConversationStore } from './conversationStore';
import type { RunDriver } from './runDriver';

export interface EditResendDeps {
  session: ChatSession;
  store: ConversationStore;
  runs: RunDriver;
  /** The model to answer with: the one the panel shows now. */
  selection(): UiSelection | null;
  notify(level: 'info' | 'warning', text: string): void;
}

export async function editAndResend(d: EditResendDeps, conversationId: string, messageId: string, text: string): Promise<void> {
  const conversation = d.session.conversation(conversationId);
  if (!conversation) return d.notify('warning', 'That conversation no longer exists.');
  if (d.runs.isRunning(conversation.id)) return d.notify('info', 'An answer is still being written in this conversation — stop it first.');
  const at = conversation.messages.findIndex((m) => m.id === messageId && m.role === 'user');
  if (at < 0) return d.notify('warning', 'That message is no longer in the conversation.');
  const selection = d.selection();
  if (!selection) return d.notify('warning', 'No provider is ready. Set an API key first.');
  const later = conversation.messages.slice(at + 1);
  const answer = later[0]?.role === 'assistant' && !later.some((m) => m.role === 'user') ? later[0] : undefined;
  if (answer) {
    conversation.messages[at]!.text = text;
    // Its other versions answered the question before the edit.
    dropVersions(answer);
    conversation.providerId = selection.providerId;
    conversation.model = selection.model;
    return d.runs.rerun(conversation.id, answer.id, 'edited');
  }
  const branch = d.store.create(selection);
  branch.title = `${conversation.title} (edited)`.slice(0, LIMITS.label);
  branch.titled = true;
  if (conversation.effort) branch.effort = conversation.effort;
  else delete branch.effort;
  branch.messages = conversation.messages.slice(0, at).map((m) => ({ ...structuredClone(m), id: d.store.newId() }));
  d.session.show(branch);
  d.notify('info', `Sent as a new chat, "${branch.title}": the original keeps its later turns.`);
  const original = conversation.messages[at]!;
  // The branch asks with the same context (attachments, the code a selection question is about).
  await d.runs.send(text, selection, branch.id, { ...(original.source ? { source: original.source } : {}), ...(original.attachments ? { attachments: original.attachments } : {}) });
}
