// The built VSIX in real VS Code (code-server) driven by Chromium: it activates, its activity-bar
// icon opens the chat webview, and its commands run from the command palette. On every VS Code
// build (1.100 has no languageModelChatProviders point; 1.139 has both), its chat contributions
// and the lm / chat APIs produce no warning or error in the server's logs or the renderer's console.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/codeServer.mjs';
import { useWorkbench } from './fixture';
import {
  keepForReadme,
  EXTENSION_ID, activityBarItem, escapeRegExp, build, chatFrame, errorNotifications, extensionHostLog, openCommandPalette, openSwitchboardView,
  quickInput, runCommand, screenshot, serverProblems, waitForOutput,
} from './workbench';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  contributes: { commands: { command: string; title: string; category: string }[]; menus: { commandPalette?: { command: string; when?: string }[] } };
};

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('skeleton: Switchboard in real VS Code', function () {
  const wb = useWorkbench();

  it('activates without errors', async () => {
    // The extension host logs every activation, and every failure with "Activating extension … failed".
    const log = await until('the extension host to activate Switchboard', () => {
      const text = extensionHostLog(wb.server);
      return new RegExp(`(ExtensionService#_doActivateExtension|Activating extension) ${EXTENSION_ID.replace('.', '\\.')}`).test(text) ? text : '';
    });
    assert.doesNotMatch(log, new RegExp(`Activating extension '?${EXTENSION_ID.replace('.', '\\.')}'? failed`, 'i'));
    // Its services load right after activate() returns; they announce themselves in the output channel.
    await waitForOutput(wb.server, `Switchboard ${manifest.version}`);
    assert.deepEqual(await errorNotifications(wb.page), []);
  });

  it('logs no warning or error about its chat contributions or the lm / chat APIs', async () => {
    // Contribution points are checked when the extension is registered; the host logs a problem as
    // "[publisher.name]: …" (renderer console) or by API name (extension host, remote agent).
    await waitForOutput(wb.server, `Switchboard ${manifest.version}`);
    await new Promise((r) => setTimeout(r, 2000)); // late registrations (the model provider) and log flushes
    const about = new RegExp([
      'languageModelChatProviders', 'chatParticipants', 'switchboard\\.participant', 'languageModel', 'chatParticipant',
      'API proposal', 'proposed API', '\\bvscode\\.(lm|chat)\\b', `\\[${escapeRegExp(EXTENSION_ID)}\\]`,
    ].join('|'), 'i');
    const found = [
      ...serverProblems(wb.server),
      ...wb.pageErrors.map((m) => `console error: ${m}`),
      ...wb.pageWarnings.map((m) => `console warning: ${m}`),
    ].filter((line) => about.test(line));
    assert.deepEqual(found, [], `VS Code ${build} logged problems about Switchboard's chat contributions`);
  });

  it('shows the chat panel in its webview when the activity-bar icon is clicked', async () => {
    const page = wb.page;
    const frame = await openSwitchboardView(page);
    assert.equal(await activityBarItem(page, 'Switchboard').getAttribute('aria-selected'), 'true');
    const root = frame.locator('#app [data-testid="chat-root"]');
    await root.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await root.boundingBox())!.height > 0, 'the chat root has no height');
    // Themed with the workbench's variables: VS Code injects them into the webview document.
    const fg = await frame.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--vscode-foreground').trim());
    assert.notEqual(fg, '', 'the webview did not receive the --vscode-* theme variables');
    assert.deepEqual(await errorNotifications(page), []);
    const file = await screenshot(page, 'chat-panel');
    console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
    keepForReadme(file, 'chat-panel');
  });

  it('lists every contributed command in the command palette', async () => {
    const page = wb.page;
    await openCommandPalette(page);
    await quickInput.type(page, '>Switchboard:', { submit: false });
    // Commands the palette shows only in some state (Accept / Reject Proposed Edit while an edit is pending).
    const conditional = new Set((manifest.contributes.menus.commandPalette ?? []).filter((m) => m.when).map((m) => m.command));
    const expected = manifest.contributes.commands.filter((c) => !conditional.has(c.command)).map((c) => `${c.category}: ${c.title}`).sort();
    const offered = await until('the palette to list the Switchboard commands', async () => {
      const items = await quickInput.items(page);
      return expected.every((c) => items.includes(c)) ? items : undefined;
    }, 10_000).catch(async () => quickInput.items(page));
    await quickInput.dismiss(page);
    // VS Code adds its own entries for the view (e.g. "Switchboard: Focus on Chat View").
    assert.deepEqual(expected.filter((c) => !offered.includes(c)), [], `missing from the palette; it offered: ${offered.join(' | ')}`);
  });

  it('runs "Switchboard: New Chat" from the command palette', async () => {
    const page = wb.page;
    await runCommand(page, 'Switchboard: New Chat');
    // A command the extension failed to register shows "command 'switchboard.newChat' not found".
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await errorNotifications(page), []);
    await (await chatFrame(page)).locator('[data-testid="chat-root"]').waitFor({ state: 'visible' });
    await screenshot(page, 'after-new-chat');
  });
});
