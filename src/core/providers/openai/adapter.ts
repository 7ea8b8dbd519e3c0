// OpenAI (api.openai.com or a proxy in front of it) on the official SDK, SDK retries off:
// retries, backoff and rate limiting are ours (src/core), so the SDK must not hide failures.
// Chat Completions for everything but a reasoning model asked for an effort, which goes to the
// Responses API: the only one that streams OpenAI's reasoning summaries (responses.ts).

import OpenAI from 'openai';
import type { ProviderAdapter, ProviderConfig } from '../../llm/types';
import { toProviderError } from '../../llm/toProviderError';
import { OPENAI_CLIENT_DEFAULTS, openAIChatAdapter } from '../_openaiChat';
import { errorContext, fetchFor, guardedStream, requireKey } from '../_shared';
import { descriptor } from './index';
import { promptCacheKey } from './promptCacheKey';
import { streamResponses, usesResponses } from './responses';

/**
 * Ids on /v1/models that cannot stream a chat completion: embeddings, audio, images, moderation,
 * legacy completions, and the Responses-API-only families (pro, codex, deep research).
 */
const NOT_CHAT = /embedding|whisper|tts|transcribe|dall-e|image|audio|realtime|moderation|davinci|babbage|sora|search|computer-use|codex|deep-research|-pro(\b|-)/i;

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  const client = new OpenAI({
    apiKey: requireKey(config),
    baseURL: config.baseURL || descriptor.defaultBaseURL,
    ...OPENAI_CLIENT_DEFAULTS,
    defaultHeaders: config.headers,
    fetch: fetchFor(config),
  });
  const chat = openAIChatAdapter(config, client, {
    maxTokensField: 'max_completion_tokens',
    modelFilter: (id) => !NOT_CHAT.test(id),
    promptCacheKey: (request) => promptCacheKey(config, request),
  });
  const ctx = errorContext(config);
  return {
    ...chat,
    stream: (request) =>
      usesResponses(config, request)
        ? guardedStream(ctx, request, config, (guard) => streamResponses(client, ctx, request, guard, config), (e, guard) =>
            toProviderError(e, ctx, { midStream: guard.receivedData }),
          )
        : chat.stream(request),
  };
}
