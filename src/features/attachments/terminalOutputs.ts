// The terminals' last command outputs, for "Terminal: Last Command Output". Shell integration
// (VS Code 1.93+) reports each command's start and end; its output is read from the start, into a
// buffer that keeps the end only, and the last finished command of each terminal is kept.
// Without shell integration (an unsupported shell, or turned off) nothing is captured, and the
// attachment says how to get it.
import * as vscode from 'vscode';
import { AttachError, MAX_ATTACHMENT_CHARS, type AttachmentDraft } from '../../core/attachments/attachment';
import { terminalOutputContent } from '../../core/attachments/cappedBlocks';
import { TailBuffer } from '../../core/attachments/tailBuffer';
import { cleanTerminalOutput } from '../../core/attachments/terminalText';

/** Raw characters kept per command: escape sequences take room that cleaning gives back. */
const RAW_CHARS_KEPT = 2 * MAX_ATTACHMENT_CHARS;
/** How long a command line the chip's label shows. */
const LABEL_COMMAND_CHARS = 40;

interface Captured {
  terminal: vscode.Terminal;
  commandLine: string | undefined;
  output: TailBuffer;
  exitCode: number | undefined;
}

export class TerminalOutputs implements vscode.Disposable {
  private readonly running = new Map<vscode.TerminalShellExecution, Captured>();
  private readonly finished = new Map<vscode.Terminal, Captured>();
  private latest: Captured | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.window.onDidStartTerminalShellExecution((e) => {
        const captured: Captured = { terminal: e.terminal, commandLine: undefined, output: new TailBuffer(RAW_CHARS_KEPT), exitCode: undefined };
        this.running.set(e.execution, captured);
        // Read at once: data written before read() is called is not delivered.
        void collect(e.execution.read(), captured.output);
      }),
      vscode.window.onDidEndTerminalShellExecution((e) => {
        const captured = this.running.get(e.execution);
        if (!captured) return;
        this.running.delete(e.execution);
        captured.commandLine = e.execution.commandLine.value.trim() || undefined;
        captured.exitCode = e.exitCode;
        this.finished.set(e.terminal, captured);
        this.latest = captured;
      }),
      vscode.window.onDidCloseTerminal((t) => {
        if (this.finished.get(t) === this.latest) this.latest = undefined;
        this.finished.delete(t);
        for (const [execution, captured] of this.running) if (captured.terminal === t) this.running.delete(execution);
      }),
    ];
  }

  /** Whether there is a finished command to attach. */
  get hasOutput(): boolean {
    return this.latest !== undefined;
  }

  /** The active terminal's last finished command, else the most recent of any terminal. */
  attachment(): AttachmentDraft {
    const active = vscode.window.activeTerminal;
    const captured = (active && this.finished.get(active)) ?? this.latest;
    if (!captured) throw new AttachError('No terminal command output yet: run a command in a terminal with shell integration, then attach it.');
    const fitted = terminalOutputContent(captured.commandLine, cleanTerminalOutput(captured.output.text), captured.exitCode);
    const cut = fitted.cut || captured.output.dropped > 0;
    const command = captured.commandLine ?? 'last command';
    const exit = captured.exitCode === undefined ? '' : ` · exit code ${captured.exitCode}`;
    return {
      kind: 'terminal',
      label: `Terminal: ${command.length > LABEL_COMMAND_CHARS ? `${command.slice(0, LABEL_COMMAND_CHARS - 1)}…` : command}`,
      detail: `${command} · terminal "${captured.terminal.name}"${exit}${cut ? ' · only the end of the output' : ''}`,
      content: fitted.content,
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.running.clear();
    this.finished.clear();
  }
}

async function collect(stream: AsyncIterable<string>, into: TailBuffer): Promise<void> {
  try {
    for await (const chunk of stream) into.push(chunk);
  } catch {
    // The terminal went away mid-command: what was read is kept.
  }
}
