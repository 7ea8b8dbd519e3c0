// The named sources the `@` picker and the attach button offer besides files and folders: their
// labels, the kind of attachment each becomes and its codicon. Which are offered depends on the
// window (an editor with a selection, a terminal…): features/attachments decides that.
import type { AttachmentKind, AttachmentSource } from './attachment';

export interface NamedSource {
  label: string;
  kind: AttachmentKind;
  icon: string;
}

export const NAMED_SOURCES: Record<AttachmentSource, NamedSource> = {
  currentFile: { label: 'Current File', kind: 'file', icon: 'file' },
  selection: { label: 'Selection', kind: 'selection', icon: 'selection' },
  openEditors: { label: 'Open Editors', kind: 'file', icon: 'files' },
  problemsFile: { label: 'Problems in Current File', kind: 'problems', icon: 'warning' },
  problemsWorkspace: { label: 'Problems in Workspace', kind: 'problems', icon: 'warning' },
  terminalOutput: { label: 'Terminal: Last Command Output', kind: 'terminal', icon: 'terminal' },
  terminalSelection: { label: 'Terminal: Selection', kind: 'terminal', icon: 'terminal' },
  gitDiff: { label: 'Git Diff (Unstaged)', kind: 'gitDiff', icon: 'git-compare' },
  gitDiffStaged: { label: 'Git Diff (Staged)', kind: 'gitDiff', icon: 'git-compare' },
};

/** The sources among `available` whose label contains `query` (any case), in `available`'s order. */
export function matchingSources(available: readonly AttachmentSource[], query: string): AttachmentSource[] {
  const q = query.trim().toLowerCase();
  return available.filter((s) => NAMED_SOURCES[s].label.toLowerCase().includes(q));
}
