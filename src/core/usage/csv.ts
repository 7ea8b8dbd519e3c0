// CSV export of the merged view: one table (RFC 4180, CRLF) whose `type` column says what a row
// is — `request` (one of the recent requests), `day` (provider × model per day) or `project-day`
// (workspace per day) — so a spreadsheet can filter instead of parsing several tables.
// `reasoning_tokens` (part of output_tokens) came later, so it is the last column but one, and
// `source` (usageSource.ts) later still, then prompt caching's `cache_write_tokens` (part of
// input_tokens), `saved_usd` (negative = caching cost extra; empty = unknown) and `price_source`
// (which price costed a request): a sheet that reads the earlier columns by position still works.
// `source-day` rows hold spend per source per day (no tokens, like projects).

import { nanosToUsd } from '../pricing/cost';
import { splitPmKey, type Agg, type Shard, type SpendAgg } from './model';
import { dayKey } from './dates';

const HEADER = [
  'type',
  'date',
  'time',
  'provider',
  'model',
  'workspace',
  'requests',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_usd',
  'unknown_price_requests',
  'estimated_requests',
  'latency_ms',
  'outcome',
  'reasoning_tokens',
  'source',
  'cache_write_tokens',
  'saved_usd',
  'price_source',
];

type Cell = string | number | null | undefined;

/** Quotes when needed; neutralises spreadsheet formulas in text cells (=, +, -, @ first). */
export function csvCell(value: Cell, text = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Nano-dollars as a plain decimal (never exponent notation): 1234 → "0.000001234", -5 → "-0.000000005". */
function usd(nanos: number | null | undefined): string {
  if (nanos === null || nanos === undefined) return '';
  return nanosToUsd(nanos).toFixed(9).replace(/\.?0+$/, '');
}

/** The prompt-caching columns; absent = all empty. */
interface CacheCells {
  writes: Cell;
  saved: Cell;
  priceSource?: Cell;
}

function row(cells: { text: Cell[]; numbers: Cell[]; tail: Cell[]; reasoning: Cell; source?: Cell; cache?: CacheCells }): string {
  return [
    ...cells.text.map((c) => csvCell(c)),
    ...cells.numbers.map((c) => csvCell(c, false)),
    ...cells.tail.map((c) => csvCell(c)),
    csvCell(cells.reasoning, false),
    csvCell(cells.source),
    csvCell(cells.cache?.writes, false),
    csvCell(cells.cache?.saved, false),
    csvCell(cells.cache?.priceSource),
  ].join(',');
}

function aggNumbers(agg: Agg): Cell[] {
  return [agg.requests, agg.inputTokens, agg.outputTokens, agg.cachedInputTokens, usd(agg.costNanos), agg.unknownPrice, agg.estimated, null];
}

/** Project rows leave the token columns empty: tokens are not kept per project. */
function spendNumbers(s: SpendAgg): Cell[] {
  return [s.requests, null, null, null, usd(s.costNanos), s.unknownPrice, s.estimated, null];
}

export function toCsv(view: Shard): string {
  const lines = [HEADER.join(',')];
  for (const r of view.records.slice().reverse()) {
    const time = new Date(r.time);
    lines.push(
      row({
        text: ['request', dayKey(time), time.toISOString(), r.providerId, r.model, r.workspace],
        numbers: [1, r.inputTokens, r.outputTokens, r.cachedInputTokens, usd(r.costNanos), r.costNanos === null ? 1 : 0, r.estimated ? 1 : 0, r.latencyMs],
        tail: [r.outcome === 'error' && r.errorCode ? `error:${r.errorCode}` : r.outcome],
        reasoning: r.reasoningTokens ?? 0,
        source: r.source ?? 'switchboard',
        // No saving kept: none without cache activity (0), unknown with it (empty), as in recentRequests.ts.
        cache: {
          writes: r.cacheWriteTokens ?? 0,
          saved: r.savedNanos !== undefined ? usd(r.savedNanos) : r.cachedInputTokens || r.cacheWriteTokens ? '' : '0',
          priceSource: r.priceSource ?? '',
        },
      }),
    );
  }
  for (const day of [...view.days.keys()].sort().reverse()) {
    const usage = view.days.get(day)!;
    for (const [key, agg] of usage.models) {
      const { providerId, model } = splitPmKey(key);
      lines.push(row({ text: ['day', day, '', providerId, model, ''], numbers: aggNumbers(agg), tail: [''], reasoning: agg.reasoningTokens, cache: { writes: agg.cacheWriteTokens, saved: usd(agg.savedNanos) } }));
    }
    for (const [workspace, agg] of usage.workspaces) {
      lines.push(row({ text: ['project-day', day, '', '', '', workspace], numbers: spendNumbers(agg), tail: [''], reasoning: null, cache: { writes: null, saved: usd(agg.savedNanos) } }));
    }
    for (const [source, agg] of usage.sources) {
      lines.push(row({ text: ['source-day', day, '', '', '', ''], numbers: spendNumbers(agg), tail: [''], reasoning: null, source }));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
