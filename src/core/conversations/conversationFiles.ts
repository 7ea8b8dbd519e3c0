// Conversations as files: one `<id>.json` per conversation under `<root>/conversations/`,
// written atomically, so a save costs the size of that one conversation (not of all history, as
// a globalState blob did) and two windows never overwrite each other's conversations. A save
// takes the conversation's lock file, merges with what is on disk (union by message id, newer
// version wins: mergeConversation.ts) and writes the result. A delete leaves a tombstone, so a
// window that still holds the conversation cannot bring it back. A corrupt file is moved to
// `<root>/corrupt/` and logged; it never breaks the list. The listing is kept in memory,
// refreshed from the folder when it changes (watchFolder.ts) and cached in a small index.
import path from 'node:path';
import { parseConversationFile, withoutStamp, type ConversationFile, type StoredConversation } from './conversation';
import { withFileLock } from './fileLock';
import { isTempFile, nodeFileSystem, writeAtomic, type FileEntry, type FileSystem } from '../files/fileSystem';
import { KeyedQueue } from './keyedQueue';
import { isTombstone, parseIndex, sameIndex, serializeIndex, type IndexEntry } from './folderIndex';
import { boundConversation, DEFAULT_LIMITS, type ConversationLimits } from './limits';
import { mergeConversation } from './mergeConversation';
import { applyForeign, VersionStamps } from './versionStamps';

export interface FilesLog {
  warn(message: string): void;
}

export interface ConversationFilesOptions {
  fs?: FileSystem;
  now?: () => number;
  log?: FilesLog;
  limits?: Partial<ConversationLimits>;
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
}

export type SaveOutcome = { saved: true; changed: boolean } | { saved: false; deleted: true };

const TOMBSTONE_TTL_MS = 30 * 24 * 3600_000;
const TEMP_TTL_MS = 60_000;
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;
/** The mtime of a file this window is writing right now. */
const PENDING = -1;

export class ConversationFiles {
  readonly dir: string;
  private readonly lockDir: string;
  private readonly corruptDir: string;
  private readonly indexFile: string;
  private readonly fs: FileSystem;
  private readonly now: () => number;
  private readonly log: FilesLog;
  readonly limits: ConversationLimits;
  private entries = new Map<string, IndexEntry>();
  private readonly stamps = new VersionStamps();
  private readonly queue = new KeyedQueue();

  private constructor(readonly root: string, options: ConversationFilesOptions) {
    this.dir = path.join(root, 'conversations');
    this.lockDir = path.join(root, 'locks');
    this.corruptDir = path.join(root, 'corrupt');
    this.indexFile = path.join(root, 'index.json');
    this.fs = options.fs ?? nodeFileSystem;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? { warn: () => undefined };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Opens (creating) the folder and lists it, reading only files changed since the index was written. */
  static async open(root: string, options: ConversationFilesOptions = {}): Promise<ConversationFiles> {
    const files = new ConversationFiles(root, options);
    await Promise.all([files.dir, files.lockDir].map((d) => files.fs.mkdirp(d)));
    const cached = parseIndex(await files.fs.read(files.indexFile).catch(() => undefined));
    files.entries = new Map(cached);
    await files.refresh();
    if (!sameIndex(cached, files.entries)) await files.writeIndex();
    return files;
  }

  static isValidId(id: string): boolean {
    return SAFE_ID.test(id);
  }

  /** Conversations (not tombstones), most recently updated first. */
  list(): ConversationSummary[] {
    const out: ConversationSummary[] = [];
    for (const [id, e] of this.entries) if (!isTombstone(e)) out.push({ id, title: e.title, updatedAt: e.updatedAt });
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  isDeleted(id: string): boolean {
    return isTombstone(this.entries.get(id) ?? { title: '', updatedAt: 0, mtimeMs: 0, size: 0 });
  }

  /**
   * Reads one conversation (synchronously: the panel shows it right away); undefined when absent,
   * deleted or corrupt. `adjust` changes it as read (e.g. a dead answer → interrupted) without
   * that counting as this window's change when merging.
   */
  read(id: string, adjust?: (c: ConversationFile) => void): StoredConversation | undefined {
    const file = this.parsed(id, true);
    if (!file) return undefined;
    adjust?.(file);
    this.stamps.remember(file);
    return stored(file);
  }

  /**
   * Reads one conversation without side effects (no merge baseline remembered, a corrupt file left
   * where it is): for readers that only look, such as the conversation budget. A read that
   * remembered would make this window's next save drop another window's unseen change.
   */
  peek(id: string): StoredConversation | undefined {
    const file = this.parsed(id, false);
    return file ? stored(file) : undefined;
  }

  private parsed(id: string, setAsideCorrupt: boolean): ConversationFile | undefined {
    if (!ConversationFiles.isValidId(id)) return undefined;
    let text: string | undefined;
    try {
      text = this.fs.readSync(this.fileOf(id));
    } catch (err) {
      this.log.warn(`Could not read conversation ${id}: ${String(err)}`);
      return undefined;
    }
    if (text === undefined) return undefined;
    const parsed = parseConversationFile(text, id);
    if (parsed.kind === 'corrupt') {
      if (setAsideCorrupt) void this.setAside(id, parsed.reason);
      return undefined;
    }
    if (parsed.kind === 'tombstone') return undefined;
    if (parsed.skipped > 0 && setAsideCorrupt) this.log.warn(`Conversation ${id}: skipped ${parsed.skipped} invalid message(s).`);
    return parsed.file;
  }

  /**
   * Writes `c` (bounded), merged with what another window may have written meanwhile; that
   * window's messages are added to `c` in place. A conversation deleted elsewhere is not written.
   */
  save(c: StoredConversation): Promise<SaveOutcome> {
    return this.queue.run(c.id, async () => {
      if (!ConversationFiles.isValidId(c.id)) throw new Error(`Invalid conversation id ${c.id.slice(0, 40)}`);
      const sent = boundConversation(this.stamps.stamp(c, this.now()), this.limits);
      const outcome = await withFileLock(this.fs, this.lockOf(c.id), async () => {
        const disk = await this.readFile(c.id);
        if (disk?.kind === 'tombstone' || (!disk && this.isDeleted(c.id))) return undefined;
        const merged = disk ? boundConversation(mergeConversation(disk.file, sent), this.limits) : sent;
        await this.writeFile(c.id, merged, { title: merged.title, updatedAt: merged.updatedAt });
        return merged;
      });
      if (!outcome) return { saved: false, deleted: true } as const;
      this.stamps.remember(outcome);
      const changed = applyForeign(c, sent, outcome);
      await this.enforceCount(c.id);
      return { saved: true, changed } as const;
    });
  }

  /** Replaces the conversation by a tombstone, so no window's later save brings it back. */
  delete(id: string): Promise<void> {
    return this.queue.run(id, async () => {
      if (!ConversationFiles.isValidId(id)) return;
      const deletedAt = this.now();
      await withFileLock(this.fs, this.lockOf(id), () => this.writeFile(id, { v: 2, id, deletedAt }, { deletedAt }));
      this.stamps.forget(id);
    });
  }

  /** Lists the folder again; returns the ids whose file changed (another window wrote or deleted them). */
  async refresh(): Promise<string[]> {
    const changed: string[] = [];
    const seen = new Set<string>();
    for (const f of await this.fs.list(this.dir)) {
      if (isTempFile(f.name)) {
        if (this.now() - f.mtimeMs > TEMP_TTL_MS) await this.fs.remove(path.join(this.dir, f.name)).catch(() => undefined);
        continue;
      }
      const id = f.name.endsWith('.json') ? f.name.slice(0, -5) : '';
      if (!ConversationFiles.isValidId(id)) continue;
      seen.add(id);
      const known = this.entries.get(id);
      // This window's own write is under way (the file may still be the old version): it is not
      // another window's change; the write records what it wrote when it is done.
      if (known?.mtimeMs === PENDING) continue;
      if (known && known.mtimeMs === f.mtimeMs && known.size === f.size) {
        if (isTombstone(known) && this.now() - known.deletedAt > TOMBSTONE_TTL_MS) {
          await this.fs.remove(this.fileOf(id)).catch(() => undefined); // old enough: no stale window is left
          this.entries.delete(id);
        }
        continue;
      }
      if (await this.reload(id, f)) changed.push(id);
    }
    for (const id of [...this.entries.keys()]) {
      if (seen.has(id) || this.entries.get(id)?.mtimeMs === PENDING) continue;
      this.entries.delete(id);
      changed.push(id);
    }
    return changed;
  }

  /** Writes the index (start-up, and when the window closes): a cache that spares reading every file at the next start. */
  async writeIndex(): Promise<void> {
    await writeAtomic(this.fs, this.indexFile, serializeIndex(this.entries)).catch((err) => this.log.warn(`Could not write the conversation index: ${String(err)}`));
  }

  private async reload(id: string, f: FileEntry): Promise<boolean> {
    const parsed = await this.readFile(id);
    if (!parsed) return this.entries.delete(id);
    const entry = parsed.kind === 'tombstone'
      ? { deletedAt: parsed.tombstone.deletedAt, mtimeMs: f.mtimeMs, size: f.size }
      : { title: parsed.file.title, updatedAt: parsed.file.updatedAt, mtimeMs: f.mtimeMs, size: f.size };
    this.entries.set(id, entry);
    return true;
  }

  private async readFile(id: string) {
    const text = await this.fs.read(this.fileOf(id));
    if (text === undefined) return undefined;
    const parsed = parseConversationFile(text, id);
    if (parsed.kind === 'corrupt') {
      await this.setAside(id, parsed.reason);
      return undefined;
    }
    return parsed;
  }

  private async writeFile(id: string, content: ConversationFile | { v: 2; id: string; deletedAt: number }, listed: { title: string; updatedAt: number } | { deletedAt: number }): Promise<void> {
    const file = this.fileOf(id);
    const text = JSON.stringify(content);
    // Listed before the rename with its size, so a folder refresh racing this write knows it as ours.
    this.entries.set(id, { ...listed, mtimeMs: PENDING, size: Buffer.byteLength(text) });
    await writeAtomic(this.fs, file, text);
    const info = await this.fs.stat(file);
    this.entries.set(id, { ...listed, mtimeMs: info?.mtimeMs ?? PENDING, size: info?.size ?? 0 });
  }

  /** A corrupt file goes to `corrupt/` (kept for a human to look at) and out of the list. */
  private async setAside(id: string, reason: string): Promise<void> {
    this.log.warn(`Conversation file ${id}.json is corrupt (${reason}); moved to ${this.corruptDir}.`);
    this.entries.delete(id);
    try {
      await this.fs.mkdirp(this.corruptDir);
      await this.fs.rename(this.fileOf(id), path.join(this.corruptDir, `${id}.${this.now()}.json`));
    } catch (err) {
      this.log.warn(`Could not move the corrupt conversation file aside: ${String(err)}`);
    }
  }

  /** Deletes the least recently updated conversations beyond the limit (never the one just saved). */
  private async enforceCount(savedId: string): Promise<void> {
    const all = this.list();
    for (const old of all.slice(this.limits.maxConversations)) if (old.id !== savedId) await this.delete(old.id);
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private lockOf(id: string): string {
    return path.join(this.lockDir, `${id}.lock`);
  }
}

function stored(file: ConversationFile): StoredConversation {
  const { metaAt: _m, messages, ...rest } = file;
  return { ...rest, v: 1, messages: messages.map(withoutStamp) };
}
