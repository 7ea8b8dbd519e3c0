// What every small test server here shares: binding to 127.0.0.1 only (a test never listens on a
// public interface), a close() that destroys every open socket (keep-alive connections and
// tunnels would otherwise keep the run alive), and forwarding one request as it is to another
// server (the redirector, the proxy and the TLS front all stand in front of the fakes).
import http from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface Loopback {
  url: string;
  /** Also closes sockets the server did not accept itself (e.g. a tunnel's upstream). */
  track(socket: Socket): void;
  close(): Promise<void>;
}

/** `host` may be another loopback address (127.0.0.2 stands for "a host that is not localhost"). */
export async function listenOnLoopback(server: Server, scheme: 'http' | 'https' = 'http', host = '127.0.0.1'): Promise<Loopback> {
  if (!host.startsWith('127.')) throw new Error(`test servers bind to loopback only, not ${host}`);
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  server.on('connection', track);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `${scheme}://${host}:${(server.address() as AddressInfo).port}`,
    track,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends `req` on to `target` (same method, headers and body) and pipes the answer back. */
export function forwardRequest(req: http.IncomingMessage, res: http.ServerResponse, target: URL, headers: http.OutgoingHttpHeaders = req.headers): void {
  const out = http.request(target, { method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', () => res.destroy());
  req.pipe(out);
}
