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

function periodTable(title: string, s: PeriodSummary, providerLabel: (id: string) => string): string[] {
  if (!s.requests) return [`**${title}:** no requests.`];
  const lines = [`**${title}:** ${spend(s)} over ${s.requests} request${s.requests === 1 ? '' : 's'}${s.estimated ? ` (${s.estimated} with estimated tokens, ≈)` : ''}.`, ''];
  lines.push('| Source | Requests | Spend |', '| --- | ---: | ---: |');
  for (const src of s.bySource) lines.push(`| ${usageSourceLabel(src.source)} | ${src.requests} | ${spend(src)} |`);
  lines.push('', '| Model | Requests | Input | Output | Spend |', '| --- | ---: | ---: | ---: | ---: |');
  for (const m of s.byModel) {
    const cached = m.cachedInputTokens ? ` (${m.cachedInputTokens.toLocaleString('en-US')} cached)` : '';
    lines.push(`| ${cell(`${m.model} · ${providerLabel(m.providerId)}`)} | ${m.requests} | ${m.inputTokens.toLocaleString('en-US')}${cached} | ${m.outputTokens.toLocaleString('en-US')} | ${spend(m)} |`);
  }
  return lines;
}

export function usageReply(f: UsageFigures): string {
  return [...periodTable('Today', f.today, f.providerLabel), '', ...periodTable('This month', f.month, f.providerLabel)].join('\n');
}

const LEVEL_WORDS: Record<BudgetRow['level'], string> = {
  ok: 'ok',
  warn80: 'over 80 %',
  exceeded: 'exceeded',
  blocked: 'used up: new requests are blocked',
};

export function budgetReply(rows: readonly BudgetRow[], mode: 'soft' | 'hard'): string {
  if (!rows.length) return 'No budget is set. Set `switchboard.budget.daily` or `switchboard.budget.monthly` to get warnings, or to block requests with `switchboard.budget.mode` = `hard`.';
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
