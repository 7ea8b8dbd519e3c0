// "Terminal: Selection". VS Code has no API for a terminal's selection, so this does what other
// extensions do: copy it with the terminal's own command and read the clipboard, putting back what
// the clipboard held before (emptied first, so that no selection is told apart from the old text).
import * as vscode from 'vscode';
import { AttachError, type AttachmentDraft } from '../../core/attachments/attachment';
import { plural } from '../../core/attachments/attachmentBlocks';
import { terminalSelectionContent } from '../../core/attachments/cappedBlocks';
import { cleanTerminalOutput } from '../../core/attachments/terminalText';

export async function terminalSelectionAttachment(): Promise<AttachmentDraft> {
  const terminal = vscode.window.activeTerminal;
  if (!terminal) throw new AttachError('Open a terminal and select text in it first.');
  // The copy keeps the screen's trailing blanks and empty rows: cleaned like command output.
  const text = cleanTerminalOutput(await copyTerminalSelection());
  if (!text) throw new AttachError('Select text in the terminal first.');
  const fitted = terminalSelectionContent(text);
  const lines = plural(text.split('\n').length, 'line');
  return {
    kind: 'terminal',
    label: 'Terminal Selection',
    detail: `${lines} selected in terminal "${terminal.name}"${fitted.cut ? ' · only the end of it' : ''}`,
    content: fitted.content,
  };
}

async function copyTerminalSelection(): Promise<string> {
  const clipboard = vscode.env.clipboard;
  const saved = await clipboard.readText();
  await clipboard.writeText('');
  try {
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    return await clipboard.readText();
  } finally {
    await clipboard.writeText(saved);
  }
}
