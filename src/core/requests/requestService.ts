// One request's whole life, owned in one place: budget admission → pipeline → price → usage
// record. Callers (the chat panel, Edit Selection, later VS Code's own chat) only read events and
// the finished run; none of them records usage, so none can forget it or do it twice. A run's
// `done` is built once, and it is the only code that records: exactly once for every request that
// reached the pipeline, whether it finished, was stopped, failed or was cut off by dispose().
// A request a hard budget blocks never reaches a provider and records nothing.
//
// Admission reserves the request's estimate (requestEstimate.ts) in the budget; the reservation is
// released exactly once, in the same tick the real record reaches the usage store (or when the run
// ends any other way), so concurrent admissions always see it as spent. While the request runs it
// is also a *pending* usage entry (core/usage/pendingUsage.ts), so a crash still counts its spend;
// the entry is removed just before the real record is written.
//
// Event order: budgetWarning* then the pipeline's own events (see core/llm/pipeline.ts); a
// blocked request ends with one `error` (code budget_exceeded).
import { AsyncQueue, prefixed } from '../llm/asyncQueue';
import type { PipelineEvent, PipelineRequest, PipelineResult, PipelineRun } from '../llm/pipeline';
import { estimateTokens } from '../llm/tokenEstimate';
import type { ToolCall, Usage } from '../llm/types';
import type { ResolvedModel } from '../models/resolvedModel';
import { costOf, type CostPriceSource } from '../pricing/cost';
import { savedByCaching } from '../pricing/cacheSavings';
import type { AdmissionAsk } from '../budget/budget';
import type { PendingHandle, PendingStart } from '../usage/pendingUsage';
import type { RequestUsage } from '../usage/usageStore';
import type { UsageSource } from '../usage/usageSource';
import { estimateRequest, type RequestEstimate } from './requestEstimate';

export type ModelRequest = PipelineRequest & {
  /** Who asked, for the usage record (and the pending entry); absent = 'switchboard'. */
  source?: UsageSource;
  /** The panel conversation asking, for its conversation budget; absent elsewhere. */
  conversationId?: string;
};

export type RequestEvent = PipelineEvent | { type: 'budgetWarning'; text: string };

/** Tokens and cost as recorded for one request, and as the panel shows them. */
export interface RecordedUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** Reasoning tokens, part of outputTokens (absent when the provider reported none). */
  reasoningTokens?: number;
  /** null = unknown price (never shown as $0). */
  costUsd: number | null;
  /** The tokens were estimated (the provider reported none, e.g. a stopped stream). */
  estimated: boolean;
  /** Input tokens read from the prompt cache (part of inputTokens; absent = none). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (part of inputTokens; absent = none). */
  cacheWriteTokens?: number;
  /** USD caching saved vs the same request uncached (negative = the writes cost more); null = unknown price; absent = no cache activity. */
  savedUsd?: number | null;
  /** Which price `costUsd` came from; absent = unknown price. */
  priceSource?: CostPriceSource;
}

export interface FinishedRun {
  result: PipelineResult;
  /** What was recorded; undefined when no provider was called (a budget blocked the request). */
  usage: RecordedUsage | undefined;
}

export interface RequestRun {
  /** Single consumer; buffered, so it may be read late. Ends after the pipeline's last event. */
  events: AsyncIterable<RequestEvent>;
  /** Settles once usage is recorded (held by the store; its disk write may still run); never rejects. */
  done: Promise<FinishedRun>;
  /** Ends the current backoff wait at once ("Retry now"). */
  retryNow(): void;
}

export interface BudgetAdmission {
  allowed: boolean;
  /** Why it was blocked: which budget, spent vs limit, how to change it. */
  message?: string;
  /** Warnings to show now (each budget level once per period). */
  warnings: string[];
  /** When allowed: the request's estimate, held until it settles. */
  reservation?: { moveTo(providerId: string, usd: number | null): void; release(): boolean };
}

export interface RequestServiceDeps {
  pipeline: { run(request: PipelineRequest, observe?: (e: PipelineEvent) => void): PipelineRun };
  /** Checks the request's estimate against the budgets and, if allowed, reserves it. */
  budget: { admit(ask: AdmissionAsk): BudgetAdmission };
  /** The model that answered, for its price (undefined = unknown price). */
  model(providerId: string, model: string): ResolvedModel | undefined;
  usage: { record(entry: RequestUsage): Promise<void> };
  /** Crash safety: requests in flight written down as pending usage (none when absent). */
  pending?: { begin(start: PendingStart): PendingHandle };
  /** The fallback chain the pipeline would use now (empty when fallback is off). */
  fallbackChain?(): readonly { providerId: string; model: string }[];
  /** The workspace usage is attributed to ('' = no folder open). */
  workspace(): string;
  logError?(message: string, err: unknown): void;
}

type Listener<T> = (value: T) => void;

export class RequestService {
  private readonly running = new Map<AbortController, Promise<unknown>>();
  private readonly startListeners = new Set<Listener<ModelRequest>>();

  constructor(private readonly deps: RequestServiceDeps) {}

  /** Called for every request a budget let through (e.g. to remember the model last used). */
  onDidStart(listener: Listener<ModelRequest>): { dispose(): void } {
    this.startListeners.add(listener);
    return { dispose: () => void this.startListeners.delete(listener) };
  }

  run(request: ModelRequest): RequestRun {
    const estimate = estimateRequest(request, (p, m) => this.deps.model(p, m), this.deps.fallbackChain?.() ?? []);
    const workspace = this.deps.workspace();
    const admission = this.deps.budget.admit({
      providerId: request.providerId,
      model: request.model,
      usd: estimate.usd,
      workspace,
      ...(request.conversationId !== undefined ? { conversationId: request.conversationId } : {}),
    });
    const warnings = admission.warnings.map((text): RequestEvent => ({ type: 'budgetWarning', text }));
    if (!admission.allowed) {
      admission.reservation?.release();
      return blocked(request, admission.message ?? 'A budget is used up.', warnings);
    }
    const reservation = admission.reservation;
    let pending: PendingHandle | undefined;
    try {
      pending = this.deps.pending?.begin({
        providerId: request.providerId,
        model: request.model,
        workspace,
        inputTokens: estimate.inputTokens,
        usd: estimate.usd,
        ...(estimate.price ? { price: estimate.price } : {}),
        ...(request.source ? { source: request.source } : {}),
      });
      for (const listener of this.startListeners) listener(request);
    } catch (err) {
      this.deps.logError?.('Could not start the request', err);
    }
    // dispose() must be able to end the run even when the caller gave no signal. The caller's
    // signal is forwarded by a listener: AbortSignal.any costs ~3× as much per request here.
    const abort = new AbortController();
    const signal = abort.signal;
    const callerSignal = request.signal;
    const forward = () => abort.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forward();
    else callerSignal?.addEventListener('abort', forward, { once: true });
    const { source, conversationId, ...pipelineRequest } = request;
    const on = { providerId: request.providerId, model: request.model };
    // Thinking is billed as output: it counts toward the pending estimate and an estimated record.
    let thinkingTokens = 0;
    // Counted as the pipeline queues each event (no second queue: each one costs promise turns per event).
    const count = (event: PipelineEvent): void => {
      try {
        if (event.type === 'text') pending?.addOutput(estimateTokens(event.text));
        else if (event.type === 'tool_call') pending?.addOutput(estimateTokens(toolCallText(event.call)));
        else if (event.type === 'thinking') {
          const tokens = estimateTokens(event.text);
          thinkingTokens += tokens;
          pending?.addOutput(tokens);
        } else if (event.type === 'started' && (event.providerId !== on.providerId || event.model !== on.model)) {
          Object.assign(on, { providerId: event.providerId, model: event.model });
          this.retarget(on, estimate, reservation, pending);
        }
      } catch (err) {
        this.deps.logError?.('Could not count the running request', err);
      }
    };
    const run = this.deps.pipeline.run({ ...pipelineRequest, signal, inputEstimate: estimate.inputTokens }, count);
    const done = (async (): Promise<FinishedRun> => {
      try {
        const result = await run.result;
        return { result, usage: this.record(result, thinkingTokens, pending, reservation, source) };
      } finally {
        // Whatever happened above, the reservation and the pending entry end here (both once).
        reservation?.release();
        pending?.end();
        callerSignal?.removeEventListener('abort', forward);
        this.running.delete(abort);
      }
    })();
    this.running.set(abort, done);
    return { events: warnings.length ? prefixed<RequestEvent>(warnings, run.events) : run.events, done, retryNow: () => run.retryNow() };
  }

  /** Stops every running request; resolves once each has recorded what it used. */
  async dispose(): Promise<void> {
    const runs = [...this.running];
    for (const [abort] of runs) abort.abort();
    await Promise.all(runs.map(([, done]) => done.catch(() => undefined)));
  }

  /** After a fallback: the reservation (the chain's largest estimate) now belongs to the new provider. */
  private retarget(on: { providerId: string; model: string }, estimate: RequestEstimate, reservation: BudgetAdmission['reservation'], pending: PendingHandle | undefined): void {
    const price = this.deps.model(on.providerId, on.model)?.price;
    reservation?.moveTo(on.providerId, estimate.usd);
    pending?.retarget(on.providerId, on.model, price, estimate.usd);
  }

  private record(
    result: PipelineResult,
    thinkingTokens: number,
    pending: PendingHandle | undefined,
    reservation: BudgetAdmission['reservation'],
    source: UsageSource | undefined,
  ): RecordedUsage {
    // A request that failed before any text (refused before sending, 401, 429, 5xx…) generated
    // nothing: that is an exact zero, not an estimate (which would mark the day's spend with ≈).
    const calls = (result.toolCalls ?? []).map(toolCallText).join('');
    const failedBeforeText = result.outcome === 'error' && !result.text && !calls && !thinkingTokens;
    const reported: Usage = result.usage ?? (failedBeforeText ? { inputTokens: 0, outputTokens: 0 } : { inputTokens: 0, outputTokens: estimateTokens(result.text + calls), estimated: true });
    const usage = reported.estimated ? withThinking(reported, thinkingTokens) : reported;
    const model = this.deps.model(result.providerId, result.model);
    const cost = costOf(usage, model?.price);
    const savedUsd = cacheActivity(usage) ? savedByCaching(usage, model?.price) : undefined;
    const priceSource: CostPriceSource | undefined = cost.source === 'reported' ? 'reported' : cost.source === 'price-table' ? model?.priceSource : undefined;
    // The pending entry goes first: a crash between the two writes loses this request, never counts it twice.
    const counted = pending ? pending.end() : true;
    let write: Promise<void> = Promise.resolve();
    if (!counted) {
      this.deps.logError?.('Usage not recorded: another window already counted this request as interrupted', undefined);
    } else {
      try {
        write = this.deps.usage.record({
          providerId: result.providerId,
          model: result.model,
          usage,
          cost,
          latencyMs: result.latencyMs,
          outcome: result.outcome,
          ...(result.error ? { errorCode: result.error.code } : {}),
          workspace: this.deps.workspace(),
          ...(source ? { source } : {}),
          ...(savedUsd !== undefined ? { savedUsd } : {}),
          ...(priceSource ? { priceSource } : {}),
        });
      } catch (err) {
        write = Promise.reject(err);
      }
    }
    // The store counts the record as soon as record() is called: the reservation may go now.
    reservation?.release();
    // The run is done once the store holds the record; the disk write finishes on its own (the
    // store's flushed() is awaited at deactivation). A failed write loses no answer; the log says so.
    write.catch((err: unknown) => this.deps.logError?.('Could not record usage', err));
    return {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      ...(usage.reasoningTokens ? { reasoningTokens: usage.reasoningTokens } : {}),
      costUsd: cost.usd,
      estimated: !!usage.estimated || cost.estimated,
      ...(usage.cachedInputTokens ? { cachedInputTokens: usage.cachedInputTokens } : {}),
      ...(usage.cacheWriteTokens ? { cacheWriteTokens: usage.cacheWriteTokens } : {}),
      ...(savedUsd !== undefined ? { savedUsd } : {}),
      ...(priceSource ? { priceSource } : {}),
    };
  }
}

function cacheActivity(usage: Usage): boolean {
  return (usage.cachedInputTokens ?? 0) > 0 || (usage.cacheWriteTokens ?? 0) > 0;
}

/** An estimate (the provider reported nothing) counts the streamed thinking as output too. */
function withThinking(usage: Usage, thinkingTokens: number): Usage {
  if (!thinkingTokens) return usage;
  return { ...usage, outputTokens: usage.outputTokens + thinkingTokens, reasoningTokens: (usage.reasoningTokens ?? 0) + thinkingTokens };
}

/** A run that never reaches a provider: a hard budget said no. */
function blocked(request: ModelRequest, message: string, warnings: RequestEvent[]): RequestRun {
  const error = { code: 'budget_exceeded', message, providerId: request.providerId };
  const events = new AsyncQueue<RequestEvent>();
  for (const w of warnings) events.push(w);
  events.push({ type: 'error', error, partial: '' });
  events.close();
  const result: PipelineResult = { outcome: 'error', text: '', error, providerId: request.providerId, model: request.model, attempts: 0, latencyMs: 0 };
  return { events, done: Promise.resolve({ result, usage: undefined }), retryNow: () => undefined };
}

/** What a tool call costs as output, for estimates: its name and arguments as the model wrote them. */
function toolCallText(call: ToolCall): string {
  return `${call.name}${JSON.stringify(call.input)}`;
}
