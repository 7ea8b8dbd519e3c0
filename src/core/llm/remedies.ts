// What the user can do about a failed request, from its normalized error code: the chat panel
// and Edit Selection offer the same remedy for the same failure.

export type Remedy =
  | { action: 'setApiKey' }
  | { action: 'openSettings'; settings: 'budget' | 'fallback' | 'endpoints' }
  | { action: 'retry' }
  | { action: null };

export function remedyFor(code: string): Remedy {
  if (code === 'auth') return { action: 'setApiKey' };
  if (code === 'cancelled') return { action: null };
  if (code.startsWith('budget')) return { action: 'openSettings', settings: 'budget' };
  if (code === 'quota_exhausted') return { action: 'openSettings', settings: 'fallback' };
  if (code === 'not_found') return { action: 'openSettings', settings: 'endpoints' };
  return { action: 'retry' };
}
