// Turns the panel's state into the webview's types, cut to the wire bounds (LIMITS): the state
// snapshot, the shape of a model in the picker, and how an error is shown with its remedy.
import { imageTokens } from '../../core/llm/messageContent';
import type { InstructionFile } from '../../core/instructions/workspaceInstructions';
import type { PipelineError } from '../../core/llm/pipeline';
import { remedyFor } from '../../core/llm/remedies';
import { versionLabel } from '../../core/conversations/answerVersions';
import type { ResolvedModel } from '../../core/models/resolvedModel';
import { LIMITS } from '../../shared/protocol/limits';
import type { StateMessage, UiAttachment, UiError, UiMessage, UiModel, UiProvider, UiSelection } from '../../shared/protocol/chat';
import type { ChatSession } from './chatSession';
import type { ConversationStore } from './conversationStore';
import type { ProviderChoice } from './chatPorts';

export function toUiModel(m: ResolvedModel): UiModel {
  return {
    id: m.id,
    label: m.label.slice(0, LIMITS.label),
    contextWindow: m.contextWindow && m.contextWindow > 0 ? Math.round(m.contextWindow) : null,
    price: m.price ? { input: m.price.input, output: m.price.output } : null,
    ...(m.reasoning ? { reasoning: true as const } : {}),
    ...(m.imageInput === false ? { images: false as const } : {}),
  };
}

export function toUiProvider(p: ProviderChoice): UiProvider {
  return { id: p.id, label: p.label.slice(0, LIMITS.label), ready: p.ready, models: p.models.slice(0, LIMITS.models).map(toUiModel) };
}

export function toUiError(error: PipelineError): UiError {
  const remedy = remedyFor(error.code);
  return {
    code: error.code.slice(0, LIMITS.id) || 'unknown',
    message: (error.message || 'The request failed.').slice(0, LIMITS.errorMessage),
    providerId: error.providerId.slice(0, LIMITS.id) || 'unknown',
    action: remedy.action,
    ...(remedy.action === 'openSettings' ? { settings: remedy.settings } : {}),
  };
}

export interface SnapshotInput {
  session: ChatSession;
  store: ConversationStore;
  providers: readonly ProviderChoice[];
  providersLoaded: boolean;
  running: ReadonlySet<string>;
  selection: UiSelection | null;
  instructions: readonly InstructionFile[];
  countTokens(text: string): number;
  /** The composer's chips. */
  draftAttachments?: readonly UiAttachment[];
}

/** A chip as the panel gets it: its token count instead of its content (which stays in the host). */
export function toUiAttachment(a: UiAttachment, countTokens: (text: string) => number): UiAttachment {
  const { content, ...chip } = a;
  return { ...chip, tokens: a.image ? imageTokens(a.image.width, a.image.height) : countTokens(content ?? '') };
}

/** A message as the panel gets it: chips with tokens instead of content, versions as a count. */
export function toUiMessage(m: UiMessage, countTokens: (text: string) => number): UiMessage {
  if (!m.attachments && !m.alternatives) return m;
  const { alternatives: _others, version: _shown, ...rest } = m;
  const versions = versionLabel(m);
  return {
    ...rest,
    ...(m.attachments ? { attachments: m.attachments.map((a) => toUiAttachment(a, countTokens)) } : {}),
    ...(versions ? { versions } : {}),
  };
}

/** The whole picture the webview renders (sent on ready and after every change but a delta). */
export function snapshot({ session, store, providers, providersLoaded, running, selection, instructions, countTokens, draftAttachments = [] }: SnapshotInput): StateMessage {
  const a = session.active;
  const summaries = store.list().map((s) => ({ ...s, running: running.has(s.id) }));
  // The open conversation is listed before its first save lands.
  if (a.messages.length > 0 && !summaries.some((s) => s.id === a.id)) {
    summaries.unshift({ id: a.id, title: a.title, updatedAt: a.updatedAt, running: running.has(a.id) });
  }
  return {
    type: 'state',
    providersLoaded,
    providers: providers.slice(0, LIMITS.providers).map(toUiProvider),
    selection,
    conversations: summaries.slice(0, LIMITS.conversations),
    active: { id: a.id, title: a.title, providerId: a.providerId, model: a.model, ...(a.effort ? { effort: a.effort } : {}), messages: a.messages.slice(-LIMITS.messages).map((m) => toUiMessage(m, countTokens)) },
    instructions: instructions.slice(0, LIMITS.instructionFiles).map((f) => ({ label: f.label.slice(0, LIMITS.label), tokens: countTokens(f.text), truncated: f.truncated })),
    ...(draftAttachments.length ? { draftAttachments: draftAttachments.map((a) => toUiAttachment(a, countTokens)) } : {}),
  };
}
