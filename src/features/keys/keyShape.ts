// Key shape checks and masking. Pure: unit-tested in plain Node.

/** Known key prefixes, longest first, shown when a key is masked. */
const PREFIXES = ['sk-ant-', 'sk-proj-', 'sk-or-v1-', 'sk-', 'AIza', 'gsk_', 'xai-'];

/** `sk-ant-…wxyz`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  const prefix = PREFIXES.find((p) => trimmed.startsWith(p)) ?? '';
  const tail = trimmed.length >= prefix.length + 12 ? trimmed.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/**
 * Returns a message saying what is wrong with a key's shape, or undefined when it looks right.
 * `pattern` is the provider's known shape (registry), absent for providers without one.
 */
export function checkKeyShape(key: string, pattern: RegExp | undefined, hint: string | undefined): string | undefined {
  const trimmed = key.trim();
  if (trimmed.length === 0) return undefined; // empty input cancels, it is not an error
  if (/\s/.test(trimmed)) return 'The key contains spaces or line breaks — paste just the key.';
  if (trimmed.length < 8) return 'That is too short to be an API key.';
  if (trimmed.length > 500) return 'That is too long to be an API key.';
  if (pattern && !pattern.test(trimmed)) return `That does not look like this provider's key${hint ? ` (${hint})` : ''}.`;
  return undefined;
}
