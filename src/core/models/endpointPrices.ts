// Prices an endpoint publishes itself, so they stay current without a release (issue 18):
// - OpenRouter, GET /api/v1/models: each `data[]` entry has `pricing` — USD per token as decimal
//   strings (`prompt`, `completion`, optional `input_cache_read`, `input_cache_write`; "-1" marks a
//   router with no fixed price) — plus `context_length` and `top_provider.max_completion_tokens`
//   (openrouter.ai/docs, models API and the SDKs' Pricing type).
// - LiteLLM proxy, GET /model/info (also served at /v1/model/info): `data[]` of deployments with
//   `model_name` (what /models lists), `litellm_params.model` (the route, e.g.
//   "bedrock/anthropic.claude-…") and `model_info.{input_cost_per_token, output_cost_per_token,
//   cache_read_input_token_cost, cache_creation_input_token_cost, max_input_tokens,
//   max_output_tokens}` as numbers, and `supports_vision` (docs.litellm.ai/docs/proxy/model_management).
// OpenRouter's `architecture.input_modalities` lists "image" for a model that takes images.
// Both are untrusted input: a price that is not a finite, non-negative, plausible number is
// dropped, never a crash, and a model without both an input and an output price gets none.
// Prices become USD per 1M tokens, rounded to 12 significant digits so "0.000003" is exactly 3.
import * as z from 'zod/mini';
import type { LiveModel, ModelPrice } from '../llm/types';

/** Above this (USD per 1M tokens) a published price is taken for garbage. */
const MAX_PER_MILLION = 100_000;
const MAX_TOKENS = 100_000_000;

/** A per-token USD price (number or decimal string) as USD per 1M tokens, or undefined. */
export function perMillion(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  const value = Number((n * 1_000_000).toPrecision(12));
  return value <= MAX_PER_MILLION ? value : undefined;
}

function tokens(raw: unknown): number | undefined {
  return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw <= MAX_TOKENS ? raw : undefined;
}

/** A price from per-token fields; undefined unless input and output are both valid. */
export function priceFrom(input: unknown, output: unknown, cachedInput?: unknown, cacheWrite?: unknown): ModelPrice | undefined {
  const i = perMillion(input);
  const o = perMillion(output);
  if (i === undefined || o === undefined) return undefined;
  const read = perMillion(cachedInput);
  const write = perMillion(cacheWrite);
  return { input: i, output: o, ...(read !== undefined ? { cachedInput: read } : {}), ...(write !== undefined ? { cacheWrite: write } : {}) };
}

const record = z.record(z.string(), z.unknown());
const openRouterEntry = z.object({
  id: z.unknown(),
  name: z.optional(z.unknown()),
  context_length: z.optional(z.unknown()),
  pricing: z.optional(z.nullable(record)),
  top_provider: z.optional(z.nullable(record)),
  architecture: z.optional(z.nullable(record)),
});

/** Whether `input_modalities` (OpenRouter) names images; undefined when it is not a list. */
function takesImages(modalities: unknown): boolean | undefined {
  return Array.isArray(modalities) ? modalities.includes('image') : undefined;
}

/**
 * One entry of OpenRouter's model list as a LiveModel (the id passed through as is: liveModels.ts
 * decides whether it is one). Anything unreadable leaves only the id.
 */
export function openRouterModel(raw: unknown): LiveModel {
  const parsed = openRouterEntry.safeParse(raw);
  if (!parsed.success) return { id: (raw as { id?: unknown } | null)?.id } as LiveModel;
  const { id, name, context_length, pricing, top_provider, architecture } = parsed.data;
  const imageInput = takesImages(architecture?.input_modalities);
  const price = pricing ? priceFrom(pricing.prompt, pricing.completion, pricing.input_cache_read, pricing.input_cache_write) : undefined;
  const contextWindow = tokens(context_length);
  const maxOutputTokens = tokens(top_provider?.max_completion_tokens);
  return {
    id,
    ...(typeof name === 'string' ? { label: name } : {}),
    ...(contextWindow ? { contextWindow } : {}),
    ...(maxOutputTokens ? { maxOutputTokens } : {}),
    ...(price ? { price } : {}),
    ...(imageInput !== undefined ? { imageInput } : {}),
  } as LiveModel;
}

/** What LiteLLM's /model/info says about one model name. */
export interface LiteLLMModelInfo {
  price?: ModelPrice;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** `litellm_params.model`: the provider route behind the name (e.g. "anthropic/claude-sonnet-4-5"). */
  route?: string;
  /** `model_info.supports_vision`. */
  imageInput?: boolean;
}

const liteLLMEntry = z.object({
  model_name: z.string().check(z.minLength(1), z.maxLength(200)),
  litellm_params: z.optional(z.nullable(record)),
  model_info: z.optional(z.nullable(record)),
});
const liteLLMBody = z.object({ data: z.array(z.unknown()) });

/**
 * LiteLLM's /model/info body as model name → info. A name served by several deployments takes the
 * first one that has a price (else the first one). At most `limit` entries are read.
 */
export function liteLLMModelInfo(body: unknown, limit = 5000): Map<string, LiteLLMModelInfo> {
  const out = new Map<string, LiteLLMModelInfo>();
  const parsed = liteLLMBody.safeParse(body);
  if (!parsed.success) return out;
  for (const raw of parsed.data.data.slice(0, limit)) {
    const entry = liteLLMEntry.safeParse(raw);
    if (!entry.success) continue;
    const { model_name, litellm_params, model_info } = entry.data;
    const known = out.get(model_name);
    if (known?.price) continue;
    const info = model_info ?? {};
    const price = priceFrom(info.input_cost_per_token, info.output_cost_per_token, info.cache_read_input_token_cost, info.cache_creation_input_token_cost);
    if (known && !price) continue;
    const contextWindow = tokens(info.max_input_tokens);
    const maxOutputTokens = tokens(info.max_output_tokens);
    const route = typeof litellm_params?.model === 'string' ? litellm_params.model.slice(0, 200) : undefined;
    out.set(model_name, {
      ...(price ? { price } : {}),
      ...(contextWindow ? { contextWindow } : {}),
      ...(maxOutputTokens ? { maxOutputTokens } : {}),
      ...(route ? { route } : {}),
      ...(typeof info.supports_vision === 'boolean' ? { imageInput: info.supports_vision } : {}),
    });
  }
  return out;
}

/** A live list with what /model/info knows: its price and limits fill what the list left out. */
export function withModelInfo(models: readonly LiveModel[], info: ReadonlyMap<string, LiteLLMModelInfo>): LiveModel[] {
  return models.map((m) => {
    const hit = typeof m?.id === 'string' ? info.get(m.id) : undefined;
    if (!hit) return m;
    return {
      ...m,
      ...(m.contextWindow === undefined && hit.contextWindow ? { contextWindow: hit.contextWindow } : {}),
      ...(m.maxOutputTokens === undefined && hit.maxOutputTokens ? { maxOutputTokens: hit.maxOutputTokens } : {}),
      ...(m.price === undefined && hit.price ? { price: hit.price } : {}),
      ...(m.imageInput === undefined && hit.imageInput !== undefined ? { imageInput: hit.imageInput } : {}),
    };
  });
}
