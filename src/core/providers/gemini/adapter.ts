// Google Gemini (Generative Language API) on @google/generative-ai 0.24.1. Its traps, all handled
// here: its `timeout` covers the whole stream (we use our own guard instead), its fetch errors
// carry no headers and only part of the body, and `result.response` rejects on abort — unhandled,
// that rejection would crash the extension host. The SDK has no `fetch` option: its request runs
// inside withGlobalFetch (core/net/scopedGlobalFetch.ts), so it goes through this provider's safe
// fetch while every other caller of the global fetch is untouched. That fetch (responseCapture.ts,
// one per request) keeps the response: errors.ts reads a failure from it, and the answer's events
// are read here with a spec parser (net/sseEvents.ts, like the other adapters) rather than by the
// SDK, whose reader takes strictly framed events only, copies every chunk for `result.response`
// and costs more than the rest of the request path.
// Thought parts stream as `thinking` events, function calls as `tool_call` events (toolCalls.ts);
// what is sent is built in request.ts; how an answer ended and what it used is read in finish.ts.

import { GoogleGenerativeAI, type Content, type GenerateContentResponse, type GenerationConfig } from '@google/generative-ai';
import type { AdapterEvent, ChatRequest, FinishReason, ProviderAdapter, ProviderConfig, Usage } from '../../llm/types';
import type { ErrorContext } from '../../llm/errors';
import { malformedError, toProviderError } from '../../llm/toProviderError';
import { guarded, type StreamGuard } from '../../llm/streamTimeouts';
import { compact, endedEarly, errorContext, guardedStream, requireKey, splitSystem, fetchFor } from '../_shared';
import { withGlobalFetch } from '../../net/scopedGlobalFetch';
import { sseEvents } from '../../net/sseEvents';
import { normalizeGeminiError, streamedError } from './errors';
import { capturingFetch } from './responseCapture';
import { incompleteFinish, mapFinish, toUsage } from './finish';
import { API_VERSION, listGeminiModels } from './models';
import { geminiThinking, withThinkingRoom } from '../_reasoning';
import { descriptor } from './index';
import { toContents, toTools } from './request';
import { ToolCallReader } from './toolCalls';

/**
 * A stream of events that say nothing keeps the idle timer from ever firing: after this many in a
 * row it ends as malformed. Real streams send a handful of text-less events (usage, finish).
 */
export const MAX_SILENT_CHUNKS = 2_000;

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  const key = requireKey(config);
  const baseUrl = (config.baseURL || descriptor.defaultBaseURL).replace(/\/+$/, '');
  const genAI = new GoogleGenerativeAI(key);
  const ctx = errorContext(config);
  return {
    config,
    stream: (request) => {
      // Per request: the SDK drops the response's headers and most of an error body (errors.ts).
      let capture: Capture | undefined;
      return guardedStream(
        ctx,
        request,
        config,
        (guard) => streamGenerate(genAI, baseUrl, (capture = capturingFetch(fetchFor(config), guard.signal)), config, ctx, request, guard),
        (e, guard) => normalizeGeminiError(e, ctx, guard.receivedData, capture?.last()),
      );
    },
    listModels: (signal) =>
      guarded(ctx, signal, config.timeouts, (guard) => listGeminiModels(baseUrl, key, config, ctx, guard), (e) => toProviderError(e, ctx)),
  };
}

type Capture = ReturnType<typeof capturingFetch>;

async function* streamGenerate(
  genAI: GoogleGenerativeAI,
  baseUrl: string,
  capture: Capture,
  config: ProviderConfig,
  ctx: ErrorContext,
  request: ChatRequest,
  guard: StreamGuard,
): AsyncGenerator<AdapterEvent> {
  const { system, turns } = splitSystem(request.messages);
  const effort = request.reasoningEffort;
  // With an effort: a thinking budget with thought summaries, and output room for the thinking (_reasoning.ts).
  const maxOutputTokens = request.maxOutputTokens && effort ? withThinkingRoom('gemini', request.model, request.maxOutputTokens, effort) : request.maxOutputTokens;
  const model = genAI.getGenerativeModel(
    {
      model: request.model,
      ...(system ? { systemInstruction: system } : {}),
      // thinkingConfig is newer than this SDK's types; the SDK sends generationConfig as given.
      generationConfig: compact({
        temperature: request.temperature ?? undefined,
        maxOutputTokens: maxOutputTokens || undefined,
        thinkingConfig: effort ? geminiThinking(effort) : undefined,
      }) as GenerationConfig,
      ...toTools(request.tools, request.toolChoice),
    },
    { baseUrl, apiVersion: API_VERSION, ...(config.headers ? { customHeaders: config.headers } : {}) },
  );
  const contents: Content[] = toContents(turns);
  // The guard's signal goes with the fetch (capturingFetch), not to the SDK: given a signal, the
  // SDK makes an AbortController of its own per request that only follows it (the abort is the same).
  try {
    const result = await withGlobalFetch(capture.fetch, () => model.generateContentStream({ contents }));
    result.response.catch(() => undefined); // an SDK that takes a bodiless answer: nothing to read there
  } catch (e) {
    // A success reaches the SDK without its body (responseCapture.ts), which 0.24.1 fails to read:
    // only a failure of the request itself (HTTP error, network) is this request's error.
    if (!capture.last()?.answer) throw e;
  }
  // An answer that did not come through our fetch skipped the safe fetch (an SDK that reads fetch
  // later than 0.24.1 does: scopedGlobalFetch.ts): fail loudly, never silently.
  const answer = capture.last()?.answer;
  if (!answer) throw new Error('The Gemini SDK sent this request without Switchboard\'s network layer (a changed SDK?). Please report it.');

  let finish: FinishReason | undefined;
  let stoppedBy: { reason: string; message?: string } | undefined;
  let usage: Usage | undefined;
  let silent = 0;
  const calls = new ToolCallReader(ctx);
  for await (const sse of sseEvents(answer)) {
    guard.touch();
    if (!sse.data) continue;
    const chunk = parseChunk(sse.data, ctx);
    const candidate = chunk.candidates?.[0];
    let said = false;
    for (const part of candidate?.content?.parts ?? []) {
      const call = calls.read(part, (chunk as { responseId?: unknown }).responseId);
      if (call) {
        said = true;
        yield { type: 'tool_call', call };
        continue;
      }
      // Parts marked `thought: true` are the model's reasoning (thought summaries): never answer text.
      const text = typeof part?.text === 'string' ? part.text : '';
      if (!text) continue;
      said = true;
      yield (part as { thought?: unknown }).thought === true ? { type: 'thinking', text } : { type: 'text', text };
    }
    silent = said ? 0 : silent + 1;
    if (silent > MAX_SILENT_CHUNKS) throw malformedError(ctx, `${MAX_SILENT_CHUNKS.toLocaleString('en-US')} events in a row without text`);
    if (candidate?.finishReason) {
      finish = mapFinish(candidate.finishReason);
      stoppedBy = { reason: candidate.finishReason, ...(candidate.finishMessage ? { message: candidate.finishMessage } : {}) };
    }
    if (!candidate && chunk.promptFeedback?.blockReason) finish = 'content_filter';
    if (chunk.usageMetadata) usage = toUsage(chunk.usageMetadata);
  }
  guard.throwIfAborted();
  if (!finish) throw endedEarly(ctx);
  // finishReason stays STOP when the model stopped to have its functions run.
  if (finish === 'stop' && calls.made > 0) finish = 'tool_calls';
  if (usage) yield { type: 'usage', usage };
  // OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE…: the answer stopped for a reason that is not its end.
  if (finish === 'error' && stoppedBy) throw incompleteFinish(ctx, stoppedBy.reason, stoppedBy.message);
  yield { type: 'finish', reason: finish };
}

/** One event's JSON: a GenerateContentResponse, or the error Gemini ends a failing stream with. */
function parseChunk(data: string, ctx: ErrorContext): GenerateContentResponse {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw malformedError(ctx, 'invalid JSON in the stream');
  }
  if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) throw malformedError(ctx, 'an event that is not a JSON object');
  if ('error' in chunk && chunk.error) throw streamedError(chunk, ctx);
  return chunk as GenerateContentResponse;
}
