// Which workspace paths .gitignore files exclude, as git decides it: each .gitignore applies to
// the paths under its own folder, relative to that folder; a deeper file's rules come after (and
// so override) a shallower one's; and nothing inside an excluded folder can be included again.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreFile {
  /** The folder the .gitignore is in, relative to the root ('' for the root itself). */
  dir: string;
  text: string;
}

interface RuleSet {
  prefix: string;
  rules: Ignore;
}

export class IgnoreRules {
  private readonly sets: RuleSet[];
  /** Folder → excluded by its own rules (its parents are checked separately). */
  private readonly folders = new Map<string, boolean>();

  constructor(files: readonly IgnoreFile[]) {
    this.sets = [...files]
      .map((f) => ({ dir: f.dir.replace(/^\/+|\/+$/g, ''), text: f.text }))
      .sort((a, b) => depth(a.dir) - depth(b.dir))
      .map((f) => ({ prefix: f.dir ? `${f.dir}/` : '', rules: ignore().add(f.text) }));
  }

  /** Whether `path` (relative to the root; a folder's may end with '/') is excluded. */
  ignores(path: string): boolean {
    const isFolder = path.endsWith('/');
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (!clean || !this.sets.length) return false;
    const parts = clean.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      let excluded = this.folders.get(folder);
      if (excluded === undefined) this.folders.set(folder, (excluded = this.matches(folder, true)));
      if (excluded) return true;
    }
    return this.matches(clean, isFolder);
  }

  private matches(path: string, isFolder: boolean): boolean {
    let excluded = false;
    for (const set of this.sets) {
      if (!path.startsWith(set.prefix)) continue;
      const rel = path.slice(set.prefix.length);
      const result = set.rules.test(isFolder ? `${rel}/` : rel);
      if (result.ignored) excluded = true;
      else if (result.unignored) excluded = false;
    }
    return excluded;
  }
}

function depth(dir: string): number {
  return dir ? dir.split('/').length : 0;
}
