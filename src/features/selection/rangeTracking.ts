// Offset arithmetic for keeping a selection's range right while its document is edited, so the
// answer's code goes where the question came from even after edits above it. Pure (no vscode
// import): the document-change glue is in selectionAnchors.ts.

/** Half-open character range [start, end) in a document's text. */
export interface TrackedRange {
  start: number;
  end: number;
}

/** One content change as VS Code reports it: `length` characters at `offset` became `insertedLength`. */
export interface TextChange {
  offset: number;
  length: number;
  insertedLength: number;
}

/**
 * The range after `change`, or undefined when the change touched the range's own text (then its
 * content is no longer what was asked about). Text inserted exactly at the start goes before the
 * range; text inserted exactly at the end goes after it.
 */
export function shiftRange(range: TrackedRange, change: TextChange): TrackedRange | undefined {
  const changeEnd = change.offset + change.length;
  if (changeEnd <= range.start) {
    const delta = change.insertedLength - change.length;
    return { start: range.start + delta, end: range.end + delta };
  }
  if (change.offset >= range.end) return range;
  return undefined;
}

/** Applies a change event's changes in order (VS Code lists multi-cursor changes last-to-first). */
export function shiftRangeThrough(range: TrackedRange, changes: readonly TextChange[]): TrackedRange | undefined {
  let current: TrackedRange | undefined = range;
  for (const change of changes) {
    if (!current) return undefined;
    current = shiftRange(current, change);
  }
  return current;
}

/**
 * The code as it should replace `original`: a selection of whole lines ends with a line break that
 * a code block never has, so it is kept; an answer with a trailing break replacing a mid-line
 * selection loses it. Line breaks follow the document's (`eol`).
 */
export function fitReplacement(original: string, code: string, eol: '\n' | '\r\n'): string {
  let out = code.replace(/\r\n/g, '\n');
  const originalBreak = /\r?\n$/.test(original);
  if (originalBreak && !out.endsWith('\n')) out += '\n';
  if (!originalBreak && out.endsWith('\n')) out = out.replace(/\n+$/, '');
  return eol === '\r\n' ? out.replace(/\n/g, '\r\n') : out;
}

/**
 * The index of `needle` in `haystack` when it occurs exactly once, else undefined: a moved
 * selection is found again only when there is no doubt about where it went.
 */
export function findUnique(haystack: string, needle: string): number | undefined {
  if (!needle) return undefined;
  const first = haystack.indexOf(needle);
  if (first < 0) return undefined;
  return haystack.indexOf(needle, first + 1) < 0 ? first : undefined;
}
