// Finds the workspace's instructions files (core/instructions/workspaceInstructions.ts) at the root
// of each workspace folder, keeps their text, and follows them: a file watcher per folder, folder
// changes, and `switchboard.instructions.enabled`. Read through vscode.workspace.fs, so remote
// workspaces work too. The extension runs only in trusted workspaces (package.json), so a
// repository's instructions are read only once the user trusted it.
import * as vscode from 'vscode';
import { INSTRUCTION_FILES, instructionFile, type InstructionFile } from '../../core/instructions/workspaceInstructions';

/** The files and the folders they sit in. */
const WATCHED = [...new Set(INSTRUCTION_FILES.flatMap((f) => (f.includes('/') ? [f.slice(0, f.lastIndexOf('/')), f] : [f])))];

/** A file larger than this (bytes) is not read at all: instructions are a few KB. */
const MAX_READ_BYTES = 1_000_000;

interface Found extends InstructionFile {
  uri: vscode.Uri;
}

export class WorkspaceInstructionsService implements vscode.Disposable {
  private files: Found[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private reading: Promise<void> = Promise.resolve();
  /** What the panel was last told (labels and texts), to announce changes only. */
  private shown = '[]';

  constructor(
    private readonly enabled: () => boolean,
    onSettingsChange: (listener: () => void) => vscode.Disposable,
    private readonly log: { warn(message: string): void },
  ) {
    this.disposables.push(
      onSettingsChange(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        void this.refresh();
      }),
    );
    this.watch();
    void this.refresh();
  }

  /** The files read, in folder then INSTRUCTION_FILES order; [] when turned off. */
  current(): readonly InstructionFile[] {
    return this.enabled() ? this.files : [];
  }

  async open(label: string): Promise<void> {
    const file = this.files.find((f) => f.label === label);
    if (file) await vscode.window.showTextDocument(file.uri, { preview: true });
  }

  /** Reads the files again (after the reads already asked for); resolves once read. */
  refresh(): Promise<void> {
    this.reading = this.reading
      .then(async () => {
        if (this.enabled()) this.files = await this.read();
        const shown = JSON.stringify(this.current().map(({ label, text }) => [label, text]));
        if (shown === this.shown) return;
        this.shown = shown;
        this.changed.fire();
      })
      .catch((err: unknown) => this.log.warn(`Reading the workspace instructions failed: ${String(err)}`));
    return this.reading;
  }

  private async read(): Promise<Found[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found: Found[] = [];
    for (const folder of folders) {
      for (const rel of INSTRUCTION_FILES) {
        const uri = vscode.Uri.joinPath(folder.uri, rel);
        const label = folders.length > 1 ? `${folder.name}/${rel}` : rel;
        const file = await this.readOne(uri, label);
        if (file) found.push(file);
      }
    }
    return found;
  }

  private async readOne(uri: vscode.Uri, label: string): Promise<Found | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File) return undefined;
      if (stat.size > MAX_READ_BYTES) {
        this.log.warn(`${label} is ${stat.size} bytes: not added to the system prompt (instructions over ${MAX_READ_BYTES} bytes are not read).`);
        return undefined;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) {
        this.log.warn(`${label} is not text: not added to the system prompt.`);
        return undefined;
      }
      const file = instructionFile(label, new TextDecoder().decode(bytes));
      return file && { ...file, uri };
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
      this.log.warn(`Could not read ${label}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Their folders too: a file written into a folder just made can reach no watcher.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `{${WATCHED.join(',')}}`));
      const refresh = () => void this.refresh();
      this.watchers.push(watcher, watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh));
    }
  }

  dispose(): void {
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
    this.changed.dispose();
  }
}
