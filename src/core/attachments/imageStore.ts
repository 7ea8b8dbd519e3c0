// Attached images as files beside the conversations (`<root>/images/<sha256>.<ext>`): a message
// stores only the hash, so a conversation file stays small however many screenshots it carries,
// and the same image pasted twice (or a branch of a conversation) shares one file. Written
// atomically (temp file + rename). A file no conversation refers to any more is removed by
// sweep(), but only once it is older than a grace period: another window may have just pasted the
// same image into a conversation it has not saved yet.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ImageMimeType } from '../../shared/attachmentKinds';

const EXTENSIONS: Record<ImageMimeType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };
const STORED = /^([0-9a-f]{64})\.(png|jpg|gif|webp)$/;
/** A file younger than this is never swept. */
export const SWEEP_GRACE_MS = 3600_000;

export class ImageStore {
  /** Recently used images' base64 (what requests send), newest last; bounded by CACHE_BYTES. */
  private readonly cache = new Map<string, string>();
  private cachedChars = 0;
  private static readonly CACHE_CHARS = 32 * 1024 * 1024;

  constructor(readonly dir: string) {}

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string, mimeType: ImageMimeType): string {
    return path.join(this.dir, `${sha256}.${EXTENSIONS[mimeType]}`);
  }

  /** Stores `bytes` (once per content) and returns their hash; an existing file is touched, so a sweep spares it. */
  async put(bytes: Uint8Array, mimeType: ImageMimeType): Promise<string> {
    const sha = ImageStore.sha256(bytes);
    const file = this.pathOf(sha, mimeType);
    const now = new Date();
    try {
      await fsp.utimes(file, now, now);
    } catch {
      await fsp.mkdir(this.dir, { recursive: true });
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await fsp.writeFile(temp, bytes);
      await fsp.rename(temp, file);
    }
    this.remember(sha, Buffer.from(bytes).toString('base64'));
    return sha;
  }

  /** The image's base64, or undefined when its file is gone. */
  async base64(sha256: string, mimeType: ImageMimeType): Promise<string | undefined> {
    const hit = this.cache.get(sha256);
    if (hit !== undefined) {
      this.cache.delete(sha256);
      this.cache.set(sha256, hit);
      return hit;
    }
    const data = await fsp.readFile(this.pathOf(sha256, mimeType)).then((b) => b.toString('base64'), () => undefined);
    if (data !== undefined) this.remember(sha256, data);
    return data;
  }

  /** Removes image files older than the grace period whose hash is not in `keep`; returns how many. */
  async sweep(keep: ReadonlySet<string>, now = Date.now()): Promise<number> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const m = STORED.exec(name);
      const isOldTemp = name.endsWith('.tmp');
      if ((!m || keep.has(m[1]!)) && !isOldTemp) continue;
      const file = path.join(this.dir, name);
      const stat = await fsp.stat(file).catch(() => undefined);
      if (!stat || now - stat.mtimeMs < SWEEP_GRACE_MS) continue;
      await fsp.rm(file, { force: true });
      if (m) this.forget(m[1]!);
      removed++;
    }
    return removed;
  }

  private remember(sha: string, data: string): void {
    this.forget(sha);
    this.cache.set(sha, data);
    this.cachedChars += data.length;
    for (const [old, value] of this.cache) {
      if (this.cachedChars <= ImageStore.CACHE_CHARS) break;
      this.cache.delete(old);
      this.cachedChars -= value.length;
    }
  }

  private forget(sha: string): void {
    const value = this.cache.get(sha);
    if (value === undefined) return;
    this.cache.delete(sha);
    this.cachedChars -= value.length;
  }
}

const SHA_IN_FILE = /"sha256":"([0-9a-f]{64})"/g;

/**
 * The image hashes the conversation files in `dir` refer to, read as text (no parse: a sweep reads
 * every conversation). Temp files count too: a save in flight still refers to its images.
 */
export async function referencedImages(dir: string): Promise<Set<string>> {
  const keep = new Set<string>();
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith('.json') && !name.endsWith('.tmp')) continue;
    const text = await fsp.readFile(path.join(dir, name), 'utf8').catch(() => '');
    for (const m of text.matchAll(SHA_IN_FILE)) keep.add(m[1]!);
  }
  return keep;
}
