// What a workspace scan (vscode.workspace.findFiles) leaves out before .gitignore is applied
// exactly: findFiles stops at a number of results, and a repository's node_modules/ alone can
// fill that with files the picker would then drop. Giving findFiles an exclude pattern replaces
// `files.exclude`, so that setting's patterns come along. Only plain folder names from the root
// .gitignore are used (`node_modules/`, `target`): they exclude the same at any depth, under any
// folder that is scanned. A pattern with a `when` clause cannot be said in a glob and is dropped.

/** The exclude glob for findFiles; undefined (findFiles applies `files.exclude` itself) when .gitignore adds nothing. */
export function scanExclusions(filesExclude: unknown, rootGitignore: string | undefined): string | undefined {
  const names = ignoredFolderNames(rootGitignore ?? '');
  if (!names.length) return undefined;
  const settings = filesExclude && typeof filesExclude === 'object' ? Object.entries(filesExclude) : [];
  const patterns = [...settings.flatMap(([glob, on]) => (on === true && !/[{},]/.test(glob) ? [glob] : [])), ...names.map((n) => `**/${n}/**`)];
  return patterns.length === 1 ? patterns[0] : `{${patterns.join(',')}}`;
}

/** Plain names a .gitignore excludes at any depth (`node_modules/`, `.venv`); none when it has a negation. */
export function ignoredFolderNames(gitignore: string): string[] {
  const lines = gitignore.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.some((l) => l.startsWith('!'))) return [];
  return [...new Set(lines.flatMap((l) => /^([\w.-]+)\/?$/.exec(l)?.[1] ?? []))].filter((n) => n !== '.' && n !== '..');
}
