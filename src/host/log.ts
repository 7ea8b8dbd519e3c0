import * as vscode from 'vscode';
import { redactSecrets } from '../core/llm/redact';

/**
 * The extension's one output channel. Everything written here passes through redaction, and the
 * exact keys currently in SecretStorage are registered so they are masked even if shape-less.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Switchboard', { log: true });
  private readonly secrets = new Set<string>();

  registerSecret(secret: string | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  forgetSecret(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    return redactSecrets(text, [...this.secrets]);
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.message}` : err !== undefined ? `: ${String(err)}` : '';
    this.channel.error(this.redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
