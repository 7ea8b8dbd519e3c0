// Every provider call goes through here: rate limiter → retry → adapter, with an optional
// fallback chain guarded by per-provider circuit breakers. The pipeline never throws to its
// caller: every run ends in a result with outcome ok / stopped / interrupted / error.
//
// A host consumes a run as `for await (const e of run.events)` (forwarding each event to its
// webview) and then `await run.result`. Event order for one run:
//   (queued* started (text | thinking | tool_call | usage | ratelimit)* (retrying | fallback))*  then  finish | error
// `queued` repeats while the request waits in the rate limiter (its position moves up); `started`
// says which provider/model this attempt goes to (after a fallback, not the requested one);
// `retrying` comes before a backoff wait, `fallback` when the request moves down the chain. The
// last event is `finish` (ok, or stopped by the caller: reason 'cancelled') or `error`. An answer
// that reaches its character cap (answerCap.ts) ends with `error` (answer_too_long), text kept.
import { sleep, WakeSignal } from './abortableSleep';
import { AsyncQueue } from './asyncQueue';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions } from './circuitBreaker';
import { AnswerCap, ANSWER_TOO_LONG, clampAnswerCap } from './answerCap';
import { messageOf, toPipelineError, type PipelineError } from './pipelineError';
import { RateLimiter, type Limits, type Reservation } from './rateLimiter';
import { DEFAULT_RETRY, isRetryable, retryDelayMs, type RetryOptions } from './retry';
import { estimateRequestTokens, estimateTokens } from './tokenEstimate';
import type { ChatRequest, FinishReason, ProviderAdapter, RateLimitHints, ToolCall, Usage } from './types';

export type PipelineRequest = ChatRequest & {
  providerId: string;
  /** Longest answer in characters (answerCap.ts); default PipelineOptions.maxAnswerChars. */
  maxAnswerChars?: number;
  /** Characters this answer already has (Continue): they count toward the cap. */
  priorAnswerChars?: number;
  /** estimateRequestTokens(messages, tools), when the caller already worked it out (a long conversation is a pass over all its text). */
  inputEstimate?: number;
};

export type { PipelineError } from './pipelineError';

export type PipelineEvent =
  | { type: 'queued'; position: number; waitMs: number }
  | { type: 'started'; providerId: string; model: string; attempt: number }
  /** `attempt` is the one about to start after `delayMs` (2 = the first retry). */
  | { type: 'retrying'; attempt: number; maxAttempts: number; delayMs: number; error: PipelineError }
  | { type: 'text'; text: string }
  | { type: 'thinking'; text: string }
  /** A complete tool call; like text, it means the answer has begun (no retry or fallback after it). */
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'ratelimit'; providerId: string; hints: RateLimitHints }
  | { type: 'fallback'; from: string; to: string; model: string; reason: string }
  | { type: 'finish'; reason: FinishReason }
  /** `partial` is the text kept (non-empty only for an interrupted answer). */
  | { type: 'error'; error: PipelineError; partial: string };

export type PipelineOutcome = 'ok' | 'stopped' | 'interrupted' | 'error';

export interface PipelineResult {
  outcome: PipelineOutcome;
  text: string;
  /** The tool calls the model made, in order (absent when none). */
  toolCalls?: ToolCall[];
  /** Reported by the provider, or estimated (usage.estimated) when it reported none. */
  usage?: Usage;
  error?: PipelineError;
  finishReason?: FinishReason;
  /** Who actually answered (differs from the request after a fallback). */
  providerId: string;
  model: string;
  /** Calls made to providers, over the whole chain. */
  attempts: number;
  /** From run() to the end, queue and backoff waits included. */
  latencyMs: number;
  /** From run() to the first text. */
  ttftMs?: number;
}

export interface PipelineRun {
  /** Single consumer; ends after the last event. Buffered, so it may be read late. */
  events: AsyncIterable<PipelineEvent>;
  /** Settles after the last event; never rejects. */
  result: Promise<PipelineResult>;
  /** Ends the current backoff wait at once ("Retry now"). */
  retryNow(): void;
}

export interface FallbackOptions {
  enabled: boolean;
  /** Tried in order after the requested provider/model (which is skipped if listed). */
  chain: readonly { providerId: string; model: string }[];
}

export interface PipelineOptions {
  getAdapter(providerId: string): Promise<ProviderAdapter>;
  limits(providerId: string): Limits;
  /** Read at the start of each run, so settings changes apply to the next request. */
  retry?: () => RetryOptions;
  breaker?: BreakerOptions;
  /** Off unless given and enabled. */
  fallback?: () => FallbackOptions;
  /** `switchboard.maxAnswerCharacters`, read at the start of each run (default 400,000). */
  maxAnswerChars?: () => number;
  /** Length of the rate limiter's window (tests shorten it). */
  limiterWindowMs?: number;
  /** Longest wait a provider's rate-limit headers alone can impose (see RateLimiterOptions). */
  limiterMaxHintWaitMs?: number;
  random?: () => number;
  now?: () => number;
}

/** Failures after which the request moves down the fallback chain (once its retries are spent). */
const FALLBACK_ON: ReadonlySet<string> = new Set(['overloaded', 'server', 'network', 'timeout', 'rate_limit']);

export class Pipeline {
  readonly limiter: RateLimiter;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly opts: PipelineOptions) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.limiter = new RateLimiter({
      limits: opts.limits,
      now: this.now,
      ...(opts.limiterWindowMs ? { windowMs: opts.limiterWindowMs } : {}),
      ...(opts.limiterMaxHintWaitMs !== undefined ? { maxHintWaitMs: opts.limiterMaxHintWaitMs } : {}),
    });
  }

  breaker(providerId: string): CircuitBreaker {
    let b = this.breakers.get(providerId);
    if (!b) this.breakers.set(providerId, (b = new CircuitBreaker(this.opts.breaker ?? DEFAULT_BREAKER, this.now)));
    return b;
  }

  /** `observe` (must not throw) sees each event as it is queued: the request service counts a run there. */
  run(request: PipelineRequest, observe?: (e: PipelineEvent) => void): PipelineRun {
    const events = new AsyncQueue<PipelineEvent>();
    const wake = new WakeSignal();
    const emit = (e: PipelineEvent) => (observe?.(e), events.push(e));
    const result = this.drive(request, emit, wake)
      .catch((err: unknown): PipelineResult => {
        // Defensive: a bug here must still end the run with an error, not an unhandled rejection.
        const error = { code: 'unknown', message: messageOf(err), providerId: request.providerId };
        emit({ type: 'error', error, partial: '' });
        return { outcome: 'error', text: '', error, providerId: request.providerId, model: request.model, attempts: 0, latencyMs: 0 };
      })
      .finally(() => events.close());
    return { events, result, retryNow: () => wake.wake() };
  }

  dispose(): void {
    this.limiter.dispose();
  }

  private candidates(request: PipelineRequest): { providerId: string; model: string }[] {
    const primary = { providerId: request.providerId, model: request.model };
    const fb = this.opts.fallback?.();
    if (!fb?.enabled) return [primary];
    return [primary, ...fb.chain.filter((c) => !(c.providerId === primary.providerId && c.model === primary.model))];
  }

  private async drive(request: PipelineRequest, emit: (e: PipelineEvent) => void, wake: WakeSignal): Promise<PipelineResult> {
    const started = this.now();
    const retry = this.opts.retry?.() ?? DEFAULT_RETRY;
    const signal = request.signal;
    const inputEstimate = request.inputEstimate ?? estimateRequestTokens(request.messages, request.tools);
    const reserve = inputEstimate + (request.maxOutputTokens ?? 0);
    const candidates = this.candidates(request);
    const cap = new AnswerCap(clampAnswerCap(request.maxAnswerChars ?? this.opts.maxAnswerChars?.()), request.priorAnswerChars);
    let text = '';
    const toolCalls: ToolCall[] = [];
    let ttftMs: number | undefined;
    let attempts = 0;
    let totalWaitMs = 0;
    let lastError: PipelineError | undefined;
    let current = candidates[0]!;

    const finishWith = (outcome: PipelineOutcome, extra: Partial<PipelineResult> = {}): PipelineResult => ({
      outcome,
      text,
      ...(toolCalls.length ? { toolCalls } : {}),
      providerId: current.providerId,
      model: current.model,
      attempts,
      latencyMs: this.now() - started,
      ...(ttftMs !== undefined ? { ttftMs } : {}),
      ...extra,
    });
    const estimated = (): Usage => ({ inputTokens: inputEstimate, outputTokens: estimateTokens(text), estimated: true });
    const stopped = (): PipelineResult => {
      emit({ type: 'finish', reason: 'cancelled' });
      return finishWith('stopped', { usage: estimated(), finishReason: 'cancelled' });
    };
    const failed = (error: PipelineError): PipelineResult => {
      emit({ type: 'error', error, partial: text });
      return finishWith('error', { error, finishReason: 'error' });
    };

    // A continued answer already at the cap: nothing more may be written, so nothing is asked.
    if (cap.reached) return failed({ code: ANSWER_TOO_LONG, message: cap.message(), providerId: current.providerId });

    for (let c = 0; c < candidates.length; c++) {
      current = candidates[c]!;
      const next = candidates[c + 1];
      const breaker = this.breaker(current.providerId);
      // Only with somewhere else to go is an open breaker a reason not to try.
      const permit = next ? breaker.admit() : 'pass';
      if (!permit) {
        emit({ type: 'fallback', from: current.providerId, to: next!.providerId, model: next!.model, reason: `${current.providerId} is failing; its circuit breaker is open` });
        continue;
      }
      const abandon = (): PipelineResult => {
        if (permit === 'trial') breaker.release();
        return stopped();
      };

      for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
        let reservation: Reservation;
        try {
          reservation = await this.limiter.acquire(current.providerId, reserve, {
            ...(signal ? { signal } : {}),
            onQueued: (q) => emit({ type: 'queued', position: q.position, waitMs: q.waitMs }),
          });
        } catch (err) {
          if (signal?.aborted) return abandon();
          if (permit === 'trial') breaker.release();
          return failed({ code: 'cancelled', message: messageOf(err), providerId: current.providerId });
        }
        attempts++;
        emit({ type: 'started', providerId: current.providerId, model: current.model, attempt });
        let usage: Usage | undefined;
        let finishReason: FinishReason | undefined;
        try {
          const adapter = await this.opts.getAdapter(current.providerId);
          // A fallback model gets no reasoning effort: it may not reason, and a reasoning field would fail it.
          for await (const ev of adapter.stream(current.model === request.model ? request : { ...request, model: current.model, reasoningEffort: undefined })) {
            if (ev.type === 'text') {
              const kept = cap.take(ev.text);
              if (!kept) continue;
              if (ttftMs === undefined) ttftMs = this.now() - started;
              text += kept;
              emit(kept === ev.text ? ev : { type: 'text', text: kept });
              if (cap.reached) break; // leaving the loop aborts the HTTP request (see guardedStream)
            } else if (ev.type === 'tool_call') {
              if (ttftMs === undefined) ttftMs = this.now() - started;
              toolCalls.push(ev.call);
              emit(ev);
            } else if (ev.type === 'thinking') {
              emit(ev); // shown apart from the answer; not part of the text, the cap or the result
            } else if (ev.type === 'usage') {
              usage = ev.usage;
              emit(ev);
            } else if (ev.type === 'ratelimit') {
              this.limiter.applyHints(current.providerId, ev.hints);
              emit({ type: 'ratelimit', providerId: current.providerId, hints: ev.hints });
            } else if (ev.type === 'finish') {
              finishReason = ev.reason;
            }
          }
          reservation.settle(usage ? usage.inputTokens + usage.outputTokens : inputEstimate + estimateTokens(text));
          breaker.success();
          if (cap.reached) {
            const error: PipelineError = { code: ANSWER_TOO_LONG, message: cap.message(), providerId: current.providerId };
            emit({ type: 'error', error, partial: text });
            return finishWith('interrupted', { usage: usage ?? estimated(), error, finishReason: 'length' });
          }
          const reason = finishReason ?? 'stop';
          emit({ type: 'finish', reason });
          return finishWith('ok', { usage: usage ?? estimated(), finishReason: reason });
        } catch (err) {
          reservation.settle(usage ? usage.inputTokens + usage.outputTokens : inputEstimate + estimateTokens(text));
          if (signal?.aborted) return abandon();
          const error = toPipelineError(err, current.providerId);
          lastError = error;
          breaker.failure(error.code);
          if (text || toolCalls.length) {
            // Never restart an answer that has begun: the partial text stays, marked interrupted.
            emit({ type: 'error', error, partial: text });
            return finishWith('interrupted', { usage: usage ?? estimated(), error, finishReason: 'error' });
          }
          if (!isRetryable(error.code) || attempt >= retry.maxAttempts) break;
          // The breaker just opened and there is a fallback: go there now rather than keep knocking.
          if (next && breaker.current === 'open') break;
          const delayMs = retryDelayMs(attempt, error.retryAfterMs, retry, this.random);
          if (totalWaitMs + delayMs > retry.maxTotalWaitMs) {
            lastError = {
              ...error,
              message: `${error.message} (gave up: waiting another ${formatWait(delayMs)} would exceed the ${formatWait(retry.maxTotalWaitMs)} retry limit)`,
            };
            break;
          }
          emit({ type: 'retrying', attempt: attempt + 1, maxAttempts: retry.maxAttempts, delayMs, error });
          const waitStart = this.now();
          try {
            await sleep(delayMs, signal, wake);
          } catch {
            return stopped(); // the breaker already has this attempt's verdict
          }
          totalWaitMs += this.now() - waitStart;
        }
      }
      if (next && lastError && FALLBACK_ON.has(lastError.code)) {
        emit({ type: 'fallback', from: current.providerId, to: next.providerId, model: next.model, reason: lastError.message });
        continue;
      }
      break;
    }
    return failed(lastError ?? { code: 'unknown', message: 'No provider could answer.', providerId: current.providerId });
  }
}

function formatWait(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
