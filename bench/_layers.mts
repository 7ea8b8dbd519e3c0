import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const b = createRequire(import.meta.url)(path.resolve('node_modules/.cache/switchboard-bench/requestPath.js'));
const adapter: any = { config: { id: 'openai', kind: 'openai', label: 'OpenAI', apiKey: 'k' }, async *stream() {
  yield { type: 'text', text: 'word word word word' }; yield { type: 'text', text: ' word word word word word word' };
  yield { type: 'usage', usage: { inputTokens: 10, outputTokens: 10 } }; yield { type: 'finish', reason: 'stop' }; } };
const pipeline = new b.Pipeline({ getAdapter: async () => adapter, limits: () => ({ requestsPerMinute: 1e9, tokensPerMinute: 1e12 }), retry: () => b.DEFAULT_RETRY });
const usage = new b.UsageStore({ store: new b.FileKeyValueStore(mkdtempSync(path.join(os.tmpdir(), 'lay-')), b.nodeFileSystem, 100) });
const svc = new b.RequestService({ pipeline, budget: { admit: () => ({ allowed: true, warnings: [] }) }, model: () => undefined, usage, workspace: () => 'bench' });
const svcNoop = new b.RequestService({ pipeline, budget: { admit: () => ({ allowed: true, warnings: [] }) }, model: () => undefined, usage: { record: () => Promise.resolve() }, workspace: () => 'bench' });
const req = { providerId: 'openai', model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Write.' }], maxOutputTokens: 4096 };
const v: Record<string, () => Promise<unknown>> = {
  adapter: async () => { for await (const _ of adapter.stream(req)); },
  pipeline: async () => { const r = pipeline.run(req); for await (const _ of r.events); await r.result; },
  svcNoop: async () => { const r = svcNoop.run(req); for await (const _ of r.events); await r.done; },
  svc: async () => { const r = svc.run(req); for await (const _ of r.events); await r.done; },
};
const N = 5000;
for (let round = 0; round < 3; round++) {
  const out: string[] = [];
  for (const [k, f] of Object.entries(v)) { for (let i = 0; i < 500; i++) await f(); const t0 = performance.now(); for (let i = 0; i < N; i++) await f(); out.push(`${k} ${((performance.now() - t0) / N * 1000).toFixed(1)}µs`); }
  console.log(out.join('  '));
}
pipeline.dispose(); await usage; process.exit(0);
