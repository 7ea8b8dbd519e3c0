// The composer's chips: the attachments the next message will carry, kept by the host (the webview
// shows them without their content and sends back only their ids). A send takes exactly the chips
// the user saw; attaching the same thing twice keeps one chip.
import { clampAttachment, MAX_ATTACHMENTS, type Attachment, type AttachmentDraft } from '../../core/attachments/attachment';

export interface AddResult {
  added: number;
  /** Already attached (same kind, label and content; an image: the same image). */
  duplicates: number;
  /** Left out: the message already carries MAX_ATTACHMENTS. */
  overCap: number;
}

export class DraftAttachments {
  private items: Attachment[] = [];

  constructor(private readonly newId: () => string) {}

  get list(): readonly Attachment[] {
    return this.items;
  }

  find(id: string): Attachment | undefined {
    return this.items.find((a) => a.id === id);
  }

  add(drafts: readonly AttachmentDraft[]): AddResult {
    const result: AddResult = { added: 0, duplicates: 0, overCap: 0 };
    for (const draft of drafts.map(clampAttachment)) {
      if (this.items.some((a) => a.kind === draft.kind && a.label === draft.label && a.content === draft.content && a.image?.sha256 === draft.image?.sha256)) result.duplicates++;
      else if (this.items.length >= MAX_ATTACHMENTS) result.overCap++;
      else {
        this.items.push({ ...draft, id: this.newId() });
        result.added++;
      }
    }
    return result;
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((a) => a.id !== id);
    return this.items.length !== before;
  }

  /** The chips `ids` names, in the order they were attached, and removes them; undefined (nothing removed) when one is gone. */
  take(ids: readonly string[]): Attachment[] | undefined {
    const wanted = new Set(ids);
    const taken = this.items.filter((a) => wanted.has(a.id));
    if (taken.length !== wanted.size) return undefined;
    this.items = this.items.filter((a) => !wanted.has(a.id));
    return taken;
  }

  /** Puts chips back (their send was refused). */
  restore(attachments: readonly Attachment[]): void {
    const present = new Set(this.items.map((a) => a.id));
    this.items = [...attachments.filter((a) => !present.has(a.id)), ...this.items].slice(0, MAX_ATTACHMENTS);
  }
}

/** "Already attached.", "Only 20 attachments fit one message: 2 were left out." — or undefined when all were added. */
export function addNotice(r: AddResult): string | undefined {
  if (r.overCap) return `Only ${MAX_ATTACHMENTS} attachments fit one message: ${r.overCap} ${r.overCap === 1 ? 'was' : 'were'} left out.`;
  if (r.duplicates && !r.added) return r.duplicates === 1 ? 'That is already attached.' : 'Those are already attached.';
  return undefined;
}
