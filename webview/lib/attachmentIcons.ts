// The codicon each kind of attachment shows, in chips and in the `@` picker.
import type { AttachmentKind } from '@shared/attachmentKinds';

export const ATTACHMENT_ICONS: Record<AttachmentKind, string> = {
  file: 'file',
  folder: 'folder',
  selection: 'selection',
  problems: 'warning',
  terminal: 'terminal',
  gitDiff: 'git-compare',
  image: 'file-media',
};
