// Images pasted (Ctrl+V of a screenshot) or dropped (files from the OS) into the composer, made
// ready to attach: decoded, scaled to what every provider reads without scaling again (longest
// edge 1568 px, about 1.15 MP — Anthropic's limits, the narrowest), encoded as PNG (as JPEG when a
// PNG would pass the size cap), with a small WebP thumbnail for the chip. An image already within
// the limits is sent as it is (an animated GIF stays animated). The host checks everything again.
import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, MAX_IMAGE_PIXELS, THUMBNAIL_EDGE, type ImageMimeType } from '@shared/attachmentKinds';
import type { UiPastedImage } from '@shared/protocol/chat';

/** Most images one paste or drop attaches (a message carries at most 20 attachments anyway). */
const MAX_PER_PASTE = 10;

/** The image files a paste or a drop carries. */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files].filter((f) => f.type.startsWith('image/'));
  const fromItems = () => [...data.items].flatMap((i) => (i.kind === 'file' && i.type.startsWith('image/') ? [i.getAsFile()] : [])).filter((f): f is File => !!f);
  return (files.length ? files : fromItems()).slice(0, MAX_PER_PASTE);
}

/** The size an image is sent at: within MAX_IMAGE_EDGE and MAX_IMAGE_PIXELS, aspect kept. */
export function fittedSize(width: number, height: number, maxEdge = MAX_IMAGE_EDGE, maxPixels = MAX_IMAGE_PIXELS): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height), Math.sqrt(maxPixels / (width * height)));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}

function draw(bitmap: ImageBitmap, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

/** The image as the host takes it; throws an Error whose message the user reads as it is. */
export async function prepareImage(file: File): Promise<UiPastedImage> {
  const name = (file.name || 'Pasted image').slice(0, 200);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${name} could not be read as an image.`);
  }
  try {
    const size = fittedSize(bitmap.width, bitmap.height);
    const asIs = size.width === bitmap.width && size.height === bitmap.height && (IMAGE_MIME_TYPES as readonly string[]).includes(file.type) && file.size <= MAX_IMAGE_BYTES;
    let blob: Blob = file;
    if (!asIs) {
      const canvas = draw(bitmap, size.width, size.height);
      blob = await canvas.convertToBlob({ type: 'image/png' });
      if (blob.size > MAX_IMAGE_BYTES) blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
      if (blob.size > MAX_IMAGE_BYTES) throw new Error(`${name} is too large to attach, even scaled down.`);
    }
    const thumb = fittedSize(size.width, size.height, THUMBNAIL_EDGE, THUMBNAIL_EDGE * THUMBNAIL_EDGE);
    const [url, thumbnail] = await Promise.all([dataUrl(blob), draw(bitmap, thumb.width, thumb.height).convertToBlob({ type: 'image/webp', quality: 0.8 }).then(dataUrl)]);
    return { name, mimeType: blob.type as ImageMimeType, data: url.slice(url.indexOf(',') + 1), width: size.width, height: size.height, thumbnail };
  } finally {
    bitmap.close();
  }
}
