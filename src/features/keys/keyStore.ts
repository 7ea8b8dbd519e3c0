import * as vscode from 'vscode';

const PREFIX = 'switchboard.apiKey.';

/**
 * API keys live only in VS Code's SecretStorage, under `switchboard.apiKey.<providerId>`.
 * Changes from any window (secrets.onDidChange) are re-emitted as a provider id.
 */
export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  get(providerId: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + providerId);
  }

  async set(providerId: string, key: string): Promise<void> {
    await this.secrets.store(PREFIX + providerId, key.trim());
  }

  async delete(providerId: string): Promise<void> {
    await this.secrets.delete(PREFIX + providerId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
