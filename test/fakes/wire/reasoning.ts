// What a recorded request body says about reasoning, per wire format: the fields an effort sets
// (and the output limit and temperature it changes), so a test can assert the body carries
// exactly those — and none of them when the effort is the provider's default.

import type { Wire } from './types';

type Body = Record<string, unknown>;
const pick = (o: Body | undefined, keys: readonly string[]): Body =>
  Object.fromEntries(keys.filter((k) => o && k in o).map((k) => [k, o![k]]));

/** Reasoning fields plus the output limit and temperature, as the fake received them. */
export function reasoningFieldsOf(wire: Wire, body: unknown): Body {
  const b = (body ?? {}) as Body;
  if (wire === 'openai') return pick(b, ['reasoning_effort', 'max_completion_tokens', 'max_tokens', 'temperature']);
  if (wire === 'anthropic') return pick(b, ['thinking', 'output_config', 'max_tokens', 'temperature']);
  return pick(b.generationConfig as Body | undefined, ['thinkingConfig', 'maxOutputTokens', 'temperature']);
}
