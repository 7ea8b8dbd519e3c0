// A folder as one attachment: which of its files go in, in a stable (tree) order, within the caps
// (MAX_FOLDER_FILES files, MAX_ATTACHMENT_CHARS in all). Binary, oversize and unreadable files, and
// those past a cap, are listed as left out with the reason, in the content and in the chip's
// detail, never silently dropped. Files are stat'ed before they are read, and not read at all once
// they cannot fit.
import { MAX_ATTACHMENT_CHARS, MAX_FILE_BYTES } from './attachment';
import { fileBlock, folderBlock, LEFT_OUT_LIST_CHARS, plural, type FolderFile, type LeftOutFile } from './attachmentBlocks';
import { formatSize } from './fileRefusals';
import { compareTreeOrder } from './workspacePaths';

/** Most files one folder attachment holds. */
export const MAX_FOLDER_FILES = 200;

export type LeftOutReason = 'binary' | 'tooLarge' | 'unreadable' | 'fileLimit' | 'charLimit';

/** Says why, after a path ("`a.png`: binary") and after a count ("2 binary"). */
export const LEFT_OUT_REASONS: Record<LeftOutReason, string> = {
  binary: 'binary',
  tooLarge: `over ${formatSize(MAX_FILE_BYTES)}`,
  unreadable: 'unreadable',
  fileLimit: `past the ${MAX_FOLDER_FILES}-file limit`,
  charLimit: `past the ${MAX_ATTACHMENT_CHARS.toLocaleString('en-US')}-character limit`,
};

/** Room kept for the folder's first line and its list of left-out files. */
const RESERVED_CHARS = LEFT_OUT_LIST_CHARS + 10_000;
/** A UTF-8 byte is at least a third of a UTF-16 character: a file over 3 × room bytes cannot fit. */
const MAX_BYTES_PER_CHAR = 3;

/** How the assembly reaches the files (the host reads them through vscode.workspace.fs). */
export interface FolderFileReader {
  /** Bytes on disk; undefined when it cannot be stat'ed. */
  size(path: string): Promise<number | undefined>;
  /** The text ('binary' when it is not text); undefined when it cannot be read. */
  read(path: string): Promise<{ text: string; languageId?: string } | 'binary' | undefined>;
}

export interface AssembledFolder {
  content: string;
  /** "src/ · 12 files · left out: 2 binary, 1 over 512 KB". */
  detail: string;
  files: number;
  /** "left out: 2 binary, 1 over 512 KB"; '' when none was. */
  leftOut: string;
}

/** `paths`: the folder's files, relative to the workspace as the blocks show them. */
export async function assembleFolder(folderPath: string, paths: readonly string[], reader: FolderFileReader): Promise<AssembledFolder> {
  const files: FolderFile[] = [];
  const leftOut: (LeftOutFile & { why: LeftOutReason })[] = [];
  const leave = (path: string, why: LeftOutReason) => leftOut.push({ path, why, reason: LEFT_OUT_REASONS[why] });
  let room = MAX_ATTACHMENT_CHARS - RESERVED_CHARS - folderPath.length;
  for (const path of [...paths].sort(compareTreeOrder)) {
    const taken = files.length >= MAX_FOLDER_FILES ? 'fileLimit' : await take(path, room, reader);
    if (typeof taken === 'string') leave(path, taken);
    else {
      files.push(taken.file);
      room -= taken.cost;
    }
  }
  const summary = leftOutSummary(leftOut.map((f) => f.why));
  return {
    content: folderBlock(folderPath, files, leftOut.map(({ path, reason }) => ({ path, reason }))),
    detail: folderDetail(folderPath, files.length, summary),
    files: files.length,
    leftOut: summary,
  };
}

/** The file and what it costs of the room left, or why it is left out. */
async function take(path: string, room: number, reader: FolderFileReader): Promise<{ file: FolderFile; cost: number } | LeftOutReason> {
  // Not even its empty block would fit: it is not stat'ed.
  if (blockCost(path, undefined, '') > room) return 'charLimit';
  const size = await reader.size(path);
  if (size === undefined) return 'unreadable';
  if (size > MAX_FILE_BYTES) return 'tooLarge';
  if (size > room * MAX_BYTES_PER_CHAR) return 'charLimit';
  const read = await reader.read(path);
  if (read === undefined) return 'unreadable';
  if (read === 'binary') return 'binary';
  const file: FolderFile = { path, text: read.text, ...(read.languageId ? { languageId: read.languageId } : {}) };
  const cost = blockCost(path, file.languageId, file.text);
  return cost > room ? 'charLimit' : { file, cost };
}

/** A file's block and the blank line before it. */
function blockCost(path: string, languageId: string | undefined, text: string): number {
  return fileBlock(path, languageId, text).length + 2;
}

/** "src/ · 12 files · left out: 2 binary, 300 past the 200-file limit". */
export function folderDetail(folderPath: string, files: number, leftOut: string): string {
  return [folderPath.replace(/\/?$/, '/'), plural(files, 'file'), ...(leftOut ? [leftOut] : [])].join(' · ');
}

/** "left out: 2 binary, 300 past the 200-file limit", in LEFT_OUT_REASONS order; '' for none. */
export function leftOutSummary(leftOut: readonly LeftOutReason[]): string {
  const counts = (Object.keys(LEFT_OUT_REASONS) as LeftOutReason[]).flatMap((why) => {
    const n = leftOut.filter((w) => w === why).length;
    return n ? [`${n.toLocaleString('en-US')} ${LEFT_OUT_REASONS[why]}`] : [];
  });
  return counts.length ? `left out: ${counts.join(', ')}` : '';
}
