// `npm run bench`: every figure measured in one run against the loopback fake servers, as ratios
// or counts (absolute times on these machines are noisy). Last line: BENCH {json}.
// `npx tsx bench/run.mts --host` runs the extension-host figures only: the webview figures (Chromium,
// minutes) print as skipped and their keys are left out of BENCH. Either way it loads dist/, so build first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { Pipeline } from '../src/core/llm/pipeline';
import { MemoryKeyValueStore, UsageStore } from '../src/core/usage/usageStore';
import { FileKeyValueStore } from '../src/core/usage/fileKeyValueStore';
import { PendingUsage } from '../src/core/usage/pendingUsage';
import { simulateUsageYear } from '../src/core/usage/simulate';
import { encodeShard } from '../src/core/usage/codec';
import { dayKey } from '../src/core/usage/dates';
import { applyRecord, emptyShard, type UsageRecord } from '../src/core/usage/model';
import { ShardEncoder } from '../src/core/usage/shardEncoder';
import { RequestService } from '../src/core/requests/requestService';
import { ChatController } from '../src/features/chat/chatController';
import { ConversationStore } from '../src/features/chat/conversationStore';
import { ConversationFiles } from '../src/core/conversations/conversationFiles';
import type { ChatServices, HostActions } from '../src/features/chat/chatPorts';
import type { ChatOutbound } from '../src/shared/protocol/chat';
import { startFakeProviders, type FakeProviders } from '../test/fakes/server';
import { adapterFor, caseNamed, KEYS } from '../test/fakes/adapterHarness';
import { cachedCostRatio20Turns } from '../test/fakes/cachedConversation';
import { measureWebview } from './webview.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ITERATIONS = 15;
// The fake answers like a fast provider: 50 ms to the first byte, then a 4-token chunk every
// millisecond (~4,000 tokens/s, 10–50× faster than real models), so the ratio shows what the
// pipeline adds to what a user waits for, not to an instantaneous loopback.
const FAST_PROVIDER = { firstByteDelayMs: 50, chunkSize: 20, chunkDelayMs: 1 };
const ANSWER_2K = 'word '.repeat(2000).trim(); // ~2,000 tokens
// For the zero-delay figures: the fake answers at once, so only what each side does itself is left.
const NO_DELAY = { firstByteDelayMs: 0, chunkSize: 20, chunkDelayMs: 0 };
const SMALL_TOKENS = 10;
/** Zero-delay pairs run before the figures are taken, how many of the first are reported apart, and the rounds the figures' pairs are spread over (see pipelineOverhead). */
const WARM_PAIRS = 400;
const FIRST_PAIRS = 50;
const ROUNDS = 5;
const LARGE_TOKENS = 5_000;
// The production defaults (settingsSchema.ts: timeouts.firstByteSeconds / idleSeconds = 60), wired
// as providerService does: the pipeline side runs with its idle timers on, like the product.
const PRODUCTION_TIMEOUTS = { firstByteMs: 60_000, idleMs: 60_000 };
type P = 'openai' | 'anthropic' | 'gemini';
const PROVIDERS: P[] = ['openai', 'anthropic', 'gemini'];
const HOST_ONLY = process.argv.includes('--host');
/** `--activation`: this process only measures activation() and prints it as JSON (see activationInFreshProcesses). */
const ACTIVATION_ONLY = process.argv.includes('--activation');
const ACTIVATION_RUNS = 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** Each provider's SDK client, built once as the pipeline's adapters build theirs (outside any timed loop). */
function rawClients(fake: FakeProviders) {
  return {
    openai: new OpenAI({ apiKey: KEYS.openai, baseURL: fake.baseURLs.openai, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: KEYS.anthropic, baseURL: fake.baseURLs.anthropic, maxRetries: 0 }),
    gemini: new GoogleGenerativeAI(KEYS.gemini).getGenerativeModel({ model: caseNamed('gemini').model }, { baseUrl: fake.baseURLs.gemini }),
  };
}
type RawClients = ReturnType<typeof rawClients>;

/** The same request made with the provider's SDK directly: time to first text and to the end. */
async function rawSdk(p: P, clients: RawClients): Promise<{ ttft: number; total: number }> {
  const t0 = performance.now();
  let ttft = 0;
  const first = () => (ttft ||= performance.now() - t0);
  const messages = [{ role: 'user' as const, content: 'Write 2000 words.' }];
  if (p === 'openai') {
    const stream = await clients.openai.chat.completions.create({ model: caseNamed(p).model, messages, stream: true, stream_options: { include_usage: true } });
    for await (const c of stream) if (c.choices[0]?.delta?.content) first();
  } else if (p === 'anthropic') {
    const stream = await clients.anthropic.messages.create({ model: caseNamed(p).model, max_tokens: 4096, messages, stream: true });
    for await (const e of stream) if (e.type === 'content_block_delta') first();
  } else {
    const result = await clients.gemini.generateContentStream({ contents: [{ role: 'user', parts: [{ text: messages[0]!.content }] }] });
    result.response.catch(() => undefined);
    for await (const c of result.stream) if (c.text()) first();
  }
  return { ttft, total: performance.now() - t0 };
}

/** A temp folder for usage files, removed when `work` ends; each write goes out at once (no write-behind). */
async function inUsageFolder<T>(work: (files: FileKeyValueStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-usage-'));
  const files = new FileKeyValueStore(dir);
  try {
    return await work(files);
  } finally {
    await files.flushed();
    rmSync(dir, { recursive: true, force: true });
  }
}

type RequestPath = typeof import('./requestPath');

/**
 * bench/requestPath.ts built as esbuild.mjs builds the extension, SDKs included: bundled from their
 * ES module builds, as the extension's are (a `require` of the packages would load their CommonJS
 * builds, whose request path costs openai ~0.08 ms more per request).
 */
async function builtRequestPath(dir: string): Promise<RequestPath> {
  const outfile = path.join(dir, 'requestPath.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'bench/requestPath.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile) as RequestPath;
}

async function pipelineOverhead(fake: FakeProviders) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-path-'));
  const built = await builtRequestPath(dir);
  // Usage is recorded into files, as the product does (the write finishes after the run is done).
  const usageFiles = new built.FileKeyValueStore(path.join(dir, 'usage'), built.nodeFileSystem, built.USAGE_WRITE_BEHIND_MS);
  try {
    return await overheadOf(fake, built, usageFiles);
  } finally {
    await usageFiles.flushed();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function overheadOf(fake: FakeProviders, built: RequestPath, usageFiles: InstanceType<RequestPath['FileKeyValueStore']>) {
  const { Pipeline, DEFAULT_RETRY, UsageStore, RequestService, createAdapter } = built;
  const usage = new UsageStore({ store: usageFiles });
  const adapters = new Map<string, Awaited<ReturnType<typeof createAdapter>>>();
  for (const p of PROVIDERS) adapters.set(p, await createAdapter(caseNamed(p).config(fake, PRODUCTION_TIMEOUTS)));
  const clients = rawClients(fake);
  const pipeline = new Pipeline({
    getAdapter: async (id) => adapters.get(id)!,
    limits: () => ({ requestsPerMinute: 10_000, tokensPerMinute: 100_000_000 }),
    retry: () => DEFAULT_RETRY,
  });
  // The whole request path the product takes: budget check, pipeline, price, usage record.
  const requests = requestServiceOver(pipeline, usage, RequestService);
  const viaPipeline = async (p: P) => {
    const t0 = performance.now();
    let ttft = 0;
    const run = requests.run({ providerId: p, model: caseNamed(p).model, messages: [{ role: 'user', content: 'Write 2000 words.' }], maxOutputTokens: 4096 });
    for await (const e of run.events) if (e.type === 'text') ttft ||= performance.now() - t0;
    await run.done;
    return { ttft, total: performance.now() - t0 };
  };
  const ttft: Record<string, number> = {};
  const total: Record<string, number> = {};
  for (const p of PROVIDERS) {
    fake.setDefault(caseNamed(p).fake, { text: ANSWER_2K, ...FAST_PROVIDER });
    const raw: { ttft: number; total: number }[] = [];
    const piped: { ttft: number; total: number }[] = [];
    for (let i = 0; i < 3; i++) (await rawSdk(p, clients), await viaPipeline(p)); // warm-up
    // Interleaved, so drift on a noisy machine hits both sides alike.
    for (let i = 0; i < ITERATIONS; i++) {
      if (i % 2) (raw.push(await rawSdk(p, clients)), piped.push(await viaPipeline(p)));
      else (piped.push(await viaPipeline(p)), raw.push(await rawSdk(p, clients)));
    }
    ttft[p] = round(median(piped.map((x) => x.ttft)) / median(raw.map((x) => x.ttft)));
    total[p] = round(median(piped.map((x) => x.total)) / median(raw.map((x) => x.total)));
  }
  // Zero delay: what the pipeline adds per request (intercept) and per token (slope), as pipeline −
  // raw SDK at two answer sizes. Each figure is the median of the differences within back-to-back
  // pairs (the two requests of a pair see the same machine; a slow spell moves both), over many
  // pairs in alternating order: single requests, or medians of each side taken apart, are noisy here.
  // Steady state: both sides first run WARM_PAIRS pairs, as a host that has answered a few hundred
  // requests runs them. The longer request path takes longer for the JIT to settle, so the first of
  // those pairs are reported apart (`firstMs`, the extra per request while warming; no target).
  // The pairs are taken in ROUNDS spread over the whole phase, every provider and size in each: this
  // machine's speed drifts over seconds, and one slow spell must not fall on one provider's figure.
  const pairOf = async (p: P, i: number): Promise<number> => {
    let raw: number;
    let piped: number;
    if (i % 2) (raw = (await rawSdk(p, clients)).total, piped = (await viaPipeline(p)).total);
    else (piped = (await viaPipeline(p)).total, raw = (await rawSdk(p, clients)).total);
    return piped - raw;
  };
  const answerOf = (tokens: number) => ({ text: 'word '.repeat(tokens).trim(), ...NO_DELAY });
  const firstMs: Record<string, number> = {};
  const differences = new Map<string, number[]>(); // `${provider} ${tokens}` → pipeline − raw, ms
  for (const p of PROVIDERS) {
    fake.setDefault(caseNamed(p).fake, answerOf(SMALL_TOKENS));
    const warm: number[] = [];
    for (let i = 0; i < WARM_PAIRS; i++) warm.push(await pairOf(p, i));
    firstMs[p] = round(median(warm.slice(0, FIRST_PAIRS)), 3);
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of PROVIDERS) {
      for (const [tokens, pairs] of [[SMALL_TOKENS, 200], [LARGE_TOKENS, 60]] as const) {
        fake.setDefault(caseNamed(p).fake, answerOf(tokens));
        const into = differences.get(`${p} ${tokens}`) ?? [];
        differences.set(`${p} ${tokens}`, into);
        for (let i = 0; i < pairs / ROUNDS; i++) into.push(await pairOf(p, i));
      }
    }
  }
  const fixedMs: Record<string, number> = {};
  const usPerToken: Record<string, number> = {};
  for (const p of PROVIDERS) {
    const small = median(differences.get(`${p} ${SMALL_TOKENS}`)!);
    const slope = (median(differences.get(`${p} ${LARGE_TOKENS}`)!) - small) / (LARGE_TOKENS - SMALL_TOKENS);
    usPerToken[p] = round(slope * 1000, 3);
    fixedMs[p] = round(small - slope * SMALL_TOKENS, 3);
  }
  pipeline.dispose();
  return { ttft, total, fixedMs, firstMs, usPerToken };
}

/** The request service as the extension builds it, with no budget set and models of unknown price (`Service`: the built one, for the request path as shipped). */
function requestServiceOver(pipeline: Pipeline, usage: UsageStore, Service: typeof RequestService = RequestService): RequestService {
  return new Service({ pipeline, budget: { admit: () => ({ allowed: true, warnings: [] }) }, model: () => undefined, usage, workspace: () => 'bench' });
}

/** Host → webview messages for a 10,000-token answer streamed from the fake through the real controller. */
async function webviewTraffic(fake: FakeProviders) {
  const text = Array.from({ length: 10_000 }, (_, i) => `t${i % 10} `).join(''); // 10,000 tokens of 3 chars
  fake.setDefault('openai', { text, chunkSize: 12, chunkDelayMs: 1 }); // 4 tokens a chunk, ~4,000 tokens/s
  const adapter = await adapterFor(caseNamed('openai'), fake);
  const pipeline = new Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 0, tokensPerMinute: 0 }) });
  const memento = new Map<string, unknown>();
  const requests = requestServiceOver(pipeline, new UsageStore({ store: new MemoryKeyValueStore() }));
  const services: ChatServices = {
    listProviders: async () => [{ id: 'openai', label: 'OpenAI', ready: true, models: [{ providerId: 'openai', id: caseNamed('openai').model, label: 'model' }] }],
    onDidChangeProviders: () => ({ dispose() {} }),
    instructions: () => [],
    onDidChangeInstructions: () => ({ dispose() {} }),
    refreshInstructions: async () => undefined,
    settings: () => ({ systemPrompt: '', maxOutputTokens: 20_000, temperature: null }),
    countTokens: (_p, _m, t) => Math.ceil(t.length / 4),
    run: (r) => requests.run(r),
  };
  const actions = {} as HostActions;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
  const store = new ConversationStore(await ConversationFiles.open(folder), { get: (k: string) => memento.get(k) as never, update: async (k: string, v: unknown) => void memento.set(k, v), keys: () => [...memento.keys()] });
  const controller = new ChatController({ services, store, actions });
  const sent: ChatOutbound[] = [];
  let bytes = 0;
  controller.attach((m) => (sent.push(m), (bytes += JSON.stringify(m).length)));
  await controller.refreshProviders();
  const before = sent.length;
  const beforeBytes = bytes;
  await controller.ask('Stream 10,000 tokens.', { providerId: 'openai', model: caseNamed('openai').model });
  const during = sent.slice(before);
  const assembled = during.filter((m) => m.type === 'delta').map((m) => (m as { text: string }).text).join('');
  const done = during.find((m) => m.type === 'messageDone') as { message: { text: string } } | undefined;
  controller.dispose();
  pipeline.dispose();
  rmSync(folder, { recursive: true, force: true });
  const lost = text.length - assembled.length + (done && done.message.text === text ? 0 : 1);
  return { postMessages: during.length, bytes: bytes - beforeBytes, tokensLost: Math.max(0, lost) };
}

/** activate() with a minimal stand-in `vscode` module, and what it loaded. */
async function activation() {
  const vscodeStub = makeVscodeStub();
  const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
  (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
    if (request === 'vscode') return 'vscode';
    return resolve.call(this, request, ...rest);
  };
  const require = Module.createRequire(import.meta.url);
  (require.cache as Record<string, unknown>)['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };
  // SWITCHBOARD_BENCH_DIST: another build's dist/ (an A/B of two builds' fresh starts); dist/ by default.
  const dist = process.env.SWITCHBOARD_BENCH_DIST ? path.resolve(process.env.SWITCHBOARD_BENCH_DIST) : path.join(root, 'dist');
  const before = new Set(Object.keys(require.cache));
  const t0 = performance.now();
  const ext = require(path.join(dist, 'extension.js'));
  const tLoaded = performance.now();
  ext.activate(vscodeStub.__context);
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 200)); // the deferred service start-up runs too
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k)).map((k) => path.relative(root, k));
  const sdkLoaded = loaded.some((k) => k.includes('dist/sdk/') || k.includes('dist/providers/'));
  if (startupErrors.length) throw new Error(`the extension did not start in the bench's stand-in VS Code: ${startupErrors.join('; ')}`);
  // As VS Code does on shutdown: the services' timers would otherwise keep this process alive.
  await ext.deactivate();
  for (const d of vscodeStub.__context.subscriptions as { dispose(): unknown }[]) d.dispose();
  if (!process.env.SWITCHBOARD_BENCH_STORAGE) rmSync(vscodeStub.__context.globalStorageUri.fsPath, { recursive: true, force: true });
  // VS Code's activation time includes loading the bundle, so activationMs does too.
  return { activationMs: round(t1 - t0, 2), requireMs: round(tLoaded - t0, 2), activateCallMs: round(t1 - tLoaded, 2), loaded, sdkLoaded };
}
type Activation = Awaited<ReturnType<typeof activation>>;

/**
 * activation() in ACTIVATION_RUNS fresh processes, the median of each time: a bundle is compiled
 * once per process (a second require in the same one would hit V8's cache), and one sample on
 * these machines can be off by half. The processes share one global storage, as one profile's
 * window starts do: the first compiles dist/main.js from source and writes its code cache
 * (src/core/files/codeCache.ts), the others start from it. The first is also given on its own.
 * What was loaded is the union over the runs.
 */
function activationInFreshProcesses(): Activation & { coldActivationMs: number } {
  const runs: Activation[] = [];
  const storage = mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-storage-'));
  try {
    for (let i = 0; i < ACTIVATION_RUNS; i++) {
      const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--activation'], {
        encoding: 'utf8', timeout: 120_000, env: { ...process.env, SWITCHBOARD_BENCH_STORAGE: storage },
      });
      runs.push(JSON.parse(out.trim().split('\n').at(-1)!) as Activation);
    }
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
  const mid = (pick: (a: Activation) => number) => round(median(runs.map(pick)), 2);
  return {
    activationMs: mid((a) => a.activationMs),
    coldActivationMs: runs[0]!.activationMs,
    requireMs: mid((a) => a.requireMs),
    activateCallMs: mid((a) => a.activateCallMs),
    loaded: [...new Set(runs.flatMap((a) => a.loaded))],
    sdkLoaded: runs.some((a) => a.sdkLoaded),
  };
}

const startupErrors: string[] = [];

function makeVscodeStub() {
  const uri = (p: string) => ({ scheme: 'file', path: p, fsPath: p });
  const disposable = { dispose() {} };
  const event = () => disposable;
  class EventEmitter { event = event; fire() {} dispose() {} }
  const memento = () => { const m = new Map<string, unknown>(); return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} }; };
  const config = { get: () => undefined, inspect: () => undefined, update: async () => undefined };
  const stub = {
    EventEmitter,
    Uri: { joinPath: (u: { path: string }, ...p: string[]) => uri(path.join(u.path, ...p)), file: (p: string) => uri(p) },
    ThemeColor: class {},
    RelativePattern: class {},
    MarkdownString: class { appendMarkdown() { return this; } },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1 },
    QuickPickItemKind: { Separator: -1 },
    ProgressLocation: { Notification: 15 },
    ConfigurationTarget: { Global: 1 },
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    languages: { registerCodeActionsProvider: () => disposable },
    window: {
      onDidStartTerminalShellExecution: event,
      onDidEndTerminalShellExecution: event,
      onDidCloseTerminal: event,
      // The deferred start-up reports a failure this way: the figure would be a lie, so fail the bench.
      showErrorMessage: async (message: string) => { startupErrors.push(message); return undefined; },
      registerWebviewViewProvider: () => disposable,
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
      createStatusBarItem: () => ({ show() {}, dispose() {} }),
      onDidChangeWindowState: event,
      onDidChangeActiveTextEditor: event,
      onDidChangeTextEditorSelection: event,
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      activeTextEditor: undefined,
    },
    commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
    workspace: {
      getConfiguration: () => config, onDidChangeConfiguration: event, onDidChangeTextDocument: event,
      registerTextDocumentContentProvider: () => disposable, workspaceFolders: undefined, name: 'bench',
      onDidChangeWorkspaceFolders: event,
      createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
    },
    env: { appName: 'bench', clipboard: { writeText: async () => undefined }, openExternal: async () => true },
    version: '1.100.0',
    __context: {
      subscriptions: [] as unknown[],
      extensionUri: uri(root),
      // One profile's storage for all the fresh processes (a user's window starts): see activationInFreshProcesses.
      globalStorageUri: uri(process.env.SWITCHBOARD_BENCH_STORAGE ?? mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-storage-'))),
      secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: event },
      globalState: memento(),
      workspaceState: memento(),
      extension: { packageJSON: { version: 'bench' } },
    },
  };
  return stub;
}

function sizes() {
  const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).map((f) => path.join(root, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return {
    vsixBytes: vsix ? statSync(vsix).size : -1,
    extensionBytes: statSync(path.join(root, 'dist/extension.js')).size + statSync(path.join(root, 'dist/main.js')).size,
    webviewBytes: statSync(path.join(root, 'dist/webview.js')).size,
  };
}

async function usageStore() {
  const year = await simulateUsageYear({ compactEveryMs: 60 * 60 * 1000 });
  // globalState (counted) holds only the pending entries; usage records go to files.
  const kv = new MemoryKeyValueStore();
  let writes = 0;
  const globalState = { get: kv.get.bind(kv), keys: kv.keys.bind(kv), update: (k: string, v: unknown) => (writes++, kv.update(k, v)) };
  // Each record is awaited and written without a pause: the most writes records can cost.
  return inUsageFolder(async (files) => {
    const store = new UsageStore({ store: files });
    for (let i = 0; i < 1000; i++) {
      await store.record({ providerId: 'openai', model: 'gpt-4o', usage: { inputTokens: 100, outputTokens: 50 }, latencyMs: 10, outcome: 'ok' });
    }
    const recordFileWrites = files.fileWrites;
    const recordWrites = writes;
    writes = 0;
    // The whole request path: the pending entry written at the start and removed at the end (crash
    // safety), then the record. A request streaming longer than HEARTBEAT_MS adds one write per beat.
    const pending = new PendingUsage({ store: globalState, usage: files });
    for (let i = 0; i < 1000; i++) {
      const handle = pending.begin({ providerId: 'openai', model: 'gpt-4o', workspace: '', inputTokens: 100, usd: 0.001 });
      handle.addOutput(50);
      handle.end();
      await store.record({ providerId: 'openai', model: 'gpt-4o', usage: { inputTokens: 100, outputTokens: 50 }, latencyMs: 10, outcome: 'ok' });
    }
    await pending.flushed();
    return {
      usageStoreBytesYear: year.bytes,
      globalStateWritesPerRecord: recordWrites / 1000,
      globalStateWritesPerRequest: writes / 1000,
      usageFileWritesPerRecord: recordFileWrites / 1000,
      ...encodePerRecord(),
    };
  });
}

/**
 * What UsageStore.record spends encoding its shard, per record, with 1 and with 365 days of
 * history (500 records either way), as record() does it: apply, mark the day, encode. The full
 * encode of the 365-day shard (what every record cost before ShardEncoder) is shown for reference.
 */
function encodePerRecord() {
  const DAY = 24 * 60 * 60 * 1000;
  const today = new Date(2026, 5, 1, 9).getTime();
  const rec = (time: number, i: number): UsageRecord => ({ time, providerId: 'openai', model: `gpt-${i % 3}`, inputTokens: 1000, outputTokens: 300, cachedInputTokens: i % 2 ? 200 : 0, costNanos: 5000, latencyMs: 900, outcome: 'ok', estimated: false, workspace: `ws${i % 2}` });
  const timed = (historyDays: number) => {
    const shard = emptyShard('bench', today);
    for (let d = historyDays - 1; d >= 0; d--) for (let i = 0; i < 5; i++) applyRecord(shard, rec(today - d * DAY - 3_600_000 + i, i));
    for (let i = 0; i < 500; i++) applyRecord(shard, rec(today - 1000 + i, i)); // the 500 records, both cases
    const encoder = new ShardEncoder();
    encoder.encode(shard);
    const N = 400;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const time = today + i;
      applyRecord(shard, rec(time, i));
      encoder.changed(dayKey(new Date(time)));
      encoder.encode(shard);
    }
    const perRecordUs = ((performance.now() - t0) / N) * 1000;
    const f0 = performance.now();
    for (let i = 0; i < 50; i++) encodeShard(shard);
    return { perRecordUs, fullUs: ((performance.now() - f0) / 50) * 1000, days: shard.days.size };
  };
  timed(30); // warm-up
  const one = timed(1);
  const year = timed(365);
  return {
    usageEncodeUsPerRecord1Day: round(one.perRecordUs, 1),
    usageEncodeUsPerRecord365Days: round(year.perRecordUs, 1),
    usageEncodeRatio365to1: round(year.perRecordUs / one.perRecordUs, 2),
    usageFullEncodeUs365Days: round(year.fullUs, 1),
  };
}

if (ACTIVATION_ONLY) {
  console.log(JSON.stringify(await activation()));
  process.exit(0);
}

const act = activationInFreshProcesses();
const fake = await startFakeProviders();
try {
  const overhead = await pipelineOverhead(fake);
  const traffic = await webviewTraffic(fake);
  const size = sizes();
  const store = await usageStore();
  fake.reset();
  const caching = await cachedCostRatio20Turns(fake);
  const webview = HOST_ONLY ? undefined : await measureWebview();
  const figures = {
    overheadTtft: overhead.ttft,
    overheadTotal: overhead.total,
    postMessages10k: traffic.postMessages,
    tokensLost: traffic.tokensLost,
    activationMs: act.activationMs,
    activationColdMs: act.coldActivationMs,
    sdkLoadedAtActivation: act.sdkLoaded,
    vsixBytes: size.vsixBytes,
    extensionBytes: size.extensionBytes,
    webviewBytes: size.webviewBytes,
    usageStoreBytesYear: store.usageStoreBytesYear,
    globalStateWritesPerRecord: store.globalStateWritesPerRecord,
    globalStateWritesPerRequest: store.globalStateWritesPerRequest,
    usageFileWritesPerRecord: store.usageFileWritesPerRecord,
    cachedCostRatio20Turns: Number(caching.ratio.toFixed(3)),
    // Worst provider; per provider in the table.
    pipelineFixedMs: Math.max(...PROVIDERS.map((p) => overhead.fixedMs[p]!)),
    pipelineUsPerToken: Math.max(...PROVIDERS.map((p) => overhead.usPerToken[p]!)),
    pipelineFixedMsByProvider: overhead.fixedMs,
    pipelineUsPerTokenByProvider: overhead.usPerToken,
    pipelineFirstRequestsMsByProvider: overhead.firstMs,
    usageEncodeUsPerRecord1Day: store.usageEncodeUsPerRecord1Day,
    usageEncodeUsPerRecord365Days: store.usageEncodeUsPerRecord365Days,
    usageEncodeRatio365to1: store.usageEncodeRatio365to1,
    usageFullEncodeUs365Days: store.usageFullEncodeUs365Days,
    // The chat webview in Chromium through the built bundle (bench/webview.mts).
    ...(webview ?? {}),
  };
  const wv = (figure: (w: NonNullable<typeof webview>) => unknown) => (webview ? String(figure(webview)) : 'skipped (--host)');
  const rows: [string, string, string][] = [
    ...PROVIDERS.map((p): [string, string, string] => [`pipeline/raw SDK, time to first token (${p})`, String(overhead.ttft[p]), '≤ 1.05']),
    ...PROVIDERS.map((p): [string, string, string] => [`pipeline/raw SDK, total stream time (${p})`, String(overhead.total[p]), '≤ 1.05']),
    ['postMessages for a 10,000-token answer', `${traffic.postMessages} (${(traffic.bytes / 1024).toFixed(0)} KB)`, '≤ 200'],
    ['tokens lost', String(traffic.tokensLost), '0'],
    [`activation ms (loading dist/extension.js, then activate() runs dist/main.js), median of ${ACTIVATION_RUNS} starts of one profile`, `${act.activationMs} (load ${act.requireMs} + activate ${act.activateCallMs})`, '≤ 15'],
    ['activation ms, the first start (no code cache yet: dist/main.js compiled from source)', String(act.coldActivationMs), '—'],
    ['provider SDK loaded at activation', String(act.sdkLoaded), 'false'],
    ['VSIX bytes', String(size.vsixBytes), '≤ 1,572,864'],
    ['dist/extension.js + dist/main.js bytes', String(size.extensionBytes), '—'],
    ['dist/webview.js bytes', String(size.webviewBytes), '≤ 256,000'],
    ['usage store bytes, 365 days × 200 requests', String(store.usageStoreBytesYear), '≤ 102,400'],
    ['globalState writes per usage record (usage lives in files)', String(store.globalStateWritesPerRecord), '0'],
    ['usage file writes per record (atomic: temp, fsync, rename)', String(store.usageFileWritesPerRecord), '≤ 1'],
    ['globalState writes per request (pending start + end; +1 per 5 s of streaming)', String(store.globalStateWritesPerRequest), '—'],
    ['20-turn Anthropic conversation, cached ÷ uncached cost', `${caching.ratio.toFixed(3)} ($${caching.cachedUsd.toFixed(4)} / $${caching.uncachedUsd.toFixed(4)})`, '≤ 0.35'],
    ...PROVIDERS.map((p): [string, string, string] => [`pipeline fixed cost per request, zero delay, ms (${p})`, String(overhead.fixedMs[p]), '≤ 0.3']),
    ...PROVIDERS.map((p): [string, string, string] => [`pipeline cost per token, zero delay, µs (${p})`, String(overhead.usPerToken[p]), '≤ 1']),
    [`pipeline extra per request in the first ${FIRST_PAIRS} zero-delay pairs (JIT warming), ms`, PROVIDERS.map((p) => `${p} ${overhead.firstMs[p]}`).join(' / '), '—'],
    ['usage encode per record, µs: 1 day / 365 days of history', `${store.usageEncodeUsPerRecord1Day} / ${store.usageEncodeUsPerRecord365Days} (×${store.usageEncodeRatio365to1})`, '×≈1'],
    ['usage full shard encode, 365 days (the per-record cost before), µs', String(store.usageFullEncodeUs365Days), '—'],
    ['webview: main thread busy, 10,000-token answer with code at 100 tokens/s, %', wv((v) => v.webviewBusyPct100tps), '≤ 5'],
    ['webview: long tasks (> 50 ms) in that stream', wv((v) => v.webviewLongTasks100tps), '0'],
    ['webview: one update at 50k chars ÷ at 1k chars', wv((v) => v.renderCostRatio50kTo1k), '≤ 2'],
    ['webview: 5,000-line code block, displayed ÷ streamed time', wv((v) => v.codeBlock5000DisplayRatio), '≤ 1.2'],
    ['webview: open a 200-message conversation, ms', wv((v) => v.openConversation200Ms), '≤ 100'],
    ['webview: bytes loaded before the first paint (js + css)', wv((v) => v.webviewInitialBytes), '≤ 204,800'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'figure'.padEnd(w)}  ${'measured'.padEnd(28)}  target`);
  for (const [name, value, target] of rows) console.log(`${name.padEnd(w)}  ${value.padEnd(28)}  ${target}`);
  console.log(`\nmodules loaded by activation (and its deferred start-up): ${act.loaded.join(', ')}`);
  console.log(`BENCH ${JSON.stringify(figures)}`);
} finally {
  await fake.close();
}
