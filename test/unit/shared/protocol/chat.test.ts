import { strict as assert } from 'node:assert';
import { checkChatOutbound, checkChatInbound, chatOutboundSchema, isSafeExternalLink, parseChatOutbound, parseChatInbound, chatInboundSchema, type ChatOutbound, type UiMessage, type ChatInbound } from '../../../../src/shared/protocol/chat';
import { LIMITS } from '../../../../src/shared/protocol/limits';
import { MAX_ATTACHMENT_CHARS, MAX_ATTACHMENTS, MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, MAX_THUMBNAIL_CHARS } from '../../../../src/shared/attachmentKinds';
import { kinds, malformed, rng } from '../../helpers/malformedMessages';

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

const webviewSamples: ChatInbound[] = [
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
  { type: 'searchConversations', requestId: 3, query: 'retry policy' },
  { type: 'selectModel', providerId: 'anthropic', model: 'claude-sonnet-4-5' },
  { type: 'setEffort', conversationId: 'c1', effort: 'high' },
  { type: 'setEffort', conversationId: 'c1', effort: null },
  { type: 'copyCode', code: 'x = 1' },
  { type: 'copyAnswer', conversationId: 'c1', messageId: 'm2' },
  { type: 'exportConversation', conversationId: 'c1' },
  { type: 'editResend', conversationId: 'c1', messageId: 'm1', text: 'edited' },
  { type: 'insertCode', code: '' },
  { type: 'replaceSelection', code: 'y' },
  { type: 'openLink', href: 'https://example.com/a?b=c' },
  { type: 'setApiKey', providerId: 'gemini' },
  { type: 'setApiKey' },
  { type: 'openSettings', section: 'budget' },
  { type: 'openSettings' },
  { type: 'openInstructions', label: 'AGENTS.md' },
  { type: 'estimate', requestId: 7, conversationId: 'c1', text: 'draft', providerId: 'openai', model: 'gpt-5-mini' },
  { type: 'send', conversationId: 'c1', text: 'why?', providerId: 'openai', model: 'gpt-5-mini', attachmentIds: ['x1', 'x2'] },
  { type: 'attach', ref: { kind: 'source', source: 'gitDiffStaged' } },
  { type: 'attach', ref: { kind: 'uri', uri: 'file:///w/src/a.ts' } },
  { type: 'attachPick' },
  { type: 'attachImage', image: { name: 'shot.png', mimeType: 'image/png', data: 'iVBORw0KGgo=', width: 640, height: 480, thumbnail: 'data:image/webp;base64,UklGRg==' } },
  { type: 'regenerate', conversationId: 'c1', messageId: 'm2' },
  { type: 'showVersion', conversationId: 'c1', messageId: 'm2', index: 0 },
  { type: 'removeAttachment', attachmentId: 'x1' },
  { type: 'attachCandidates', requestId: 2, query: 'calc' },
  { type: 'openAttachment', attachmentId: 'x1' },
  { type: 'openAttachment', attachmentId: 'x1', conversationId: 'c1', messageId: 'm1' },
];

const chip = { id: 'x1', kind: 'selection' as const, label: 'a.ts:3-5', detail: 'src/a.ts lines 3–5', tokens: 42, location: { uri: 'file:///w/src/a.ts', startLine: 3, endLine: 5 } };

const hostSamples: ChatOutbound[] = [
  {
    type: 'state',
    providersLoaded: true,
    providers: [
      { id: 'openai', label: 'OpenAI', ready: true, models: [{ id: 'gpt-5-mini', label: 'GPT-5 mini', contextWindow: 400_000, price: { input: 0.25, output: 2 }, reasoning: true }] },
      { id: 'compat:ollama', label: 'Ollama', ready: false, models: [{ id: 'llama3', label: 'llama3', contextWindow: null, price: null }] },
    ],
    selection: { providerId: 'openai', model: 'gpt-5-mini' },
    conversations: [{ id: 'c1', title: 'First', updatedAt: 5, running: true }],
    active: { id: 'c1', title: 'First', providerId: 'openai', model: 'gpt-5-mini', effort: 'low', messages: [message, { id: 'm1', role: 'user', text: 'q', status: 'done', createdAt: 1, attachments: [chip] }] },
    instructions: [{ label: 'AGENTS.md', tokens: 412, truncated: false }, { label: 'api/.github/copilot-instructions.md', tokens: 8000, truncated: true }],
    draftAttachments: [{ id: 'x2', kind: 'gitDiff', label: 'Git Diff (Unstaged)', detail: '1 file', tokens: 900 }],
  },
  { type: 'state', providersLoaded: false, providers: [], selection: null, conversations: [], active: null },
  { type: 'delta', conversationId: 'c1', messageId: 'm2', text: 'more' },
  { type: 'status', conversationId: 'c1', messageId: 'm2', state: 'queued', progress: { position: 2, waitMs: 1200 } },
  { type: 'status', conversationId: 'c1', messageId: 'm2', state: 'streaming' },
  { type: 'messageDone', conversationId: 'c1', message },
  { type: 'messageDone', conversationId: 'c1', message: { ...message, versions: { index: 1, count: 2 } } },
  { type: 'messageDone', conversationId: 'c1', message: { ...message, alternatives: [{ text: 'first', status: 'done' }, { text: 'cut', status: 'error', error: message.error! }], version: 2 } },
  { type: 'messageDone', conversationId: 'c1', message: { ...message, meta: { ...message.meta!, cachedInputTokens: 1200, cacheWriteTokens: 300, savedUsd: 0.0123 } } },
  { type: 'messageDone', conversationId: 'c1', message: { ...message, meta: { ...message.meta!, cacheWriteTokens: 300, savedUsd: -0.0004 } } },
  { type: 'messageDone', conversationId: 'c1', message: { ...message, meta: { ...message.meta!, cachedInputTokens: 1200, savedUsd: null } } },
  { type: 'estimate', requestId: 7, inputTokens: 120, systemTokens: 20, historyTokens: 90, draftTokens: 10, costUsd: 0.0003, maxOutputCostUsd: null, maxOutputTokens: 4096, contextWindow: 128_000, inputBudget: 123_904, droppedMessages: 0 },
  { type: 'estimate', requestId: 8, inputTokens: 4, systemTokens: 0, historyTokens: 0, draftTokens: 4, costUsd: null, maxOutputCostUsd: null, maxOutputTokens: 4096, contextWindow: null, inputBudget: null, droppedMessages: 0 },
  { type: 'notice', level: 'warning', text: 'Careful' },
  {
    type: 'searchResults', requestId: 3, truncated: false,
    results: [
      { conversationId: 'c1', title: 'Retry policy', snippet: 'Retry policy', match: { start: 0, length: 12 } },
      { conversationId: 'c2', title: 'Other', messageId: 'm2', snippet: '…what the retry policy does…', match: { start: 9, length: 12 } },
    ],
  },
  { type: 'searchResults', requestId: 4, truncated: true, results: [] },
  { type: 'attachCandidates', requestId: 2, truncated: true, items: [{ ref: { kind: 'source', source: 'problemsWorkspace' }, kind: 'problems', label: 'Problems in Workspace', detail: '2 errors' }, { ref: { kind: 'uri', uri: 'file:///w/src/' }, kind: 'folder', label: 'src/', detail: 'src' }] },
  { type: 'restoreDraft', text: 'why?' },
];

describe('chat protocol', () => {
  it('has a sample of every message kind in both directions', () => {
    assert.deepEqual([...kinds(chatInboundSchema)].sort(), [...new Set(webviewSamples.map((m) => m.type))].sort());
    assert.deepEqual([...kinds(chatOutboundSchema)].sort(), [...new Set(hostSamples.map((m) => m.type))].sort());
  });

  it('round-trips every valid message unchanged, also through JSON', () => {
    for (const m of webviewSamples) {
      assert.deepEqual(parseChatInbound(m), m);
      assert.deepEqual(parseChatInbound(JSON.parse(JSON.stringify(m))), m);
      assert.equal(parseChatOutbound(m), undefined, `${m.type} is not a host message`);
    }
    for (const m of hostSamples) {
      assert.deepEqual(parseChatOutbound(m), m);
      assert.deepEqual(parseChatOutbound(structuredClone(m)), m);
    }
  });

  it('strips unknown extra fields instead of passing them on', () => {
    const parsed = parseChatInbound({ type: 'stop', conversationId: 'c1', injected: 'x' });
    assert.deepEqual(parsed, { type: 'stop', conversationId: 'c1' });
  });

  it('rejects the bounds exactly at their edge', () => {
    const send = (text: string) => ({ type: 'send', text, providerId: 'openai', model: 'm' });
    assert.ok(parseChatInbound(send('x'.repeat(LIMITS.text))));
    assert.equal(parseChatInbound(send('x'.repeat(LIMITS.text + 1))), undefined);
    assert.equal(parseChatInbound(send('')), undefined, 'an empty message is not sent');
    assert.ok(parseChatInbound({ type: 'stop', conversationId: 'i'.repeat(LIMITS.id) }));
    assert.equal(parseChatInbound({ type: 'stop', conversationId: 'i'.repeat(LIMITS.id + 1) }), undefined);
    assert.ok(parseChatInbound({ type: 'searchConversations', requestId: 1, query: 'q'.repeat(LIMITS.searchQuery) }));
    assert.equal(parseChatInbound({ type: 'searchConversations', requestId: 1, query: 'q'.repeat(LIMITS.searchQuery + 1) }), undefined);
    const hit = { conversationId: 'c1', title: 't', messageId: 'm1', snippet: 's', match: { start: 0, length: 1 } };
    assert.ok(parseChatOutbound({ type: 'searchResults', requestId: 1, truncated: true, results: Array(LIMITS.searchHits).fill(hit) }));
    assert.equal(parseChatOutbound({ type: 'searchResults', requestId: 1, truncated: true, results: Array(LIMITS.searchHits + 1).fill(hit) }), undefined);
    assert.equal(parseChatOutbound({ type: 'searchResults', requestId: 1, truncated: false, results: [{ ...hit, snippet: 's'.repeat(LIMITS.searchSnippet + 1) }] }), undefined);
    const withChips = (n: number) => ({ type: 'send', text: 'q', providerId: 'p', model: 'm', attachmentIds: Array.from({ length: n }, (_, i) => `x${i}`) });
    assert.ok(parseChatInbound(withChips(MAX_ATTACHMENTS)));
    assert.equal(parseChatInbound(withChips(MAX_ATTACHMENTS + 1)), undefined);
    assert.equal(parseChatInbound({ type: 'attach', ref: { kind: 'source', source: 'clipboard' } }), undefined, 'only the named sources');
    const image = (over: Record<string, unknown>) => ({ type: 'attachImage', image: { name: 'a.png', mimeType: 'image/png', data: 'AAAA', width: 10, height: 10, thumbnail: 'data:image/webp;base64,AA==', ...over } });
    assert.ok(parseChatInbound(image({ data: 'A'.repeat(Math.ceil(MAX_IMAGE_BYTES / 3) * 4), width: MAX_IMAGE_EDGE })));
    assert.equal(parseChatInbound(image({ data: 'A'.repeat(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 1) })), undefined, 'over the byte cap');
    assert.equal(parseChatInbound(image({ width: MAX_IMAGE_EDGE + 1 })), undefined, 'not scaled');
    assert.equal(parseChatInbound(image({ mimeType: 'image/svg+xml' })), undefined, 'only the four types');
    assert.equal(parseChatInbound(image({ thumbnail: `data:image/webp;base64,${'A'.repeat(MAX_THUMBNAIL_CHARS)}` })), undefined, 'a thumbnail is small');
    assert.equal(parseChatInbound(image({ thumbnail: 'https://example.com/x.png' })), undefined, 'a thumbnail is a data: URL');
    const stored = { id: 'u1', role: 'user', text: 'q', status: 'done', createdAt: 1, attachments: [{ ...chip, content: 'c'.repeat(MAX_ATTACHMENT_CHARS) }] };
    assert.ok(parseChatOutbound({ type: 'messageDone', conversationId: 'c1', message: stored }));
    assert.equal(parseChatOutbound({ type: 'messageDone', conversationId: 'c1', message: { ...stored, attachments: [{ ...chip, content: 'c'.repeat(MAX_ATTACHMENT_CHARS + 1) }] } }), undefined);
    assert.equal(parseChatOutbound({ type: 'attachCandidates', requestId: 1, truncated: false, items: Array(LIMITS.attachCandidates + 1).fill({ ref: { kind: 'uri', uri: 'file:///a' }, kind: 'file', label: 'a', detail: 'a' }) }), undefined);
    assert.equal(parseChatInbound({ type: 'estimate', requestId: 1.5, text: '', providerId: 'p', model: 'm' }), undefined);
    assert.equal(parseChatOutbound({ ...hostSamples.find((m) => m.type === 'estimate')!, inputTokens: -1 }), undefined);
    for (const field of ['systemTokens', 'historyTokens', 'draftTokens', 'inputBudget']) {
      assert.equal(parseChatOutbound({ ...hostSamples.find((m) => m.type === 'estimate')!, [field]: -1 }), undefined, field);
      assert.equal(parseChatOutbound({ ...hostSamples.find((m) => m.type === 'estimate')!, [field]: 1.5 }), undefined, field);
    }
  });

  it('meta: caching savings may be negative (a cache write) or unknown, within a bound; its token counts may not', () => {
    const withMeta = (meta: object) => ({ type: 'messageDone', conversationId: 'c1', message: { ...message, meta: { ...message.meta!, ...meta } } });
    for (const savedUsd of [-0.0004, 0, 0.0123, null, -LIMITS.signedUsd]) assert.ok(parseChatOutbound(withMeta({ savedUsd })), String(savedUsd));
    for (const savedUsd of [-LIMITS.signedUsd - 1, Infinity, -Infinity, NaN, '0.01']) assert.equal(parseChatOutbound(withMeta({ savedUsd })), undefined, String(savedUsd));
    for (const field of ['cachedInputTokens', 'cacheWriteTokens']) {
      for (const bad of [-1, 1.5, null]) assert.equal(parseChatOutbound(withMeta({ [field]: bad })), undefined, `${field} ${bad}`);
    }
    assert.equal(parseChatOutbound(withMeta({ costUsd: -0.01 })), undefined, 'a cost is never negative');
    assert.ok(parseChatOutbound({ type: 'messageDone', conversationId: 'c1', message }), 'meta stored before caching (no such fields) stays valid');
  });

  it('rejects prototype-pollution keys at any depth and does not pollute', () => {
    const payloads = [
      '{"type":"ready","__proto__":{"polluted":1}}',
      '{"type":"stop","conversationId":"c","constructor":{"prototype":{"polluted":1}}}',
      '{"type":"state","providersLoaded":true,"providers":[],"selection":null,"conversations":[],"active":{"id":"c","title":"t","providerId":null,"model":null,"messages":[{"id":"m","role":"user","text":"x","status":"done","createdAt":1,"meta":{"__proto__":{"polluted":1}}}]}}',
    ];
    const [w1, w2, h] = payloads.map((p) => JSON.parse(p) as unknown);
    assert.equal(checkChatInbound(w1).ok, false);
    assert.match((checkChatInbound(w2) as { reason: string }).reason, /forbidden key "constructor"/);
    assert.equal(checkChatOutbound(h).ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('drops 1,000 randomized malformed messages per direction without throwing', () => {
    for (const [name, samples, check] of [
      ['webview', webviewSamples, checkChatInbound],
      ['host', hostSamples, checkChatOutbound],
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
        assert.equal(name === 'webview' ? parseChatInbound(bad) : parseChatOutbound(bad), undefined);
      }
      assert.equal(accepted, 0, `${name}: malformed messages were accepted`);
      assert.ok(reasons.size >= 8, `${name}: the generator covers many kinds of damage (${[...reasons.keys()].join(' | ')})`);
    }
  });

  it('names the kind and reason of a rejection for the log', () => {
    const r = checkChatInbound({ type: 'send', text: 5, providerId: 'p', model: 'm' });
    assert.equal(r.ok, false);
    assert.equal((r as { kind: string }).kind, 'send');
    assert.match((r as { reason: string }).reason, /^text: /);
    assert.equal((checkChatInbound('nope') as { kind: string }).kind, 'string');
  });

  it('setEffort takes only the three levels or null (Default), for a conversation', () => {
    for (const effort of ['max', 'minimal', 'HIGH', '', 3, undefined]) assert.equal(parseChatInbound({ type: 'setEffort', conversationId: 'c1', effort }), undefined, String(effort));
    assert.equal(parseChatInbound({ type: 'setEffort', effort: 'low' }), undefined);
    assert.equal(parseChatInbound({ type: 'setEffort', conversationId: 'x'.repeat(LIMITS.id + 1), effort: 'low' }), undefined);
  });

  it('allows only http, https and mailto links', () => {
    for (const ok of ['https://example.com', 'http://127.0.0.1:8080/x', 'mailto:someone@example.com', 'HTTPS://EXAMPLE.COM/Path']) assert.ok(isSafeExternalLink(ok), ok);
    for (const bad of [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', '/relative', '#anchor', 'https://', 'mailto:', `https://a.b/${'x'.repeat(LIMITS.href)}`,
    ]) assert.equal(isSafeExternalLink(bad), false, bad);
  });
});
