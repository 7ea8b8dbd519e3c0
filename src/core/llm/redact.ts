// Masks API keys in any text that may reach a log, a notification or an error message.
// Pure string work: used by errors.ts (every ProviderError message) and by the extension's log.

const MASK = '[REDACTED]';

/**
 * Shapes of well-known secrets. Each keeps its recognisable prefix so a reader can still tell
 * which provider's key was involved, never enough of it to use it.
 */
const SHAPES: { pattern: RegExp; keep: (match: string, ...groups: string[]) => string }[] = [
  // Anthropic first: `sk-ant-…` would otherwise be caught as a generic `sk-` key.
  { pattern: /\bsk-ant-[A-Za-z0-9_-]{6,}/g, keep: () => `sk-ant-${MASK}` },
  // OpenAI (sk-, sk-proj-), OpenRouter (sk-or-v1-), DeepSeek and most OpenAI-compatible gateways.
  { pattern: /\bsk-[A-Za-z0-9_-]{6,}/g, keep: () => `sk-${MASK}` },
  // Google API keys: "AIza" followed by 35 URL-safe characters (accept shorter fakes too).
  { pattern: /\bAIza[0-9A-Za-z_-]{10,}/g, keep: () => `AIza${MASK}` },
  // Authorization headers echoed in messages: keep the scheme word.
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, keep: (_m, scheme) => `${scheme} ${MASK}` },
  // Key-carrying headers or parameters written as `name: value` / `name=value`.
  {
    pattern: /\b(x-api-key|api-key|x-goog-api-key|api_key|apikey)(["']?\s*[:=]\s*["']?)[^\s"',;&]{6,}/gi,
    keep: (_m, name, sep) => `${name}${sep}${MASK}`,
  },
  // `?key=AIza…` style query parameters.
  { pattern: /([?&]key=)[^&\s"']{6,}/g, keep: (_m, prefix) => `${prefix}${MASK}` },
];

/**
 * Returns `text` with every known key shape and every given exact secret masked.
 * `extraSecrets` are matched literally (keys without a recognisable shape, e.g. a LiteLLM
 * virtual key); secrets shorter than 6 characters are ignored so ordinary words survive.
 */
export function redactSecrets(text: string, extraSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const exact = [...new Set(extraSecrets.filter((s): s is string => typeof s === 'string' && s.trim().length >= 6))]
    .map((s) => s.trim())
    .sort((a, b) => b.length - a.length);
  for (const secret of exact) out = out.split(secret).join(MASK);
  for (const { pattern, keep } of SHAPES) out = out.replace(pattern, keep as (substring: string, ...args: string[]) => string);
  return out;
}
