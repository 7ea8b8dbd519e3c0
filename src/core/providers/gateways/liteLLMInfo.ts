// LiteLLM's GET /model/info (served under /v1 too, so it resolves against the endpoint's base URL
// either way), read in addition to /models: prices, limits and each name's provider route. It is an
// extra: whatever goes wrong with it (an older proxy without it, a key not allowed to read it, a
// timeout, a body that is not the documented one) leaves the model list exactly as /models gave it.
import type OpenAI from 'openai';
import { liteLLMModelInfo, type LiteLLMModelInfo } from '../../models/endpointPrices';

const INFO_TIMEOUT_MS = 15_000;

/** Model name → what /model/info says about it; empty when it cannot be read. */
export async function fetchLiteLLMInfo(client: OpenAI, signal?: AbortSignal): Promise<Map<string, LiteLLMModelInfo>> {
  try {
    const body = await client.get<unknown>('/model/info', { ...(signal ? { signal } : {}), timeout: INFO_TIMEOUT_MS });
    return liteLLMModelInfo(body);
  } catch {
    return new Map();
  }
}
