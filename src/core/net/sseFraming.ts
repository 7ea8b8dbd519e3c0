// Re-frames every `text/event-stream` answer into the one framing the Anthropic and Gemini SDKs
// accept, because their SSE parsers accept less than the WHATWG EventSource spec allows (the
// OpenAI-family adapters read their streams with a spec parser, sseEvents.ts), and gateways (LiteLLM,
// corporate proxies) send the rest: `data:` without a space, `: ping` keep-alive comments, CRLF or
// lone-CR line endings, `id:`/`retry:` fields, a BOM, Anthropic events with no `event:` line (the
// SDK skips unnamed events), and JSON with a raw U+2028/U+2029 (Gemini's parser is a regex whose
// `.` stops there). Each of those cut the answer short as a retried network error.
//
// A maintained parser (eventsource-parser) reads the spec's grammar; each event it yields is written
// back as `event: <name>\ndata: <one line>\n\n` (no `event:` line when there is no name):
// - an unnamed (or spec-default `message`) event whose JSON has a string `type` is named after it;
// - data split over several `data:` lines that is JSON is joined on one line (a raw LF can only sit
//   between JSON tokens, so a space means the same);
// - U+2028/U+2029 become the JSON escapes \u2028/\u2029, so no line splitter can cut the JSON;
// - comments, `id:`, `retry:`, unknown fields and events with empty data are dropped.
// Each read gives the events the chunks read complete, nothing else is held but the parser's
// unfinished line (bounded). A chunk of whole events already in that framing (most of them, from
// every provider; Gemini's with CRLF) skips the parser: the bytes it would write are those.
// Status, headers and url of the response are kept.
// No undici and no vscode here: the Anthropic and Gemini adapters inline this through _shared.ts `fetchFor`.

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import type { FetchLike } from './safeFetch';

/** An unfinished line or event longer than this (in characters) errors the stream instead of growing. */
export const MAX_PENDING_CHARS = 64 * 1024 * 1024;

const FRAMED = Symbol.for('switchboard.sseFraming');
const EVENT_NAME = /^[\w.:-]{1,100}$/;
const NEEDS_CARE = /[\n\u2028\u2029]/;
const NOT_CANONICAL = /[\r\u2028\u2029]/;
const ENDS_EVENT = /\n\r?\n$/;

/** One event in canonical framing, or '' for an event the SDKs have no use for (empty data). */
export function frameEvent(e: EventSourceMessage): string {
  let data = e.data;
  if (data === '') return '';
  // One scan for the rare cases, on every event of every stream.
  if (NEEDS_CARE.test(data)) {
    if (data.includes('\n')) {
      const joined = data.replaceAll('\n', ' ');
      // Not JSON: keep the lines (the SDKs that join them get the same text back).
      data = parsesAsJson(joined) ? joined : data.replaceAll('\n', '\ndata: ');
    }
    if (data.includes('\u2028') || data.includes('\u2029')) data = data.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
  }
  const given = e.event && e.event !== 'message' ? e.event : undefined;
  const name = given ?? typeOf(data);
  return `${name ? `event: ${name}\n` : ''}data: ${data}\n\n`;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `text` is whole events already in the canonical framing, which frameEvent() would write
 * back byte for byte: each an optional `event: <name>` line (not `message`) and one `data:` line
 * that frameEvent() would not name, each ended by a blank line; no CR, no U+2028/U+2029.
 */
function isCanonical(text: string): boolean {
  if (!text.endsWith('\n\n') || NOT_CANONICAL.test(text)) return false;
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n\n', at);
    let named = false;
    if (text.startsWith('event: ', at)) {
      const line = text.indexOf('\n', at);
      const name = text.slice(at + 7, line);
      if (name === 'message' || !EVENT_NAME.test(name)) return false;
      named = true;
      at = line + 1;
    }
    if (!text.startsWith('data: ', at) || text.indexOf('\n', at) !== end || end === at + 6) return false;
    if (!named && typeOf(text.slice(at + 6, end)) !== undefined) return false;
    at = end + 2;
  }
  return true;
}

/** The top-level `type` of a JSON object, when it is a plausible event name. */
function typeOf(data: string): string | undefined {
  if (data[0] !== '{' || !data.includes('"type"')) return undefined;
  try {
    const type = (JSON.parse(data) as { type?: unknown }).type;
    return typeof type === 'string' && EVENT_NAME.test(type) ? type : undefined;
  } catch {
    return undefined;
  }
}

/** Stateless: one for every stream. */
const ENCODER = new TextEncoder();

/** Held in the fast path at most: an unfinished event longer than this goes to the parser instead. */
const MAX_HELD_CHARS = 64 * 1024;

/** The framing of one stream: bytes of any valid SSE in, bytes of canonical SSE out, event by event. */
class Framer {
  private readonly decoder = new TextDecoder(); // drops a leading BOM; keeps a character cut across chunks whole
  private readonly parser: EventSourceParser;
  private readonly maxHeldChars: number;
  private frames: string[] = [];
  private failure: Error | undefined;
  private endsInCr = false;
  /** Whether the parser holds nothing: the text so far ended with an event. */
  private idle = true;
  /** While idle: the unfinished event after the last whole one (LF line ends), not yet given to anyone. */
  private held = '';

  constructor(maxPendingChars: number) {
    this.maxHeldChars = Math.min(MAX_HELD_CHARS, maxPendingChars);
    this.parser = createParser({
      onEvent: (e) => {
        const frame = frameEvent(e);
        if (frame) this.frames.push(frame);
      },
      // Unknown fields and bad `retry:` values are ignored, as the spec says; only the bound fails.
      onError: (err) => {
        if (err.type === 'max-buffer-size-exceeded') this.failure = new TypeError(`The event stream sent a line or event longer than ${maxPendingChars} characters.`);
      },
      maxBufferSize: maxPendingChars,
    });
  }

  /** The events `chunk` completes, framed; undefined when it completes none. Throws past the bound. */
  push(chunk: Uint8Array): Uint8Array | undefined {
    const text = this.decoder.decode(chunk, { stream: true });
    if (!this.idle) return this.out(text);
    // Most chunks are whole events framed as the SDKs want them: those bytes would come out again.
    if (this.held === '' && chunk[0] === text.charCodeAt(0) && isCanonical(text)) return chunk;
    // Network chunks cut events anywhere: the whole events up to the last blank line pass as they
    // are when canonical (Gemini's are, but for CRLF line ends), the rest waits for its end. Only
    // text that is not canonical goes through the parser (several times the cost per event).
    const all = this.held + text;
    const lf = all.includes('\r') ? all.replaceAll('\r\n', '\n') : all; // a CR last stays: its LF may follow
    const last = lf.lastIndexOf('\n\n');
    const cut = last < 0 ? 0 : last + 2;
    const cr = lf.indexOf('\r');
    const loneCr = cr >= 0 && cr < lf.length - 1; // a line end the blank-line search cannot see
    const whole = lf.slice(0, cut);
    if (!loneCr && lf.length - cut <= this.maxHeldChars && (cut === 0 || isCanonical(whole))) {
      this.held = lf.slice(cut);
      return cut === 0 ? undefined : ENCODER.encode(whole);
    }
    this.held = '';
    return this.out(lf);
  }

  /**
   * The end of the stream. A CR that ends the stream ends its line, but the parser holds it back
   * waiting for an LF: give it that LF (CRLF is one line end too). An event still without its blank
   * line is then dropped, as EventSource does (and the SDKs).
   */
  end(): Uint8Array | undefined {
    const tail = this.held + this.decoder.decode();
    this.held = '';
    const endsInCr = tail ? tail.endsWith('\r') : this.endsInCr;
    return this.out(tail + (endsInCr ? '\n' : ''));
  }

  private out(text: string): Uint8Array | undefined {
    if (text) {
      this.parser.feed(text);
      this.endsInCr = text.endsWith('\r');
      this.idle = ENDS_EVENT.test(text); // a blank line last: no line or event is pending
    }
    if (this.failure) throw this.failure;
    if (this.frames.length === 0) return undefined;
    const bytes = ENCODER.encode(this.frames.length === 1 ? this.frames[0]! : this.frames.join(''));
    this.frames = [];
    return bytes;
  }
}

/**
 * `body` re-framed, read as it is read: each read takes source chunks until one completes an event.
 * A pull source rather than a TransformStream: piping costs a web-stream round trip per chunk and
 * per request, several times what the framing itself costs. Errors and cancels pass through.
 */
export function reframeBody(body: ReadableStream<Uint8Array>, maxPendingChars = MAX_PENDING_CHARS): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const framer = new Framer(maxPendingChars);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { value, done } = await reader.read();
          let bytes: Uint8Array | undefined;
          try {
            bytes = done ? framer.end() : framer.push(value);
          } catch (err) {
            void reader.cancel(err).catch(() => undefined); // past the bound: stop the source too
            throw err;
          }
          if (bytes) controller.enqueue(bytes);
          if (done) return controller.close();
          if (bytes) return;
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

export function isEventStream(res: Response): boolean {
  const type = res.headers.get('content-type') ?? '';
  return res.body !== null && type.split(';')[0]!.trim().toLowerCase() === 'text/event-stream';
}

/** The same response, its body re-framed on the fly. */
export function reframeResponse(res: Response): Response {
  if (!isEventStream(res)) return res;
  // The framing changes the byte count: a length goes (streams rarely send one; a copy costs).
  let headers = res.headers;
  if (headers.has('content-length')) {
    headers = new Headers(headers);
    headers.delete('content-length');
  }
  const framed = new Response(reframeBody(res.body!), { status: res.status, statusText: res.statusText, headers });
  // The constructor cannot set these; the SDKs may read `url` for their errors and logs.
  Object.defineProperty(framed, 'url', { value: res.url });
  Object.defineProperty(framed, 'redirected', { value: res.redirected });
  return framed;
}

/** `fetch` whose event streams arrive re-framed; wrapping an already wrapped fetch returns it as is. */
export function withSseFraming(fetch: FetchLike): FetchLike {
  if ((fetch as { [FRAMED]?: true })[FRAMED]) return fetch;
  const framed: FetchLike = async (input, init) => reframeResponse(await fetch(input, init));
  return Object.assign(framed, { [FRAMED]: true as const });
}
