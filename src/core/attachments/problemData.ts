// A diagnostic as plain data: what the "Add Problem to Switchboard Chat" quick fix passes to the
// `switchboard.attachProblem` command (a vscode.Diagnostic has the same shape), checked there like
// any other input from outside, and turned into the lines a problems block lists.
import * as z from 'zod/mini';
import { plural, type ProblemLine, type SeverityName } from './attachmentBlocks';

/** vscode.DiagnosticSeverity's values, in order (Error = 0 … Hint = 3). */
export const SEVERITY_NAMES: readonly SeverityName[] = ['Error', 'Warning', 'Information', 'Hint'];

const position = z.object({ line: z.int().check(z.gte(0)), character: z.int().check(z.gte(0)) });
const codeValue = z.union([z.string().check(z.maxLength(200)), z.number()]);

export const problemDataSchema = z.object({
  message: z.string().check(z.maxLength(20_000)),
  severity: z.optional(z.int().check(z.gte(0), z.lte(3))),
  range: z.object({ start: position }),
  source: z.optional(z.string().check(z.maxLength(200))),
  code: z.optional(z.union([codeValue, z.object({ value: codeValue })])),
});
export type ProblemData = z.infer<typeof problemDataSchema>;
/** The command's second argument: the diagnostics at the place the quick fix was asked for. */
export const problemListSchema = z.array(problemDataSchema).check(z.minLength(1), z.maxLength(1000));

/** A vscode.Diagnostic's shape, as far as a problem's plain data reads it. */
export interface DiagnosticLike {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number } };
  source?: string;
  code?: string | number | { value: string | number };
}

/** A vscode.Diagnostic (or already plain data) as plain data (its code may be `{ value, target }`). */
export function problemData(d: DiagnosticLike): ProblemData {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    message: d.message,
    ...(d.severity !== undefined ? { severity: d.severity } : {}),
    range: { start: { line: d.range.start.line, character: d.range.start.character } },
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

/** What a problems block lists for it, at `path` (1-based line and column). */
export function problemLineOf(path: string, d: ProblemData): ProblemLine {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY_NAMES[d.severity ?? 0]!,
    message: d.message,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
  };
}

/** By path, then line, then column (the Problems view's order within a file). */
export function compareProblems(a: ProblemLine, b: ProblemLine): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;
}

/** "2 errors, 1 warning, 3 infos" (most severe first). */
export function severitySummary(problems: readonly ProblemLine[]): string {
  const nouns: Record<SeverityName, string> = { Error: 'error', Warning: 'warning', Information: 'info', Hint: 'hint' };
  return SEVERITY_NAMES.flatMap((s) => {
    const n = problems.filter((p) => p.severity === s).length;
    return n ? [plural(n, nouns[s])] : [];
  }).join(', ');
}
