// Every message between the chat webview and the extension host, defined once and imported by both
// sides. zod/mini keeps the webview bundle small (it tree-shakes; the classic API does not).
// Parsing never throws: anything that is not exactly one of these messages is dropped.
import * as z from 'zod/mini';

/** Size bounds: a hostile or buggy peer cannot make the other side hold or render unbounded data. */
export const LIMITS = {
  /** One message text, a code block, a composer draft. */
  text: 1_000_000,
  id: 200,
  label: 500,
  errorMessage: 4_000,
  href: 8_192,
  providers: 200,
  models: 5_000,
  conversations: 1_000,
  messages: 2_000,
  /** Object/array nesting of a whole message (a state snapshot needs 6). */
  depth: 10,
  /** Objects + arrays + primitives visited while checking a message. */
  nodes: 500_000,
} as const;

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
const text = z.string().check(z.maxLength(LIMITS.text));
const nonEmptyText = z.string().check(z.minLength(1), z.maxLength(LIMITS.text));
const label = z.string().check(z.maxLength(LIMITS.label));
const count = z.int().check(z.gte(0));
const amount = z.number().check(z.gte(0));
const time = z.number().check(z.gte(0));

// ------------------------------------------------------------------------------------------------
// Shared shapes
// ------------------------------------------------------------------------------------------------

export const MESSAGE_STATUSES = ['done', 'streaming', 'queued', 'retrying', 'stopped', 'interrupted', 'error'] as const;
export const ERROR_ACTIONS = ['setApiKey', 'openSettings', 'retry'] as const;

const priceSchema = z.object({ input: amount, output: amount });
const modelSchema = z.object({
  id,
  label,
  contextWindow: z.nullable(count),
  /** USD per one million tokens; null = unknown price (shown as such, never as $0). */
  price: z.nullable(priceSchema),
});
const providerSchema = z.object({
  id,
  label,
  /** Has a key (or needs none): the only providers the model picker offers. */
  ready: z.boolean(),
  models: z.array(modelSchema).check(z.maxLength(LIMITS.models)),
});
const errorSchema = z.object({
  code: id,
  message: z.string().check(z.maxLength(LIMITS.errorMessage)),
  action: z.nullable(z.enum(ERROR_ACTIONS)),
  providerId: id,
  /** For action 'openSettings': what to search for in the Settings editor. */
  settingsQuery: z.optional(label),
});
const metaSchema = z.object({
  providerId: id,
  model: id,
  inputTokens: z.nullable(count),
  outputTokens: z.nullable(count),
  costUsd: z.nullable(amount),
  /** Tokens (and so cost) counted by our estimator, not reported by the provider. */
  costEstimated: z.boolean(),
  latencyMs: z.nullable(time),
  ttftMs: z.optional(z.nullable(time)),
  /** Set when a fallback provider answered instead of the chosen one. */
  fellBackFrom: z.optional(z.object({ providerId: id, model: id })),
  /** Earlier messages left out of this request to fit the model's context window. */
  droppedMessages: z.optional(count),
});
/** What a queued / retrying answer is waiting for. */
const progressSchema = z.object({
  position: z.optional(count),
  waitMs: z.optional(time),
  attempt: z.optional(count),
  maxAttempts: z.optional(count),
  delayMs: z.optional(time),
  reason: z.optional(z.string().check(z.maxLength(LIMITS.errorMessage))),
});
/** Where an Ask About Selection question came from; the host tracks the range under `anchorId`. */
const sourceSchema = z.object({
  anchorId: id,
  /** Workspace-relative path, for labels. */
  path: label,
  startLine: count,
  endLine: count,
});
export const messageSchema = z.object({
  id,
  role: z.enum(['user', 'assistant']),
  text,
  status: z.enum(MESSAGE_STATUSES),
  createdAt: time,
  error: z.optional(errorSchema),
  meta: z.optional(metaSchema),
  progress: z.optional(progressSchema),
  /** User messages sent by Ask About Selection. */
  source: z.optional(sourceSchema),
});
const summarySchema = z.object({ id, title: label, updatedAt: time, running: z.boolean() });
const conversationSchema = z.object({
  id,
  title: label,
  providerId: z.nullable(id),
  model: z.nullable(id),
  messages: z.array(messageSchema).check(z.maxLength(LIMITS.messages)),
});
const selectionSchema = z.object({ providerId: id, model: id });

// The usage report (a separate webview panel, same protocol): totals as the usage store computes them.
const totalsShape = {
  requests: count,
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  /** USD of the requests whose price was known. */
  costUsd: amount,
  /** Requests with no known price: their cost is not in costUsd. */
  unknownPriceRequests: count,
  estimatedRequests: count,
};
const usagePeriodSchema = z.object({
  totals: z.object(totalsShape),
  byModel: z.array(z.object({ ...totalsShape, providerId: id, model: id })).check(z.maxLength(LIMITS.models)),
  /** Spending per project (tokens are not kept per project); workspace '' = no folder was open. */
  byWorkspace: z.array(z.object({ workspace: label, requests: count, costUsd: amount, unknownPriceRequests: count, estimatedRequests: count }))
    .check(z.maxLength(LIMITS.models)),
});
export const usageReportSchema = z.object({
  generatedAt: time,
  days: z.array(z.object({
    day: z.string().check(z.maxLength(10)),
    costUsd: amount,
    models: z.array(z.object({ model: id, costUsd: amount })).check(z.maxLength(LIMITS.providers)),
  })).check(z.maxLength(400)),
  today: usagePeriodSchema,
  week: usagePeriodSchema,
  month: usagePeriodSchema,
  recent: z.array(z.object({
    time,
    providerId: id,
    model: id,
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count,
    costUsd: z.nullable(amount),
    latencyMs: z.nullable(time),
    outcome: z.enum(['ok', 'stopped', 'interrupted', 'error']),
    errorCode: z.optional(id),
    estimated: z.boolean(),
    workspace: label,
  })).check(z.maxLength(500)),
  /** Display names of the provider ids the report mentions ("OpenAI", not "openai"). */
  providerLabels: z.array(z.object({ id, label })).check(z.maxLength(LIMITS.providers)),
  budgets: z.array(z.object({
    label,
    level: z.enum(['ok', 'warn80', 'exceeded', 'blocked']),
    limitUsd: amount,
    spentUsd: amount,
  })).check(z.maxLength(50)),
});

export type UsageReport = z.infer<typeof usageReportSchema>;
export type UiModel = z.infer<typeof modelSchema>;
export type UiProvider = z.infer<typeof providerSchema>;
export type UiError = z.infer<typeof errorSchema>;
export type UiErrorAction = (typeof ERROR_ACTIONS)[number];
export type UiMeta = z.infer<typeof metaSchema>;
export type UiProgress = z.infer<typeof progressSchema>;
export type UiMessage = z.infer<typeof messageSchema>;
export type UiMessageStatus = (typeof MESSAGE_STATUSES)[number];
export type UiConversationSummary = z.infer<typeof summarySchema>;
export type UiConversation = z.infer<typeof conversationSchema>;
export type UiSelection = z.infer<typeof selectionSchema>;
export type UiSource = z.infer<typeof sourceSchema>;

/** "line 3" or "lines 3–5". */
export function linesLabel(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
}

/** "src/a.ts lines 3–5": where a question's code is, in messages and button labels. */
export function sourceLabel(s: { path: string; startLine: number; endLine: number }): string {
  return `${s.path} ${linesLabel(s.startLine, s.endLine)}`;
}

// ------------------------------------------------------------------------------------------------
// Webview → host
// ------------------------------------------------------------------------------------------------

const conversationRef = { conversationId: id };
const messageRef = { conversationId: id, messageId: id };

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), conversationId: z.optional(id), text: nonEmptyText, providerId: id, model: id }),
  z.object({ type: z.literal('stop'), ...conversationRef }),
  z.object({ type: z.literal('retry'), ...messageRef }),
  z.object({ type: z.literal('continue'), ...messageRef }),
  z.object({ type: z.literal('retryNow'), ...messageRef }),
  z.object({ type: z.literal('newChat') }),
  z.object({ type: z.literal('openConversation'), ...conversationRef }),
  z.object({ type: z.literal('renameConversation'), ...conversationRef, title: z.string().check(z.minLength(1), z.maxLength(LIMITS.label)) }),
  z.object({ type: z.literal('deleteConversation'), ...conversationRef }),
  z.object({ type: z.literal('selectModel'), providerId: id, model: id }),
  z.object({ type: z.literal('copyCode'), code: text }),
  z.object({ type: z.literal('insertCode'), code: text }),
  /** From an answer's code block: replaces the code the question was about, else the editor's selection. */
  z.object({ type: z.literal('replaceSelection'), code: text, conversationId: z.optional(id), messageId: z.optional(id) }),
  z.object({ type: z.literal('openLink'), href: z.string().check(z.minLength(1), z.maxLength(LIMITS.href)) }),
  z.object({ type: z.literal('setApiKey'), providerId: z.optional(id) }),
  z.object({ type: z.literal('openSettings'), query: z.optional(label) }),
  /** Token + cost estimate of sending `text` next; answered by an `estimate` with the same requestId. */
  z.object({ type: z.literal('estimate'), requestId: count, conversationId: z.optional(id), text, providerId: id, model: id }),
  // Usage report panel
  z.object({ type: z.literal('usageReady') }),
  z.object({ type: z.literal('refreshUsage') }),
  z.object({ type: z.literal('exportCsv') }),
  z.object({ type: z.literal('resetUsage') }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type WebviewMessageType = WebviewMessage['type'];

// ------------------------------------------------------------------------------------------------
// Host → webview
// ------------------------------------------------------------------------------------------------

export const hostMessageSchema = z.discriminatedUnion('type', [
  /** The whole picture; sent on ready and after every change that is not a streaming delta. */
  z.object({
    type: z.literal('state'),
    providersLoaded: z.boolean(),
    providers: z.array(providerSchema).check(z.maxLength(LIMITS.providers)),
    selection: z.nullable(selectionSchema),
    conversations: z.array(summarySchema).check(z.maxLength(LIMITS.conversations)),
    active: z.nullable(conversationSchema),
  }),
  /** Text appended to a streaming answer (batched: one per ~30 ms, never one per token). */
  z.object({ type: z.literal('delta'), ...messageRef, text: nonEmptyText }),
  z.object({ type: z.literal('status'), ...messageRef, state: z.enum(['queued', 'retrying', 'streaming']), progress: z.optional(progressSchema) }),
  /** The finished answer as stored: final text, status, error, meta. Replaces the streamed text. */
  z.object({ type: z.literal('messageDone'), conversationId: id, message: messageSchema }),
  z.object({
    type: z.literal('estimate'),
    requestId: count,
    inputTokens: count,
    costUsd: z.nullable(amount),
    maxOutputCostUsd: z.nullable(amount),
    maxOutputTokens: count,
    contextWindow: z.nullable(count),
    droppedMessages: count,
  }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), text: z.string().check(z.maxLength(LIMITS.errorMessage)) }),
  /** Usage report panel: everything it shows. */
  z.object({ type: z.literal('usageReport'), report: usageReportSchema }),
]);

export type HostMessage = z.infer<typeof hostMessageSchema>;
export type HostMessageType = HostMessage['type'];
export type StateMessage = Extract<HostMessage, { type: 'state' }>;

// ------------------------------------------------------------------------------------------------
// Parsing
// ------------------------------------------------------------------------------------------------

export type Rejection = { ok: false; kind: string; reason: string };
export type Parsed<T> = { ok: true; message: T } | Rejection;

const POLLUTION_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Structural pre-check before zod: only plain objects/arrays/primitives, bounded depth and size,
 * and no key that could pollute a prototype if some code later merged the object.
 */
function structuralProblem(raw: unknown): string | undefined {
  let nodes = 0;
  const visit = (value: unknown, depth: number): string | undefined => {
    if (++nodes > LIMITS.nodes) return 'too many nodes';
    if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? `a ${typeof value}` : undefined;
    if (depth > LIMITS.depth) return 'nested too deeply';
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return 'not a plain object';
    for (const key of Object.keys(value)) {
      if (POLLUTION_KEYS.has(key)) return `forbidden key "${key}"`;
      const problem = visit((value as Record<string, unknown>)[key], depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(raw, 0);
}

/** A short label for the log: the message's `type` when it is a sane string. */
export function messageKind(raw: unknown): string {
  try {
    if (raw === null || typeof raw !== 'object') return raw === null ? 'null' : typeof raw;
    const type = (raw as { type?: unknown }).type;
    return typeof type === 'string' && /^[A-Za-z][\w-]{0,39}$/.test(type) ? type : Array.isArray(raw) ? 'array' : '(no type)';
  } catch {
    return '(unreadable)';
  }
}

function parseWith<T>(schema: z.ZodMiniType<T>, raw: unknown): Parsed<T> {
  const kind = messageKind(raw);
  try {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, kind, reason: 'not an object' };
    const problem = structuralProblem(raw);
    if (problem) return { ok: false, kind, reason: problem };
    const result = z.safeParse(schema, raw);
    if (result.success) return { ok: true, message: result.data };
    const issue = result.error.issues[0];
    return { ok: false, kind, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid' };
  } catch (err) {
    // A Proxy or getter could throw while being read; that is a rejection, not a crash.
    return { ok: false, kind, reason: `unreadable (${err instanceof Error ? err.name : 'error'})` };
  }
}

/** Validates a message from the webview, with the reason when it is rejected. Never throws. */
export function checkFromWebview(raw: unknown): Parsed<WebviewMessage> {
  return parseWith(webviewMessageSchema, raw);
}

/** Validates a message from the host, with the reason when it is rejected. Never throws. */
export function checkFromHost(raw: unknown): Parsed<HostMessage> {
  return parseWith(hostMessageSchema, raw);
}

/** The typed message, or undefined when `raw` is not a valid webview → host message. Never throws. */
export function parseFromWebview(raw: unknown): WebviewMessage | undefined {
  const r = checkFromWebview(raw);
  return r.ok ? r.message : undefined;
}

/** The typed message, or undefined when `raw` is not a valid host → webview message. Never throws. */
export function parseFromHost(raw: unknown): HostMessage | undefined {
  const r = checkFromHost(raw);
  return r.ok ? r.message : undefined;
}

/** Links the panel may open (through the host, after a click): web pages and mail only. */
export function isSafeExternalLink(href: string): boolean {
  if (href.length > LIMITS.href) return false;
  try {
    const url = new URL(href);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
