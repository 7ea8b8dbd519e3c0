// A one-route HTTP server that answers every request with one error response whose body is cut the
// way rawStream.ts cuts a stream (whole, per event, awkward, byte), so an adapter's error path is
// checked to read the same body and headers however the bytes arrive. Close it after use.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cutStream, type Chunking } from './rawStream';

export interface RawErrorServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRawError(status: number, body: string, headers: Record<string, string>, chunking: Chunking): Promise<RawErrorServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      for (const piece of cutStream([body], chunking)) {
        if (res.destroyed) return;
        res.write(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
