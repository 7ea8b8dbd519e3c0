// Workspace-relative paths ('/'-separated, no leading './'; a folder's may end with '/') as the
// attachments show and order them.

/** `app.ts` of `src/app.ts`, `src` of `src/`. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The folders a path is in, outermost first: `src/a/b.ts` → `src`, `src/a`. */
export function ancestorDirs(path: string): string[] {
  const parts = path.replace(/\/+$/, '').split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The order of a file tree: segment by segment, a folder's own files before its subfolders, then
 * by name (code units, so the order is the same on every machine).
 */
export function compareTreeOrder(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; ; i++) {
    const aLast = i === as.length - 1;
    const bLast = i === bs.length - 1;
    if (as[i] !== bs[i] || aLast || bLast) {
      if (aLast !== bLast) return aLast ? -1 : 1;
      return as[i]! < bs[i]! ? -1 : as[i]! > bs[i]! ? 1 : 0;
    }
  }
}
