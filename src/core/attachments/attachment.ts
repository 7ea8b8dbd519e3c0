// Context the user attaches to a prompt (a file, a folder, the selection, problems, terminal
// output, the git diff). Each attachment carries, once built, exactly the text the model receives
// for it; the chip in the panel names it and counts its tokens, and what is sent is exactly what
// the chips show. Attachments are stored with their message, so a reopened chat shows (and a
// retry sends) the same context. Building them from the workspace is the host's (features/attachments).

import { MAX_ATTACHMENT_CHARS, type AttachmentKind } from '../../shared/attachmentKinds';
import { LIMITS } from '../../shared/protocol/limits';
import type { ImageMeta } from './imageAttachment';

export { ATTACHMENT_KINDS, ATTACHMENT_SOURCES, MAX_ATTACHMENTS, MAX_ATTACHMENT_CHARS, type AttachmentKind, type AttachmentSource } from '../../shared/attachmentKinds';

/** A file larger than this on disk is refused without reading it. */
export const MAX_FILE_BYTES = 512 * 1024;

export interface AttachmentLocation {
  /** The file or folder (a vscode.Uri's string form). */
  uri: string;
  /** 1-based, inclusive (a selection). */
  startLine?: number;
  endLine?: number;
}

export interface Attachment {
  id: string;
  kind: AttachmentKind;
  /** The chip's text: `app.ts`, `app.ts:3-5`, `src/`, `Problems in app.ts`, `Git diff (staged)`. */
  label: string;
  /** The chip's tooltip: the workspace-relative path, what was left out. */
  detail: string;
  /** What the model receives for it, whole (a block put before the prompt). */
  content: string;
  /** Where it came from, for a file, folder or selection: the chip opens it. */
  location?: AttachmentLocation;
  /** An image (kind 'image'): its stored file and size; its `content` is empty. */
  image?: ImageMeta;
  /** An image's small data: URL, for the chip and the sent message. */
  thumbnail?: string;
}

/** An attachment as a source builds it, before the panel gives it an id. */
export type AttachmentDraft = Omit<Attachment, 'id'>;

/**
 * Marks an AttachError. The attachments feature is its own lazily loaded bundle (dist/attachments.js)
 * with its own copy of this class, while the chat panel checks refusals in the main bundle, so
 * `instanceof` looks for this mark instead of the class's identity.
 */
const ATTACH_ERROR = Symbol.for('switchboard.AttachError');

/** A refusal the user reads as it is ("logo.png is a binary file: only text files can be attached."). */
export class AttachError extends Error {
  override readonly name = 'AttachError';
  readonly [ATTACH_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [ATTACH_ERROR]?: unknown })[ATTACH_ERROR] === true;
  }
}

/** What a user message sends: its attachments' blocks, in the order they were attached, then the prompt. */
export function promptWithAttachments(text: string, attachments: readonly { content?: string }[] | undefined): string {
  const blocks = attachments?.flatMap((a) => (a.content ? [a.content] : [])) ?? [];
  return blocks.length ? [...blocks, text].join('\n\n') : text;
}

/** An attachment cut to what a stored message may hold (labels within LIMITS.label, content within the cap). */
export function clampAttachment<T extends { label: string; detail: string; content?: string }>(a: T): T {
  return {
    ...a,
    label: a.label.slice(0, LIMITS.label),
    detail: a.detail.slice(0, LIMITS.label),
    ...(a.content !== undefined ? { content: a.content.slice(0, MAX_ATTACHMENT_CHARS) } : {}),
  };
}
