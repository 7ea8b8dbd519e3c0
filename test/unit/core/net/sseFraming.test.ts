// The SSE framing normalizer (issue 16): every framing quirk of test/fakes/sseQuirks.ts, under each
// of the four chunkings, comes out as the canonical framing; output is incremental (an event is out
// as soon as its blank line is in); the response keeps its status, headers and url.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHUNKINGS, cutStream } from '../../../fakes/rawStream';
import { answerFor, canonicalEvents, QUIRKS, quirkyStream } from '../../../fakes/sseQuirks';
import type { Wire } from '../../../fakes/wire';
import { frameEvent, reframeBody, reframeResponse, withSseFraming } from '../../../../src/core/net/sseFraming';

const WIRES: readonly Wire[] = ['openai', 'anthropic', 'gemini'];

/** Pieces in, the framer's whole output out. */
async function frame(pieces: readonly Uint8Array[], maxPendingChars?: number): Promise<string> {
  let i = 0;
  const source = new ReadableStream<Uint8Array>({ pull: (c) => (i < pieces.length ? c.enqueue(pieces[i++]!) : c.close()) });
  return new Response(reframeBody(source, maxPendingChars)).text();
}

/** A framed stream fed piece by piece: what each read gives, as text. */
function framedLive() {
  let source!: ReadableStreamDefaultController<Uint8Array>;
  const reader = reframeBody(new ReadableStream<Uint8Array>({ start: (c) => void (source = c) })).getReader();
  const dec = new TextDecoder();
  return {
    push: (text: string) => source.enqueue(Buffer.from(text)),
    close: () => source.close(),
    next: async () => dec.decode((await reader.read()).value),
    ended: async () => (await reader.read()).done,
  };
}

/** What the framer must write for a provider's events: canonical framing, names from `type`. */
function canonical(wire: Wire, chunks: readonly string[]): string {
  return canonicalEvents(wire, chunks)
    .map((e) => {
      const data = e.data.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
      const name = e.event ?? (wire === 'anthropic' ? (JSON.parse(e.data) as { type: string }).type : undefined);
      return `${name ? `event: ${name}\n` : ''}data: ${data}\n\n`;
    })
    .join('');
}

/** Each `data: {…}` line's JSON written without whitespace. */
const compact = (framed: string) => framed.replace(/^data: (\{.*)$/gm, (_, json: string) => `data: ${JSON.stringify(JSON.parse(json))}`);

describe('core/net/sseFraming', () => {
  for (const quirk of QUIRKS) {
    for (const wire of WIRES) {
      it(`${quirk}, ${wire}: canonical framing under every chunking`, async () => {
        const chunks = answerFor(quirk);
        const raw = quirkyStream(canonicalEvents(wire, chunks), quirk);
        // Multi-line JSON comes out on one line with the line breaks as spaces: compare it re-compacted.
        const same = quirk === 'multilineData' ? compact : (s: string) => s;
        for (const chunking of CHUNKINGS) assert.equal(same(await frame(cutStream(raw, chunking))), canonical(wire, chunks), chunking);
      });
    }
  }

  it('the canonical framing itself comes through unchanged, and U+2028/U+2029 come out escaped JSON that parses back', async () => {
    const text = canonical('anthropic', ['a', 'b']);
    assert.equal(await frame([Buffer.from(text)]), text);
    const out = await frame([Buffer.from('data: {"t":"x\u2028y\u2029z"}\n\n')]);
    assert.equal(out, 'data: {"t":"x\\u2028y\\u2029z"}\n\n');
    assert.equal(JSON.parse(out.slice(6)).t, 'x\u2028y\u2029z');
  });

  it('is incremental: each event is out as soon as its blank line is in, and a partial event holds back nothing else', async () => {
    const { push, close, next, ended } = framedLive();
    push('data: {"n":1}\n\ndata: {"n"');
    assert.equal(await next(), 'data: {"n":1}\n\n');
    push(':2}\n');
    push('\n');
    assert.equal(await next(), 'data: {"n":2}\n\n');
    close();
    assert.equal(await ended(), true);
  });

  it('chunks already in canonical framing pass as they are, and come out as the event-by-event framing would write them', async () => {
    const bytewise = (text: string) => [...Buffer.from(text)].map((b) => Uint8Array.of(b)); // never whole events: framed event by event
    const inputs = [
      'data: {"a":1}\n\ndata: [DONE]\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta"}\n\n',
      'event: message\ndata: {"a":1}\n\n', // the spec's default name is dropped
      'data: {"type":"message_stop"}\n\n', // an unnamed event is named after its type
      'data: {"type":1}\n\ndata:{"b":2}\n\n', // no space after the colon
      'data: \n\ndata: {"c":3}\n\n', // empty data is dropped
      'id: 7\ndata: {"d":4}\n\n',
      'event: bad name\ndata: {"e":5}\n\n',
      'data: {"f":"\u2028"}\n\n',
      '\uFEFFdata: {"g":6}\n\n', // a BOM first
      'data: {"h":7}\ndata: {"i":8}\n\n', // two data lines
      'event: ping\n\ndata: {"j":9}\n\n', // an event line alone
      'data: {"k":10}\r\n\r\ndata: {"l":11}\r\n\r\n', // CRLF line ends (Gemini)
      'data: {"m":12}\r\n\ndata: {"n":13}\n\r\n', // mixed
      'data: {"o":14}\r\rdata: {"p":15}\r\n\r\n', // a lone CR
      'data: {"type":"q"}\r\n\r\n',
    ];
    for (const text of inputs) assert.equal(await frame([Buffer.from(text)]), await frame(bytewise(text)), JSON.stringify(text));
    // After a chunk that ends inside an event, the next whole-looking chunk is framed with it.
    assert.equal(await frame([Buffer.from('data: {"n"'), Buffer.from(':1}\n\ndata: {"m":2}\n\n')]), 'data: {"n":1}\n\ndata: {"m":2}\n\n');
    assert.equal(await frame([Buffer.from('data: {"n":1}\r'), Buffer.from('\n\r\ndata: {"m":2}\r\n\r\n')]), 'data: {"n":1}\n\ndata: {"m":2}\n\n');
    // A character cut across chunks, then whole events: the same text as one chunk.
    const euro = Buffer.from('data: {"x":"€"}\n\n');
    const cut = euro.indexOf(0xe2) + 1;
    assert.equal(await frame([euro.subarray(0, cut), euro.subarray(cut), Buffer.from('data: {"y":1}\n\n')]), 'data: {"x":"€"}\n\ndata: {"y":1}\n\n');
  });

  it('network chunks that cut events anywhere: each read gives the whole events so far, at once, in lone-CR streams too', async () => {
    const { push, close, next, ended } = framedLive();
    push('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":');
    assert.equal(await next(), 'data: {"n":1}\n\ndata: {"n":2}\n\n');
    push('3}\r\n\r\ndata: {"n":4}\r\n\r\ndata: {"n":5}\r');
    assert.equal(await next(), 'data: {"n":3}\n\ndata: {"n":4}\n\n');
    push('\n\r\ndata: {"n":6}\r\rdata: {"n"'); // lone CRs end lines too: no blank-line search can see them
    assert.equal(await next(), 'data: {"n":5}\n\ndata: {"n":6}\n\n');
    push(':7}\r\r'); // a CR last may be half a CRLF: the parser waits for the next character, or the end
    close();
    assert.equal(await next(), 'data: {"n":7}\n\n');
    assert.equal(await ended(), true);
  });

  it('an unfinished event past the fast path\'s hold goes to the parser, which keeps it to its end (or errors past the bound)', async () => {
    const long = `data: {"t":"${'x'.repeat(100_000)}"}\n\n`;
    const pieces = [Buffer.from('data: {"a":1}\n\n'), ...Array.from({ length: 11 }, (_, i) => Buffer.from(long.slice(i * 10_000, (i + 1) * 10_000))), Buffer.from('data: {"b":2}\n\n')];
    assert.ok((await frame(pieces)) === `data: {"a":1}\n\n${long}data: {"b":2}\n\n`);
    await assert.rejects(frame(pieces, 50_000), /longer than 50000 characters/);
  });

  it('a stream ending in a lone CR ends its last event; an event without its blank line is dropped', async () => {
    assert.equal(await frame([Buffer.from('data: {"a":1}\r\r')]), 'data: {"a":1}\n\n');
    assert.equal(await frame([Buffer.from('data: {"a":1}\n\ndata: {"b":')]), 'data: {"a":1}\n\n');
  });

  it('names only JSON objects with a string `type`; keeps given names; drops `message`, empty data and comments', () => {
    assert.equal(frameEvent({ data: '{"type":"message_stop"}' }), 'event: message_stop\ndata: {"type":"message_stop"}\n\n');
    assert.equal(frameEvent({ event: 'ping', data: '{"type":"x"}' }), 'event: ping\ndata: {"type":"x"}\n\n');
    assert.equal(frameEvent({ event: 'message', data: '{"a":1}' }), 'data: {"a":1}\n\n');
    assert.equal(frameEvent({ data: '{"type":1}' }), 'data: {"type":1}\n\n');
    assert.equal(frameEvent({ data: '{"type":"bad name\\n"}' }), 'data: {"type":"bad name\\n"}\n\n');
    assert.equal(frameEvent({ data: '[DONE]' }), 'data: [DONE]\n\n');
    assert.equal(frameEvent({ data: '' }), '');
  });

  it('joins multi-line JSON onto one line; keeps multi-line text that is not JSON as several data lines', () => {
    assert.equal(frameEvent({ data: '{\n "a": [1,\n 2]\n}' }), 'data: {  "a": [1,  2] }\n\n');
    assert.equal(frameEvent({ data: 'one\ntwo' }), 'data: one\ndata: two\n\n');
  });

  it('errors the stream, instead of growing, on a line past the bound', async () => {
    await assert.rejects(frame([Buffer.from('data: '), Buffer.alloc(2000, 0x61)], 1000), /longer than 1000 characters/);
  });

  describe('responses', () => {
    let server: http.Server;
    let url = '';
    before(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/json') return res.writeHead(201, { 'content-type': 'application/json', 'x-a': '1' }).end('{"x":": not sse"}');
        const body = ':\ndata:{"type":"t"}\r\n\r\n';
        res.writeHead(200, 'Fine', { 'content-type': 'Text/Event-Stream; charset=utf-8', 'x-request-id': 'r1', 'content-length': String(body.length) });
        res.end(body);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

    it('an event stream keeps status, statusText, headers and url; only the body is re-framed', async () => {
      const res = await withSseFraming(fetch)(`${url}/sse`);
      assert.equal(res.status, 200);
      assert.equal(res.statusText, 'Fine');
      assert.equal(res.headers.get('x-request-id'), 'r1');
      assert.equal(res.headers.get('content-length'), null, 'the byte count changed');
      assert.equal(res.url, `${url}/sse`);
      assert.equal(await res.text(), 'event: t\ndata: {"type":"t"}\n\n');
    });

    it('any other response is the very same object; wrapping twice wraps once', async () => {
      const original = await fetch(`${url}/json`);
      assert.equal(reframeResponse(original), original);
      assert.equal(await original.text(), '{"x":": not sse"}');
      const once = withSseFraming(fetch);
      assert.equal(withSseFraming(once), once);
    });
  });
});
