// The composer's attachments, from the panel's messages to the chips: resolves what the user
// attached (the `@` picker, a drop, the attach button, Add to Chat) through the host's sources,
// keeps the draft, and sends exactly the chips the user saw with the message. A refusal (a binary
// or too-large file, nothing to attach) is a notice in the panel; a refused send gives the draft
// and its chips back, so nothing typed or attached is lost.
import { AttachError, type AttachmentDraft } from '../../core/attachments/attachment';
import type { ChatInbound, ChatOutbound, UiAttachRef, UiPastedImage } from '../../shared/protocol/chat';
import { decodePastedImage, imageDraft } from '../../core/attachments/imageAttachment';
import type { ImageStore } from '../../core/attachments/imageStore';
import { LIMITS } from '../../shared/protocol/limits';
import type { AttachmentSources, HostActions } from './chatPorts';
import type { ChatSession } from './chatSession';
import { addNotice, DraftAttachments } from './draftAttachments';
import type { ChatLogger } from './providerList';
import type { RunDriver } from './runDriver';

export interface AttachmentDraftingDeps {
  sources: AttachmentSources | undefined;
  images: ImageStore | undefined;
  actions: Pick<HostActions, 'openImage'>;
  session: ChatSession;
  runs: RunDriver;
  newId(): string;
  post(message: ChatOutbound): void;
  postState(): void;
  log: ChatLogger;
}

const UNAVAILABLE = 'Attachments are not available here.';

export class AttachmentDrafting {
  readonly draft: DraftAttachments;

  constructor(private readonly d: AttachmentDraftingDeps) {
    this.draft = new DraftAttachments(d.newId);
  }

  /** Sends the composer's text with the chips it names; a refused send gives both back. */
  async send(m: Extract<ChatInbound, { type: 'send' }>): Promise<void> {
    const attachments = this.draft.take(m.attachmentIds ?? []);
    if (!attachments) {
      this.notify('warning', 'An attachment was removed before the message went: check the chips and send again.');
      this.d.post({ type: 'restoreDraft', text: m.text });
      return this.d.postState();
    }
    const sent = await this.d.runs.send(m.text, { providerId: m.providerId, model: m.model }, m.conversationId, { attachments });
    if (!sent) {
      this.draft.restore(attachments);
      this.d.post({ type: 'restoreDraft', text: m.text });
      this.d.postState();
    }
  }

  async attach(ref: UiAttachRef): Promise<void> {
    const sources = this.d.sources;
    if (!sources) return this.notify('warning', UNAVAILABLE);
    await this.resolveAll(sources, [ref]);
  }

  /** An image pasted or dropped into the composer: checked, stored, and a chip with its thumbnail. */
  async attachImage(pasted: UiPastedImage): Promise<void> {
    const images = this.d.images;
    if (!images) return this.notify('warning', UNAVAILABLE);
    try {
      const bytes = decodePastedImage(pasted);
      const sha256 = await images.put(bytes, pasted.mimeType);
      this.add([imageDraft(pasted, { sha256, mimeType: pasted.mimeType, width: pasted.width, height: pasted.height, bytes: bytes.length })]);
    } catch (err) {
      this.refused(err);
    }
  }

  /** The attach button: VS Code's quick pick, then everything chosen. */
  async pick(): Promise<void> {
    const sources = this.d.sources;
    if (!sources) return this.notify('warning', UNAVAILABLE);
    const refs = await sources.pick();
    if (refs.length) await this.resolveAll(sources, refs);
  }

  /** Attachments built outside the panel (Add to Chat, a problem's quick fix). */
  add(drafts: readonly AttachmentDraft[]): void {
    const notice = addNotice(this.draft.add(drafts));
    if (notice) this.notify('info', notice);
    this.d.postState();
  }

  remove(id: string): void {
    if (this.draft.remove(id)) this.d.postState();
  }

  async candidates(requestId: number, query: string): Promise<void> {
    const found = this.d.sources ? await this.d.sources.candidates(query) : { items: [], truncated: false };
    this.d.post({ type: 'attachCandidates', requestId, items: found.items, truncated: found.truncated });
  }

  /** A draft chip (no messageId) or one of a sent message's. */
  async open(attachmentId: string, conversationId: string | undefined, messageId: string | undefined): Promise<void> {
    const attachment = messageId
      ? this.d.session.conversation(conversationId ?? this.d.session.active.id)?.messages.find((x) => x.id === messageId)?.attachments?.find((a) => a.id === attachmentId)
      : this.draft.find(attachmentId);
    if (!attachment) return this.notify('warning', 'That attachment is no longer there.');
    if (attachment.image && this.d.images) return this.d.actions.openImage(this.d.images.pathOf(attachment.image.sha256, attachment.image.mimeType));
    await this.d.sources?.open({ ...attachment, content: attachment.content ?? '' });
  }

  private async resolveAll(sources: AttachmentSources, refs: readonly UiAttachRef[]): Promise<void> {
    const drafts: AttachmentDraft[] = [];
    for (const ref of refs) {
      try {
        drafts.push(...(await sources.resolve(ref)));
      } catch (err) {
        this.refused(err);
      }
    }
    if (drafts.length) this.add(drafts);
  }

  private refused(err: unknown): void {
    if (err instanceof AttachError) return this.notify('warning', err.message);
    this.d.log.error('Attaching failed', err);
    this.notify('error', `Could not attach that: ${err instanceof Error ? err.message : String(err)}`);
  }

  private notify(level: 'info' | 'warning' | 'error', text: string): void {
    this.d.post({ type: 'notice', level, text: text.slice(0, LIMITS.errorMessage) });
  }
}
