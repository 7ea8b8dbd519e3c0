// The wording of budget warnings and blocks: which budget, spent (and reserved by requests in
// flight) vs limit, when it resets and which setting changes it. Pure, so it is unit-tested.
import { formatUsd } from '../../shared/money';
import type { BudgetMode, BudgetStatus } from './budget';

type Label = (providerId: string) => string;

function which(s: BudgetStatus, label: Label): string {
  const provider = s.providerId === undefined ? '' : ` for ${label(s.providerId)}`;
  return `${s.period === 'day' ? 'daily' : 'monthly'} budget${provider}`;
}

function spent(s: BudgetStatus): string {
  const when = s.period === 'day' ? 'today' : 'this month';
  const committed = s.committedUsd ?? 0;
  if (committed <= 0) return `${formatUsd(s.spentUsd)} of ${formatUsd(s.limitUsd)} ${when}`;
  return `${formatUsd(s.spentUsd - committed)} spent + ${formatUsd(committed)} reserved by requests in flight, of ${formatUsd(s.limitUsd)} ${when}`;
}

function setting(s: BudgetStatus): string {
  return s.providerId === undefined
    ? `switchboard.budget.${s.period === 'day' ? 'daily' : 'monthly'}`
    : `switchboard.budget.perProvider ("${s.providerId}": { "${s.period === 'day' ? 'daily' : 'monthly'}": … })`;
}

function unknown(s: BudgetStatus): string {
  const n = s.unknownPriceRequests;
  return n > 0 ? ` ${n} request${n === 1 ? '' : 's'} of unknown price ${n === 1 ? 'is' : 'are'} not counted.` : '';
}

/** A limit's warning (80 %, or exceeded in soft mode) or its block (hard mode, exceeded). */
export function describeBudget(s: BudgetStatus, mode: BudgetMode, label: Label): string {
  const resets = s.period === 'day' ? 'at midnight' : 'on the 1st of next month';
  if (s.level === 'warn80') {
    const pct = Math.floor((s.spentUsd / s.limitUsd) * 100);
    const then = mode === 'hard' ? 'New requests will be blocked at 100 %.' : 'You will be warned again at 100 %.';
    return `Switchboard: ${pct} % of your ${which(s, label)} used (${spent(s)}). ${then}${unknown(s)} Change the limit in ${setting(s)}.`;
  }
  if (mode === 'hard') {
    return `Switchboard blocked this request: the ${which(s, label)} is used up (${spent(s)}). It resets ${resets}.${unknown(s)} To continue now, raise ${setting(s)} or set switchboard.budget.mode to "soft".`;
  }
  return `Switchboard: ${which(s, label)} exceeded (${spent(s)}). Requests continue because switchboard.budget.mode is "soft".${unknown(s)} Change the limit in ${setting(s)}.`;
}

/** Hard mode: the request's own estimate does not fit in what is left of a limit. */
export function describeTooCostly(s: BudgetStatus, estimateUsd: number, label: Label): string {
  const left = Math.max(0, s.limitUsd - s.spentUsd);
  return (
    `Switchboard blocked this request: it may cost up to ≈${formatUsd(estimateUsd)} (its input and up to its maximum output), ` +
    `and only ${formatUsd(left)} of the ${which(s, label)} is left (${spent(s)}). ` +
    `Lower switchboard.maxOutputTokens, raise ${setting(s)}, or set switchboard.budget.mode to "soft".`
  );
}

/** Hard mode: a model without a price cannot be counted against the budget. */
export function describeUnpricedBlock(providerLabel: string, model: string): string {
  return (
    `Switchboard blocked this request: the price of ${model} (${providerLabel}) is unknown, so its spend cannot be counted against your hard budget. ` +
    `Give it a price in switchboard.prices ("${model}": { "input": …, "output": … }, USD per million tokens), or set switchboard.budget.allowUnpricedModels to true.`
  );
}

/** Soft mode (or unpriced models allowed): said once per day and model. */
export function describeUnpricedWarning(providerLabel: string, model: string): string {
  return (
    `Switchboard: the price of ${model} (${providerLabel}) is unknown, so its requests are not counted against your budget. ` +
    `Give it a price in switchboard.prices ("${model}": { "input": …, "output": … }, USD per million tokens).`
  );
}
