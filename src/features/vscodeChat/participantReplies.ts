// What `@switchboard` answers in VS Code's chat, as Markdown: pure, so the wording and figures are
// unit-tested against the same summaries the status bar and the report use.
import type { BudgetRow } from '../../core/budget/summary';
import { nanosToUsd } from '../../core/pricing/cost';
import type { PeriodSummary } from '../../core/usage/queries';
import { usageSourceLabel } from '../../core/usage/usageSource';
import { formatUsd } from '../../shared/money';

export interface UsageFigures {
  today: PeriodSummary;
  month: PeriodSummary;
  providerLabel(providerId: string): string;
}

/** Markdown table cells must not break the table (a model id could hold a `|`). */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function spend(s: { costNanos: number; unknownPrice: number }): string {
  const usd = formatUsd(nanosToUsd(s.costNanos));
  return s.unknownPrice ? `${usd} + ${s.unknownPrice} unpriced` : usd;
}

/** Lists, not tables: the chat view is narrow, and a five-column table wraps into unreadable cells. */
function periodLines(title: string, s: PeriodSummary, providerLabel: (id: string) => string): string[] {
  if (!s.requests) return [`**${title}:** no requests.`];
  const lines = [`**${title}:** ${spend(s)} over ${plural(s.requests, 'request')}${s.estimated ? ` (${s.estimated} with estimated tokens, ≈)` : ''}.`, ''];
  lines.push(`- By source: ${s.bySource.map((src) => `${usageSourceLabel(src.source)} ${spend(src)} (${plural(src.requests, 'request')})`).join(' · ')}`);
  for (const m of s.byModel) {
    const cached = m.cachedInputTokens ? ` (${m.cachedInputTokens.toLocaleString('en-US')} cached)` : '';
    lines.push(`- \`${inline(m.model)}\` · ${inline(providerLabel(m.providerId))}: ${spend(m)} · ${plural(m.requests, 'request')} · ${m.inputTokens.toLocaleString('en-US')}${cached} in / ${m.outputTokens.toLocaleString('en-US')} out tokens`);
  }
  return lines;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** A model id or label inside a line of Markdown: no backticks or line breaks from outside. */
const inline = (text: string) => text.replace(/[`\n\r]/g, ' ');

export function usageReply(f: UsageFigures): string {
  return [...periodLines('Today', f.today, f.providerLabel), '', ...periodLines('This month', f.month, f.providerLabel)].join('\n');
}

const LEVEL_WORDS: Record<BudgetRow['level'], string> = {
  ok: 'ok',
  warn80: 'over 80 %',
  exceeded: 'exceeded',
  blocked: 'used up: new requests are blocked',
};

export function budgetReply(rows: readonly BudgetRow[], mode: 'soft' | 'hard'): string {
  if (!rows.length) {
    return 'No budget is set. Set `switchboard.budget.daily` or `switchboard.budget.monthly` (or one for this workspace in `switchboard.budget.perWorkspace`) to get warnings, or to block requests with `switchboard.budget.mode` = `hard`.';
  }
  const lines = [`Budgets (${mode === 'hard' ? 'hard: requests over a limit are blocked' : 'soft: warnings only'}):`, '', '| Budget | Spent | Limit | Left | State |', '| --- | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    const left = Math.max(0, r.limitUsd - r.spentUsd);
    lines.push(`| ${cell(r.label)} | ${formatUsd(r.spentUsd)} | ${formatUsd(r.limitUsd)} | ${formatUsd(left)} | ${LEVEL_WORDS[r.level]} |`);
  }
  return lines.join('\n');
}

export const HELP_REPLY = [
  'I answer about what your models cost through Switchboard:',
  '',
  '- `/usage`: spend today and this month, by source (Switchboard, VS Code chat) and by model',
  '- `/budget`: what is left of each budget',
  '',
  'To chat through Switchboard here, pick a model marked *Switchboard* in the model picker.',
].join('\n');
