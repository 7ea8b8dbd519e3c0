// A loopback HTTP proxy for the proxy tests: forwards absolute-URI requests (`GET http://host/…`)
// and CONNECT tunnels, and counts both by target. Binds 127.0.0.1; close() destroys every socket.
import http from 'node:http';
import net, { type Socket } from 'node:net';
import { forwardRequest, listenOnLoopback } from './loopback';

export interface TestProxy {
  url: string;
  /** One entry per forwarded request or tunnel: its kind and `host:port` target. */
  forwarded: { kind: 'request' | 'connect'; target: string }[];
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  const self: TestProxy = { url: '', forwarded: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    self.forwarded.push({ kind: 'request', target: target.host });
    forwardRequest(req, res, target);
  });
  const listening = await listenOnLoopback(server);
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    listening.track(client);
    const [host, port] = (req.url ?? '').split(':');
    self.forwarded.push({ kind: 'connect', target: req.url ?? '' });
    const upstream = net.connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    listening.track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  self.url = listening.url;
  self.close = listening.close;
  return self;
}
