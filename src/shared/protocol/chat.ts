// The chat view's protocol: every message between the chat webview and the extension host,
// defined once and parsed on both sides (never trusted). Inbound = webview → host, outbound =
// host → webview. The usage report has its own protocol (usageReport.ts).
import * as z from 'zod/mini';
import { amount, count, id, label, LIMITS, nonEmptyText, signedAmount, text, time } from './limits';
import { parseWith, type Parsed } from './parse';
import { REASONING_EFFORTS } from '../reasoning';
import { ATTACHMENT_KINDS, ATTACHMENT_SOURCES, IMAGE_MIME_TYPES, MAX_ATTACHMENT_CHARS, MAX_ATTACHMENTS, MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, MAX_THUMBNAIL_CHARS } from '../attachmentKinds';

// ------------------------------------------------------------------------------------------------
// Shapes
// ------------------------------------------------------------------------------------------------

export const MESSAGE_STATUSES = ['done', 'streaming', 'queued', 'retrying', 'stopped', 'interrupted', 'error'] as const;
export const ERROR_ACTIONS = ['setApiKey', 'openSettings', 'retry'] as const;
/** Parts of Switchboard's settings the panel can ask the host to open (the host knows where they are). */
export const SETTINGS_SECTIONS = ['budget', 'fallback', 'endpoints', 'maxAnswerCharacters', 'instructions'] as const;

const priceSchema = z.object({ input: amount, output: amount });
const modelSchema = z.object({
  id,
  label,
  contextWindow: z.nullable(count),
  /** USD per one million tokens; null = unknown price (shown as such, never as $0). */
  price: z.nullable(priceSchema),
  /** It takes a reasoning effort (the composer then offers one). */
  reasoning: z.optional(z.literal(true)),
  /** false: the model takes no images (its provider's list says so); absent: it does, or nobody says. */
  images: z.optional(z.literal(false)),
});
/** A conversation's reasoning effort; absent / null = the provider's default. */
const effortSchema = z.enum(REASONING_EFFORTS);
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
  /** For action 'openSettings': which settings. */
  settings: z.optional(z.enum(SETTINGS_SECTIONS)),
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
  /** Reasoning ("thinking") tokens: part of outputTokens, billed as output. */
  reasoningTokens: z.optional(z.nullable(count)),
  /** Prompt caching (all absent = no cache activity, as in answers stored before it): input tokens read from the cache, part of inputTokens. */
  cachedInputTokens: z.optional(count),
  /** Input tokens written to the prompt cache, part of inputTokens. */
  cacheWriteTokens: z.optional(count),
  /** USD caching saved vs the same request uncached; negative when the cache writes cost more; null = unknown price. */
  savedUsd: z.optional(z.nullable(signedAmount)),
});
export const NOTICE_KINDS = ['length', 'pause', 'filtered'] as const;
/** Why a finished answer is incomplete: the output limit, a paused turn, a content filter / refusal. */
const noticeSchema = z.object({ kind: z.enum(NOTICE_KINDS), text: z.string().check(z.maxLength(LIMITS.errorMessage)) });
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
/** Where an attachment came from (a file, folder or selection): its chip opens it. */
const attachmentLocationSchema = z.object({ uri: z.string().check(z.minLength(1), z.maxLength(LIMITS.href)), startLine: z.optional(count), endLine: z.optional(count) });
/**
 * Context attached to a prompt (core/attachments). Stored with its `content` (exactly what the model
 * received); the panel gets it without the content but with its token count.
 */
const imageMimeType = z.enum(IMAGE_MIME_TYPES);
const edge = z.int().check(z.gt(0), z.lte(MAX_IMAGE_EDGE));
const thumbnail = z.string().check(z.maxLength(MAX_THUMBNAIL_CHARS), z.startsWith('data:image/'));
/** An attached image's stored file (core/attachments/imageStore.ts) and size. */
const imageMetaSchema = z.object({ sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)), mimeType: imageMimeType, width: edge, height: edge, bytes: z.int().check(z.gt(0), z.lte(MAX_IMAGE_BYTES)) });
/** A pasted or dropped image, scaled by the panel; the host checks it (core/attachments/imageAttachment.ts). */
const pastedImageSchema = z.object({
  name: z.string().check(z.maxLength(LIMITS.label)),
  mimeType: imageMimeType,
  data: z.string().check(z.minLength(4), z.maxLength(Math.ceil(MAX_IMAGE_BYTES / 3) * 4)),
  width: edge,
  height: edge,
  thumbnail,
});
const attachmentSchema = z.object({
  id,
  kind: z.enum(ATTACHMENT_KINDS),
  label,
  detail: label,
  content: z.optional(z.string().check(z.maxLength(MAX_ATTACHMENT_CHARS))),
  tokens: z.optional(count),
  location: z.optional(attachmentLocationSchema),
  image: z.optional(imageMetaSchema),
  thumbnail: z.optional(thumbnail),
});
const attachmentsSchema = z.array(attachmentSchema).check(z.maxLength(MAX_ATTACHMENTS));
/** What to attach: one of the named sources, or a file or folder (from the `@` picker, or dropped). */
const attachRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('source'), source: z.enum(ATTACHMENT_SOURCES) }),
  z.object({ kind: z.literal('uri'), uri: z.string().check(z.minLength(1), z.maxLength(LIMITS.href)) }),
]);
/** One entry of the `@` picker. */
const attachCandidateSchema = z.object({ ref: attachRefSchema, kind: z.enum(ATTACHMENT_KINDS), label, detail: label });
/** One version of an answer (core/conversations/answerVersions.ts). */
const answerVersionSchema = z.object({
  text,
  status: z.enum(MESSAGE_STATUSES),
  meta: z.optional(metaSchema),
  thinking: z.optional(text),
  notice: z.optional(noticeSchema),
  error: z.optional(errorSchema),
});
/** Most versions one answer keeps. */
export const MAX_ANSWER_VERSIONS = 10;
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
  /** The model's reasoning, shown apart from the answer (never part of `text`). */
  thinking: z.optional(text),
  /** A 'done' answer that stopped short (status stays 'done', so older stored messages stay valid). */
  notice: z.optional(noticeSchema),
  /** Context sent with a user message, before its text. */
  attachments: z.optional(attachmentsSchema),
  /** An answer's other versions (Regenerate keeps them), stored only: the panel gets `versions`. */
  alternatives: z.optional(z.array(answerVersionSchema).check(z.maxLength(MAX_ANSWER_VERSIONS - 1))),
  /** Where the shown version sits among all of them (0-based, oldest first). */
  version: z.optional(count),
  /** For the panel: which version is shown (0-based) of how many. */
  versions: z.optional(z.object({ index: count, count })),
});
const searchHitSchema = z.object({
  conversationId: id,
  title: label,
  /** Absent: the title matched. */
  messageId: z.optional(id),
  snippet: z.string().check(z.maxLength(LIMITS.searchSnippet)),
  match: z.object({ start: count, length: count }),
});
const summarySchema = z.object({ id, title: label, updatedAt: time, running: z.boolean() });
const conversationSchema = z.object({
  id,
  title: label,
  providerId: z.nullable(id),
  model: z.nullable(id),
  effort: z.optional(effortSchema),
  messages: z.array(messageSchema).check(z.maxLength(LIMITS.messages)),
});
const selectionSchema = z.object({ providerId: id, model: id });
/** A workspace instructions file added to the system prompt (core/instructions). */
const instructionsSchema = z.object({ label: z.string().check(z.minLength(1), z.maxLength(LIMITS.label)), tokens: count, truncated: z.boolean() });

export type UiModel = z.infer<typeof modelSchema>;
export type UiProvider = z.infer<typeof providerSchema>;
export type UiError = z.infer<typeof errorSchema>;
export type UiErrorAction = (typeof ERROR_ACTIONS)[number];
export type UiMeta = z.infer<typeof metaSchema>;
export type UiProgress = z.infer<typeof progressSchema>;
export type UiNotice = z.infer<typeof noticeSchema>;
export type UiMessage = z.infer<typeof messageSchema>;
export type UiMessageStatus = (typeof MESSAGE_STATUSES)[number];
export type UiConversationSummary = z.infer<typeof summarySchema>;
export type UiConversation = z.infer<typeof conversationSchema>;
export type UiSelection = z.infer<typeof selectionSchema>;
export type UiSource = z.infer<typeof sourceSchema>;
export type UiInstructions = z.infer<typeof instructionsSchema>;
export type UiAttachment = z.infer<typeof attachmentSchema>;
export type UiPastedImage = z.infer<typeof pastedImageSchema>;
export type UiAttachRef = z.infer<typeof attachRefSchema>;
export type UiAttachCandidate = z.infer<typeof attachCandidateSchema>;

// ------------------------------------------------------------------------------------------------
// Webview → host
// ------------------------------------------------------------------------------------------------

const conversationRef = { conversationId: id };
const messageRef = { conversationId: id, messageId: id };

export const chatInboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** `attachmentIds`: the draft's chips as the user saw them; the host sends exactly those. */
  z.object({ type: z.literal('send'), conversationId: z.optional(id), text: nonEmptyText, providerId: id, model: id, attachmentIds: z.optional(z.array(id).check(z.maxLength(MAX_ATTACHMENTS))) }),
  /** Adds context to the draft (the `@` picker, a drop); `attachPick` opens the host's own picker (the attach button). */
  z.object({ type: z.literal('attach'), ref: attachRefSchema }),
  z.object({ type: z.literal('attachPick') }),
  /** An image pasted or dropped into the composer. */
  z.object({ type: z.literal('attachImage'), image: pastedImageSchema }),
  z.object({ type: z.literal('removeAttachment'), attachmentId: id }),
  /** The `@` picker's entries for `query`; answered by `attachCandidates` with the same requestId. */
  z.object({ type: z.literal('attachCandidates'), requestId: count, query: z.string().check(z.maxLength(LIMITS.searchQuery)) }),
  /** Opens what a chip stands for: its file at its lines, else its content as sent. No messageId: a draft chip. */
  z.object({ type: z.literal('openAttachment'), attachmentId: id, conversationId: z.optional(id), messageId: z.optional(id) }),
  z.object({ type: z.literal('stop'), ...conversationRef }),
  z.object({ type: z.literal('retry'), ...messageRef }),
  z.object({ type: z.literal('continue'), ...messageRef }),
  z.object({ type: z.literal('retryNow'), ...messageRef }),
  /** The latest answer, written again by the model picked now; the one it replaces is kept as a version. */
  z.object({ type: z.literal('regenerate'), ...messageRef }),
  /** Shows another version of an answer (0-based); the conversation goes on from the one shown. */
  z.object({ type: z.literal('showVersion'), ...messageRef, index: count }),
  /** An earlier prompt, edited: the latest is changed and answered again in place; an earlier one is sent in a new conversation (a branch). */
  z.object({ type: z.literal('editResend'), ...messageRef, text: nonEmptyText }),
  z.object({ type: z.literal('newChat') }),
  z.object({ type: z.literal('openConversation'), ...conversationRef }),
  z.object({ type: z.literal('renameConversation'), ...conversationRef, title: z.string().check(z.minLength(1), z.maxLength(LIMITS.label)) }),
  z.object({ type: z.literal('deleteConversation'), ...conversationRef }),
  /** Search across every conversation; answered by `searchResults` with the same requestId. */
  z.object({ type: z.literal('searchConversations'), requestId: count, query: z.string().check(z.maxLength(LIMITS.searchQuery)) }),
  z.object({ type: z.literal('selectModel'), providerId: id, model: id }),
  /** The conversation's reasoning effort; null = the provider's default. */
  z.object({ type: z.literal('setEffort'), ...conversationRef, effort: z.nullable(effortSchema) }),
  z.object({ type: z.literal('copyCode'), code: text }),
  /** The whole answer, as the Markdown it was written in (the host reads it from the conversation). */
  z.object({ type: z.literal('copyAnswer'), ...messageRef }),
  /** Export Chat to Markdown: the host asks where to save it. */
  z.object({ type: z.literal('exportConversation'), ...conversationRef }),
  z.object({ type: z.literal('insertCode'), code: text }),
  /** From an answer's code block: replaces the code the question was about, else the editor's selection. */
  z.object({ type: z.literal('replaceSelection'), code: text, conversationId: z.optional(id), messageId: z.optional(id) }),
  z.object({ type: z.literal('openLink'), href: z.string().check(z.minLength(1), z.maxLength(LIMITS.href)) }),
  z.object({ type: z.literal('setApiKey'), providerId: z.optional(id) }),
  z.object({ type: z.literal('openSettings'), section: z.optional(z.enum(SETTINGS_SECTIONS)) }),
  /** Opens a workspace instructions file the panel lists (by its label). */
  z.object({ type: z.literal('openInstructions'), label: z.string().check(z.minLength(1), z.maxLength(LIMITS.label)) }),
  /** Token + cost estimate of sending `text` next; answered by an `estimate` with the same requestId. */
  z.object({ type: z.literal('estimate'), requestId: count, conversationId: z.optional(id), text, providerId: id, model: id }),
]);

export type ChatInbound = z.infer<typeof chatInboundSchema>;

// ------------------------------------------------------------------------------------------------
// Host → webview
// ------------------------------------------------------------------------------------------------

export const chatOutboundSchema = z.discriminatedUnion('type', [
  /** The whole picture; sent on ready and after every change that is not a streaming delta. */
  z.object({
    type: z.literal('state'),
    providersLoaded: z.boolean(),
    providers: z.array(providerSchema).check(z.maxLength(LIMITS.providers)),
    selection: z.nullable(selectionSchema),
    conversations: z.array(summarySchema).check(z.maxLength(LIMITS.conversations)),
    active: z.nullable(conversationSchema),
    /** The workspace instructions every request of this panel carries in its system prompt (absent = none). */
    instructions: z.optional(z.array(instructionsSchema).check(z.maxLength(LIMITS.instructionFiles))),
    /** The composer's chips: what the next message will carry (absent = none). */
    draftAttachments: z.optional(attachmentsSchema),
  }),
  /** Text appended to a streaming answer (batched: one per ~30 ms, never one per token); `part: 'thinking'` to its reasoning. */
  z.object({ type: z.literal('delta'), ...messageRef, text: nonEmptyText, part: z.optional(z.literal('thinking')) }),
  z.object({ type: z.literal('status'), ...messageRef, state: z.enum(['queued', 'retrying', 'streaming']), progress: z.optional(progressSchema) }),
  /** The finished answer as stored: final text, status, error, meta. Replaces the streamed text. */
  z.object({ type: z.literal('messageDone'), conversationId: id, message: messageSchema }),
  /** What the next request will send (the same trimming the request uses) and its input cost. */
  z.object({
    type: z.literal('estimate'),
    requestId: count,
    /** systemTokens + historyTokens + draftTokens. */
    inputTokens: count,
    systemTokens: count,
    /** The history that will be kept (after trimming). */
    historyTokens: count,
    draftTokens: count,
    costUsd: z.nullable(amount),
    maxOutputCostUsd: z.nullable(amount),
    maxOutputTokens: count,
    contextWindow: z.nullable(count),
    /** The window minus the room reserved for the answer: what trimming fits the input into; null = unknown window. */
    inputBudget: z.nullable(count),
    droppedMessages: count,
  }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), text: z.string().check(z.maxLength(LIMITS.errorMessage)) }),
  /** The `@` picker's entries for a query: the named sources that match, then files and folders. */
  z.object({ type: z.literal('attachCandidates'), requestId: count, items: z.array(attachCandidateSchema).check(z.maxLength(LIMITS.attachCandidates)), truncated: z.boolean() }),
  /** Puts a draft back in the composer (its send was refused before anything was sent). */
  z.object({ type: z.literal('restoreDraft'), text }),
  /** What a `searchConversations` found: newest conversations first; `truncated` = more were left out. */
  z.object({ type: z.literal('searchResults'), requestId: count, results: z.array(searchHitSchema).check(z.maxLength(LIMITS.searchHits)), truncated: z.boolean() }),
]);

export type ChatOutbound = z.infer<typeof chatOutboundSchema>;
export type UiSearchHit = z.infer<typeof searchHitSchema>;
export type StateMessage = Extract<ChatOutbound, { type: 'state' }>;

/** Validates a message from the chat webview, with the reason when it is rejected. Never throws. */
export function checkChatInbound(raw: unknown): Parsed<ChatInbound> {
  return parseWith(chatInboundSchema, raw);
}

/** Validates a message from the host to the chat webview. Never throws. */
export function checkChatOutbound(raw: unknown): Parsed<ChatOutbound> {
  return parseWith(chatOutboundSchema, raw);
}

/** The typed message, or undefined when `raw` is not a valid chat webview → host message. */
export function parseChatInbound(raw: unknown): ChatInbound | undefined {
  const r = checkChatInbound(raw);
  return r.ok ? r.message : undefined;
}

/** The typed message, or undefined when `raw` is not a valid host → chat webview message. */
export function parseChatOutbound(raw: unknown): ChatOutbound | undefined {
  const r = checkChatOutbound(raw);
  return r.ok ? r.message : undefined;
}

/** Links the panel may open (through the host, after a click): web pages and mail only. */
export { isSafeExternalLink } from './links';
