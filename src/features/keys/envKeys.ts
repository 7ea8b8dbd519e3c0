// Which environment variables may hold a provider's API key, and which of them are set.
// Pure: unit-tested in plain Node. Read only when the user runs "Import keys from environment".
import type { ProviderKind } from '../../core/llm/types';

/** Per provider, the variable names checked in order; the first non-blank one wins. */
export const ENV_KEYS: readonly { providerId: ProviderKind; names: readonly string[] }[] = [
  { providerId: 'openai', names: ['OPENAI_API_KEY'] },
  { providerId: 'anthropic', names: ['ANTHROPIC_API_KEY'] },
  { providerId: 'gemini', names: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
];

/** Every variable name checked, in order, for the "none of … is set" message. */
export const ENV_KEY_NAMES: readonly string[] = ENV_KEYS.flatMap((e) => e.names);

export interface EnvKey {
  providerId: ProviderKind;
  /** The variable the key came from. */
  name: string;
  /** Trimmed. */
  key: string;
}

/** The keys set in `env`, at most one per provider. */
export function findEnvKeys(env: Readonly<Record<string, string | undefined>>): EnvKey[] {
  return ENV_KEYS.flatMap(({ providerId, names }) => {
    const name = names.find((n) => env[n]?.trim());
    return name ? [{ providerId, name, key: env[name]!.trim() }] : [];
  });
}
