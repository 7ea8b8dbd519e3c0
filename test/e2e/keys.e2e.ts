// Issue 5: keys set, shown masked, tested, kept across a reload and removed — from the command
// palette of real VS Code — and the key string found nowhere it must not be.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFakeProviders, type FakeProviders } from '../fakes/server';
import { useWorkbench } from './fixture';
import { findOutputChannelLogs } from '../harness/codeServer.mjs';
import { chatFrame, openSwitchboardView, quickInput, runCommand, screenshot, waitForNotification, clearNotifications } from './workbench';

// Distinctive, so a hit can only be a leak of this key.
const KEY = `sk-e2eKEY${Date.now().toString(36)}LEAKCANARY9876`;

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out = out.concat(filesUnder(full));
    else if (st.isFile() && st.size < 50_000_000) out.push(full);
  }
  return out;
}

async function managedRows(page: import('playwright-core').Page): Promise<string[]> {
  await runCommand(page, 'Switchboard: Manage Providers');
  await quickInput.waitOpen(page, { title: 'Switchboard: Providers' });
  const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
  await quickInput.dismiss(page);
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

describe('keys: set, mask, test, reload, remove — and no leaks', function () {
  const wb = useWorkbench();
  let fake: FakeProviders;

  // Base URLs are application-scoped: they must be in User settings before the page loads.
  wb.beforeOpen(async () => {
    fake = await startFakeProviders();
    await wb.server.updateSettings({
      'switchboard.openai.baseUrl': fake.baseURLs.openai,
      'switchboard.anthropic.baseUrl': fake.baseURLs.anthropic,
      'switchboard.gemini.baseUrl': fake.baseURLs.gemini,
    });
  });

  after(async () => {
    await fake?.close();
  });

  it('rejects a key of the wrong shape in the input box, then stores a good one', async () => {
    const page = wb.page;
    await runCommand(page, 'Switchboard: Set API Key');
    await quickInput.waitOpen(page, { title: /Set the API key/ });
    await quickInput.pick(page, 'OpenAI');
    await quickInput.waitOpen(page, { title: 'Switchboard: OpenAI API key' });
    assert.equal(await quickInput.input(page).getAttribute('type'), 'password', 'the key is typed into a password box');
    await quickInput.type(page, 'AIzaNotAnOpenAIKey12345', { submit: false });
    await page.waitForFunction(() => /does not look like/.test(document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? ''));
    await quickInput.type(page, KEY);
    await waitForNotification(page, /OpenAI key saved \(sk-…9876\)/);
    await clearNotifications(page);
  });

  it('shows the key masked in Manage Providers', async () => {
    const rows = await managedRows(wb.page);
    const openai = rows.find((r) => r.includes('OpenAI'));
    assert.ok(openai, `no OpenAI row in ${rows.join(' | ')}`);
    assert.match(openai, /key sk-…9876/);
    assert.ok(rows.some((r) => /Anthropic.*no key/.test(r)), 'providers without a key say so');
    assert.ok(!rows.join(' ').includes(KEY));
  });

  it('tests the key with a live model listing against the (fake) provider', async () => {
    const page = wb.page;
    const before = fake.requests.length;
    await runCommand(page, 'Switchboard: Test API Key');
    await quickInput.waitOpen(page, { title: /Test the API key/ });
    await quickInput.pick(page, 'OpenAI');
    await waitForNotification(page, /OpenAI key works — \d+ models available/);
    const listing = fake.requests.slice(before).find((r) => r.path === '/v1/models');
    assert.ok(listing, 'the fake saw GET /v1/models');
    assert.equal(listing.headers.authorization, `Bearer ${KEY}`, 'the key travels only as the auth header');
    await clearNotifications(page);
    const rows = await managedRows(page);
    assert.match(rows.find((r) => r.includes('OpenAI'))!, /last test OK/);
  });

  it('still has the key after a window reload', async () => {
    await wb.reload();
    const rows = await managedRows(wb.page);
    assert.match(rows.find((r) => r.includes('OpenAI'))!, /key sk-…9876/);
  });

  it('removes the key', async () => {
    const page = wb.page;
    await runCommand(page, 'Switchboard: Remove API Key');
    await quickInput.waitOpen(page, { title: /Remove the API key/ });
    await quickInput.pick(page, 'OpenAI');
    await waitForNotification(page, /OpenAI key removed/);
    const rows = await managedRows(page);
    assert.match(rows.find((r) => r.includes('OpenAI'))!, /no key/);
    await screenshot(page, 'keys-removed');
  });

  it('leaks the key nowhere: user-data dir, settings, logs, globalState, webview DOM', async () => {
    const page = wb.page;
    const hits: string[] = [];
    for (const file of filesUnder(wb.server.userDataDir)) {
      if (readFileSync(file).includes(KEY)) hits.push(path.relative(wb.server.userDataDir, file));
    }
    // Every window's Switchboard output channel (a reload starts a new extension host and log).
    const channelText = findOutputChannelLogs(wb.server.userDataDir, 'Switchboard').map((f: string) => readFileSync(f, 'utf8')).join('\n');
    assert.ok(channelText.includes('API key set for openai (sk-…9876)'), 'the output channel was read');
    // Browser-side storage: code-server keeps globalState (and secrets) in the page's IndexedDB.
    const stores = await page.evaluate(async () => {
      const out: { db: string; store: string; key: string; value: string }[] = [];
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open(info.name!);
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        for (const storeName of Array.from(db.objectStoreNames)) {
          const tx = db.transaction(storeName, 'readonly');
          const store = tx.objectStore(storeName);
          const [keys, values] = await Promise.all([
            new Promise<IDBValidKey[]>((res) => { const r = store.getAllKeys(); r.onsuccess = () => res(r.result); }),
            new Promise<unknown[]>((res) => { const r = store.getAll(); r.onsuccess = () => res(r.result); }),
          ]);
          keys.forEach((k, i) => {
            const v = values[i];
            out.push({ db: info.name!, store: storeName, key: String(k), value: typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : JSON.stringify(v) ?? '' });
          });
        }
        db.close();
      }
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        out.push({ db: 'localStorage', store: '', key: k, value: localStorage.getItem(k) ?? '' });
      }
      return out;
    });
    assert.ok(stores.some((s) => s.key.includes('switchboard')), 'globalState entries of the extension were read');
    for (const s of stores) if (s.value.includes(KEY) || s.key.includes(KEY)) hits.push(`${s.db}/${s.store}/${s.key}`);
    const frame = await openSwitchboardView(page);
    const dom = await frame.locator('html').evaluate((el) => el.outerHTML);
    if (dom.includes(KEY)) hits.push('chat webview DOM');
    const workbenchDom = await page.locator('html').evaluate((el) => el.outerHTML);
    if (workbenchDom.includes(KEY)) hits.push('workbench DOM');
    assert.deepEqual(hits, [], 'the key leaked');
    assert.ok(await (await chatFrame(page)).locator('[data-testid="chat-root"]').isVisible());
  });
});
