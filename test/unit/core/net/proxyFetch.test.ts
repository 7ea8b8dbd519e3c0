import { strict as assert } from 'node:assert';
import { proxySettings } from '../../../../src/core/net/proxyFetch';

describe('core/net/proxyFetch proxySettings', () => {
  it('reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY in either case; https falls back to the http proxy', () => {
    assert.deepEqual(proxySettings({ env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'a.example, b.example' } }), { httpProxy: '', httpsProxy: 'http://p:1', noProxy: 'a.example,b.example' });
    assert.deepEqual(proxySettings({ env: { http_proxy: 'http://p:2' } }), { httpProxy: 'http://p:2', httpsProxy: 'http://p:2', noProxy: '' });
    assert.deepEqual(proxySettings({ env: {} }), { httpProxy: '', httpsProxy: '', noProxy: '' });
  });

  it('http.proxy wins over the environment for both schemes; http.noProxy adds to NO_PROXY', () => {
    assert.deepEqual(proxySettings({ proxy: 'http://vscode:3', noProxy: ['corp.example'], env: { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'localhost' } }), {
      httpProxy: 'http://vscode:3',
      httpsProxy: 'http://vscode:3',
      noProxy: 'corp.example,localhost',
    });
  });
});
