// What a question sends: its attachments' text blocks before its text (promptWithAttachments), and
// its images as image parts ahead of that text (Anthropic's advice: images first). The image data
// is looked up by hash (the run loads it from imageStore.ts first; an estimate needs no data). A
// model that takes no images, or an image whose file is gone, gets a line saying so instead, so
// the request still goes and the model knows something was there.
import type { ContentPart, ChatMessage } from '../llm/types';
import { promptWithAttachments } from './attachment';
import type { ImageMeta } from './imageAttachment';

/** An image's base64 by its meta; undefined = its file is gone. */
export type ImageData = (image: ImageMeta) => string | undefined;

/** For estimates: every image counts (by its size), none is read. */
export const NO_IMAGE_DATA: ImageData = () => '';

/** The model takes no images: each becomes a line saying so. */
export const TAKES_NO_IMAGES = null;

type Sent = { label: string; content?: string; image?: ImageMeta };

export function userContent(text: string, attachments: readonly Sent[] | undefined, imageData: ImageData | typeof TAKES_NO_IMAGES): ChatMessage['content'] {
  const prompt = promptWithAttachments(text, attachments);
  const images = attachments?.filter((a): a is Sent & { image: ImageMeta } => !!a.image) ?? [];
  if (!images.length) return prompt;
  const parts: ContentPart[] = [];
  const notes: string[] = [];
  for (const a of images) {
    const data = imageData ? imageData(a.image) : undefined;
    if (data === undefined) notes.push(`[Image ${a.label} not sent: ${imageData ? 'its file is no longer there' : 'this model takes no images'}.]`);
    else parts.push({ type: 'image', mimeType: a.image.mimeType, data, width: a.image.width, height: a.image.height });
  }
  const body = [...notes, prompt].filter(Boolean).join('\n\n');
  return parts.length ? [...parts, ...(body ? [{ type: 'text' as const, text: body }] : [])] : body;
}
