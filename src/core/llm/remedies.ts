// What the user can do about a failed request, from its normalized error code: the chat panel
// and Edit Selection offer the same remedy for the same failure.
import { ANSWER_TOO_LONG } from './answerCap';

export type Remedy =
  | { action: 'setApiKey' }
  | { action: 'openSettings'; settings: 'budget' | 'fallback' | 'endpoints' | 'maxAnswerCharacters' }
  | { action: 'retry' }
  | { action: null };

export function remedyFor(code: string): Remedy {
  if (code === 'auth') return { action: 'setApiKey' };
  if (code === 'cancelled') return { action: null };
  if (code.startsWith('budget')) return { action: 'openSettings', settings: 'budget' };
  if (code === 'quota_exhausted') return { action: 'openSettings', settings: 'fallback' };
  if (code === ANSWER_TOO_LONG) return { action: 'openSettings', settings: 'maxAnswerCharacters' };
  if (code === 'not_found') return { action: 'openSettings', settings: 'endpoints' };
  return { action: 'retry' };
}
