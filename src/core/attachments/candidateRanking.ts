// Which workspace files and folders the `@` picker lists for a query: those whose relative path
// contains it (any case); those whose name contains it first, then shorter paths (closer to the
// root), then by path, so the same query always lists the same entries.
import { basename } from './workspacePaths';

export interface PathEntry {
  /** Workspace-relative; a folder's ends with '/'. */
  path: string;
}

export function rankPaths<T extends PathEntry>(entries: readonly T[], query: string, limit: number): { items: T[]; truncated: boolean } {
  const q = query.trim().toLowerCase();
  const matched = entries
    .filter((e) => e.path.toLowerCase().includes(q))
    .map((e) => ({ e, inName: basename(e.path).toLowerCase().includes(q) }))
    .sort((a, b) => Number(b.inName) - Number(a.inName) || a.e.path.length - b.e.path.length || (a.e.path < b.e.path ? -1 : a.e.path > b.e.path ? 1 : 0));
  const items = matched.slice(0, Math.max(0, limit)).map((m) => m.e);
  return { items, truncated: matched.length > items.length };
}
