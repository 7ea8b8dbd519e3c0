// Pieces every adapter uses. Only the <name>/adapter.ts files become bundles of their own (the
// leading underscore marks a shared file): each adapter bundle inlines what it needs from here.

import type { AdapterEvent, ChatMessage, ChatRequest, ContentPart, ProviderConfig } from '../llm/types';
import { partsOf, textOf } from '../llm/messageContent';
import { ProviderError, type ErrorContext } from '../llm/errors';
import { StreamGuard } from '../llm/streamTimeouts';
import { createSafeFetch, type FetchLike } from '../net/safeFetch';

export function errorContext(config: ProviderConfig): ErrorContext {
  return { providerId: config.id, label: config.label, secrets: [config.apiKey] };
}

/** Without the host's fetch (tests, scripts): the global fetch, still refusing cross-origin redirects. */
const plainFallback = createSafeFetch();

/**
 * The fetch this provider's requests go through (see ProviderConfig.fetch). Every adapter reads its
 * event streams itself with core/net/sseEvents.ts, a parser that takes every framing the spec
 * allows, so the fetch is as given.
 */
export function fetchFor(config: ProviderConfig): FetchLike {
  return config.fetch ?? plainFallback;
}

export function requireKey(config: ProviderConfig): string {
  const key = config.apiKey?.trim();
  if (!key) {
    throw new ProviderError({
      code: 'auth',
      providerId: config.id,
      message: `No API key set for ${config.label}. Run "Switchboard: Set API Key".`,
    });
  }
  return key;
}

export interface Turn {
  role: 'user' | 'assistant';
  parts: ContentPart[];
}

/**
 * System messages joined into one prompt; the rest as turns, consecutive same-role messages merged
 * (Gemini rejects two user turns in a row; Anthropic accepts but gains nothing from them). Two
 * merged texts are joined by a blank line, as one message would have them.
 */
export function splitSystem(messages: readonly ChatMessage[]): { system?: string; turns: Turn[] } {
  const systemParts: string[] = [];
  const turns: Turn[] = [];
  for (const m of messages) {
    if (m.role === 'system') {
      const text = textOf(m.content);
      if (text.trim()) systemParts.push(text);
      continue;
    }
    const parts = partsOf(m.content);
    const last = turns[turns.length - 1];
    if (!last || last.role !== m.role) {
      turns.push({ role: m.role, parts: [...parts] });
      continue;
    }
    const tail = last.parts[last.parts.length - 1];
    const [head, ...rest] = parts;
    if (tail?.type === 'text' && head?.type === 'text') {
      last.parts[last.parts.length - 1] = { type: 'text', text: `${tail.text}\n\n${head.text}` };
      last.parts.push(...rest);
    } else {
      last.parts.push(...parts);
    }
  }
  return { ...(systemParts.length ? { system: systemParts.join('\n\n') } : {}), turns };
}

/**
 * Runs one adapter stream under a StreamGuard: our abort reason (timeout/cancelled) wins over
 * whatever the SDK threw, every other failure goes through `normalize`, and the HTTP request is
 * aborted on the way out unless it was read to its end, so a consumer that stops early closes the socket.
 * `body` may first await the response (its failure is normalized the same way). A plain iterator
 * rather than an async generator: each `yield*` layer costs a few promise turns per event.
 */
export function guardedStream(
  ctx: ErrorContext,
  request: ChatRequest,
  config: ProviderConfig,
  body: (guard: StreamGuard) => AsyncIterable<AdapterEvent> | Promise<AsyncIterable<AdapterEvent>>,
  normalize: (e: unknown, guard: StreamGuard) => ProviderError,
): AsyncIterableIterator<AdapterEvent> {
  let guard: StreamGuard | undefined;
  let inner: AsyncIterator<AdapterEvent> | undefined;
  let ended = false;
  /** Stops the timers; a stream not read to its end (early stop or failure) is aborted first. */
  const end = (readToEnd: boolean) => {
    if (ended) return;
    ended = true;
    // A stream read to its end has nothing left to close, so it builds no 'cancelled' reason.
    if (!readToEnd) guard?.close();
    guard?.dispose();
  };
  const fail = (e: unknown): never => {
    const error = guard?.abortReason ?? (guard ? normalize(e, guard) : e);
    end(false);
    throw error;
  };
  const step = (result: IteratorResult<AdapterEvent>): IteratorResult<AdapterEvent> => {
    if (!result.done) return result;
    if (guard!.abortReason) return fail(guard!.abortReason); // the body ends quietly when we abort it
    end(true);
    return result;
  };
  const start = async (): Promise<IteratorResult<AdapterEvent>> => {
    guard = new StreamGuard(ctx, request.signal, config.timeouts);
    guard.throwIfAborted();
    inner = (await body(guard))[Symbol.asyncIterator]();
    return inner.next();
  };
  // One promise per event once started: each extra async hop here is paid on every chunk.
  const next = (): Promise<IteratorResult<AdapterEvent>> => {
    if (ended) return Promise.resolve({ done: true, value: undefined });
    let pending: Promise<IteratorResult<AdapterEvent>>;
    try {
      pending = inner ? inner.next() : start();
    } catch (e) {
      pending = Promise.reject(e);
    }
    return pending.then(step, fail);
  };
  return {
    next,
    // The consumer stopped early: the body finishes first (its own cleanup), then the request is aborted.
    async return(): Promise<IteratorResult<AdapterEvent>> {
      try {
        if (!ended) await inner?.return?.();
      } catch (e) {
        fail(e);
      }
      end(false);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Milliseconds until an RFC 3339 instant (Anthropic's *-reset headers), never negative. */
export function msUntil(instant: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!instant) return undefined;
  const at = Date.parse(instant);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A token count as a provider reported it: a finite number ≥ 0, else undefined (absent, null, junk). */
export function tokenCount(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function intHeader(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Drops undefined fields so events compare cleanly and stay small. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The stream ended without the provider's end marker: the connection was cut short. */
export function endedEarly(ctx: ErrorContext): ProviderError {
  return new ProviderError({
    code: 'network',
    providerId: ctx.providerId,
    message: `The connection to ${ctx.label} closed before the answer was complete.`,
    providerCode: 'incomplete_stream',
  });
}
