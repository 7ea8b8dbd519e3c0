// Keywords in the user's own words (not in their code) that make a demo request fail the way real
// providers fail, so each fault the extension handles can be tried by typing a word:
//   "rate limit" / "429"     → 429 with retry-after 3 (Gemini: RetryInfo 3s); the retry succeeds
//   "overloaded"             → 529 overloaded_error (Anthropic), 503 (OpenAI, Gemini); the retry succeeds
//   "disconnect" / "reset"   → about a third of the answer, then the connection is reset
//   "refuse" / "refusal"     → a short refusal ending in the content-filter finish
//   "long"                   → a ~2,500-word answer (try Stop and scrolling)

import { overloaded529, rateLimit, serverError, type Scenario } from '../scenario';
import type { Wire } from '../wire';

export interface DemoFaults {
  rateLimit: boolean;
  overloaded: boolean;
  disconnect: boolean;
  refuse: boolean;
  long: boolean;
}

export const DEMO_KEYWORDS: Record<keyof DemoFaults, RegExp> = {
  rateLimit: /\b(?:rate[ -]limits?|429)\b/i,
  overloaded: /\boverloaded\b/i,
  disconnect: /\b(?:disconnect|reset)\b/i,
  refuse: /\b(?:refuse|refusal)\b/i,
  long: /\blong\b/i,
};

export const REFUSAL = "I can't help with that request.";

/** Seconds a demo rate limit asks the client to wait. */
export const RETRY_AFTER_S = 3;

export function faultsIn(prose: string): DemoFaults {
  const has = (k: keyof DemoFaults) => DEMO_KEYWORDS[k].test(prose);
  return { rateLimit: has('rateLimit'), overloaded: has('overloaded'), disconnect: has('disconnect'), refuse: has('refuse'), long: has('long') };
}

/** The failed attempt, in the provider's own error shape. */
export function failureFor(wire: Wire, faults: DemoFaults): Scenario {
  if (faults.rateLimit) return { ...rateLimit(RETRY_AFTER_S), ...(wire === 'gemini' ? { retryDelay: `${RETRY_AFTER_S}s` } : {}) };
  return wire === 'anthropic' ? overloaded529() : serverError(503);
}

/**
 * Odd attempts of the same prompt to the same provider fail, even ones succeed: the product's
 * automatic retry gets through, and sending the prompt again shows the fault again.
 */
export class AttemptCounter {
  private readonly counts = new Map<string, number>();

  failsNow(key: string): boolean {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n % 2 === 1;
  }

  clear(): void {
    this.counts.clear();
  }
}
