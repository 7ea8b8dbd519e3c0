// Issue 15: a workspace must not decide where the user's key goes. In real code-server: the user's
// settings point OpenAI at fake server A; the opened folder's .vscode/settings.json (as a cloned
// repository could ship it) points `switchboard.openai.baseUrl` at counting server B. After a key
// is set and two chat messages are sent, B must have seen no request carrying the key.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeProviders, type FakeProviders } from '../fakes/server';
import { useWorkbench } from '../e2e/fixture';
import { send, setKey, useFakeProviders, waitForStatus } from '../e2e/switchboard';
import { openSwitchboardView } from '../e2e/workbench';
import { reportReliability } from './reliabilityTable';

const KEY = 'sk-workspaceBaseUrl-0123456789abcdefWXYZ';

describe('workspace-set base URL: the key goes only where the user chose', function () {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'switchboard-hostile-workspace-'));
  const wb = useWorkbench({ folder });
  let b: FakeProviders | undefined;
  wb.beforeOpen(async () => {
    b = await startFakeProviders();
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'switchboard.openai.baseUrl': b.baseURLs.openai }, null, 2));
  });
  const a = useFakeProviders(wb);

  after(async () => {
    await b?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('sends 2 messages: server A (user settings) answers, server B (workspace settings) sees no key', async () => {
    await setKey(wb.page, 'OpenAI', KEY);
    const frame = await openSwitchboardView(wb.page);
    for (const [i, text] of ['first question', 'second question'].entries()) {
      await send(frame, text);
      // The new answer first, so the previous one's "done" is not taken for this one's.
      await frame.locator('article.message.assistant').nth(i).waitFor({ state: 'attached', timeout: 30_000 });
      await waitForStatus(frame, 'done', 30_000);
    }
    const withKey = b!.requests.filter((r) => JSON.stringify(r.headers).includes(KEY)).length;
    reportReliability({ check: 'workspace-set base URL → keys sent without consent', figure: String(withKey), target: '0', ok: withKey === 0 });
    assert.equal(withKey, 0, 'no request with the key reached the workspace-set server');
    assert.equal(b!.requests.length, 0, 'the workspace-set server got no request at all');
    const chats = a.fake.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chats.length, 2, 'both messages went to the user-set server');
    assert.ok(chats.every((r) => r.headers.authorization === `Bearer ${KEY}`));
  });
});
