// What OpenAI-compatible gateways add to the OpenAI wire (openai.ts), as their docs show it:
// - OpenRouter (openrouter.ai/docs): GET /api/v1/models entries carry `pricing` (USD per token as
//   decimal strings, "-1" for a router without a fixed price), `context_length` and
//   `top_provider.max_completion_tokens`; usage reports cache reads in
//   `prompt_tokens_details.cached_tokens` and writes in `prompt_tokens_details.cache_write_tokens`,
//   both inside prompt_tokens, plus `cost` in USD.
// - LiteLLM proxy (docs.litellm.ai): GET /model/info lists deployments as {model_name,
//   litellm_params: {model}, model_info: {input_cost_per_token, …}} (numbers); usage is OpenAI's
//   with `prompt_tokens_details.cached_tokens` plus, for Anthropic routes, top-level
//   `cache_creation_input_tokens` and `cache_read_input_tokens`.
import { openaiWire, chunk } from './openai';
import { CREATED, type WireFormat, type WireUsage } from './types';

export type FakeGateway = 'openrouter' | 'litellm';

/** Models OpenRouter lists by default: a Claude, an OpenAI model, a free one and the auto router. */
export const OPENROUTER_MODELS = [
  { id: 'anthropic/claude-sonnet-4.5', name: 'Anthropic: Claude Sonnet 4.5', context_length: 1_000_000, max: 64_000, prompt: '0.000003', completion: '0.000015', read: '0.0000003', write: '0.00000375', images: true },
  { id: 'openai/gpt-4o-mini', name: 'OpenAI: GPT-4o-mini', context_length: 128_000, max: 16_384, prompt: '0.00000015', completion: '0.0000006', read: '0.000000075', images: true },
  { id: 'meta-llama/llama-3.3-70b-instruct:free', name: 'Meta: Llama 3.3 70B Instruct (free)', context_length: 131_072, max: null, prompt: '0', completion: '0', images: false },
  { id: 'openrouter/auto', name: 'Auto Router', context_length: 2_000_000, max: null, prompt: '-1', completion: '-1', images: true },
] as const;

export function openRouterModelList(): unknown {
  return {
    data: OPENROUTER_MODELS.map((m) => ({
      id: m.id,
      canonical_slug: m.id,
      name: m.name,
      created: CREATED,
      description: `${m.name}, as listed by the fake OpenRouter.`,
      context_length: m.context_length,
      architecture: { modality: m.images ? 'text+image->text' : 'text->text', input_modalities: m.images ? ['text', 'image'] : ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
      pricing: {
        prompt: m.prompt,
        completion: m.completion,
        request: '0',
        image: '0',
        web_search: '0',
        internal_reasoning: '0',
        ...('read' in m ? { input_cache_read: m.read } : {}),
        ...('write' in m ? { input_cache_write: m.write } : {}),
      },
      top_provider: { context_length: m.context_length, max_completion_tokens: m.max, is_moderated: false },
      per_request_limits: null,
      supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice'],
    })),
  };
}

/** LiteLLM's default deployments: a Claude behind Bedrock under a neutral name, an OpenAI model, one without prices. */
export const LITELLM_MODELS = [
  { model_name: 'team-sonnet', model: 'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0', input: 3e-6, output: 15e-6, read: 3e-7, write: 3.75e-6, maxIn: 200_000, maxOut: 64_000, vision: true },
  { model_name: 'gpt-4o-mini', model: 'openai/gpt-4o-mini', input: 1.5e-7, output: 6e-7, read: 7.5e-8, write: null, maxIn: 128_000, maxOut: 16_384, vision: true },
  { model_name: 'local-llama', model: 'ollama/llama3.2', input: null, output: null, read: null, write: null, maxIn: null, maxOut: null, vision: null },
] as const;

export function liteLLMModelInfo(): unknown {
  return {
    data: LITELLM_MODELS.map((m, i) => ({
      model_name: m.model_name,
      litellm_params: { model: m.model, use_in_pass_through: false, merge_reasoning_content_in_choices: false },
      model_info: {
        id: `deployment-${i}`,
        db_model: false,
        key: m.model,
        max_tokens: m.maxOut,
        max_input_tokens: m.maxIn,
        max_output_tokens: m.maxOut,
        input_cost_per_token: m.input,
        output_cost_per_token: m.output,
        cache_read_input_token_cost: m.read,
        cache_creation_input_token_cost: m.write,
        cache_creation_input_token_cost_above_1hr: null,
        litellm_provider: m.model.split('/')[0],
        mode: 'chat',
        supports_vision: m.vision,
      },
    })),
  };
}

/** GET …/models (OpenRouter's with prices; LiteLLM's plain OpenAI list) or LiteLLM's GET …/model/info. */
export function gatewayListing(gateway: FakeGateway, kind: 'models' | 'modelInfo'): unknown {
  if (kind === 'modelInfo') return liteLLMModelInfo();
  if (gateway === 'openrouter') return openRouterModelList();
  return { object: 'list', data: LITELLM_MODELS.map((m) => ({ id: m.model_name, object: 'model', created: CREATED, owned_by: 'openai' })) };
}

/** The usage object each gateway sends (prompt_tokens: every input token, cached and written included). */
function usageOf(gateway: FakeGateway, u: WireUsage): Record<string, unknown> {
  const common = {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    completion_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
  };
  if (gateway === 'openrouter') {
    return { ...common, prompt_tokens_details: { cached_tokens: u.cached, cache_write_tokens: u.cacheWrite, audio_tokens: 0 }, ...(u.cost !== undefined ? { cost: u.cost } : {}) };
  }
  return { ...common, prompt_tokens_details: { cached_tokens: u.cached }, cache_creation_input_tokens: u.cacheWrite, cache_read_input_tokens: u.cached };
}

/** The OpenAI wire with the gateway's usage object. */
export function gatewayWire(gateway: FakeGateway): WireFormat {
  return {
    ...openaiWire,
    finish: (model, id, reason, usage, includeUsage) => [
      chunk(id, model, [{ index: 0, delta: {}, logprobs: null, finish_reason: reason }]),
      ...(includeUsage ? [chunk(id, model, [], usageOf(gateway, usage))] : []),
      'data: [DONE]\n\n',
    ],
  };
}
