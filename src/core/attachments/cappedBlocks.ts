// The blocks whose text can be longer than an attachment may be (a diff, terminal output, the
// workspace's problems), cut to fit MAX_ATTACHMENT_CHARS. What was cut is said in a note after
// the block, and `cut` lets the chip's detail say it too. A diff and a list keep their start;
// terminal output keeps its end, where the error usually is.
import { gitDiffBlock, problemLine, problemsBlock, terminalBlock, terminalSelectionBlock, withNote, type ProblemLine } from './attachmentBlocks';
import { fitToCap, type Fitted } from './fitToCap';
import { compareProblems } from './problemData';

export function terminalOutputContent(commandLine: string | undefined, output: string, exitCode: number | undefined): Fitted {
  return fitToCap(output, 'end', (part, cut) => withNote(terminalBlock(commandLine, part, exitCode), cut ? lastChars('output', part) : undefined));
}

export function terminalSelectionContent(text: string): Fitted {
  return fitToCap(text, 'end', (part, cut) => withNote(terminalSelectionBlock(part), cut ? lastChars('selection', part) : undefined));
}

export function gitDiffContent(staged: boolean, diff: string, repository?: string): Fitted {
  const total = diff.length.toLocaleString('en-US');
  return fitToCap(diff, 'start', (part, cut) =>
    withNote(gitDiffBlock(staged, part, repository), cut ? `the diff is ${total} characters long: only its first ${part.length.toLocaleString('en-US')} are here.` : undefined),
  );
}

/** `problems` sorted by path and line; as many as fit, the rest counted in the note. */
export function problemsContent(scope: string, problems: readonly ProblemLine[]): Fitted {
  const sorted = [...problems].sort(compareProblems);
  return fitToCap(sorted.map(problemLine).join('\n'), 'start', (part, cut) => {
    const shown = cut ? sorted.slice(0, part.match(/\n/g)?.length ?? 0) : sorted;
    return withNote(problemsBlock(scope, shown), cut ? `only the first ${shown.length.toLocaleString('en-US')} of ${sorted.length.toLocaleString('en-US')} problems are listed.` : undefined);
  });
}

function lastChars(what: string, part: string): string {
  return `the ${what} is longer: only its last ${part.length.toLocaleString('en-US')} characters are here.`;
}
