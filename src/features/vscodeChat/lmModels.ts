// Switchboard's models as VS Code's model picker lists them: limits, capabilities, a price in the
// tooltip. Pure (no `vscode` import) so the figures are unit-tested.
import type { ProviderKind } from '../../core/llm/types';
import type { ResolvedModel } from '../../core/models/resolvedModel';
import type { LmChatInformation } from './lmApi';

/** What an unknown model (a gateway's, a local server's) is assumed to take and give. */
export const UNKNOWN_CONTEXT_WINDOW = 128_000;
export const UNKNOWN_MAX_OUTPUT = 8_192;
/** OpenAI's API takes at most 128 functions per request (Azure is the same service). */
const OPENAI_MAX_TOOLS = 128;

export interface SwitchboardModelInfo extends LmChatInformation {
  /** Where a request for this entry goes. */
  readonly providerId: string;
  readonly modelId: string;
}

export interface ProviderLike {
  id: string;
  label: string;
  kind: ProviderKind;
}

/** The picker's id for a model: unique across providers (a model id alone is not). */
export const lmModelId = (providerId: string, modelId: string) => `${providerId}::${modelId}`;

export function chatInformation(provider: ProviderLike, model: ResolvedModel): SwitchboardModelInfo {
  const contextWindow = model.contextWindow ?? UNKNOWN_CONTEXT_WINDOW;
  const maxOutputTokens = Math.min(model.maxOutputTokens ?? UNKNOWN_MAX_OUTPUT, Math.floor(contextWindow / 2));
  const openaiService = provider.kind === 'openai' || provider.kind === 'azure-openai';
  return {
    id: lmModelId(provider.id, model.id),
    providerId: provider.id,
    modelId: model.id,
    name: model.label,
    family: model.id,
    version: model.id,
    detail: `${provider.label} · Switchboard`,
    tooltip: tooltipOf(provider, model, contextWindow),
    maxInputTokens: contextWindow - maxOutputTokens,
    maxOutputTokens,
    capabilities: {
      // Every adapter speaks its provider's tool calling; whether a local model honours it is up to the model.
      toolCalling: openaiService ? OPENAI_MAX_TOOLS : true,
      // The live list's word (OpenRouter, LiteLLM) or the catalogue's; an unknown model is not offered images.
      imageInput: model.imageInput ?? false,
    },
  };
}

function tooltipOf(provider: ProviderLike, model: ResolvedModel, contextWindow: number): string {
  const price = model.price
    ? `$${trim(model.price.input)} in / $${trim(model.price.output)} out per 1M tokens${model.price.cachedInput !== undefined ? `, cached input $${trim(model.price.cachedInput)}` : ''}`
    : 'price unknown: set it in switchboard.prices';
  const window = model.contextWindow ? `${Math.round(contextWindow / 1000)}K context` : 'context window unknown';
  return `${model.label} (${model.id}) through Switchboard: ${provider.label}. ${price}; ${window}. Requests count toward your Switchboard budgets and usage report.`;
}

const trim = (n: number) => String(Number(n.toFixed(4)));
