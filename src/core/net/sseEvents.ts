// The events of a `text/event-stream` body, for every adapter: they read their streams themselves
// rather than through their SDKs. Parsed by eventsource-parser, which reads the spec's whole grammar
// (gateways send `data:` without a space, `: ping` comments, CRLF or lone-CR line endings, events
// without an `event:` line), where the SDKs' parsers take less: the openai SDK's `_iterSSEMessages`
// also copies the rest of its buffer after every event (quadratic in the events a network chunk
// holds) and swallows `[DONE]`, which the Chat Completions reader must see.
//
// Leaving the loop early (an error thrown by the reader) cancels the body, which closes the
// request and its connection. An end marker (`[DONE]`) ends the events without that: the body
// normally ends right behind it, and a body read to its end leaves the connection open for the
// next request; only a server that holds the body open past END_GRACE_MS gets it cancelled.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type SseEvent = Pick<EventSourceMessage, 'event' | 'data'>;

/** How long the body may take to end after the end marker before it is cancelled. */
export const END_GRACE_MS = 50;

export interface SseEventsOptions {
  /** The event that ends the stream: it is yielded, and nothing after it. */
  isEnd?(e: SseEvent): boolean;
}

const DONE: IteratorResult<SseEvent> = { value: undefined, done: true };

/**
 * Each event of `response`'s body in order; a response without a body has none. A plain iterator
 * rather than an async generator: every event of every answer passes here, and a generator's
 * extra promise turns per event cost more than all of this file's own work.
 */
export function sseEvents(response: Response, options: SseEventsOptions = {}): AsyncIterableIterator<SseEvent> {
  return response.body ? new SseReader(response.body.getReader(), options.isEnd) : emptyEvents();
}

async function* emptyEvents(): AsyncGenerator<SseEvent> {}

class SseReader implements AsyncIterableIterator<SseEvent> {
  private readonly decoder = new TextDecoder();
  private batch: SseEvent[] = [];
  private at = 0;
  private readonly parser = createParser({ onEvent: (e) => void this.batch.push(e) });
  /** The parser holds a CR that ends its input, in case an LF follows (see fill()). */
  private endsInCr = false;
  /** The end marker was handed out: next() only waits for the body to end. */
  private endSeen = false;
  /** The reader is released (and cancelled unless the body was read to its end). */
  private closed = false;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly isEnd: ((e: SseEvent) => boolean) | undefined,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SseEvent>> {
    if (this.closed) return Promise.resolve(DONE);
    if (this.endSeen) return this.afterEnd();
    if (this.at < this.batch.length) return Promise.resolve(this.take());
    return this.fill();
  }

  /** The consumer left before the end: the body is cancelled, which closes the request and its connection. */
  async return(): Promise<IteratorResult<SseEvent>> {
    await this.close(false);
    return DONE;
  }

  private take(): IteratorResult<SseEvent> {
    const value = this.batch[this.at++]!;
    if (this.at === this.batch.length) {
      this.batch = [];
      this.at = 0;
    }
    if (this.isEnd?.(value)) this.endSeen = true;
    return { value, done: false };
  }

  /** Reads until the parser has an event or the body ends. */
  private async fill(): Promise<IteratorResult<SseEvent>> {
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        let text = done ? this.decoder.decode() : this.decoder.decode(value, { stream: true });
        // At the end no LF will follow a held CR, and a lone CR is a line end: it ends the last event.
        if (done && (this.endsInCr || text.endsWith('\r'))) text += '\n';
        else if (text) this.endsInCr = text.endsWith('\r');
        this.parser.feed(text);
        if (this.at < this.batch.length) return this.take();
        if (done) {
          await this.close(true);
          return DONE;
        }
      }
    } catch (err) {
      await this.close(false);
      throw err;
    }
  }

  /** After the end marker: done, once the body ends too (or is cancelled for holding on). */
  private async afterEnd(): Promise<IteratorResult<SseEvent>> {
    await this.close(await bodyEnds(this.reader));
    return DONE;
  }

  private async close(readToEnd: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!readToEnd) await this.reader.cancel(new Error('The event stream was left before its end.')).catch(() => undefined);
    this.reader.releaseLock();
  }
}

/** Whether the body ends (with nothing more in it) within END_GRACE_MS. */
async function bodyEnds(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  const next = reader.read();
  next.catch(() => undefined); // still pending when the grace runs out: cancel() settles it
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, END_GRACE_MS, undefined)));
  try {
    const result = await Promise.race([next, late]);
    return result?.done === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
