// Where a provider config would send its key, and whether the user must approve that first.
// The rule: a key goes without asking only to its provider's own default host, or to a loopback
// server on this machine (Ollama, LM Studio, LiteLLM, the demo and test fakes run there; nothing
// leaves the machine, and asking about localhost would train users to click Allow). Anything else —
// a base URL override, an endpoint, an Azure resource — needs a recorded "Allow" for that
// provider and origin. 127.0.0.2 and friends are NOT exempt: only the three names below are.
// Pure: the host keeps the answers (features/keys/keyConsent.ts) and shows the question.

import type { ProviderConfig } from '../llm/types';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The origin a config's requests go to, or undefined when it has no usable URL. */
export function keyOrigin(config: Pick<ProviderConfig, 'baseURL' | 'azure'>, defaultBaseURL: string | undefined): string | undefined {
  const url = config.azure?.endpoint || config.baseURL || defaultBaseURL;
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function isLoopback(origin: string): boolean {
  try {
    return LOOPBACK.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** The globalState key of one answer: provider id and origin. */
export function consentKey(providerId: string, origin: string): string {
  return `${providerId} ${origin}`;
}

export type Destination =
  | { kind: 'noKey' }
  | { kind: 'default' | 'loopback'; origin: string }
  | { kind: 'approved' | 'declined' | 'ask'; origin: string };

/**
 * What to do before sending `config`'s key. `answers` holds the remembered answers by consentKey:
 * true = allowed, false = declined.
 */
export function keyDestination(
  config: Pick<ProviderConfig, 'id' | 'apiKey' | 'baseURL' | 'azure'>,
  defaultBaseURL: string | undefined,
  answers: Readonly<Record<string, boolean>>,
): Destination {
  if (!config.apiKey) return { kind: 'noKey' };
  const origin = keyOrigin(config, defaultBaseURL);
  // No URL at all: the adapter refuses to build (compatible) — nothing is sent, nothing to ask.
  if (!origin) return { kind: 'noKey' };
  if (defaultBaseURL && !config.azure && origin === new URL(defaultBaseURL).origin) return { kind: 'default', origin };
  if (isLoopback(origin)) return { kind: 'loopback', origin };
  const answer = Object.hasOwn(answers, consentKey(config.id, origin)) ? answers[consentKey(config.id, origin)] : undefined;
  if (answer === true) return { kind: 'approved', origin };
  if (answer === false) return { kind: 'declined', origin };
  return { kind: 'ask', origin };
}
