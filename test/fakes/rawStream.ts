// Sends a recorded SSE stream byte for byte, cut the four ways a real network (or gateway) may cut
// it, so an adapter's result can be checked to be the same under every chunking:
//   whole   — the entire stream in one write
//   event   — one write per event
//   awkward — cuts inside lines, between CR and LF, and inside multi-byte UTF-8 characters
//   byte    — one byte per write
// Each write is followed by a turn of the event loop, so the client sees them as separate reads.
import type http from 'node:http';

export type Chunking = 'whole' | 'event' | 'awkward' | 'byte';
export const CHUNKINGS: readonly Chunking[] = ['whole', 'event', 'awkward', 'byte'];

/** The byte pieces `events` is sent in under `chunking`. */
export function cutStream(events: readonly string[], chunking: Chunking): Buffer[] {
  if (chunking === 'event') return events.map((e) => Buffer.from(e, 'utf8'));
  const all = Buffer.from(events.join(''), 'utf8');
  if (chunking === 'whole') return [all];
  if (chunking === 'byte') return [...all].map((b) => Buffer.from([b]));
  const cuts = new Set<number>();
  for (let i = 1; i < all.length; i++) {
    const isContinuation = (all[i]! & 0xc0) === 0x80;
    const afterCr = all[i - 1] === 0x0d;
    if (afterCr || (isContinuation && (all[i - 1]! & 0xc0) !== 0x80) || i % 13 === 0) cuts.add(i);
  }
  const pieces: Buffer[] = [];
  let start = 0;
  for (const at of [...cuts].sort((a, b) => a - b)) {
    pieces.push(all.subarray(start, at));
    start = at;
  }
  pieces.push(all.subarray(start));
  return pieces;
}

export async function sendRawStream(res: http.ServerResponse, events: readonly string[], chunking: Chunking, headers: Record<string, string>, alive: () => boolean, holdOpen = false): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.socket?.setNoDelay(true);
  for (const piece of cutStream(events, chunking)) {
    if (!alive()) return;
    res.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (alive() && !holdOpen) res.end();
}
