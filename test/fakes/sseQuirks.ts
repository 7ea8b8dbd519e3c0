// Valid SSE (WHATWG EventSource grammar) that gateways and proxies send but the SDKs' own parsers
// choke on (issue 16): a provider's canonical stream, re-written with one framing quirk at a time,
// one string per event, for Scenario.rawSse. The events are read back from the wire formats with
// eventsource-parser, so each quirk changes only the framing, never the content.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { WIRES, type Wire } from './wire';

export type SseQuirk = 'dataNoSpace' | 'comments' | 'noEventLine' | 'u2028' | 'crlf' | 'cr' | 'idRetry' | 'bom' | 'multilineData' | 'eventMessage';

export const QUIRKS: readonly SseQuirk[] = ['dataNoSpace', 'comments', 'noEventLine', 'u2028', 'crlf', 'cr', 'idRetry', 'bom', 'multilineData', 'eventMessage'];

/** The answer each quirk's stream carries: the U+2028 quirk carries raw U+2028/U+2029 inside the JSON. */
export function answerFor(quirk: SseQuirk): string[] {
  return quirk === 'u2028' ? ['Line one\u2028line', ' two\u2029 and ', 'the end.'] : ['Hello ', 'through a ', 'gateway.'];
}

/** The events a provider sends for `chunks`, as the spec's (name, data) pairs. */
export function canonicalEvents(wire: Wire, chunks: readonly string[], model = 'm-1', id = 'q1'): EventSourceMessage[] {
  const f = WIRES[wire];
  const usage = { input: 7, output: 5, cached: 0, cacheWrite: 0, cost: undefined };
  const text = [...f.start(model, id, usage), ...chunks.map((c, i) => f.delta(c, model, id, i === 0)), ...f.finish(model, id, 'stop', usage, true)].join('');
  const out: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e) });
  parser.feed(text);
  return out;
}

/** One string per event (plus separate comment events for `comments`), framed with `quirk`. */
export function quirkyStream(events: readonly EventSourceMessage[], quirk: SseQuirk): string[] {
  const eol = quirk === 'crlf' ? '\r\n' : quirk === 'cr' ? '\r' : '\n';
  const sp = quirk === 'dataNoSpace' ? '' : ' ';
  const out = events.map((e) => {
    const lines: string[] = [];
    if (quirk === 'idRetry') lines.push(`id:${sp}${e.data.length}`, 'retry: 3000');
    if (quirk === 'comments') lines.push(':', ': keep-alive');
    if (quirk === 'eventMessage') lines.push(`event:${sp}message`);
    else if (e.event && quirk !== 'noEventLine') lines.push(`event:${sp}${e.event}`);
    if (quirk === 'multilineData' && e.data.startsWith('{')) for (const l of JSON.stringify(JSON.parse(e.data), null, 1).split('\n')) lines.push(`data:${sp}${l}`);
    else lines.push(`data:${sp}${e.data}`);
    return lines.map((l) => l + eol).join('') + eol;
  });
  if (quirk === 'comments') return [': ping' + eol + eol, ...out.flatMap((e) => [e, ':' + eol + eol])];
  if (quirk === 'bom') out[0] = '\uFEFF' + out[0];
  return out;
}
