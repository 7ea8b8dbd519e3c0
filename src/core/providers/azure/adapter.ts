// Azure OpenAI: the SDK's AzureOpenAI client (api-key header, /openai/deployments/<dep>/… with
// ?api-version=…) on the same Chat Completions streaming code as OpenAI.

import { AzureOpenAI } from 'openai';
import type { ProviderAdapter, ProviderConfig } from '../../llm/types';
import { ProviderError } from '../../llm/errors';
import { OPENAI_CLIENT_DEFAULTS, openAIChatAdapter } from '../_openaiChat';
import { fetchFor, requireKey } from '../_shared';

export function createAdapter(config: ProviderConfig): ProviderAdapter {
  const azure = config.azure;
  if (!azure?.endpoint || !azure.deployment || !azure.apiVersion) {
    throw new ProviderError({
      code: 'bad_request',
      providerId: config.id,
      message: `${config.label} needs an Azure endpoint, deployment and API version. Edit the endpoint in "Switchboard: Manage Providers".`,
    });
  }
  const client = new AzureOpenAI({
    apiKey: requireKey(config),
    endpoint: azure.endpoint,
    deployment: azure.deployment,
    apiVersion: azure.apiVersion,
    // null, not undefined: undefined would fall back to OPENAI_BASE_URL from the environment.
    baseURL: null,
    ...OPENAI_CLIENT_DEFAULTS,
    defaultHeaders: config.headers,
    fetch: fetchFor(config),
  });
  return openAIChatAdapter(config, client, {
    maxTokensField: 'max_completion_tokens',
    // The deployment decides the model; send its name so the body is still well-formed.
    model: () => azure.deployment,
    // Listing deployments needs management-plane credentials; the configured one is what exists.
    listModels: () => [{ id: azure.deployment, label: azure.deployment }],
  });
}
