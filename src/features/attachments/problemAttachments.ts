// Problems (diagnostics) as attachments: the current file's, the whole workspace's, or the ones a
// "Add Problem to Switchboard Chat" quick fix passes (from the Problems view or the editor's
// light bulb). Lines are 1-based, sorted by path and line, and a list too long for an attachment
// is cut and says so.
import * as vscode from 'vscode';
import { AttachError, type AttachmentDraft } from '../../core/attachments/attachment';
import { plural } from '../../core/attachments/attachmentBlocks';
import { problemsContent } from '../../core/attachments/cappedBlocks';
import { problemData, problemLineOf, problemListSchema, severitySummary, type ProblemData } from '../../core/attachments/problemData';
import { basename } from '../../core/attachments/workspacePaths';
import { activeEditor } from './fileAttachments';
import { displayPath } from './textFiles';

type Diagnostics = readonly (readonly [vscode.Uri, readonly (vscode.Diagnostic | ProblemData)[]])[];

export function currentFileProblems(): AttachmentDraft {
  const uri = activeEditor().document.uri;
  const diagnostics = vscode.languages.getDiagnostics(uri);
  if (!diagnostics.length) throw new AttachError(`No problems in ${basename(uri.path)}.`);
  return problemsAttachment(`Problems in ${basename(uri.path)}`, `\`${displayPath(uri)}\``, [[uri, diagnostics]]);
}

export function workspaceProblems(): AttachmentDraft {
  const all = vscode.languages.getDiagnostics().filter(([, diagnostics]) => diagnostics.length);
  if (!all.length) throw new AttachError('No problems in the workspace.');
  return problemsAttachment('Problems in workspace', 'the workspace', all);
}

/** What `switchboard.attachProblem` is given: a file's URI and its diagnostics as plain data. */
export function passedProblems(uriArg: unknown, diagnosticsArg: unknown): AttachmentDraft {
  const parsed = problemListSchema.safeParse(Array.isArray(diagnosticsArg) ? diagnosticsArg : [diagnosticsArg]);
  if (typeof uriArg !== 'string' || !parsed.success) throw new AttachError('That problem could not be attached: it came without its file or message.');
  const uri = vscode.Uri.parse(uriArg);
  const name = basename(uri.path);
  const line = parsed.data[0]!.range.start.line + 1;
  const label = parsed.data.length === 1 ? `Problem in ${name}:${line}` : `${parsed.data.length} Problems in ${name}`;
  const draft = problemsAttachment(label, `\`${displayPath(uri)}\``, [[uri, parsed.data]]);
  return { ...draft, location: { uri: uri.toString(), startLine: line, endLine: line } };
}

function problemsAttachment(label: string, scope: string, entries: Diagnostics): AttachmentDraft {
  const problems = entries.flatMap(([uri, diagnostics]) => {
    const path = displayPath(uri);
    return diagnostics.map((d) => problemLineOf(path, problemData(d)));
  });
  const fitted = problemsContent(scope, problems);
  const where = entries.length === 1 ? displayPath(entries[0]![0]) : `in ${plural(entries.length, 'file')}`;
  return { kind: 'problems', label, detail: `${severitySummary(problems)} · ${where}${fitted.cut ? ' · the list is cut' : ''}`, content: fitted.content };
}
