// Gemini's model list. @google/generative-ai has no list method, so this is a plain GET
// {base}/v1beta/models (key in x-goog-api-key) through the provider's fetch, following nextPageToken,
// keeping only the models that chat through generateContent.

import type { LiveModel, ProviderConfig } from '../../llm/types';
import type { ErrorContext } from '../../llm/errors';
import { malformedError } from '../../llm/toProviderError';
import type { StreamGuard } from '../../llm/streamTimeouts';
import { compact, fetchFor } from '../_shared';
import { failureOfBody } from './errors';
import { fromHttpFailure } from '../../llm/httpFailure';

export const API_VERSION = 'v1beta';

/** generateContent models that answer with audio or images, or need the Live API. */
const NOT_CHAT = /tts|image|native-audio|-live|embedding|aqa|imagen|veo/i;

interface GeminiModel {
  name?: string;
  displayName?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
}

export async function listGeminiModels(baseUrl: string, key: string, config: ProviderConfig, ctx: ErrorContext, guard: StreamGuard): Promise<LiveModel[]> {
  const models: LiveModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const url = new URL(`${baseUrl}/${API_VERSION}/models`);
    url.searchParams.set('pageSize', '1000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const res = await fetchFor(config)(url, { headers: { ...config.headers, 'x-goog-api-key': key }, signal: guard.signal });
    guard.touch();
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw fromHttpFailure({ status: res.status, headers: res.headers, ...failureOfBody(text) }, ctx);
    }
    const body = (await res.json().catch(() => undefined)) as { models?: GeminiModel[]; nextPageToken?: string } | undefined;
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
