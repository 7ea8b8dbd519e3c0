// Issue 15 part 4 in real VS Code (code-server): a slow answer is streaming when the page is
// reloaded (a new extension host starts; the old one is deactivated), or when its extension host
// is killed with SIGKILL (no deactivate) and the page then reloads. The text shown before must
// come back, marked interrupted, short of at most the last few seconds (the answer is saved every
// 2 s while it streams, and once more when the host deactivates). The usage report must list the
// request with an estimate marked ≈ (its pending usage record, settled after the crash).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { useWorkbench } from '../e2e/fixture';
import { lastAnswer, send, setKey, useFakeProviders, waitForStatus } from '../e2e/switchboard';
import { openChatView, openSwitchboardView, runCommand, waitForWorkbench, webviewFrame } from '../e2e/workbench';
import { reportReliability } from './reliabilityTable';

const KEY = 'sk-reloadMidStream-0123456789abcdefWXYZ';
const WORDS = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
const GRACE_MS = 3_000;
const USAGE_WAIT_MS = 75_000;

/** Extension host processes under code-server's process (Linux /proc). */
function extensionHosts(rootPid: number): number[] {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return { pid: Number(d), ppid, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') };
    } catch {
      return undefined;
    }
  }).filter((p): p is { pid: number; ppid: number; cmd: string } => !!p);
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (tree.has(p.ppid) && !tree.has(p.pid)) { tree.add(p.pid); grew = true; }
  }
  return procs.filter((p) => tree.has(p.pid) && /extensionHost/.test(p.cmd)).map((p) => p.pid);
}

async function answerText(frame: FrameLocator): Promise<string> {
  return (await lastAnswer(frame).locator('.answer').innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
}

describe('faults: reload mid-stream', function () {
  this.timeout(600_000);
  const wb = useWorkbench();
  const fp = useFakeProviders(wb);

  before(async function () {
    this.timeout(120_000);
    await setKey(wb.page, 'OpenAI', KEY);
  });

  for (const mode of ['reload', 'kill'] as const) {
    it(mode === 'reload' ? 'reload while an answer streams → characters kept vs characters shown' : 'extension host killed (SIGKILL) while an answer streams, then reload → characters kept', async () => {
      const frame = await openSwitchboardView(wb.page);
      await frame.locator('[data-testid="new-chat"]').click();
      // ~10 chunks of 12 characters a second: 120 characters/s, about 90 s for the whole answer.
      fp.fake.enqueue('openai', { text: WORDS, chunkSize: 12, chunkDelayMs: 100, usage: { input: 50, output: 2000 } });
      const question = `Stream slowly, I will ${mode}`;
      await send(frame, question);
      await waitForStatus(frame, 'streaming');
      const samples: { at: number; chars: number }[] = [];
      const until = Date.now() + 7_000;
      while (Date.now() < until) {
        samples.push({ at: Date.now(), chars: (await answerText(frame)).length });
        await new Promise((r) => setTimeout(r, 200));
      }
      // The cut is the moment of the kill (or the reload); reading the panel afterwards can take
      // seconds once its host is gone, and must not move the cut later.
      const last = samples[samples.length - 1]!.chars;
      let cutAt = Date.now();
      if (mode === 'kill') {
        const hosts = extensionHosts(wb.server.process.pid!);
        assert.ok(hosts.length > 0, 'found the extension host process');
        cutAt = Date.now();
        for (const pid of hosts) process.kill(pid, 'SIGKILL');
      }
      const shown = Math.max(last, (await answerText(frame)).length);
      samples.push({ at: cutAt, chars: shown });
      await wb.page.reload();
      await waitForWorkbench(wb.page);
      const after = await openChatView(wb.page);
      await after.locator('article.message.user', { hasText: question }).waitFor({ timeout: 30_000 });
      const status = await lastAnswer(after).getAttribute('data-status');
      const kept = await answerText(after);
      const keptChars = kept.length;
      const floor = [...samples].reverse().find((x) => x.at <= cutAt - GRACE_MS)?.chars ?? 0;
      const prefixOk = WORDS.replace(/\s+/g, ' ').startsWith(kept);
      const charsPerMs = shown / Math.max(1, cutAt - samples[0]!.at);
      const lostS = Math.max(0, shown - keptChars) / charsPerMs / 1000;

      // The usage report: the request, and whether it is marked as an estimate (≈). A pending
      // record may be settled a little after the start: look again for up to USAGE_WAIT_MS.
      let rows: string[] = [];
      for (const deadline = Date.now() + USAGE_WAIT_MS; ;) {
        await runCommand(wb.page, 'Switchboard: Show Usage Report');
        const recent = (await webviewFrame(wb.page, 'usage')).locator('[data-testid="recent"] tbody tr');
        await recent.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
        rows = (await recent.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).filter((t) => !/No requests/i.test(t) && t.includes('gpt'));
        await wb.page.keyboard.press('Control+W').catch(() => undefined);
        if (rows.length >= (mode === 'reload' ? 1 : 2) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 5_000));
      }
      const rowShown = rows.length >= (mode === 'reload' ? 1 : 2);
      const estimated = rowShown && rows[0]!.includes('≈');
      console.log(`      ${mode}: shown ${shown} chars; kept ${keptChars} (status ${status}); shown ${GRACE_MS / 1000} s before: ${floor}; a prefix of the answer: ${prefixOk}`);
      console.log(`      ${mode}: usage report: ${rowShown ? `"${rows[0]!.slice(0, 160)}"` : 'no request listed'}; marked ≈: ${estimated}`);

      const what = mode === 'reload' ? 'reload mid-stream' : 'host killed mid-stream';
      reportReliability({
        check: `${what} → characters kept of those shown`,
        figure: `${keptChars} of ${shown} (${Math.round((keptChars / Math.max(1, shown)) * 100)} %, ${lostS.toFixed(1)} s of text lost)`,
        target: `≥ all but the last ${GRACE_MS / 1000} s (${floor})`,
        ok: keptChars >= floor && floor > 0 && prefixOk && status === 'interrupted',
      });
      reportReliability({
        check: `${what} → the request in usage, marked ≈`,
        figure: rowShown ? (estimated ? 'listed, ≈' : 'listed, not marked ≈') : 'not listed',
        target: 'listed, ≈',
        ok: estimated,
      });
      assert.ok(floor > 0, 'the answer had streamed for a while before the cut');
      assert.equal(status, 'interrupted');
      assert.ok(prefixOk, `the kept text is the start of the answer: ${kept.slice(0, 80)}…`);
      assert.ok(keptChars >= floor, `kept ${keptChars} chars, ${floor} were shown ${GRACE_MS / 1000} s before the cut`);
    });
  }
});
