// What clicking a chip shows: a file at its lines, a folder in the Explorer; an attachment without
// a place (problems, terminal output, a diff), or one whose file is gone, as a Markdown document
// holding exactly what was sent.
import * as vscode from 'vscode';
import type { Attachment } from '../../core/attachments/attachment';

export async function openAttachment(attachment: Attachment, log: { warn(message: string): void }): Promise<void> {
  if (attachment.location) {
    try {
      return await openLocation(attachment.kind === 'folder', attachment.location);
    } catch (err) {
      log.warn(`Opening ${attachment.location.uri} failed: ${err instanceof Error ? err.message : String(err)}; showing what was sent instead.`);
    }
  }
  const document = await vscode.workspace.openTextDocument({ content: attachment.content, language: 'markdown' });
  await vscode.window.showTextDocument(document, { preview: true });
}

async function openLocation(folder: boolean, location: NonNullable<Attachment['location']>): Promise<void> {
  const uri = vscode.Uri.parse(location.uri, true);
  if (folder) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: true });
  if (location.startLine === undefined) return;
  const last = document.lineCount - 1;
  const start = Math.max(0, Math.min(location.startLine - 1, last));
  const end = Math.max(start, Math.min((location.endLine ?? location.startLine) - 1, last));
  editor.selection = new vscode.Selection(start, 0, end, document.lineAt(end).range.end.character);
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
