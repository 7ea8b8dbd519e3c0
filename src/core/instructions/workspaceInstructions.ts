// Workspace instructions: the files a repository keeps for AI assistants (AGENTS.md, the one
// Copilot reads, Switchboard's own), added to the system prompt of every panel request in that
// workspace. Which files, in what order, how large, and how they are joined to the user's own
// system prompt are decided here; finding and watching them is the host's (features/chat).

/** Looked for at the root of each workspace folder, in this order. */
export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md', '.switchboard/instructions.md'] as const;

/** A file longer than this (characters) is cut here, and the panel says so. */
export const MAX_INSTRUCTION_CHARS = 32_000;

export interface InstructionFile {
  /** What the panel shows: the path in its folder, with the folder's name when several are open. */
  label: string;
  /** The text sent (cut at MAX_INSTRUCTION_CHARS). */
  text: string;
  /** It was longer than MAX_INSTRUCTION_CHARS. */
  truncated: boolean;
}

/** A file's text as it is sent: trimmed, cut at the cap; undefined when empty (nothing to send). */
export function instructionFile(label: string, raw: string): InstructionFile | undefined {
  const trimmed = raw.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return undefined;
  const truncated = trimmed.length > MAX_INSTRUCTION_CHARS;
  return { label, text: truncated ? trimmed.slice(0, MAX_INSTRUCTION_CHARS) : trimmed, truncated };
}

/**
 * The system prompt a request sends: the user's own (switchboard.systemPrompt), then each
 * instructions file under a heading that names it, so the model (and anyone reading the request)
 * can tell where each part comes from.
 */
export function systemPromptWith(userPrompt: string, files: readonly InstructionFile[]): string {
  const parts = userPrompt.trim() ? [userPrompt.trim()] : [];
  for (const f of files) parts.push(`Instructions from the workspace file ${f.label}${f.truncated ? ' (cut short: the file is longer)' : ''}:\n\n${f.text}`);
  return parts.join('\n\n');
}
