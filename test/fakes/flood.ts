// A provider that streams as fast as the client reads (issue 15): up to `bytes` of SSE, in
// batches of events, waiting for 'drain' so the fake itself holds almost nothing. `text` floods
// with real text deltas (the answer cap must cut them); `empty` with deltas that carry no text
// (keep-alive-like noise the cap never sees), which only Stop or the end of the flood ends.
import type http from 'node:http';
import { WIRES, type Wire } from './wire';

export interface Flood {
  /** Bytes of events to send at most (the response then ends normally). */
  bytes: number;
  kind: 'text' | 'empty';
}

/** About this many bytes per write. */
const BATCH_BYTES = 64 * 1024;
const WORDS = 'flood of words that keeps coming faster than anyone can read it ';

export async function streamFlood(flood: Flood, res: http.ServerResponse, wire: Wire, model: string, id: string, alive: () => boolean): Promise<void> {
  const format = WIRES[wire];
  const usage = { input: 10, output: 10, cached: 0, cacheWrite: 0, cost: undefined };
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...format.headers(id) });
  for (const event of format.start(model, id, usage)) res.write(event);
  const one = format.delta(flood.kind === 'text' ? WORDS : '', model, id, false);
  const batch = one.repeat(Math.max(1, Math.floor(BATCH_BYTES / one.length)));
  let sent = 0;
  while (sent < flood.bytes) {
    if (!alive()) return;
    sent += batch.length;
    if (!res.write(batch)) {
      const closed = await new Promise<boolean>((resolve) => {
        const done = (closed: boolean) => {
          res.off('drain', onDrain);
          res.off('close', onClose);
          resolve(closed);
        };
        const onDrain = () => done(false);
        const onClose = () => done(true);
        res.once('drain', onDrain);
        res.once('close', onClose);
      });
      if (closed) return;
    }
  }
  if (!alive()) return;
  for (const event of format.finish(model, id, 'stop', usage, true)) res.write(event);
  res.end();
}
