import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSafeFetch } from '../../../../src/core/net/safeFetch';

interface Seen { method: string; path: string; body: string; headers: http.IncomingHttpHeaders }

/** A loopback server whose handler the test sets; records what it saw. */
async function server(handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method!, path: req.url!, body, headers: req.headers });
      handle(req, res, body);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

describe('core/net/safeFetch', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('follows a same-origin 307/308 keeping method, body and headers', async () => {
    const s = await server((req, res) => (req.url === '/end' ? res.end('done') : res.writeHead(req.url === '/a' ? 307 : 308, { location: req.url === '/a' ? '/b' : '/end' }).end()));
    closers.push(s.close);
    const res = await createSafeFetch()(`${s.url}/a`, { method: 'POST', body: '{"x":1}', headers: { 'x-api-key': 'k', 'content-type': 'application/json' } });
    assert.equal(await res.text(), 'done');
    assert.deepEqual(s.seen.map((r) => [r.method, r.path, r.body, r.headers['x-api-key']]), [
      ['POST', '/a', '{"x":1}', 'k'],
      ['POST', '/b', '{"x":1}', 'k'],
      ['POST', '/end', '{"x":1}', 'k'],
    ]);
  });

  it('turns a POST into a GET without body on 301/302/303, as fetch does', async () => {
    for (const status of [301, 302, 303]) {
      const s = await server((req, res) => (req.url === '/end' ? res.end(req.method) : res.writeHead(status, { location: '/end' }).end()));
      closers.push(s.close);
      const res = await createSafeFetch()(`${s.url}/a`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
      assert.equal(await res.text(), 'GET', String(status));
      assert.equal(s.seen[1]!.body, '');
      assert.equal(s.seen[1]!.headers['content-type'], undefined);
    }
  });

  it('refuses a redirect to another origin, naming both hosts, and sends nothing there', async () => {
    const other = await server((_req, res) => res.end('should not be reached'));
    const s = await server((_req, res) => res.writeHead(302, { location: `${other.url}/steal` }).end());
    closers.push(s.close, other.close);
    await assert.rejects(createSafeFetch()(`${s.url}/v1/models`, { headers: { 'x-goog-api-key': 'AIzaSECRET' } }), (e: Error) => {
      assert.equal(e.name, 'CrossOriginRedirectError');
      assert.equal(e.message, `${new URL(s.url).host} redirected to ${new URL(other.url).host}; Switchboard does not send your key to another host. Check the base URL.`);
      return true;
    });
    assert.equal(other.seen.length, 0);
  });

  it('treats another scheme or port on the same host as another origin', async () => {
    const s = await server((req, res) => res.writeHead(301, { location: req.url === '/tls' ? `https://${req.headers.host}/x` : 'http://127.0.0.1/x' }).end());
    closers.push(s.close);
    const host = new URL(s.url).host;
    await assert.rejects(createSafeFetch()(`${s.url}/`), new RegExp(`^CrossOriginRedirectError: ${host} redirected to 127\\.0\\.0\\.1;`));
    await assert.rejects(createSafeFetch()(`${s.url}/tls`), new RegExp(`http://${host} redirected to https://${host};`), 'same host, only the scheme differs');
  });

  it('gives up after maxRedirects same-origin hops, and passes a 3xx without Location through', async () => {
    const s = await server((req, res) => (req.url === '/nowhere' ? res.writeHead(302).end() : res.writeHead(302, { location: '/loop' }).end()));
    closers.push(s.close);
    await assert.rejects(createSafeFetch({ maxRedirects: 3 })(`${s.url}/loop`), /more than 3 times/);
    assert.equal(s.seen.length, 4);
    assert.equal((await createSafeFetch()(`${s.url}/nowhere`)).status, 302);
  });

  it('accepts a Request object and uses the fetch it is given for every hop', async () => {
    const s = await server((req, res) => (req.url === '/b' ? res.end(req.method) : res.writeHead(307, { location: '/b' }).end()));
    closers.push(s.close);
    const hops: string[] = [];
    const safe = createSafeFetch({ fetch: (input, init) => (hops.push(String(input)), fetch(input, init)) });
    const res = await safe(new Request(`${s.url}/a`, { method: 'PUT', body: 'payload' }));
    assert.equal(await res.text(), 'PUT');
    assert.deepEqual(hops, [`${s.url}/a`, `${s.url}/b`]);
    assert.equal(s.seen[1]!.body, 'payload');
  });
});
