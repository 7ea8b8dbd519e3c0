import OpenAI from 'openai';
import { createRequire } from 'node:module'; import path from 'node:path';
import { startFakeProviders } from '../test/fakes/server';
import { caseNamed, KEYS } from '../test/fakes/adapterHarness';
import { sseEvents } from '../src/core/net/sseEvents';
const b = createRequire(import.meta.url)(path.resolve('node_modules/.cache/switchboard-bench/requestPath.js'));
const P = (process.env.P ?? 'openai') as 'openai';
const fake = await startFakeProviders({});
const client = new OpenAI({ apiKey: KEYS.openai, baseURL: fake.baseURLs.openai, maxRetries: 0 });
const adT = await b.createAdapter(caseNamed('openai').config(fake, { firstByteMs: 60000, idleMs: 60000 }));
const adN = await b.createAdapter(caseNamed('openai').config(fake));
fake.setDefault('openai', { text: 'word '.repeat(10).trim(), firstByteDelayMs: 0, chunkSize: 20, chunkDelayMs: 0 });
import { createSafeFetch } from '../src/core/net/safeFetch';
const client2 = new OpenAI({ apiKey: KEYS.openai, baseURL: fake.baseURLs.openai, maxRetries: 0, fetch: createSafeFetch() });
const client3 = new OpenAI({ apiKey: KEYS.openai, baseURL: fake.baseURLs.openai, maxRetries: 0, organization: null, project: null, logLevel: 'off' } as any);
import { StreamGuard } from '../src/core/llm/streamTimeouts';
import { guardedStream } from '../src/core/providers/_shared';
import { readChatStream } from '../src/core/providers/_openaiStream';
const ctx = { providerId: 'openai', label: 'OpenAI', secrets: [] } as any;
const T = { firstByteMs: 60000, idleMs: 60000 };
const OpenAICjs = createRequire(import.meta.url)('openai').default ?? createRequire(import.meta.url)('openai');
const clientCjs = new OpenAICjs({ apiKey: KEYS.openai, baseURL: fake.baseURLs.openai, maxRetries: 0, fetch: createSafeFetch() });
const msgs = [{ role: 'user' as const, content: 'Write.' }];
const body = { model: caseNamed('openai').model, messages: msgs, stream: true as const, stream_options: { include_usage: true } };
const req = { model: caseNamed('openai').model, messages: msgs, maxOutputTokens: 4096 };
const modes: Record<string, () => Promise<void>> = {
  raw: async () => { const s = await client.chat.completions.create(body); for await (const _ of s); },
  rawSig: async () => { const s = await client.chat.completions.create(body, { signal: new AbortController().signal }); for await (const _ of s); },
  asResp: async () => { const r = await client.chat.completions.create(body).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  asRespSig: async () => { const r = await client.chat.completions.create(body, { signal: new AbortController().signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  safeSig: async () => { const r = await client2.chat.completions.create(body, { signal: new AbortController().signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  optsSig: async () => { const r = await client3.chat.completions.create(body, { signal: new AbortController().signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  maxSig: async () => { const r = await client.chat.completions.create({ ...body, max_completion_tokens: 4096 }, { signal: new AbortController().signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  g1: async () => { const g = new StreamGuard(ctx, undefined, T); const r = await client2.chat.completions.create(body, { signal: g.signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) { g.touch(); if (e.data !== '[DONE]') JSON.parse(e.data); } g.dispose(); },
  g2: async () => { for await (const _ of guardedStream(ctx, req as any, { timeouts: T } as any, async function* (g) { const r = await client2.chat.completions.create(body, { signal: g.signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) { g.touch(); if (e.data !== '[DONE]') yield JSON.parse(e.data); } } as any, (e) => e as any)); },
  g3: async () => { for await (const _ of guardedStream(ctx, req as any, { timeouts: T } as any, async (g) => { const r = await client2.chat.completions.create(body, { signal: g.signal }).asResponse(); return readChatStream(r, ctx, g); }, (e) => e as any)); },
  cjsSig: async () => { const r = await clientCjs.chat.completions.create(body, { signal: new AbortController().signal }).asResponse(); for await (const e of sseEvents(r, { isEnd: (e) => e.data === '[DONE]' })) if (e.data !== '[DONE]') JSON.parse(e.data); },
  adN: async () => { for await (const _ of adN.stream(req)); },
  adT: async () => { for await (const _ of adT.stream(req)); },
};
const names = (process.env.MODES ?? 'rawSig,asResp,asRespSig,adN,adT').split(',');
for (let i = 0; i < 100; i++) { await modes.raw!(); for (const n of names) await modes[n]!(); }
const d: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const N = Number(process.env.N ?? 400);
let r1 = 0; { const t = performance.now(); await modes.raw!(); r1 = performance.now() - t; }
for (let i = 0; i < N * names.length; i++) { const n = names[i % names.length]!; const t0 = performance.now(); await modes[n]!(); const v = performance.now() - t0; const t1 = performance.now(); await modes.raw!(); const r2 = performance.now() - t1; d[n]!.push(v - (r1 + r2) / 2); r1 = r2; }
const med = (x: number[]) => x.sort((a, b) => a - b)[x.length >> 1]!;
console.log(names.map((n) => `${n} ${(med(d[n]!) * 1000).toFixed(0)}µs`).join('  '));
await fake.close();
