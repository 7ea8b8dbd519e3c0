// An in-process ProviderAdapter for the pipeline's logic tests: each call plays the next script
// (events, then optionally a thrown error), honouring the request's AbortSignal the way the real
// adapters do (a 'cancelled' ProviderError). The fake-server tests cover the real adapters.
import { ProviderError } from '../../../src/core/llm/errors';
import type { AdapterEvent, ChatRequest, ErrorCode, LiveModel, ProviderAdapter, ProviderConfig } from '../../../src/core/llm/types';

export interface Script {
  /** Yielded in order; a number is a pause of that many milliseconds. */
  events?: (AdapterEvent | number)[];
  /** Thrown after the events (a ProviderError with this code, or any value as is). */
  fail?: { code: ErrorCode; retryAfterMs?: number; message?: string } | { raw: unknown };
  /** After the events, wait until the request is aborted. */
  hang?: boolean;
}

export const text = (t: string): AdapterEvent => ({ type: 'text', text: t });

export class ScriptedAdapter implements ProviderAdapter {
  readonly config: ProviderConfig;
  readonly calls: ChatRequest[] = [];
  private readonly scripts: Script[] = [];
  /** Played when the queue is empty. */
  fallbackScript: Script = { events: [text('ok'), { type: 'finish', reason: 'stop' }] };

  constructor(id: string) {
    this.config = { id, kind: 'openai-compatible', label: id };
  }

  enqueue(...scripts: Script[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  async *stream(request: ChatRequest): AsyncGenerator<AdapterEvent> {
    this.calls.push(request);
    const script = this.scripts.shift() ?? this.fallbackScript;
    const signal = request.signal;
    for (const e of script.events ?? []) {
      this.throwIfAborted(signal);
      if (typeof e === 'number') await pause(e, signal).catch(() => this.throwIfAborted(signal));
      else yield e;
    }
    this.throwIfAborted(signal);
    if (script.hang) {
      await new Promise<void>((resolve) => {
        if (!signal || signal.aborted) return resolve(); // nothing could ever end the hang
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.throwIfAborted(signal);
    }
    if (script.fail) {
      if ('raw' in script.fail) throw script.fail.raw;
      throw new ProviderError({
        code: script.fail.code,
        providerId: this.config.id,
        message: script.fail.message ?? `${this.config.id} failed: ${script.fail.code}`,
        ...(script.fail.retryAfterMs !== undefined ? { retryAfterMs: script.fail.retryAfterMs } : {}),
      });
    }
  }

  async listModels(): Promise<LiveModel[]> {
    return [];
  }

  private throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new ProviderError({ code: 'cancelled', providerId: this.config.id, message: 'Request cancelled.' });
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });
}
