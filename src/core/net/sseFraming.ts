// Re-frames every `text/event-stream` answer into the one framing all three SDKs accept, because
// their own SSE parsers accept less than the WHATWG EventSource spec allows, and gateways (LiteLLM,
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
// It is a TransformStream: each chunk read gives the events it completes, nothing else is held but
// the parser's unfinished line (bounded). Status, headers and url of the response are kept.
// No undici and no vscode here: adapters inline this through _shared.ts `fetchFor`.

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { FetchLike } from './safeFetch';

/** An unfinished line or event longer than this (in characters) errors the stream instead of growing. */
export const MAX_PENDING_CHARS = 64 * 1024 * 1024;

const FRAMED = Symbol.for('switchboard.sseFraming');
const EVENT_NAME = /^[\w.:-]{1,100}$/;

/** One event in canonical framing, or '' for an event the SDKs have no use for (empty data). */
export function frameEvent(e: EventSourceMessage): string {
  let data = e.data;
  if (data === '') return '';
  if (data.includes('\n')) {
    const joined = data.replaceAll('\n', ' ');
    // Not JSON: keep the lines (the SDKs that join them get the same text back).
    data = parsesAsJson(joined) ? joined : data.replaceAll('\n', '\ndata: ');
  }
  if (data.includes('\u2028') || data.includes('\u2029')) data = data.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
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

/** Bytes of any valid SSE in, bytes of canonical SSE out, event by event. */
export function createSseFramer(maxPendingChars = MAX_PENDING_CHARS): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder(); // drops a leading BOM; keeps a character cut across chunks whole
  const encoder = new TextEncoder();
  let frames: string[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    onEvent: (e) => {
      const frame = frameEvent(e);
      if (frame) frames.push(frame);
    },
    // Unknown fields and bad `retry:` values are ignored, as the spec says; only the bound fails.
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') failure = new TypeError(`The event stream sent a line or event longer than ${maxPendingChars} characters.`);
    },
    maxBufferSize: maxPendingChars,
  });
  let endsInCr = false;
  const push = (text: string, controller: TransformStreamDefaultController<Uint8Array>) => {
    if (text) {
      parser.feed(text);
      endsInCr = text.endsWith('\r');
    }
    if (failure) throw failure;
    if (frames.length === 0) return;
    controller.enqueue(encoder.encode(frames.length === 1 ? frames[0]! : frames.join('')));
    frames = [];
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform: (chunk, controller) => push(decoder.decode(chunk, { stream: true }), controller),
    // A CR that ends the stream ends its line, but the parser holds it back waiting for an LF: give
    // it that LF (CRLF is one line end too). An event still without its blank line is then dropped,
    // as EventSource does (and the SDKs).
    flush: (controller) => push(decoder.decode() + (endsInCr ? '\n' : ''), controller),
  });
}

export function isEventStream(res: Response): boolean {
  const type = res.headers.get('content-type') ?? '';
  return res.body !== null && type.split(';')[0]!.trim().toLowerCase() === 'text/event-stream';
}

/** The same response, its body re-framed on the fly. */
export function reframeResponse(res: Response): Response {
  if (!isEventStream(res)) return res;
  const headers = new Headers(res.headers);
  headers.delete('content-length'); // the framing changes the byte count
  const framed = new Response(res.body!.pipeThrough(createSseFramer()), { status: res.status, statusText: res.statusText, headers });
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
