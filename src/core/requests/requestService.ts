// One request's whole life, owned in one place: budget admission → pipeline → price → usage
// record. Callers (the chat panel, Edit Selection, later VS Code's own chat) only read events and
// the finished run; none of them records usage, so none can forget it or do it twice. A run's
// `done` is built once, and it is the only code that records: exactly once for every request that
// reached the pipeline, whether it finished, was stopped, failed or was cut off by dispose().
// A request a hard budget blocks never reaches a provider and records nothing.
//
// Event order: budgetWarning* then the pipeline's own events (see core/llm/pipeline.ts); a
// blocked request ends with one `error` (code budget_exceeded).
import { AsyncQueue } from '../llm/asyncQueue';
import type { PipelineEvent, PipelineRequest, PipelineResult, PipelineRun } from '../llm/pipeline';
import { estimateTokens } from '../llm/tokenEstimate';
import type { Usage } from '../llm/types';
import type { ResolvedModel } from '../models/resolvedModel';
import { costOf } from '../pricing/cost';
import type { RequestUsage } from '../usage/usageStore';

export type ModelRequest = PipelineRequest;

export type RequestEvent = PipelineEvent | { type: 'budgetWarning'; text: string };

/** Tokens and cost as recorded for one request, and as the panel shows them. */
export interface RecordedUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** null = unknown price (never shown as $0). */
  costUsd: number | null;
  /** The tokens were estimated (the provider reported none, e.g. a stopped stream). */
  estimated: boolean;
}

export interface FinishedRun {
  result: PipelineResult;
  /** What was recorded; undefined when no provider was called (a budget blocked the request). */
  usage: RecordedUsage | undefined;
}

export interface RequestRun {
  /** Single consumer; buffered, so it may be read late. Ends after the pipeline's last event. */
  events: AsyncIterable<RequestEvent>;
  /** Settles once usage is recorded; never rejects. */
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
}

export interface RequestServiceDeps {
  pipeline: { run(request: PipelineRequest): PipelineRun };
  budget: { check(providerId: string): BudgetAdmission };
  /** The model that answered, for its price (undefined = unknown price). */
  model(providerId: string, model: string): ResolvedModel | undefined;
  usage: { record(entry: RequestUsage): Promise<void> };
  /** The workspace usage is attributed to ('' = no folder open). */
  workspace(): string;
  logError?(message: string, err: unknown): void;
}

type Listener<T> = (value: T) => void;

export class RequestService {
  private readonly running = new Set<AbortController>();
  private readonly startListeners = new Set<Listener<ModelRequest>>();

  constructor(private readonly deps: RequestServiceDeps) {}

  /** Called for every request a budget let through (e.g. to remember the model last used). */
  onDidStart(listener: Listener<ModelRequest>): { dispose(): void } {
    this.startListeners.add(listener);
    return { dispose: () => void this.startListeners.delete(listener) };
  }

  run(request: ModelRequest): RequestRun {
    const events = new AsyncQueue<RequestEvent>();
    const admission = this.deps.budget.check(request.providerId);
    for (const text of admission.warnings) events.push({ type: 'budgetWarning', text });
    if (!admission.allowed) return blocked(request, admission.message ?? 'A budget is used up.', events);

    for (const listener of this.startListeners) listener(request);
    // dispose() must be able to end the run even when the caller gave no signal.
    const abort = new AbortController();
    this.running.add(abort);
    const signal = request.signal ? AbortSignal.any([request.signal, abort.signal]) : abort.signal;
    const run = this.deps.pipeline.run({ ...request, signal });
    const done = (async (): Promise<FinishedRun> => {
      try {
        for await (const event of run.events) events.push(event);
      } finally {
        events.close();
      }
      const result = await run.result;
      this.running.delete(abort);
      return { result, usage: await this.record(result) };
    })();
    return { events, done, retryNow: () => run.retryNow() };
  }

  /** Stops every running request; each still records what it used. */
  dispose(): void {
    for (const abort of this.running) abort.abort();
  }

  private async record(result: PipelineResult): Promise<RecordedUsage> {
    const usage: Usage = result.usage ?? { inputTokens: 0, outputTokens: estimateTokens(result.text), estimated: true };
    const cost = costOf(usage, this.deps.model(result.providerId, result.model)?.price);
    try {
      await this.deps.usage.record({
        providerId: result.providerId,
        model: result.model,
        usage,
        cost,
        latencyMs: result.latencyMs,
        outcome: result.outcome,
        ...(result.error ? { errorCode: result.error.code } : {}),
        workspace: this.deps.workspace(),
      });
    } catch (err) {
      // The answer is not lost over a failed write; the log says so.
      this.deps.logError?.('Could not record usage', err);
    }
    return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: cost.usd, estimated: !!usage.estimated || cost.estimated };
  }
}

/** A run that never reaches a provider: a hard budget said no. */
function blocked(request: ModelRequest, message: string, events: AsyncQueue<RequestEvent>): RequestRun {
  const error = { code: 'budget_exceeded', message, providerId: request.providerId };
  events.push({ type: 'error', error, partial: '' });
  events.close();
  const result: PipelineResult = { outcome: 'error', text: '', error, providerId: request.providerId, model: request.model, attempts: 0, latencyMs: 0 };
  return { events, done: Promise.resolve({ result, usage: undefined }), retryNow: () => undefined };
}
