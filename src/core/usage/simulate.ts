// A year of heavy use, simulated through the real UsageStore, to measure what it stores.
// Shared by test/unit/usageStore.test.ts (asserts the size bound) and the benchmark.

import { savedByCaching } from '../pricing/cacheSavings';
import { costOf } from '../pricing/cost';
import type { ModelPrice } from '../llm/types';
import { COMPACT_EVERY_MS, UsageStore, type Outcome } from './usageStore';
import { dayKey } from './dates';
import { MemoryKeyValueStore } from './keyValueStore';

export interface YearSimulation {
  /** Bytes of all stored keys and their JSON values at the end. */
  bytes: number;
  keys: number;
  requests: number;
  /** update() calls made by all windows (requests + compactions). */
  writes: number;
  /** What the store reports for the whole period, for cross-checking. */
  reportedRequests: number;
  /** Sum of the simulated requests' costs, in nano-dollars. */
  expectedCostNanos: number;
  reportedCostUsd: number;
  /** Sum of the simulated requests' savings by prompt caching, in nano-dollars. */
  expectedSavedNanos: number;
  reportedSavedUsd: number;
}

export interface YearSimulationOptions {
  days?: number;
  requestsPerDay?: number;
  /** Every n-th day a second window is open and records half of the requests. */
  secondWindowEvery?: number;
  seed?: number;
  /** How often each window runs compact() besides at its start; 0 = only at start. */
  compactEveryMs?: number;
  /** Share of requests that come from VS Code's chat (the rest from the panel); 0 by default. */
  vscodeChatShare?: number;
}

interface SimModel {
  providerId: string;
  model: string;
  weight: number;
  /** undefined = no known price; 'reported' = the gateway reports its own cost. */
  price: ModelPrice | undefined | 'reported';
}

// Plausible list prices (USD / 1M tokens); the exact numbers do not matter for the size.
const MODELS: SimModel[] = [
  { providerId: 'openai', model: 'gpt-5-mini', weight: 30, price: { input: 0.25, cachedInput: 0.025, output: 2 } },
  { providerId: 'openai', model: 'gpt-5.4', weight: 15, price: { input: 2.5, cachedInput: 0.25, output: 15 } },
  { providerId: 'anthropic', model: 'claude-sonnet-4-5', weight: 25, price: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 } },
  { providerId: 'gemini', model: 'gemini-2.5-flash', weight: 15, price: { input: 0.3, cachedInput: 0.03, output: 2.5 } },
  { providerId: 'compat:OpenRouter', model: 'meta-llama/llama-3.3-70b-instruct', weight: 10, price: 'reported' },
  { providerId: 'compat:Ollama', model: 'qwen2.5-coder:7b', weight: 5, price: undefined },
];
const WORKSPACES = ['switchboard', 'billing-service', 'notes'];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function simulateUsageYear(options: YearSimulationOptions = {}): Promise<YearSimulation> {
  const days = options.days ?? 365;
  const perDay = options.requestsPerDay ?? 200;
  const secondEvery = options.secondWindowEvery ?? 5;
  const compactEvery = options.compactEveryMs ?? COMPACT_EVERY_MS;
  const chatShare = options.vscodeChatShare ?? 0;
  const random = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const totalWeight = MODELS.reduce((s, m) => s + m.weight, 0);
  const pickModel = (): SimModel => {
    let r = random() * totalWeight;
    for (const m of MODELS) if ((r -= m.weight) < 0) return m;
    return MODELS[0];
  };

  const kv = new MemoryKeyValueStore();
  const start = new Date(2025, 10, 26);
  let clock = start;
  const now = (): Date => clock;
  let ids = 0;
  const newId = (): string => `w${(ids++).toString(36)}`;
  let requests = 0;
  let expectedCostNanos = 0;
  let expectedSavedNanos = 0;
  let writes = 0;

  for (let d = 0; d < days; d++) {
    // A new VS Code session each morning (every reload is a new extension host), sometimes two.
    clock = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d, 9, 0);
    const windows = [new UsageStore({ store: kv, now, newId })];
    if (secondEvery > 0 && d % secondEvery === 0) windows.push(new UsageStore({ store: kv, now, newId }));
    for (const w of windows) await w.compact();
    let lastCompact = clock.getTime();

    for (let i = 0; i < perDay; i++) {
      clock = new Date(clock.getTime() + Math.floor((10 * 3_600_000) / perDay));
      const m = pickModel();
      const outcome: Outcome = random() < 0.95 ? 'ok' : random() < 0.6 ? 'stopped' : 'error';
      const failed = outcome === 'error';
      const inputTokens = failed ? 0 : int(500, 12_000);
      const cachedInputTokens = failed || random() < 0.5 ? 0 : Math.floor(inputTokens * random() * 0.8);
      // Prompt caching is on by default: Anthropic writes the new part of a conversation's prefix.
      const cacheWriteTokens = failed || m.providerId !== 'anthropic' || random() < 0.3 ? 0 : Math.floor((inputTokens - cachedInputTokens) * random() * 0.9);
      const outputTokens = failed ? 0 : int(50, outcome === 'stopped' ? 400 : 2_000);
      const reportedCostUsd = m.price === 'reported' && !failed ? Math.round((inputTokens * 0.13 + outputTokens * 0.4) * 1000) / 1e9 : undefined;
      const usage = {
        inputTokens,
        outputTokens,
        ...(cachedInputTokens ? { cachedInputTokens } : {}),
        ...(cacheWriteTokens ? { cacheWriteTokens } : {}),
        ...(reportedCostUsd !== undefined ? { reportedCostUsd } : {}),
      };
      const price = m.price === 'reported' ? undefined : m.price;
      const cost = costOf(usage, price);
      const savedUsd = cachedInputTokens || cacheWriteTokens ? savedByCaching(usage, price) : undefined;
      if (cost.usd !== null) expectedCostNanos += Math.round(cost.usd * 1e9);
      if (typeof savedUsd === 'number') expectedSavedNanos += Math.round(savedUsd * 1e9);
      const window = windows[i % windows.length];
      if (compactEvery > 0 && clock.getTime() - lastCompact >= compactEvery) {
        for (const w of windows) await w.compact();
        lastCompact = clock.getTime();
      }
      await window.record({
        providerId: m.providerId,
        model: m.model,
        usage,
        cost,
        latencyMs: int(400, 30_000),
        outcome,
        ...(failed ? { errorCode: 'rate_limit' } : {}),
        workspace: pick(WORKSPACES),
        ...(chatShare > 0 && random() < chatShare ? { source: 'vscode-chat' as const } : {}),
        ...(savedUsd !== undefined ? { savedUsd } : {}),
        ...(cost.source === 'reported' ? { priceSource: 'reported' as const } : cost.source === 'price-table' ? { priceSource: 'catalogue' as const } : {}),
      });
      requests++;
    }
    writes += windows.reduce((s, w) => s + w.writes, 0);
  }

  const reader = new UsageStore({ store: kv, now, newId });
  const first = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const all = reader.totals({ from: dayKey(first), to: dayKey(clock) });
  return {
    bytes: kv.storedBytes(),
    keys: kv.keys().length,
    requests,
    writes,
    reportedRequests: all.requests,
    expectedCostNanos,
    reportedCostUsd: all.costUsd,
    expectedSavedNanos,
    reportedSavedUsd: all.savedUsd,
  };
}
