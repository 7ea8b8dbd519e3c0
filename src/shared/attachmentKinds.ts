// The kinds of context a prompt can carry and the sources the attach button and `@` picker offer
// (besides files and folders): shared by the host, the protocol and the webview.

export const ATTACHMENT_KINDS = ['file', 'folder', 'selection', 'problems', 'terminal', 'gitDiff'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_SOURCES = [
  'currentFile',
  'selection',
  'openEditors',
  'problemsFile',
  'problemsWorkspace',
  'terminalOutput',
  'terminalSelection',
  'gitDiff',
  'gitDiffStaged',
] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

/** Most attachments one message carries. */
export const MAX_ATTACHMENTS = 20;
/** Most characters one attachment sends (about 125k tokens); a larger file is refused, a larger folder or diff cut. */
export const MAX_ATTACHMENT_CHARS = 500_000;
