// Google Gemini (Generative Language API) on @google/generative-ai 0.24.1. Its traps, all handled
// here: its `timeout` covers the whole stream (we use our own guard instead), its fetch errors
// carry no headers (RetryInfo is read from errorDetails), and `result.response` rejects on abort —
// unhandled, that rejection would crash the extension host. The SDK has no `fetch` option: its
// request runs inside withGlobalFetch (core/net/scopedGlobalFetch.ts), so it goes through this
// provider's safe fetch while every other caller of the global fetch is untouched.

import { GoogleGenerativeAI, type Content, type GenerateContentResponse } from '@google/generative-ai';
import type { AdapterEvent, ChatRequest, FinishReason, LiveModel, ProviderAdapter, ProviderConfig, Usage } from '../../llm/types';
import type { ErrorContext, ProviderError } from '../../llm/errors';
import { fromHttpFailure } from '../../llm/httpFailure';
import { malformedError, networkError, toProviderError } from '../../llm/toProviderError';
import { guarded, type StreamGuard } from '../../llm/streamTimeouts';
import { compact, endedEarly, errorContext, fetchFor, guardedStream, requireKey, splitSystem } from '../_shared';
import { withGlobalFetch } from '../../net/scopedGlobalFetch';
import { descriptor } from './index';

const API_VERSION = 'v1beta';
/**
 * The SDK keeps every chunk of a stream in memory (result.response aggregates them), so a server
 * that floods events — with no text, or a little text among much noise — would grow the host until
 * Stop. Real streams send a handful of text-less events and far fewer, larger chunks than these
 * bounds (900,000 characters, the largest answer cap, fits in 100,000 chunks of 9).
 */
export const MAX_SILENT_CHUNKS = 2_000;
export const MAX_CHUNKS = 100_000;

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  const key = requireKey(config);
  const baseUrl = (config.baseURL || descriptor.defaultBaseURL).replace(/\/+$/, '');
  const genAI = new GoogleGenerativeAI(key);
  const ctx = errorContext(config);
  return {
    config,
    stream: (request) =>
      guardedStream(
        ctx,
        request,
        config,
        (guard) => streamGenerate(genAI, baseUrl, config, ctx, request, guard),
        (e, guard) => normalizeGeminiError(e, ctx, guard.receivedData),
      ),
    listModels: (signal) =>
      guarded(ctx, signal, config.timeouts, (guard) => listGeminiModels(baseUrl, key, config, ctx, guard), (e) => toProviderError(e, ctx)),
  };
}

async function* streamGenerate(
  genAI: GoogleGenerativeAI,
  baseUrl: string,
  config: ProviderConfig,
  ctx: ErrorContext,
  request: ChatRequest,
  guard: StreamGuard,
): AsyncGenerator<AdapterEvent> {
  const { system, turns } = splitSystem(request.messages);
  const model = genAI.getGenerativeModel(
    {
      model: request.model,
      ...(system ? { systemInstruction: system } : {}),
      generationConfig: compact({
        temperature: request.temperature ?? undefined,
        maxOutputTokens: request.maxOutputTokens || undefined,
      }),
    },
    { baseUrl, apiVersion: API_VERSION, ...(config.headers ? { customHeaders: config.headers } : {}) },
  );
  const contents: Content[] = turns.map((t) => ({ role: t.role === 'assistant' ? 'model' : 'user', parts: [{ text: t.content }] }));
  const result = await withGlobalFetch(fetchFor(config), () => model.generateContentStream({ contents }, { signal: guard.signal }));
  // The aggregated response rejects whenever the stream fails (abort included); we read the
  // stream itself, so this promise only needs a handler.
  result.response.catch(() => undefined);

  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  let silent = 0;
  let chunks = 0;
  for await (const chunk of result.stream) {
    guard.touch();
    const candidate = chunk.candidates?.[0];
    const text = candidate?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
    if (text) yield { type: 'text', text };
    silent = text ? 0 : silent + 1;
    if (silent > MAX_SILENT_CHUNKS) throw malformedError(ctx, `${MAX_SILENT_CHUNKS.toLocaleString('en-US')} events in a row without text`);
    if (++chunks > MAX_CHUNKS) throw malformedError(ctx, `more than ${MAX_CHUNKS.toLocaleString('en-US')} events in one answer`);
    if (candidate?.finishReason) finish = mapFinish(candidate.finishReason);
    if (!candidate && chunk.promptFeedback?.blockReason) finish = 'content_filter';
    if (chunk.usageMetadata) usage = toUsage(chunk.usageMetadata);
  }
  guard.throwIfAborted();
  if (!finish) throw endedEarly(ctx);
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', reason: finish };
}

function mapFinish(reason: string): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (/SAFETY|RECITATION|BLOCKLIST|PROHIBITED_CONTENT|SPII/.test(reason)) return 'content_filter';
  return 'stop';
}

function toUsage(meta: NonNullable<GenerateContentResponse['usageMetadata']>): Usage {
  // Thinking tokens are billed as output but reported apart from candidatesTokenCount.
  const thoughts = (meta as { thoughtsTokenCount?: number }).thoughtsTokenCount ?? 0;
  const cached = meta.cachedContentTokenCount;
  return compact({
    inputTokens: meta.promptTokenCount ?? 0,
    outputTokens: (meta.candidatesTokenCount ?? 0) + thoughts,
    cachedInputTokens: typeof cached === 'number' && cached > 0 ? cached : undefined,
  });
}

/** The SDK's errors carry status and google.rpc details but no headers; the rest is its wording. */
function normalizeGeminiError(e: unknown, ctx: ErrorContext, midStream: boolean): ProviderError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { status?: unknown; errorDetails?: unknown; message?: unknown };
  const message = typeof err.message === 'string' ? err.message : '';
  if (typeof err.status === 'number') {
    return fromHttpFailure(
      {
        status: err.status,
        ...(providerMessage(message, err.errorDetails) ? { message: providerMessage(message, err.errorDetails)! } : {}),
        ...(Array.isArray(err.errorDetails) ? { details: err.errorDetails } : {}),
      },
      ctx,
    );
  }
  if (/Failed to parse stream/.test(message)) return endedEarly(ctx);
  if (/Error parsing JSON response/.test(message)) return malformedError(ctx, 'invalid JSON in the stream');
  if (/Error reading from the stream/.test(message)) return networkError(ctx, 'stream read failed', true);
  return toProviderError(e, ctx, { midStream });
}

/** "[GoogleGenerativeAI Error]: Error fetching from <url>: [429 Too Many Requests] <message> <details>" → "<message>". */
function providerMessage(message: string, details: unknown): string | undefined {
  const match = /\[\d{3}[^\]]*\]\s*(.*)$/s.exec(message);
  if (!match) return undefined;
  let text = match[1]!;
  if (details !== undefined) text = text.replace(` ${JSON.stringify(details)}`, '');
  return text.trim() || undefined;
}

/** generateContent models that answer with audio or images, or need the Live API. */
const NOT_CHAT = /tts|image|native-audio|-live|embedding|aqa|imagen|veo/i;

interface GeminiModel {
  name?: string;
  displayName?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
}

/** The SDK has no list method: GET {base}/v1beta/models, key in x-goog-api-key, following nextPageToken. */
async function listGeminiModels(baseUrl: string, key: string, config: ProviderConfig, ctx: ErrorContext, guard: StreamGuard): Promise<LiveModel[]> {
  const models: LiveModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const url = new URL(`${baseUrl}/${API_VERSION}/models`);
    url.searchParams.set('pageSize', '1000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const res = await fetchFor(config)(url, { headers: { ...config.headers, 'x-goog-api-key': key }, signal: guard.signal });
    guard.touch();
    const body = (await res.json().catch(() => undefined)) as
      | { models?: GeminiModel[]; nextPageToken?: string; error?: { message?: string; status?: string; details?: unknown[] } }
      | undefined;
    if (!res.ok) {
      throw fromHttpFailure(
        {
          status: res.status,
          headers: res.headers,
          ...(body?.error?.message ? { message: body.error.message } : {}),
          codes: [body?.error?.status],
          ...(body?.error?.details ? { details: body.error.details } : {}),
        },
        ctx,
      );
    }
    if (!body || !Array.isArray(body.models ?? [])) throw malformedError(ctx, 'model list is not JSON');
    for (const m of body.models ?? []) {
      // Untrusted entries, read without throwing; core/models/liveModels.ts drops (and logs) one
      // whose name is not a plain string, so the rest of the list still counts.
      const name = (m as GeminiModel | null)?.name;
      const methods = m?.supportedGenerationMethods;
      if (typeof name === 'string' && (!Array.isArray(methods) || !methods.includes('generateContent') || NOT_CHAT.test(name))) continue;
      models.push(
        compact<LiveModel>({
          id: (typeof name === 'string' ? name.replace(/^models\//, '') : name) as string,
          label: m?.displayName || undefined,
          contextWindow: m?.inputTokenLimit,
          maxOutputTokens: m?.outputTokenLimit,
        }),
      );
    }
    pageToken = body.nextPageToken || undefined;
    if (!pageToken) break;
  }
  return models;
}
