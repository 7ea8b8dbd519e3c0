// Regenerate and version switching, from the panel's messages to the conversation: Regenerate
// answers the latest question again with the model the panel shows now (pick another model first
// to compare) and keeps the replaced answer as a version (core/conversations/answerVersions.ts);
// showing a version makes it the one the conversation goes on from.
import { showVersion } from '../../core/conversations/answerVersions';
import type { UiSelection } from '../../shared/protocol/chat';
import type { ChatSession } from './chatSession';
import type { ProviderList } from './providerList';
import type { RunDriver } from './runDriver';

export interface AnswerVersionDeps {
  session: ChatSession;
  runs: RunDriver;
  providers: ProviderList;
  /** The model to answer with: the one the panel shows now. */
  selection(): UiSelection | null;
  notify(level: 'warning', text: string): void;
  postState(): void;
}

export async function regenerate(d: AnswerVersionDeps, conversationId: string, messageId: string): Promise<void> {
  await d.providers.ensure();
  const conversation = d.session.conversation(conversationId);
  const selection = d.selection();
  if (!conversation || d.runs.isRunning(conversationId)) return;
  if (!selection) return d.notify('warning', 'No provider is ready. Set an API key first.');
  conversation.providerId = selection.providerId;
  conversation.model = selection.model;
  await d.runs.rerun(conversationId, messageId, 'regenerate');
}

export async function showAnswerVersion(d: AnswerVersionDeps, conversationId: string, messageId: string, index: number): Promise<void> {
  const conversation = d.session.conversation(conversationId);
  const answer = conversation?.messages.find((m) => m.id === messageId && m.role === 'assistant');
  if (!conversation || !answer || d.runs.isRunning(conversationId)) return;
  if (showVersion(answer, index)) await d.session.persist(conversation);
  d.postState();
}
