// The text each kind of attachment sends: a line that says what it is and where it is from, then
// its content in a fence it cannot break out of. Pure, so the exact wire text is unit-tested.

/** A fence longer than any run of backticks in `code`, so the code cannot close it early. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A language id usable as a fence's info string ('' when it is not one). */
export function fenceLanguage(languageId: string | undefined): string {
  return languageId && /^[\w+#.-]{1,30}$/.test(languageId) ? languageId : '';
}

/** `code` in a fence, tagged with its language. */
export function fenced(code: string, languageId?: string): string {
  const fence = fenceFor(code);
  return `${fence}${fenceLanguage(languageId)}\n${code.replace(/\n$/, '')}\n${fence}`;
}

/** A whole file (or an open editor's text, unsaved changes included). */
export function fileBlock(path: string, languageId: string | undefined, text: string): string {
  return `File \`${path}\`:\n\n${fenced(text, languageId)}`;
}

/** Lines of a file. */
export function selectionBlock(path: string, languageId: string | undefined, startLine: number, endLine: number, code: string): string {
  const lines = startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
  return `From \`${path}\` (${lines}):\n\n${fenced(code, languageId)}`;
}

/** A note after a block that says what was cut or left out ("_Note: …_"); none leaves the block as it is. */
export function withNote(block: string, note: string | undefined): string {
  return note ? `${block}\n\n_Note: ${note}_` : block;
}

export interface FolderFile {
  path: string;
  languageId?: string;
  text: string;
}

export interface LeftOutFile {
  path: string;
  /** "binary", "over 512 KB", … */
  reason: string;
}

/** Most characters a folder's list of left-out files takes; the files past it are only counted. */
export const LEFT_OUT_LIST_CHARS = 10_000;

/** A folder: its files' blocks in order, then the files left out and why. */
export function folderBlock(path: string, files: readonly FolderFile[], leftOut: readonly LeftOutFile[]): string {
  const counts = [plural(files.length, 'file'), ...(leftOut.length ? [`${leftOut.length.toLocaleString('en-US')} left out`] : [])];
  const parts = [`Folder \`${path.replace(/\/?$/, '/')}\` (${counts.join(', ')}):`, ...files.map((f) => fileBlock(f.path, f.languageId, f.text))];
  if (leftOut.length) parts.push(leftOutList(leftOut));
  return parts.join('\n\n');
}

function leftOutList(leftOut: readonly LeftOutFile[]): string {
  let list = 'Left out:';
  let listed = 0;
  for (const f of leftOut) {
    const line = `\n- \`${f.path}\`: ${f.reason}`;
    if (list.length + line.length > LEFT_OUT_LIST_CHARS) break;
    list += line;
    listed++;
  }
  const rest = leftOut.length - listed;
  return rest ? `${list}\n- and ${plural(rest, 'more file')}` : list;
}

export type SeverityName = 'Error' | 'Warning' | 'Information' | 'Hint';

/** One diagnostic, positions 1-based. */
export interface ProblemLine {
  path: string;
  line: number;
  column: number;
  severity: SeverityName;
  message: string;
  source?: string;
  code?: string;
}

/** Problems, one a line: `src/app.ts:4:7 Error: Cannot find name 'x'. (ts 2304)`. `scope`: "`src/app.ts`", "the workspace". */
export function problemsBlock(scope: string, problems: readonly ProblemLine[]): string {
  return `Problems in ${scope} (${plural(problems.length, 'problem')}):\n\n${fenced(problems.map(problemLine).join('\n'))}`;
}

export function problemLine(p: ProblemLine): string {
  const origin = [p.source, p.code].filter(Boolean).join(' ');
  return `${p.path}:${p.line}:${p.column} ${p.severity}: ${p.message.replace(/\s*\n\s*/g, ' ').trim()}${origin ? ` (${origin})` : ''}`;
}

/** A terminal command and its output, as a shell shows them (`$ npm test`, then the output). */
export function terminalBlock(commandLine: string | undefined, output: string, exitCode?: number): string {
  const what = commandLine ? 'a command run in the terminal' : 'the last command run in the terminal';
  const exit = exitCode === undefined ? '' : ` (exit code ${exitCode})`;
  const shown = commandLine ? `$ ${commandLine}${output ? `\n${output}` : ''}` : output;
  return `Output of ${what}${exit}:\n\n${fenced(shown)}`;
}

/** Text the user selected in the terminal. */
export function terminalSelectionBlock(text: string): string {
  return `Text selected in the terminal:\n\n${fenced(text)}`;
}

/** `git diff` (unstaged) or `git diff --cached` (staged) of a repository. */
export function gitDiffBlock(staged: boolean, diff: string, repository?: string): string {
  const where = repository ? ` in \`${repository}\`` : '';
  return `Git diff of the ${staged ? 'staged' : 'unstaged'} changes${where} (\`git diff${staged ? ' --cached' : ''}\`):\n\n${fenced(diff, 'diff')}`;
}

/** "1 file", "1,200 files". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
