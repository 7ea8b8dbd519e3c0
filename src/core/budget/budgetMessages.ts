// The wording of budget warnings and blocks: which budget (overall, provider, workspace or
// conversation), spent (and reserved by requests in flight) vs limit, when it resets and which
// setting changes it. Pure, so it is unit-tested.
import { formatUsd } from '../../shared/money';
import type { BudgetMode, BudgetStatus } from './budgetTypes';

type Label = (providerId: string) => string;

const periodWord = (s: BudgetStatus): string => (s.period === 'day' ? 'daily' : 'monthly');

function which(s: BudgetStatus, label: Label): string {
  if (s.conversationId !== undefined) return 'conversation budget';
  if (s.workspace !== undefined) return `${periodWord(s)} budget for workspace "${s.workspace}"`;
  const provider = s.providerId === undefined ? '' : ` for ${label(s.providerId)}`;
  return `${periodWord(s)} budget${provider}`;
}

function spent(s: BudgetStatus): string {
  const when = s.period === 'day' ? 'today' : s.period === 'month' ? 'this month' : 'in this conversation';
  const committed = s.committedUsd ?? 0;
  if (committed <= 0) return `${formatUsd(s.spentUsd)} of ${formatUsd(s.limitUsd)} ${when}`;
  return `${formatUsd(s.spentUsd - committed)} spent + ${formatUsd(committed)} reserved by requests in flight, of ${formatUsd(s.limitUsd)} ${when}`;
}

/** The setting that holds the limit (workspace budgets: user settings only). */
export function budgetSetting(s: BudgetStatus): string {
  if (s.conversationId !== undefined) return 'switchboard.budget.perConversation';
  if (s.workspace !== undefined) return `switchboard.budget.perWorkspace (${JSON.stringify(s.workspace)}: { "${periodWord(s)}": … }) in your user settings`;
  return s.providerId === undefined
    ? `switchboard.budget.${periodWord(s)}`
    : `switchboard.budget.perProvider ("${s.providerId}": { "${periodWord(s)}": … })`;
}

function unknown(s: BudgetStatus): string {
  const n = s.unknownPriceRequests;
  return n > 0 ? ` ${n} request${n === 1 ? '' : 's'} of unknown price ${n === 1 ? 'is' : 'are'} not counted.` : '';
}

/** A limit's warning (80 %, or exceeded in soft mode) or its block (hard mode, exceeded). */
export function describeBudget(s: BudgetStatus, mode: BudgetMode, label: Label): string {
  if (s.period === 'conversation') return describeConversationBudget(s, mode);
  const resets = s.period === 'day' ? 'at midnight' : 'on the 1st of next month';
  if (s.level === 'warn80') {
    const then = mode === 'hard' ? 'New requests will be blocked at 100 %.' : 'You will be warned again at 100 %.';
    return `Switchboard: ${percent(s)} % of your ${which(s, label)} used (${spent(s)}). ${then}${unknown(s)} Change the limit in ${budgetSetting(s)}.`;
  }
  if (mode === 'hard') {
    return `Switchboard blocked this request: the ${which(s, label)} is used up (${spent(s)}). It resets ${resets}.${unknown(s)} To continue now, raise ${budgetSetting(s)} or set switchboard.budget.mode to "soft".`;
  }
  return `Switchboard: ${which(s, label)} exceeded (${spent(s)}). Requests continue because switchboard.budget.mode is "soft".${unknown(s)} Change the limit in ${budgetSetting(s)}.`;
}

const percent = (s: BudgetStatus): number => Math.floor((s.spentUsd / s.limitUsd) * 100);

/** A conversation's budget never resets: the way on is a new chat (or a higher limit). */
function describeConversationBudget(s: BudgetStatus, mode: BudgetMode): string {
  const inFlight = s.committedUsd ? `, ${formatUsd(s.committedUsd)} of it reserved by requests in flight` : '';
  const used = `${formatUsd(s.spentUsd)} spent${inFlight}`;
  if (s.level === 'warn80') {
    const then = mode === 'hard' ? 'It will stop at 100 %.' : 'You will be warned again at 100 %.';
    return `Switchboard: this conversation has used ${percent(s)} % of its ${formatUsd(s.limitUsd)} budget (${used}). ${then}${unknown(s)} Start a new chat, or change switchboard.budget.perConversation.`;
  }
  if (mode === 'hard') {
    return `Switchboard blocked this request: this conversation has used its ${formatUsd(s.limitUsd)} budget (${used}).${unknown(s)} Start a new chat, or raise switchboard.budget.perConversation.`;
  }
  return `Switchboard: this conversation is over its ${formatUsd(s.limitUsd)} budget (${used}). Requests continue because switchboard.budget.mode is "soft".${unknown(s)} Start a new chat, or change switchboard.budget.perConversation.`;
}

/** Hard mode: the request's own estimate does not fit in what is left of a limit. */
export function describeTooCostly(s: BudgetStatus, estimateUsd: number, label: Label): string {
  const left = Math.max(0, s.limitUsd - s.spentUsd);
  return (
    `Switchboard blocked this request: it may cost up to ≈${formatUsd(estimateUsd)} (its input and up to its maximum output), ` +
    `and only ${formatUsd(left)} of the ${which(s, label)} is left (${spent(s)}). ` +
    `Lower switchboard.maxOutputTokens, ${s.conversationId !== undefined ? 'start a new chat, ' : ''}raise ${budgetSetting(s)}, or set switchboard.budget.mode to "soft".`
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
