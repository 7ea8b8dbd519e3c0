import * as vscode from 'vscode';
import { Pipeline } from '../../core/llm/pipeline';
import { providerLimits } from '../../core/llm/rateLimiter';
import { RequestService } from '../../core/requests/requestService';
import type { Log } from '../../host/log';
import type { SettingsService } from '../../host/settings';
import type { BudgetService } from '../budget/budgetService';
import type { ProviderService } from '../keys/providerService';
import type { UsageService } from '../usage/usageService';

export interface HostRequests extends vscode.Disposable {
  pipeline: Pipeline;
  requests: RequestService;
  /** Stops running requests and resolves once each has recorded its usage (deactivation). */
  shutdown(): Promise<void>;
}

/**
 * The request service on this window's services: rate limits, retries and fallback from
 * `switchboard.*` (read at each request, so a settings change applies to the next one), adapters
 * from the provider service, budgets, usage, and the model last used per provider remembered for
 * Manage Providers. Under a hard budget that does not allow unpriced models, the fallback chain
 * skips models of unknown price, so a fallback cannot escape the budget.
 */
export function createHostRequests(settings: SettingsService, providers: ProviderService, budget: BudgetService, usage: UsageService, log: Log): HostRequests {
  const s = () => settings.value;
  const chain = () => {
    if (!s()['fallback.enabled']) return [];
    const all = s()['fallback.chain'];
    return budget.blocksUnpriced() ? all.filter((c) => providers.model(c.providerId, c.model)?.price) : all;
  };
  const pipeline = new Pipeline({
    getAdapter: (id) => providers.adapter(id),
    limits: (id) => providerLimits(id, s().rateLimits),
    retry: () => ({
      maxAttempts: s()['retry.maxAttempts'],
      baseDelayMs: s()['retry.baseDelayMs'],
      factor: 2,
      maxDelayMs: s()['retry.maxDelayMs'],
      maxTotalWaitMs: s()['retry.maxTotalWaitSeconds'] * 1000,
    }),
    fallback: () => ({ enabled: s()['fallback.enabled'], chain: chain() }),
    maxAnswerChars: () => s().maxAnswerCharacters,
  });
  const requests = new RequestService({
    pipeline,
    budget,
    model: (providerId, model) => providers.model(providerId, model),
    usage,
    pending: usage.pending,
    fallbackChain: chain,
    workspace: () => vscode.workspace.name ?? '',
    logError: (message, err) => log.error(message, err),
  });
  const remember = requests.onDidStart((r) => void providers.setDefaultModel(r.providerId, r.model));
  return {
    pipeline,
    requests,
    async shutdown() {
      await requests.dispose();
      await usage.flushed();
    },
    dispose() {
      remember.dispose();
      void requests.dispose();
      pipeline.dispose();
    },
  };
}
