// A loopback server that stands where a base URL points and answers with redirects: to another
// origin (the redirect attack: does the client follow with the key?), or, for paths under /moved,
// to the same path on itself without that prefix, which it then forwards to `upstream` (a
// same-origin redirect must keep working). Records every request it saw. close() ends everything.

import http from 'node:http';
import { forwardRequest, listenOnLoopback } from './loopback';

export interface Redirector {
  url: string;
  /** Requests seen: method, path and headers. */
  seen: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  /** The status and target origin of cross-origin redirects (change between tries). */
  redirect: { status: number; to: string };
  close(): Promise<void>;
}

export async function startRedirector(upstream: string, redirect: { status: number; to: string }): Promise<Redirector> {
  const self: Redirector = { url: '', seen: [], redirect, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    self.seen.push({ method: req.method ?? 'GET', path, headers: req.headers });
    if (path.startsWith('/moved/')) {
      res.writeHead(307, { location: path.slice('/moved'.length) }).end();
      return;
    }
    if (path.startsWith('/away/')) {
      res.writeHead(self.redirect.status, { location: `${self.redirect.to}${path.slice('/away'.length)}` }).end();
      return;
    }
    // Forward to the upstream fake as it is (same method, headers, body).
    const target = new URL(path, upstream);
    forwardRequest(req, res, target, { ...req.headers, host: target.host });
  });
  const listening = await listenOnLoopback(server);
  self.url = listening.url;
  self.close = listening.close;
  return self;
}
