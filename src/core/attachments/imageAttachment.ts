// An image pasted or dropped into the composer (issue 20). The panel decodes it and scales it down
// (it has a canvas; the extension host has none), so what arrives is already within the limits
// every provider takes — but the host trusts none of it: the data must be base64 of an image of
// the type it claims (its magic bytes), within MAX_IMAGE_BYTES and MAX_IMAGE_EDGE, before it
// becomes a chip. A refusal is an AttachError the user reads as it is.
import {
  IMAGE_MIME_TYPES,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_EDGE,
  MAX_IMAGE_PIXELS,
  MAX_THUMBNAIL_CHARS,
  type ImageMimeType,
} from '../../shared/attachmentKinds';
import { AttachError, type AttachmentDraft } from './attachment';

/** What a stored message keeps of an image: the file's hash (imageStore.ts) and its size. */
export interface ImageMeta {
  sha256: string;
  mimeType: ImageMimeType;
  width: number;
  height: number;
  /** Bytes of the image as sent. */
  bytes: number;
}

/** What the panel sends for a pasted or dropped image. */
export interface PastedImage {
  name: string;
  mimeType: ImageMimeType;
  /** Base64 of the image, no data: prefix. */
  data: string;
  width: number;
  height: number;
  /** A small data: URL the chip and the sent message show. */
  thumbnail: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const THUMBNAIL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** The image type its first bytes say (PNG, JPEG, GIF, WebP), or undefined. */
export function sniffImageType(b: Uint8Array): ImageMimeType | undefined {
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif'; // GIF8
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp'; // RIFF....WEBP
  return undefined;
}

/** `412 KB`, `3.75 MB` (decimal units, as file managers show them). */
export function formatBytes(n: number): string {
  return n < 1_000_000 ? `${Math.max(1, Math.round(n / 1000))} KB` : `${Number((n / 1_000_000).toFixed(2))} MB`;
}

/** The image's bytes, once they prove to be what the panel said; else an AttachError. */
export function decodePastedImage(p: PastedImage): Buffer {
  const name = p.name || 'The image';
  if (!(IMAGE_MIME_TYPES as readonly string[]).includes(p.mimeType)) throw new AttachError(`${name}: only PNG, JPEG, GIF and WebP images can be attached.`);
  if (p.data.length % 4 !== 0 || !BASE64.test(p.data)) throw new AttachError(`${name} arrived damaged (not base64): paste it again.`);
  const bytes = Buffer.from(p.data, 'base64');
  if (bytes.length === 0) throw new AttachError(`${name} is empty.`);
  if (bytes.length > MAX_IMAGE_BYTES) throw new AttachError(`${name} is ${formatBytes(bytes.length)}; images up to ${formatBytes(MAX_IMAGE_BYTES)} can be attached.`);
  const actual = sniffImageType(bytes);
  if (actual !== p.mimeType) throw new AttachError(`${name} is not the ${p.mimeType.slice(6).toUpperCase()} image it claims to be: paste it again.`);
  const edgesOk = [p.width, p.height].every((e) => Number.isInteger(e) && e > 0 && e <= MAX_IMAGE_EDGE);
  if (!edgesOk || p.width * p.height > MAX_IMAGE_PIXELS * 1.01) throw new AttachError(`${name} is ${p.width}×${p.height}: it should have been scaled to ${MAX_IMAGE_EDGE} px. Paste it again.`);
  return bytes;
}

/** A usable thumbnail, or none (the chip then shows an icon). */
export function cleanThumbnail(url: string): string | undefined {
  return url.length <= MAX_THUMBNAIL_CHARS && THUMBNAIL.test(url) ? url : undefined;
}

/** The chip for a stored image: `screenshot.png`, detail `1280×720, 412 KB`. */
export function imageDraft(p: PastedImage, meta: ImageMeta): AttachmentDraft {
  const thumbnail = cleanThumbnail(p.thumbnail);
  return {
    kind: 'image',
    label: p.name || 'Pasted image',
    detail: `${meta.width}×${meta.height}, ${formatBytes(meta.bytes)}`,
    content: '',
    image: meta,
    ...(thumbnail ? { thumbnail } : {}),
  };
}
