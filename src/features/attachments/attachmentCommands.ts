// The commands that attach from outside the panel. "Add to Chat" (switchboard.attachToChat) from
// the Explorer (the clicked item, or all the selected ones), the editor's context menu (its
// selection, else its file), an editor tab's context menu (its file) or the palette (the quick
// pick). switchboard.attachProblem is the Problems view's quick fix (problemCodeActions.ts).
// A refusal (a binary file, nothing selected) is a notice; what could be attached still is.
import * as vscode from 'vscode';
import { AttachError, type AttachmentDraft } from '../../core/attachments/attachment';
import { selectionAttachment } from './fileAttachments';
import { ATTACH_PROBLEM_COMMAND, ATTACH_TO_CHAT_COMMAND } from './attachmentCommandIds';
import { passedProblems } from './problemAttachments';
import type { WorkspaceAttachments } from './workspaceAttachments';

type Notify = (text: string) => void;

export function attachmentCommands(sources: WorkspaceAttachments, add: (drafts: AttachmentDraft[]) => Promise<void>, notify: Notify): Record<string, (...args: unknown[]) => unknown> {
  const attach = async (drafts: AttachmentDraft[]) => {
    if (drafts.length) await add(drafts);
  };
  return {
    [ATTACH_TO_CHAT_COMMAND]: async (uri?: unknown, context?: unknown) => attach(await attachToChat(sources, uri, context, notify)),
    [ATTACH_PROBLEM_COMMAND]: async (uri?: unknown, diagnostics?: unknown) => attach(await attempt(async () => [passedProblems(uri, diagnostics)], notify)),
  };
}

/** `context`: the Explorer's selected URIs, an editor tab's `{ groupId }`, or nothing (the editor's menu, the palette). */
async function attachToChat(sources: WorkspaceAttachments, uri: unknown, context: unknown, notify: Notify): Promise<AttachmentDraft[]> {
  const selected = Array.isArray(context) ? context.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  if (selected.length) return each(selected, async (u) => [await sources.resolveUri(u)], notify);
  if (uri instanceof vscode.Uri) {
    const editor = vscode.window.activeTextEditor;
    const fromTab = typeof context === 'object' && context !== null && 'groupId' in context;
    const inSelection = !fromTab && editor?.document.uri.toString() === uri.toString() && !editor.selection.isEmpty;
    return each([uri], async (u) => [inSelection ? selectionAttachment() : await sources.resolveUri(u)], notify);
  }
  return each(await sources.pick(), (ref) => sources.resolve(ref), notify);
}

/** What `build` gives for each item; a refusal is told and the rest still attached. */
async function each<T>(items: readonly T[], build: (item: T) => Promise<AttachmentDraft[]>, notify: Notify): Promise<AttachmentDraft[]> {
  const drafts: AttachmentDraft[] = [];
  for (const item of items) drafts.push(...(await attempt(() => build(item), notify)));
  return drafts;
}

/** What `build` gives, or [] once its refusal (an AttachError's message) or failure is told. */
async function attempt(build: () => Promise<AttachmentDraft[]>, notify: Notify): Promise<AttachmentDraft[]> {
  try {
    return await build();
  } catch (err) {
    notify(err instanceof AttachError ? err.message : `Could not attach that: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}
