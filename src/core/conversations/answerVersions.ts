// Regenerate keeps every answer it replaces: an answer's earlier (or later) versions are stored
// with it, and the one shown is the one the conversation goes on from (the history a follow-up
// sends). A message holds the shown version in its own fields, the others in `alternatives`, and
// `version` says where the shown one sits among all of them (0-based, oldest first).
import { MAX_ANSWER_VERSIONS, type UiMessage } from '../../shared/protocol/chat';

export { MAX_ANSWER_VERSIONS };

export type AnswerVersion = Pick<UiMessage, 'text' | 'status' | 'meta' | 'thinking' | 'notice' | 'error'>;

/** An answer's own version, as stored among the alternatives. */
function versionOf(m: UiMessage): AnswerVersion {
  return {
    text: m.text,
    status: m.status,
    ...(m.meta ? { meta: m.meta } : {}),
    ...(m.thinking ? { thinking: m.thinking } : {}),
    ...(m.notice ? { notice: m.notice } : {}),
    ...(m.error ? { error: m.error } : {}),
  };
}

function show(m: UiMessage, v: AnswerVersion): void {
  m.text = v.text;
  m.status = v.status;
  for (const key of ['meta', 'thinking', 'notice', 'error'] as const) {
    if (v[key] !== undefined) (m as Record<string, unknown>)[key] = v[key];
    else delete m[key];
  }
  delete m.progress;
}

/** Every version, oldest first, and which is shown. */
export function versionsOf(m: UiMessage): { all: AnswerVersion[]; index: number } {
  const others = m.alternatives ?? [];
  const index = Math.min(Math.max(0, m.version ?? others.length), others.length);
  return { all: [...others.slice(0, index), versionOf(m), ...others.slice(index)], index };
}

/** How many versions the answer has and which is shown (1-based for people), or undefined for one. */
export function versionLabel(m: Pick<UiMessage, 'alternatives' | 'version'>): { index: number; count: number } | undefined {
  const others = m.alternatives?.length ?? 0;
  if (!others) return undefined;
  return { index: Math.min(m.version ?? others, others), count: others + 1 };
}

/**
 * Keeps the shown version and empties the answer for a new one, shown last. False (nothing
 * changed) when the answer already has MAX_ANSWER_VERSIONS.
 */
export function startNewVersion(m: UiMessage): boolean {
  const { all } = versionsOf(m);
  if (all.length >= MAX_ANSWER_VERSIONS) return false;
  m.alternatives = all;
  m.version = all.length;
  show(m, { text: '', status: 'streaming' });
  return true;
}

/** Shows version `index` (0-based); false when there is no such version. */
export function showVersion(m: UiMessage, index: number): boolean {
  const { all, index: shown } = versionsOf(m);
  if (index < 0 || index >= all.length || all.length < 2) return false;
  if (index === shown) return true;
  const chosen = all[index]!;
  m.alternatives = all.filter((_, i) => i !== index);
  m.version = index;
  show(m, chosen);
  return true;
}

/** The answer without its other versions (its question was edited: they answer another question). */
export function dropVersions(m: UiMessage): void {
  delete m.alternatives;
  delete m.version;
}
