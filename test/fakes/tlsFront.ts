// An https front for the fake providers: a throwaway self-signed certificate for 127.0.0.1 (made
// with the system's openssl into a temp folder, removed at once) and a server that forwards every
// request to the plain-http fake. Lets the proxy tests send https requests (CONNECT tunnels).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { forwardRequest, listenOnLoopback } from './loopback';

export interface TlsFront {
  url: string;
  close(): Promise<void>;
}

function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-tls-'));
  try {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr || r.error?.message}`);
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startTlsFront(upstream: string): Promise<TlsFront> {
  const server = https.createServer(selfSigned(), (req, res) => {
    const target = new URL(req.url ?? '/', upstream);
    forwardRequest(req, res, target, { ...req.headers, host: target.host });
  });
  const { url, close } = await listenOnLoopback(server, 'https');
  return { url, close };
}
