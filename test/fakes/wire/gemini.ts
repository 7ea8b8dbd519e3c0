// The Gemini (Generative Language API) wire format: one `data:` line per event with CRLF framing,
// thought parts (`thought: true`) before the answer's, usageMetadata and finishReason on the last
// event, {"error":{code,message,status,details}} bodies with google.rpc details, and
// GET /v1beta/models paged by pageSize/pageToken. Function calls come whole (docs/function-calling):
// parallel calls as several `functionCall` parts of one event, the first carrying a
// `thoughtSignature` as Gemini 3 sends it (docs/thought-signatures); an `id` only when the scenario
// gives one (the Developer API often sends none); finishReason stays STOP.

import type { WireFinish, WireFormat } from './types';

/** Served at most per page, so paging is exercised with a handful of models. */
const PAGE_MAX = 2;

// Gemini's parser wants exactly one `data:` line per event, then a blank line (the API uses CRLF).
const event = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;

const QUOTA_MESSAGE = 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
const HELP = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] };

const violation = (quotaId: string, metric: string) => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [{ quotaMetric: `generativelanguage.googleapis.com/${metric}`, quotaId, quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' }, quotaValue: '10' }],
});

/** Gemini has no finish reason of its own for function calls: STOP. */
const FINISH: Record<WireFinish, string> = { stop: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY', tool_calls: 'STOP' };

/** An opaque, base64-looking signature, the same for the same response (tests expect it back). */
export const fakeSignature = (responseId: string): string => Buffer.from(`fake-thought-signature:${responseId}`).toString('base64');

export const geminiWire: WireFormat = {
  headers: () => ({ 'x-gemini-service-tier': 'standard', server: 'scaffolding on HTTPServer2' }),
  start: () => [],
  // Thought summaries (thinkingConfig.includeThoughts) are parts marked `thought: true`, before the answer's.
  thinking: (text, model, id) => event({ candidates: [{ content: { parts: [{ text, thought: true }], role: 'model' }, index: 0 }], modelVersion: model, responseId: id }),
  thinkingEnd: () => [],
  delta: (text, model, id) => event({ candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }], modelVersion: model, responseId: id }),
  toolCalls: (calls, model, id) => [
    event({
      candidates: [
        {
          content: {
            parts: calls.map((c, i) => ({
              functionCall: { ...(c.id ? { id: c.id } : {}), name: c.name, args: c.args },
              ...(i === 0 ? { thoughtSignature: fakeSignature(id) } : {}),
            })),
            role: 'model',
          },
          index: 0,
        },
      ],
      modelVersion: model,
      responseId: id,
    }),
  ],
  finish: (model, id, reason, usage) => [
    event({
      candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: FINISH[reason], index: 0 }],
      // candidatesTokenCount leaves the thinking out; thoughtsTokenCount reports it (both billed as output).
      usageMetadata: {
        promptTokenCount: usage.input,
        candidatesTokenCount: Math.max(0, usage.output - (usage.reasoning ?? 0)),
        totalTokenCount: usage.input + usage.output,
        ...(usage.cached ? { cachedContentTokenCount: usage.cached } : {}),
        ...(usage.reasoning ? { thoughtsTokenCount: usage.reasoning } : {}),
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
      },
      modelVersion: model,
      responseId: id,
    }),
  ],
  malformed: () => 'data: {this is not json}\r\n\r\n',
  truncated: () => 'data: {"candidates":[{"content":{"parts":[{"text":"cut',

  errorBody: (kind, status, scenario) => {
    const e = (message: string, grpcStatus: string, details?: unknown[]) => ({ error: { code: status, message, status: grpcStatus, ...(details ? { details } : {}) } });
    const retry = scenario.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: scenario.retryDelay }] : [];
    switch (kind) {
      case 'invalid_key':
        return e('API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
        ]);
      case 'permission':
        return e('Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.', 'PERMISSION_DENIED');
      case 'rate_limit':
        return e(QUOTA_MESSAGE, 'RESOURCE_EXHAUSTED', [violation('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'generate_content_free_tier_requests'), HELP, ...retry]);
      case 'quota_daily':
      case 'insufficient_quota':
        return e(QUOTA_MESSAGE, 'RESOURCE_EXHAUSTED', [violation('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 'generate_content_free_tier_requests'), HELP, ...retry]);
      case 'context_length':
        return e('The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', 'INVALID_ARGUMENT');
      case 'not_found':
        return e('models/gemini-nonexistent is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.', 'NOT_FOUND');
      case 'overloaded':
        return e('The model is overloaded. Please try again later.', 'UNAVAILABLE');
      case 'server':
        return e('An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', 'INTERNAL');
      default:
        return e('Invalid JSON payload received. Unknown name "foo": Cannot find field.', 'INVALID_ARGUMENT');
    }
  },

  // Token paging: pageSize + pageToken → nextPageToken.
  modelList: (ids, url) => {
    const size = Math.min(Number(url.searchParams.get('pageSize') ?? 50) || 50, PAGE_MAX);
    const start = Number(url.searchParams.get('pageToken') ?? 0) || 0;
    const page = ids.slice(start, start + size);
    return {
      models: page.map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id.replace(/^gemini-/, 'Gemini ').replace(/-/g, ' '),
        inputTokenLimit: id.includes('embedding') ? 2048 : 1_048_576,
        outputTokenLimit: id.includes('embedding') ? 1 : 65_536,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
      })),
      ...(start + size < ids.length ? { nextPageToken: String(start + size) } : {}),
    };
  },
  defaultModels: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'text-embedding-004', 'gemini-exp-9999'],
};
