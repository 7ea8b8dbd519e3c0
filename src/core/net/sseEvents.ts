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

/** Each event of `response`'s body in order; a response without a body has none. */
export async function* sseEvents(response: Response, { isEnd }: SseEventsOptions = {}): AsyncGenerator<SseEvent> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let batch: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => void batch.push(e) });
  let ended = false;
  let endsInCr = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      let text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      // The parser holds a CR that ends its input, in case an LF follows; at the end nothing will,
      // and a lone CR is a line end, so a body that ends in one ends its last event there.
      if (done && (endsInCr || text.endsWith('\r'))) text += '\n';
      else if (text) endsInCr = text.endsWith('\r');
      parser.feed(text);
      if (batch.length) {
        const ready = batch;
        batch = [];
        for (const e of ready) {
          yield e;
          if (isEnd?.(e)) {
            ended = await bodyEnds(reader);
            return;
          }
        }
      }
      if (done) return void (ended = true);
    }
  } finally {
    if (!ended) await reader.cancel(new Error('The event stream was left before its end.')).catch(() => undefined);
    reader.releaseLock();
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
