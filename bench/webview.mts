// The chat webview's figures, measured in Debian's Chromium through the BUILT bundle (dist/), in the
// page the webview tests use (test/webview/harness.ts: real CSP, stubbed acquireVsCodeApi, nothing
// but 127.0.0.1 reachable). The page is driven with the host's own messages (`state`, `delta`,
// `messageDone`); the deltas are posted from inside the page on the host batcher's clock
// (DELTA_INTERVAL_MS, one task each), so no CDP round trip sits between two deltas.
//
// Main-thread busy time = the delta of CDP `Performance.getMetrics` TaskDuration (every task the
// renderer's main thread ran: script, style, layout, paint, GC) over the delta of its Timestamp.
// Long tasks come from a PerformanceObserver('longtask') in the page. Each figure is one run.
// Usage: `npm run build` (or build:prod), then `npx tsx bench/webview.mts` (prints JSON).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { openPanel, repoRoot, startHarness, type Harness, type Panel } from '../test/webview/harness';
import { DELTA_INTERVAL_MS } from '../src/features/chat/deltaBatcher';
import { deltasOf, hugeCodeBlock, longConversation, message, mixedAnswer, stateFor } from './webview/fixtures.mjs';

export interface WebviewFigures {
  /** % of wall time the main thread is busy while a 10,000-token answer with code streams at 100 tokens/s (whole stream, real pace). */
  webviewBusyPct100tps: number;
  /** Long tasks (> 50 ms) during that stream. */
  webviewLongTasks100tps: number;
  /** Main-thread cost of one ~130-char delta into a 50k-char answer ÷ into a 1k-char answer (medians of 7). */
  renderCostRatio50kTo1k: number;
  /** (stream start → 5,000-line block's last line painted after messageDone) ÷ the host's stream duration (deltas × the batch interval); 1 = display keeps up. */
  codeBlock5000DisplayRatio: number;
  /** `state` switching to a 200-message conversation → its latest message painted (median of 3), ms. */
  openConversation200Ms: number;
  /** Bytes of the scripts and styles the page requests before its first paint (webview.js, webview.css, codicon.css; the Markdown renderer comes after). */
  webviewInitialBytes: number;
}

export interface WebviewDetails {
  seconds: number;
  streamDeltas: number;
  streamSeconds: number;
  longestTaskMs: number;
  renderCostMs: { at1k: number[]; at50k: number[] };
  /** handledSeconds: until the page had handled the last delta (> hostStreamSeconds when it falls behind). */
  codeBlock: { chars: number; deltas: number; hostStreamSeconds: number; handledSeconds: number; lagAfterDoneMs: number };
  openConversationMs: number[];
  /** Every script and style the page loaded by the time it was measured: bytes, and whether it was requested before the first paint. */
  initialFiles: Record<string, { bytes: number; requestedMs: number; beforeFirstPaint: boolean }>;
  /** Since navigation: the first paint (what initialBytes counts up to) and the first contentful one. */
  firstPaintMs: { paint: number; contentful: number | undefined };
  warnings: string[];
}

/** The host posts what streamed at most once per batch interval (src/features/chat/deltaBatcher.ts). */
const TICK_MS = DELTA_INTERVAL_MS;
const CHARS_PER_TICK_100TPS = (100 * 4 * TICK_MS) / 1000; // 100 tokens/s at ~4 chars a token
const CONV = 'c-bench';
const ref = (messageId: string) => ({ conversationId: CONV, messageId });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** Main-thread task time and the clock, both in ms. */
async function metrics(cdp: CDPSession): Promise<{ task: number; at: number }> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (m.find((x) => x.name === name)?.value ?? NaN) * 1000;
  return { task: get('TaskDuration'), at: get('Timestamp') };
}

/** Waits (in the page) until nothing renders any more: two frames, then `quietMs`. */
const settle = (page: Page, quietMs = 300) =>
  page.evaluate((q) => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, q)))), quietMs);

/**
 * Posts `deltas` from inside the page, the i-th at start + i·TICK_MS (a late one still gets its own
 * task, as queued postMessages do), then `done` if given; long tasks are observed throughout.
 * Resolves when `untilText` is in the last <pre>/markdown of the list (double rAF after), else after the trailing render.
 */
function stream(page: Page, deltas: string[], messageId: string, opts: { done?: unknown; untilText?: string; trailMs?: number }) {
  return page.evaluate(
    async ({ deltas, r, tick, done, untilText, trailMs }) => {
      const host = (window as unknown as { __host(m: unknown): void }).__host;
      const long: number[] = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
      obs.observe({ type: 'longtask' });
      const frames = () => new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
      const t0 = performance.now();
      for (let i = 0; i < deltas.length; i++) {
        await new Promise((res) => setTimeout(res, Math.max(0, t0 + i * tick - performance.now())));
        host({ type: 'delta', ...r, text: deltas[i] });
      }
      const tLast = performance.now();
      let tDone = tLast;
      let tShown = tLast;
      if (done) {
        await new Promise((res) => setTimeout(res, Math.max(0, tLast + tick - performance.now())));
        tDone = performance.now();
        host(done);
      }
      if (untilText) {
        const shown = () => [...document.querySelectorAll('[data-testid="messages"] .markdown')].at(-1)?.textContent?.includes(untilText);
        const deadline = performance.now() + 120_000;
        while (!shown()) {
          if (performance.now() > deadline) throw new Error(`never displayed: ${untilText}`);
          await new Promise((res) => requestAnimationFrame(res));
        }
        await frames();
        tShown = performance.now();
      } else {
        await frames();
        await new Promise((res) => setTimeout(res, trailMs ?? 300));
        tShown = performance.now();
      }
      await new Promise((res) => setTimeout(res, 0));
      obs.disconnect();
      return { t0, tLast, tDone, tShown, long };
    },
    { deltas, r: ref(messageId), tick: TICK_MS, done: opts.done, untilText: opts.untilText, trailMs: opts.trailMs },
  );
}

/** A conversation whose answer is streaming and already holds `text`; rendered and settled. */
async function streamingAnswer(panel: Panel, text: string): Promise<string> {
  const answer = message('assistant', text, 'streaming');
  await panel.host(stateFor(CONV, [message('user', 'Explain debouncing, with code.'), answer]));
  await settle(panel.page);
  return answer.id;
}

async function busyWhileStreaming(panel: Panel, cdp: CDPSession, d: WebviewDetails) {
  // 10,000 tokens ≈ 40,000 chars at 100 tokens/s: 100 s at real pace, start to end (no sampling,
  // no time compression: the later, longer renders weigh as they would).
  const text = mixedAnswer(40_000, 5);
  const deltas = deltasOf(text, CHARS_PER_TICK_100TPS);
  const id = await streamingAnswer(panel, '');
  const m0 = await metrics(cdp);
  const s = await stream(panel.page, deltas, id, { trailMs: 300 });
  const m1 = await metrics(cdp);
  d.streamDeltas = deltas.length;
  d.streamSeconds = round((s.tLast - s.t0) / 1000, 1);
  d.longestTaskMs = round(Math.max(0, ...s.long), 0);
  return { busyPct: round((100 * (m1.task - m0.task)) / (m1.at - m0.at), 1), longTasks: s.long.length };
}

/**
 * Main-thread ms of one 130-char delta into an answer of `chars` characters: the task time of a
 * fixed 400 ms window (longer than the longest render throttle, 250 ms) after posting it, less the
 * same window with nothing posted. No polling in the window: it would itself cost more at 50k.
 */
async function oneDeltaCost(panel: Panel, cdp: CDPSession, chars: number, n: number): Promise<number> {
  const id = await streamingAnswer(panel, mixedAnswer(chars, chars >= 10_000 ? 5 : 1));
  const marker = `Marker${n}q`;
  const delta = ` Then ${marker} checks that the ${'handler runs once per burst '.repeat(4)}`.slice(0, 130);
  const measureWindow = async (post: boolean) => {
    const m0 = await metrics(cdp);
    await panel.page.evaluate(async ({ m, post }) => {
      if (post) (window as unknown as { __host(m: unknown): void }).__host(m);
      await new Promise((res) => setTimeout(res, 400));
      await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
    }, { m: { type: 'delta', ...ref(id), text: delta }, post });
    return (await metrics(cdp)).task - m0.task;
  };
  const idle = await measureWindow(false);
  const cost = await measureWindow(true);
  const shown = await panel.page.evaluate((mk) => !![...document.querySelectorAll('[data-testid="messages"] .markdown')].at(-1)?.textContent?.includes(mk), marker);
  if (!shown) throw new Error(`the delta into a ${chars}-char answer was not rendered within 400 ms`);
  return Math.max(0, cost - idle);
}

async function codeBlockDisplay(panel: Panel, d: WebviewDetails): Promise<number> {
  // 5,000 lines ≈ 190k chars ≈ 48k tokens: 8 min at 100 tokens/s. Compressed 10×: the same ticks,
  // ten times the characters each (1,000 tokens/s). Fewer ticks per char means a larger share of
  // the time goes to the final render, so the ratio is if anything worse than at real pace.
  const { text, lastLine } = hugeCodeBlock(5000);
  const deltas = deltasOf(text, CHARS_PER_TICK_100TPS * 10);
  const id = await streamingAnswer(panel, '');
  const done = { type: 'messageDone', conversationId: CONV, message: { ...message('assistant', text), id } };
  const s = await stream(panel.page, deltas, id, { done, untilText: lastLine });
  // The stream's duration is the host's: it posts a delta every tick and messageDone one tick after
  // the last, whether or not the page keeps up (a page that falls behind only delays their handling).
  const hostSeconds = (deltas.length * TICK_MS) / 1000;
  d.codeBlock = {
    chars: text.length, deltas: deltas.length, hostStreamSeconds: round(hostSeconds, 1),
    handledSeconds: round((s.tLast - s.t0) / 1000, 1), lagAfterDoneMs: round(s.tShown - s.tDone, 0),
  };
  return round((s.tShown - s.t0) / 1000 / hostSeconds, 2);
}

async function openConversation(panel: Panel, run: number): Promise<number> {
  const marker = `Latest answer marker ${run}`;
  const big = longConversation(200, marker);
  await panel.host(stateFor('c-small', [message('user', 'Hi'), message('assistant', 'Hello! How can I help?')], ['c-big']));
  await settle(panel.page);
  const state = stateFor('c-big', big, ['c-small']);
  return panel.page.evaluate(async ({ state, marker }) => {
    const t0 = performance.now();
    (window as unknown as { __host(m: unknown): void }).__host(state);
    const shown = () => [...document.querySelectorAll('[data-testid="messages"] .markdown')].at(-1)?.textContent?.includes(marker);
    while (!shown()) {
      if (performance.now() - t0 > 60_000) throw new Error('the 200-message conversation never showed its latest message');
      await new Promise((res) => requestAnimationFrame(res));
    }
    await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
    return performance.now() - t0;
  }, { state, marker });
}

async function initialBytes(page: Page, d: WebviewDetails): Promise<number> {
  const { paint, contentful, entries } = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-paint')[0]?.startTime,
    contentful: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    entries: performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, size: (e as PerformanceResourceTiming).encodedBodySize })),
  }));
  if (paint === undefined) throw new Error('the panel reported no first paint');
  d.firstPaintMs = { paint: Math.round(paint), contentful: contentful === undefined ? undefined : Math.round(contentful) };
  let total = 0;
  for (const e of entries) {
    if (!/\.(js|css)$/.test(e.name)) continue;
    const beforeFirstPaint = e.start < paint;
    d.initialFiles[e.name] = { bytes: e.size, requestedMs: Math.round(e.start), beforeFirstPaint };
    if (beforeFirstPaint) total += e.size;
  }
  return total;
}

/** All figures and how they were obtained. Launches Chromium and closes everything it started. */
export async function measureWebviewDetailed(): Promise<{ figures: WebviewFigures; details: WebviewDetails }> {
  const started = performance.now();
  const d: WebviewDetails = {
    seconds: 0, streamDeltas: 0, streamSeconds: 0, longestTaskMs: 0, renderCostMs: { at1k: [], at50k: [] },
    codeBlock: { chars: 0, deltas: 0, hostStreamSeconds: 0, handledSeconds: 0, lagAfterDoneMs: 0 }, openConversationMs: [], initialFiles: {}, firstPaintMs: { paint: 0, contentful: undefined }, warnings: [],
  };
  // The harness warns (console.warn) when dist/ is older than webview/: keep it for the caller instead.
  const warn = console.warn;
  let h: Harness | undefined;
  let panel: Panel | undefined;
  try {
    console.warn = (...args: unknown[]) => void d.warnings.push(args.join(' ').trim());
    try {
      h = await startHarness();
    } finally {
      console.warn = warn;
    }
    // dist/ is whatever was built last: say so when it is not what ships.
    if (readFileSync(path.join(repoRoot, 'dist', 'webview.js'), 'utf8').includes('sourceMappingURL=')) {
      d.warnings.push('dist/webview.js is a development build: run `npm run build:prod` for figures of what ships');
    }
    panel = await openPanel(h, { width: 380, height: 800 });
    // tsx (esbuild keepNames) wraps named functions in __name(): the functions evaluated in the page need it too.
    await panel.page.evaluate('globalThis.__name = (f) => f');
    const webviewInitialBytes = await initialBytes(panel.page, d);
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Performance.enable');

    const stream100 = await busyWhileStreaming(panel, cdp, d);
    for (let i = 0; i < 7; i++) {
      d.renderCostMs.at1k.push(round(await oneDeltaCost(panel, cdp, 1_000, i), 1));
      d.renderCostMs.at50k.push(round(await oneDeltaCost(panel, cdp, 50_000, i), 1));
    }
    const codeBlock5000DisplayRatio = await codeBlockDisplay(panel, d);
    for (let i = 0; i < 3; i++) d.openConversationMs.push(round(await openConversation(panel, i), 0));
    if (panel.errors.length) throw new Error(`the webview reported errors: ${panel.errors.slice(0, 3).join('; ')}`);
    const violations = await panel.cspViolations();
    if (violations.length) throw new Error(`CSP violations: ${violations.slice(0, 3).join('; ')}`);
    d.seconds = round((performance.now() - started) / 1000, 0);
    return {
      figures: {
        webviewBusyPct100tps: stream100.busyPct,
        webviewLongTasks100tps: stream100.longTasks,
        renderCostRatio50kTo1k: round(median(d.renderCostMs.at50k) / median(d.renderCostMs.at1k), 2),
        codeBlock5000DisplayRatio,
        openConversation200Ms: median(d.openConversationMs),
        webviewInitialBytes,
      },
      details: d,
    };
  } finally {
    await panel?.close().catch(() => undefined);
    await h?.close();
  }
}

export async function measureWebview(): Promise<WebviewFigures> {
  return (await measureWebviewDetailed()).figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await measureWebviewDetailed();
  process.stdout.write(`${JSON.stringify({ ...result.figures, details: result.details }, null, 2)}\n`);
}
