// The adapters' own SSE reader (net/sseEvents.ts): events in order under any chunking; an end
// marker stops the events and leaves a body that ends right behind it uncancelled (its connection
// stays open for the next request), while a body held open is cancelled after END_GRACE_MS;
// leaving the loop early cancels the body.
import { strict as assert } from 'node:assert';
import { END_GRACE_MS, sseEvents, type SseEvent } from '../../../../src/core/net/sseEvents';

interface Source {
  response: Response;
  push(text: string): void;
  close(): void;
  cancelled(): unknown;
}

function source(): Source {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let reason: unknown = 'not cancelled';
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: (r) => void (reason = r) });
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    push: (text) => controller.enqueue(new TextEncoder().encode(text)),
    close: () => controller.close(),
    cancelled: () => reason,
  };
}

const isDone = (e: SseEvent) => e.data === '[DONE]';

describe('core/net/sseEvents', () => {
  it('yields each event in order, whatever the chunking, and nothing for a response without a body', async () => {
    const text = 'event: a\ndata: {"n":1}\n\ndata: {"n":2}\n\n: comment\n\ndata: €\n\n';
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 3, 7, bytes.length]) {
      // Raw bytes: a character may be cut across chunks.
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.subarray(i, i + size));
          c.close();
        },
      });
      const got: SseEvent[] = [];
      for await (const e of sseEvents(new Response(body))) got.push({ event: e.event, data: e.data });
      assert.deepEqual(got, [{ event: 'a', data: '{"n":1}' }, { event: undefined, data: '{"n":2}' }, { event: undefined, data: '€' }], `chunks of ${size}`);
    }
    const none: SseEvent[] = [];
    for await (const e of sseEvents(new Response(null))) none.push(e);
    assert.deepEqual(none, []);
  });

  it('a body that ends in a lone CR ends its last event there; an event without its blank line is dropped', async () => {
    const events = async (chunks: string[]) => {
      const src = source();
      for (const c of chunks) src.push(c);
      src.close();
      const got: string[] = [];
      for await (const e of sseEvents(src.response)) got.push(e.data);
      return got;
    };
    assert.deepEqual(await events(['data: 1\r\rdata: 2\r\r']), ['1', '2']);
    // The last CR in a chunk of its own, and an empty last read, must not change that.
    assert.deepEqual(await events(['data: 1\r\rdata: 2\r', '\r']), ['1', '2']);
    assert.deepEqual(await events(['data: 1\r\n\r\n', 'data: 2\r\n']), ['1']);
    assert.deepEqual(await events(['data: 1\n\n', 'data: 2\r']), ['1']);
  });

  it('an end marker with the body ending right behind it: the events stop there, the body is read to its end, not cancelled', async () => {
    const s = source();
    s.push('data: {"n":1}\n\ndata: [DONE]\n\n');
    setTimeout(() => s.close(), 5);
    const got: string[] = [];
    for await (const e of sseEvents(s.response, { isEnd: isDone })) got.push(e.data);
    assert.deepEqual(got, ['{"n":1}', '[DONE]']);
    assert.equal(s.cancelled(), 'not cancelled');
  });

  it('an end marker on a body held open (or with more after it): cancelled after the grace, nothing after the marker', async () => {
    const held = source();
    held.push('data: [DONE]\n\n');
    const t0 = performance.now();
    const got: string[] = [];
    for await (const e of sseEvents(held.response, { isEnd: isDone })) got.push(e.data);
    assert.deepEqual(got, ['[DONE]']);
    assert.ok(performance.now() - t0 >= END_GRACE_MS - 5, 'waited for the body to end');
    assert.ok(held.cancelled() instanceof Error);

    const more = source();
    more.push('data: [DONE]\n\n');
    setTimeout(() => more.push('data: {"late":1}\n\n'), 5);
    const after: string[] = [];
    for await (const e of sseEvents(more.response, { isEnd: isDone })) after.push(e.data);
    assert.deepEqual(after, ['[DONE]']);
    assert.ok(more.cancelled() instanceof Error);
  });

  it('leaving the loop early cancels the body', async () => {
    const s = source();
    s.push('data: 1\n\ndata: 2\n\n');
    for await (const e of sseEvents(s.response)) if (e.data === '1') break;
    assert.ok(s.cancelled() instanceof Error);
  });
});
