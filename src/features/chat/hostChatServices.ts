import { estimateTokens } from '../../core/llm/tokenEstimate';
import type { RequestService } from '../../core/requests/requestService';
import type { SettingsService } from '../../host/settings';
import type { ProviderService } from '../keys/providerService';
import type { ChatServices, ProviderChoice } from './chatPorts';
import type { WorkspaceInstructionsService } from './workspaceInstructionsService';

/** The chat panel's view of this window's services: providers with their resolved models, settings, requests. */
export function hostChatServices(providers: ProviderService, settings: SettingsService, requests: RequestService, instructions: WorkspaceInstructionsService): ChatServices {
  return {
    async listProviders(): Promise<ProviderChoice[]> {
      const statuses = await providers.statuses();
      return Promise.all(
        statuses.map(async (st) => ({
          id: st.entry.id,
          label: st.entry.label,
          ready: st.ready,
          models: st.ready ? await providers.models(st.entry.id) : [],
        })),
      );
    },
    onDidChangeProviders: (listener) => providers.onDidChange(listener),
    settings: () => {
      const s = settings.value;
      return { systemPrompt: s.systemPrompt, maxOutputTokens: s.maxOutputTokens, temperature: s.temperature };
    },
    instructions: () => instructions.current(),
    onDidChangeInstructions: (listener) => instructions.onDidChange(listener),
    refreshInstructions: () => instructions.refresh(),
    countTokens: (_providerId, _model, text) => estimateTokens(text),
    run: (request) => requests.run(request),
  };
}
