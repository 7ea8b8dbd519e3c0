// Where a request came from: Switchboard's own UI (the chat panel and the editor commands) or VS
// Code's chat (the built-in chat and other extensions calling Switchboard's language model
// provider). Usage keeps spend by source next to spend by model and by workspace.

export type UsageSource = 'switchboard' | 'vscode-chat';

/** Every source, the default first (absent everywhere = 'switchboard'). */
export const USAGE_SOURCES: readonly UsageSource[] = ['switchboard', 'vscode-chat'];

/** The name the status bar, the report and the `/usage` command show. */
export function usageSourceLabel(source: UsageSource): string {
  return source === 'vscode-chat' ? 'VS Code chat' : 'Switchboard';
}

/** A stored or reported name as a source; an unknown one (e.g. from a newer version) counts as the default. */
export function toUsageSource(name: unknown): UsageSource {
  return name === 'vscode-chat' ? 'vscode-chat' : 'switchboard';
}
