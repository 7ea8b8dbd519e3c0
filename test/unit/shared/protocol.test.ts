import { strict as assert } from 'node:assert';
import {
  checkFromHost,
  checkFromWebview,
  hostMessageSchema,
  isSafeExternalLink,
  LIMITS,
  parseFromHost,
  parseFromWebview,
  webviewMessageSchema,
  type HostMessage,
  type UiMessage,
  type UsageReport,
  type WebviewMessage,
} from '../../../src/shared/protocol';

const message: UiMessage = {
  id: 'm2',
  role: 'assistant',
  text: 'Hello **world**',
  status: 'error',
  createdAt: 1_700_000_000_000,
  error: { code: 'auth', message: 'Bad key', action: 'setApiKey', providerId: 'openai' },
  meta: {
    providerId: 'openai', model: 'gpt-5-mini', inputTokens: 12, outputTokens: 40, costUsd: 0.0012, costEstimated: false,
    latencyMs: 900, ttftMs: 120, fellBackFrom: { providerId: 'anthropic', model: 'claude-x' }, droppedMessages: 2,
  },
  progress: { attempt: 2, maxAttempts: 4, delayMs: 1500, reason: 'rate limited' },
};

const webviewSamples: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'send', conversationId: 'c1', text: 'hi', providerId: 'openai', model: 'gpt-5-mini' },
  { type: 'send', text: 'hi', providerId: 'compat:ollama', model: 'llama3' },
  { type: 'stop', conversationId: 'c1' },
  { type: 'retry', conversationId: 'c1', messageId: 'm2' },
  { type: 'continue', conversationId: 'c1', messageId: 'm2' },
  { type: 'retryNow', conversationId: 'c1', messageId: 'm2' },
  { type: 'newChat' },
  { type: 'openConversation', conversationId: 'c1' },
  { type: 'renameConversation', conversationId: 'c1', title: 'Renamed' },
  { type: 'deleteConversation', conversationId: 'c1' },
  { type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' },
  { type: 'copyCode', code: 'x = 1' },
  { type: 'insertCode', code: '' },
  { type: 'replaceSelection', code: 'y' },
  { type: 'openLink', href: 'https://example.com/a?b=c' },
  { type: 'setApiKey', providerId: 'gemini' },
  { type: 'setApiKey' },
  { type: 'openSettings', query: 'switchboard.budget' },
  { type: 'openSettings' },
  { type: 'estimate', requestId: 7, conversationId: 'c1', text: 'draft', providerId: 'openai', model: 'gpt-5-mini' },
  { type: 'usageReady' },
  { type: 'refreshUsage' },
  { type: 'exportCsv' },
  { type: 'resetUsage' },
];

const totals = { requests: 3, inputTokens: 1200, outputTokens: 300, cachedInputTokens: 100, costUsd: 0.0123, unknownPriceRequests: 1, estimatedRequests: 0 };
const usageReport: UsageReport = {
  generatedAt: 1_700_000_000_000,
  days: [{ day: '2026-11-25', costUsd: 0.0123, models: [{ model: 'gpt-5-mini', costUsd: 0.0123 }] }, { day: '2026-11-26', costUsd: 0, models: [] }],
  today: { totals, byModel: [{ ...totals, providerId: 'openai', model: 'gpt-5-mini' }], byWorkspace: [{ workspace: '', requests: 3, costUsd: 0.0123, unknownPriceRequests: 1, estimatedRequests: 0 }] },
  week: { totals, byModel: [], byWorkspace: [{ workspace: 'client-a', requests: 1, costUsd: 0, unknownPriceRequests: 0, estimatedRequests: 1 }] },
  month: { totals, byModel: [], byWorkspace: [] },
  recent: [
    { time: 1_700_000_000_000, providerId: 'openai', model: 'gpt-5-mini', inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, costUsd: null, latencyMs: null, outcome: 'error', errorCode: 'auth', estimated: true, workspace: 'w' },
    { time: 1_700_000_000_001, providerId: 'anthropic', model: 'claude', inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, costUsd: 0.001, latencyMs: 1200, outcome: 'ok', estimated: false, workspace: '' },
  ],
  providerLabels: [{ id: 'openai', label: 'OpenAI' }],
  budgets: [{ label: 'Daily', level: 'warn80', limitUsd: 1, spentUsd: 0.85 }],
};

const hostSamples: HostMessage[] = [
  {
    type: 'state',
    providersLoaded: true,
    providers: [
      { id: 'openai', label: 'OpenAI', ready: true, models: [{ id: 'gpt-5-mini', label: 'GPT-5 mini', contextWindow: 400_000, price: { input: 0.25, output: 2 } }] },
      { id: 'compat:ollama', label: 'Ollama', ready: false, models: [{ id: 'llama3', label: 'llama3', contextWindow: null, price: null }] },
    ],
    selection: { providerId: 'openai', model: 'gpt-5-mini' },
    conversations: [{ id: 'c1', title: 'First', updatedAt: 5, running: true }],
    active: { id: 'c1', title: 'First', providerId: 'openai', model: 'gpt-5-mini', messages: [message, { id: 'm1', role: 'user', text: 'q', status: 'done', createdAt: 1 }] },
  },
  { type: 'state', providersLoaded: false, providers: [], selection: null, conversations: [], active: null },
  { type: 'delta', conversationId: 'c1', messageId: 'm2', text: 'more' },
  { type: 'status', conversationId: 'c1', messageId: 'm2', state: 'queued', progress: { position: 2, waitMs: 1200 } },
  { type: 'status', conversationId: 'c1', messageId: 'm2', state: 'streaming' },
  { type: 'messageDone', conversationId: 'c1', message },
  { type: 'estimate', requestId: 7, inputTokens: 120, costUsd: 0.0003, maxOutputCostUsd: null, maxOutputTokens: 4096, contextWindow: 128_000, droppedMessages: 0 },
  { type: 'notice', level: 'warning', text: 'Careful' },
  { type: 'usageReport', report: usageReport },
];

/** Deterministic PRNG (mulberry32), so a failure is reproducible. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every path (to a leaf or object) inside a message, except the root. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
}

function setAt(obj: unknown, path: string[], value: unknown): void {
  const parent = getAt(obj, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** A value of a different type than `v` (never a valid replacement). */
function wrongTypeFor(v: unknown, r: () => number): unknown {
  const choices: unknown[] = typeof v === 'string'
    ? [42, true, { x: 1 }, ['a']] // not null: some strings are nullable
    : typeof v === 'number'
      ? ['7', -Infinity, NaN, { n: 1 }, [1], Infinity]
      : typeof v === 'boolean'
        ? ['true', 1, null]
        : Array.isArray(v)
          ? ['[]', 5, { length: 0 }]
          : v === null
            ? [{ bogus: [] }, 'null', 3, []] // nullable fields: an object of the wrong shape, or a primitive
            : ['obj', 12, [{}]];
  return choices[Math.floor(r() * choices.length)];
}

/** Optional fields whose removal leaves the message valid: they cannot be used to make a bad one. */
function isRequired(sample: object, path: string[], check: (m: unknown) => { ok: boolean }): boolean {
  const copy = structuredClone(sample);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string, unknown>;
  if (Array.isArray(parent)) return false;
  delete parent[path[path.length - 1]!];
  return !check(copy).ok;
}

function malformed(samples: object[], check: (m: unknown) => { ok: boolean }, r: () => number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const sample = structuredClone(pick(samples)) as Record<string, unknown>;
  switch (Math.floor(r() * 10)) {
    case 0:
      return pick([null, undefined, 0, 1.5, '', 'ready', '{"type":"ready"}', true, [], [{ type: 'ready' }], () => 1, Symbol('x'), 10n]);
    case 1:
      return { ...sample, type: pick(['', 'READY', 'sendd', 'delete', 'eval', 'x'.repeat(500), 'toString', '__proto__']) };
    case 2: {
      const required = paths(sample).filter((p) => isRequired(sample, p, check));
      if (required.length === 0) return { ...sample, type: 17 };
      const path = pick(required);
      const parent = getAt(sample, path.slice(0, -1)) as Record<string, unknown>;
      delete parent[path[path.length - 1]!];
      return sample;
    }
    case 3: {
      const leaves = paths(sample).filter((p) => p[0] !== 'type');
      if (leaves.length === 0) return { type: pick([1, null, {}, ['ready']]) };
      const path = pick(leaves);
      setAt(sample, path, wrongTypeFor(getAt(sample, path), r));
      return sample;
    }
    case 4: {
      const strings = paths(sample).filter((p) => typeof getAt(sample, p) === 'string' && p[0] !== 'type');
      if (strings.length === 0) return { ...sample, type: 'x'.repeat(LIMITS.text + 1) };
      const path = pick(strings);
      const isText = ['text', 'code'].includes(path[path.length - 1]!);
      setAt(sample, path, 'A'.repeat((isText ? LIMITS.text : LIMITS.id) + 1 + Math.floor(r() * 1000)) + (isText ? '' : 'x'.repeat(LIMITS.text)));
      return sample;
    }
    case 5: {
      // Pollution keys arrive as own properties after JSON.parse / structured clone.
      const key = pick(['__proto__', 'constructor', 'prototype']);
      const objects = [[], ...paths(sample).filter((p) => { const v = getAt(sample, p); return v !== null && typeof v === 'object' && !Array.isArray(v); })];
      const at = pick(objects);
      const json = JSON.stringify(sample);
      const parsed = JSON.parse(json) as Record<string, unknown>;
      const target = getAt(parsed, at) as Record<string, unknown>;
      Object.defineProperty(target, key, { value: JSON.parse('{"polluted":true,"isAdmin":true}'), enumerable: true, configurable: true, writable: true });
      return parsed;
    }
    case 6: {
      let deep: unknown = 'bottom';
      const depth = LIMITS.depth + 1 + Math.floor(r() * 200);
      for (let i = 0; i < depth; i++) deep = r() < 0.5 ? { a: deep } : [deep];
      return { ...sample, extra: deep };
    }
    case 7:
      return pick([new Date(), new Map([['type', 'ready']]), Object.assign(new (class Msg {})(), sample), new Uint8Array(4)]);
    case 8:
      // Objects that throw while being inspected.
      return pick([
        new Proxy(sample, { ownKeys: () => { throw new Error('boom'); } }),
        new Proxy(sample, { getPrototypeOf: () => { throw new Error('boom'); } }),
        new Proxy({}, { get: () => { throw new Error('boom'); } }),
      ]);
    default: {
      // A huge array where a bounded list or a string belongs.
      const arrays = paths(sample).filter((p) => Array.isArray(getAt(sample, p)));
      if (arrays.length > 0) {
        const path = pick(arrays);
        const last = path[path.length - 1];
        const limit = last === 'messages' ? LIMITS.messages : last === 'conversations' ? LIMITS.conversations : last === 'providers' ? LIMITS.providers : LIMITS.models;
        const item = (getAt(sample, path) as unknown[])[0] ?? 1;
        setAt(sample, path, new Array(limit + 1).fill(item));
        return sample;
      }
      return { ...sample, type: Array.from({ length: 10 }, () => 'ready') };
    }
  }
}

describe('protocol', () => {
  it('has a sample of every message kind in both directions', () => {
    const kinds = (schema: { _zod: { def: { options: readonly { _zod: { def: { shape: { type: { _zod: { def: { values: unknown[] } } } } } } }[] } } }) =>
      new Set(schema._zod.def.options.map((o) => String(o._zod.def.shape.type._zod.def.values[0])));
    assert.deepEqual([...kinds(webviewMessageSchema as never)].sort(), [...new Set(webviewSamples.map((m) => m.type))].sort());
    assert.deepEqual([...kinds(hostMessageSchema as never)].sort(), [...new Set(hostSamples.map((m) => m.type))].sort());
  });

  it('round-trips every valid message unchanged, also through JSON', () => {
    for (const m of webviewSamples) {
      assert.deepEqual(parseFromWebview(m), m);
      assert.deepEqual(parseFromWebview(JSON.parse(JSON.stringify(m))), m);
      assert.equal(parseFromHost(m), undefined, `${m.type} is not a host message`);
    }
    for (const m of hostSamples) {
      assert.deepEqual(parseFromHost(m), m);
      assert.deepEqual(parseFromHost(structuredClone(m)), m);
    }
  });

  it('strips unknown extra fields instead of passing them on', () => {
    const parsed = parseFromWebview({ type: 'stop', conversationId: 'c1', injected: 'x' });
    assert.deepEqual(parsed, { type: 'stop', conversationId: 'c1' });
  });

  it('rejects the bounds exactly at their edge', () => {
    const send = (text: string) => ({ type: 'send', text, providerId: 'openai', model: 'm' });
    assert.ok(parseFromWebview(send('x'.repeat(LIMITS.text))));
    assert.equal(parseFromWebview(send('x'.repeat(LIMITS.text + 1))), undefined);
    assert.equal(parseFromWebview(send('')), undefined, 'an empty message is not sent');
    assert.ok(parseFromWebview({ type: 'stop', conversationId: 'i'.repeat(LIMITS.id) }));
    assert.equal(parseFromWebview({ type: 'stop', conversationId: 'i'.repeat(LIMITS.id + 1) }), undefined);
    assert.equal(parseFromWebview({ type: 'estimate', requestId: 1.5, text: '', providerId: 'p', model: 'm' }), undefined);
    assert.equal(parseFromHost({ ...hostSamples[6], inputTokens: -1 }), undefined);
  });

  it('rejects prototype-pollution keys at any depth and does not pollute', () => {
    const payloads = [
      '{"type":"ready","__proto__":{"polluted":1}}',
      '{"type":"stop","conversationId":"c","constructor":{"prototype":{"polluted":1}}}',
      '{"type":"state","providersLoaded":true,"providers":[],"selection":null,"conversations":[],"active":{"id":"c","title":"t","providerId":null,"model":null,"messages":[{"id":"m","role":"user","text":"x","status":"done","createdAt":1,"meta":{"__proto__":{"polluted":1}}}]}}',
    ];
    const [w1, w2, h] = payloads.map((p) => JSON.parse(p) as unknown);
    assert.equal(checkFromWebview(w1).ok, false);
    assert.match((checkFromWebview(w2) as { reason: string }).reason, /forbidden key "constructor"/);
    assert.equal(checkFromHost(h).ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('drops 1,000 randomized malformed messages per direction without throwing', () => {
    for (const [name, samples, check] of [
      ['webview', webviewSamples, checkFromWebview],
      ['host', hostSamples, checkFromHost],
    ] as const) {
      const r = rng(name === 'webview' ? 1 : 2);
      const reasons = new Map<string, number>();
      let accepted = 0;
      for (let i = 0; i < 1000; i++) {
        const bad = malformed(samples, check, r);
        let result: ReturnType<typeof check>;
        try {
          result = check(bad);
        } catch (err) {
          assert.fail(`${name} #${i} threw: ${String(err)}`);
        }
        if (result.ok) {
          accepted++;
          console.log('accepted:', JSON.stringify(bad)?.slice(0, 300));
        } else {
          const reason = result.reason.replace(/^[\w.]*: /, '').slice(0, 30);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
        assert.equal(name === 'webview' ? parseFromWebview(bad) : parseFromHost(bad), undefined);
      }
      assert.equal(accepted, 0, `${name}: malformed messages were accepted`);
      assert.ok(reasons.size >= 8, `${name}: the generator covers many kinds of damage (${[...reasons.keys()].join(' | ')})`);
    }
  });

  it('names the kind and reason of a rejection for the log', () => {
    const r = checkFromWebview({ type: 'send', text: 5, providerId: 'p', model: 'm' });
    assert.equal(r.ok, false);
    assert.equal((r as { kind: string }).kind, 'send');
    assert.match((r as { reason: string }).reason, /^text: /);
    assert.equal((checkFromWebview('nope') as { kind: string }).kind, 'string');
  });

  it('allows only http, https and mailto links', () => {
    for (const ok of ['https://example.com', 'http://127.0.0.1:8080/x', 'mailto:someone@example.com', 'HTTPS://EXAMPLE.COM/Path']) assert.ok(isSafeExternalLink(ok), ok);
    for (const bad of [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', '/relative', '#anchor', 'https://', 'mailto:', `https://a.b/${'x'.repeat(LIMITS.href)}`,
    ]) assert.equal(isSafeExternalLink(bad), false, bad);
  });
});
