// The kinds of context a prompt can carry and the sources the attach button and `@` picker offer
// (besides files and folders): shared by the host, the protocol and the webview.

export const ATTACHMENT_KINDS = ['file', 'folder', 'selection', 'problems', 'terminal', 'gitDiff', 'image'] as const;
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

/** The image types every provider takes (Anthropic's list, the narrowest: JPEG, PNG, GIF, WebP). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];
/** Largest image sent, in bytes: its base64 stays under Anthropic's 5 MB per image. */
export const MAX_IMAGE_BYTES = 3_750_000;
/** Longest edge, in pixels, an image is scaled down to before it is sent (Anthropic's own limit; OpenAI and Gemini scale below it too). */
export const MAX_IMAGE_EDGE = 1568;
/** Most pixels an image keeps (Anthropic: about 1.15 megapixels are read without scaling). */
export const MAX_IMAGE_PIXELS = 1_150_000;
/** Longest edge of the thumbnail the panel shows and the conversation keeps. */
export const THUMBNAIL_EDGE = 160;
/** Longest thumbnail data: URL accepted. */
export const MAX_THUMBNAIL_CHARS = 48_000;
