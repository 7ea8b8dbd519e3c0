// CSV export of the merged view: one table (RFC 4180, CRLF) whose `type` column says what a row
// is — `request` (one of the recent requests), `day` (provider × model per day) or `project-day`
// (workspace per day) — so a spreadsheet can filter instead of parsing several tables.
// `reasoning_tokens` (part of output_tokens) came later, so it is the last column but one, and
// `source` (usageSource.ts) later still, so it is the last: a sheet that reads the earlier columns
// by position still works. `source-day` rows hold spend per source per day (no tokens, like projects).

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
];

type Cell = string | number | null | undefined;

/** Quotes when needed; neutralises spreadsheet formulas in text cells (=, +, -, @ first). */
export function csvCell(value: Cell, text = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Nano-dollars as a plain decimal (never exponent notation): 1234 → "0.000001234". */
function usd(nanos: number | null): string {
  if (nanos === null) return '';
  return nanosToUsd(nanos).toFixed(9).replace(/\.?0+$/, '');
}

function row(cells: { text: Cell[]; numbers: Cell[]; tail: Cell[]; reasoning: Cell; source?: Cell }): string {
  return [
    ...cells.text.map((c) => csvCell(c)),
    ...cells.numbers.map((c) => csvCell(c, false)),
    ...cells.tail.map((c) => csvCell(c)),
    csvCell(cells.reasoning, false),
    csvCell(cells.source),
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
      }),
    );
  }
  for (const day of [...view.days.keys()].sort().reverse()) {
    const usage = view.days.get(day)!;
    for (const [key, agg] of usage.models) {
      const { providerId, model } = splitPmKey(key);
      lines.push(row({ text: ['day', day, '', providerId, model, ''], numbers: aggNumbers(agg), tail: [''], reasoning: agg.reasoningTokens }));
    }
    for (const [workspace, agg] of usage.workspaces) {
      lines.push(row({ text: ['project-day', day, '', '', '', workspace], numbers: spendNumbers(agg), tail: [''], reasoning: null }));
    }
    for (const [source, agg] of usage.sources) {
      lines.push(row({ text: ['source-day', day, '', '', '', ''], numbers: spendNumbers(agg), tail: [''], reasoning: null, source }));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
