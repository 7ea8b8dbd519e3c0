// Anthropic's usage arrives in pieces and must be merged before it is billed:
// - `message_start` carries the input side; each `message_delta` carries cumulative counts, and a
//   field it leaves out (or sends as null) keeps the value it had — only the fields it carries change.
// - `cache_creation.ephemeral_{5m,1h}_input_tokens` split the cache writes by TTL: a 1-hour write
//   costs 2× input, a 5-minute one 1.25× (priced in pricing/cost.ts).
// - With per-iteration usage (`usage.iterations[]`: server-side compaction, server tool loops) the
//   top-level fields do not include the `compaction` entries ("A `compaction` entry's tokens are not
//   included in the top-level `usage` fields"); what a request consumed and is billed for is the sum
//   over every entry of `iterations`, so that sum replaces the top-level counts.
// Everything here is read from untrusted JSON: a count that is not a finite, non-negative number is
// treated as absent.

import type { Usage } from '../../llm/types';
import { compact, tokenCount } from '../_shared';

interface Counts {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  output?: number;
  thinking?: number;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
/** The counts one usage object carries (absent/null fields stay undefined). */
function countsOf(u: Json): Counts {
  const creation = obj(u['cache_creation']);
  const oneHour = tokenCount(creation?.['ephemeral_1h_input_tokens']);
  const fiveMin = tokenCount(creation?.['ephemeral_5m_input_tokens']);
  const byTtl = oneHour !== undefined || fiveMin !== undefined ? (oneHour ?? 0) + (fiveMin ?? 0) : undefined;
  return {
    input: tokenCount(u['input_tokens']),
    cacheRead: tokenCount(u['cache_read_input_tokens']),
    cacheWrite: tokenCount(u['cache_creation_input_tokens']) ?? byTtl,
    cacheWrite1h: oneHour,
    output: tokenCount(u['output_tokens']),
    thinking: tokenCount(obj(u['output_tokens_details'])?.['thinking_tokens']),
  };
}

/** Merges message_start and message_delta usage objects, in stream order. */
export class AnthropicUsage {
  private counts: Counts = {};
  private iterations: Counts[] | undefined;
  private seen = false;

  /** One event's `usage` object (message_start's `message.usage`, or message_delta's `usage`). */
  apply(usage: unknown): void {
    const u = obj(usage);
    if (!u) return;
    this.seen = true;
    const next = countsOf(u);
    for (const key of Object.keys(next) as (keyof Counts)[]) {
      if (next[key] !== undefined) this.counts[key] = next[key];
    }
    if (Array.isArray(u['iterations']) && u['iterations'].length > 0) {
      this.iterations = u['iterations'].map((it) => countsOf(obj(it) ?? {}));
    }
  }

  /** The billed usage in our terms (input includes cache reads and writes), or undefined if none came. */
  result(): Usage | undefined {
    if (!this.seen) return undefined;
    const c = this.iterations ? sum(this.iterations) : this.counts;
    const input = c.input ?? 0;
    const cacheRead = c.cacheRead ?? 0;
    const cacheWrite = c.cacheWrite ?? 0;
    const output = c.output ?? 0;
    const oneHour = Math.min(c.cacheWrite1h ?? 0, cacheWrite);
    // output_tokens_details is only on the top level; it is a part of output_tokens.
    const thinking = Math.min(this.counts.thinking ?? 0, output);
    return compact<Usage>({
      // Anthropic's input_tokens excludes cache reads and writes; ours includes them.
      inputTokens: input + cacheRead + cacheWrite,
      outputTokens: output,
      cachedInputTokens: cacheRead > 0 ? cacheRead : undefined,
      cacheWriteTokens: cacheWrite > 0 ? cacheWrite : undefined,
      cacheWrite1hTokens: oneHour > 0 ? oneHour : undefined,
      reasoningTokens: thinking > 0 ? thinking : undefined,
    });
  }
}

function sum(entries: Counts[]): Counts {
  const total: Required<Omit<Counts, 'thinking'>> = { input: 0, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, output: 0 };
  for (const e of entries) {
    total.input += e.input ?? 0;
    total.cacheRead += e.cacheRead ?? 0;
    total.cacheWrite += e.cacheWrite ?? 0;
    total.cacheWrite1h += Math.min(e.cacheWrite1h ?? 0, e.cacheWrite ?? 0);
    total.output += e.output ?? 0;
  }
  return total;
}
