import * as vscode from 'vscode';
import { BUDGET_USER_ONLY_SETTINGS, USER_ONLY_SETTINGS, parseSettings, type SettingKey, type Settings } from './settingsSchema';

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
      // Where a key may be sent is the user's own choice: a workspace (a cloned repo's
      // .vscode/settings.json) must not point it elsewhere, so those come from user settings only.
      // The same for the budgets a repo could otherwise loosen for itself (per workspace, per conversation).
      if (USER_ONLY_SETTINGS.includes(key)) {
        if (inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined) this.ignoredWorkspaceValue(key);
        return inspected?.globalValue;
      }
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

  /** Logged and shown once per setting and window. */
  private ignoredWorkspaceValue(key: SettingKey): void {
    const why = BUDGET_USER_ONLY_SETTINGS.includes(key)
      ? 'a workspace cannot change its own budget, so it is read from your user settings only'
      : 'where your API keys are sent is read from your user settings only';
    const text = `switchboard.${key} is set in this workspace's settings and was ignored: ${why}.`;
    if (this.reported.has(text)) return;
    this.reported.add(text);
    this.warn(text);
    void vscode.window.showWarningMessage(`Switchboard: ${text}`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
