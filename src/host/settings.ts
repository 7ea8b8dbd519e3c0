import * as vscode from 'vscode';
import { parseSettings, type SettingKey, type Settings } from './settingsSchema';

/**
 * Validated view of `switchboard.*`. Parsed once per configuration change (not per read); each
 * invalid value is reported once — by setting name, with an "Open settings" action — and its
 * default is used, so a typo in settings.json never breaks the extension.
 */
export class SettingsService implements vscode.Disposable {
  private current: Settings;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly warn: (message: string) => void) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('switchboard')) return;
      this.current = this.read();
      this.changed.fire(this.current);
    });
  }

  get value(): Settings {
    return this.current;
  }

  private read(): Settings {
    const config = vscode.workspace.getConfiguration('switchboard');
    const { settings, problems } = parseSettings((key: SettingKey) => {
      const inspected = config.inspect(key);
      // Only what the user set is validated; VS Code's own default is ours, already known good.
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    });
    for (const problem of problems) {
      const text = `${problem.key}: ${problem.message}`;
      if (this.reported.has(text)) continue;
      this.reported.add(text);
      this.warn(`Invalid setting ${text} — using the default.`);
      void vscode.window
        .showWarningMessage(`Switchboard: invalid value for ${problem.key} — using the default. ${problem.message}`, 'Open Settings')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
        });
    }
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
