import * as vscode from 'vscode';
import type { ChatRun, ChatServices, ChatSettings, PipelineEvent, PipelineRequest, PipelineResult, ProviderChoice, RecordedUsage } from './chatServices';
import { Pipeline } from '../../core/llm/pipeline';
import { AsyncQueue } from '../../core/llm/asyncQueue';
import { providerLimits } from '../../core/llm/rateLimiter';
import { costOf, resolvePrice } from '../../core/pricing/cost';
import { findCatalogueModel } from '../../core/pricing/catalogue';
import { estimateTokens } from '../../core/llm/tokenEstimate';
import type { ModelPrice, ProviderKind } from '../../core/llm/types';
import type { BudgetGuard } from '../../core/budget/budget';
import type { ProviderService } from '../keys/providerService';
import type { SettingsService } from '../../host/settings';
import type { UsageService } from '../usage/usageService';
import type { UsageStatusBar } from '../usage/statusBar';

/** The chat panel's view of the extension: providers, the pipeline, budgets, usage recording. */
export class ChatBackend implements ChatServices, vscode.Disposable {
  readonly pipeline: Pipeline;
  readonly onDidChangeProviders: ChatServices['onDidChangeProviders'];
  private readonly queueSubscription: { dispose(): void };

  constructor(
    private readonly providers: ProviderService,
    private readonly settingsService: SettingsService,
    private readonly usage: UsageService,
    private readonly budget: BudgetGuard,
    private readonly statusBar: UsageStatusBar,
  ) {
    const s = () => this.settingsService.value;
    this.pipeline = new Pipeline({
      getAdapter: (id) => providers.adapter(id),
      limits: (id) => providerLimits(id, s().rateLimits),
      retry: () => ({
        maxAttempts: s()['retry.maxAttempts'],
        baseDelayMs: s()['retry.baseDelayMs'],
        factor: 2,
        maxDelayMs: s()['retry.maxDelayMs'],
        maxTotalWaitMs: s()['retry.maxTotalWaitSeconds'] * 1000,
      }),
      fallback: () => ({ enabled: s()['fallback.enabled'], chain: s()['fallback.chain'] }),
    });
    this.queueSubscription = this.pipeline.limiter.onChange((queue) => {
      const head = queue.reduce<(typeof queue)[number] | undefined>((best, q) => (!best || q.waitMs > best.waitMs ? q : best), undefined);
      this.statusBar.setQueue(head ? { providerId: head.providerId, waitMs: head.waitMs } : undefined);
    });
    this.onDidChangeProviders = (listener) => providers.onDidChange(listener);
  }

  async listProviders(): Promise<ProviderChoice[]> {
    const statuses = await this.providers.statuses();
    return Promise.all(
      statuses.map(async (st) => ({
        id: st.entry.id,
        label: st.entry.label,
        ready: st.ready,
        models: st.ready
          ? (await this.providers.models(st.entry.id)).map((m) => {
              const price = this.price(st.entry.kind, m.id);
              return { id: m.id, label: m.label, ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}), ...(price ? { price: { input: price.input, output: price.output } } : {}) };
            })
          : [],
      })),
    );
  }

  settings(): ChatSettings {
    const s = this.settingsService.value;
    return { systemPrompt: s.systemPrompt, maxOutputTokens: s.maxOutputTokens, temperature: s.temperature };
  }

  countTokens(_providerId: string, _model: string, text: string): number {
    return estimateTokens(text);
  }

  runPipeline(request: PipelineRequest): ChatRun {
    const check = this.budget.check(request.providerId);
    for (const warning of check.warnings) {
      void vscode.window.showWarningMessage(warning, 'Open Settings').then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget'));
    }
    this.statusBar.render();
    if (!check.allowed) return blockedRun(request, check.message ?? 'Switchboard: a budget is used up.');
    if (request.providerId) void this.providers.setDefaultModel(request.providerId, request.model);
    return this.pipeline.run(request);
  }

  async recordUsage(_request: PipelineRequest, result: PipelineResult): Promise<RecordedUsage> {
    if (result.error?.code === 'budget_exceeded') return { inputTokens: null, outputTokens: null, costUsd: null, estimated: false };
    const usage = result.usage ?? { inputTokens: 0, outputTokens: estimateTokens(result.text), estimated: true };
    const kind = this.providers.entry(result.providerId)?.kind ?? 'openai-compatible';
    const cost = costOf(usage, this.price(kind, result.model));
    await this.usage.record({
      providerId: result.providerId,
      model: result.model,
      usage,
      cost,
      latencyMs: result.latencyMs,
      outcome: result.outcome,
      ...(result.error ? { errorCode: result.error.code } : {}),
      workspace: vscode.workspace.name ?? '',
    });
    return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: cost.usd, estimated: !!usage.estimated || cost.estimated };
  }

  /** Catalogue price overridden by `switchboard.prices`; undefined = unknown price. */
  private price(kind: ProviderKind, model: string): ModelPrice | undefined {
    return resolvePrice(model, this.settingsService.value.prices, (id) => findCatalogueModel(kind, id)?.price);
  }

  dispose(): void {
    this.queueSubscription.dispose();
    this.pipeline.dispose();
  }
}

/** A run that never reaches a provider: a hard budget said no. */
function blockedRun(request: PipelineRequest, message: string): ChatRun {
  const events = new AsyncQueue<PipelineEvent>();
  const error = { code: 'budget_exceeded', message, providerId: request.providerId };
  events.push({ type: 'error', error, partial: '' });
  events.close();
  const result: PipelineResult = { outcome: 'error', text: '', error, providerId: request.providerId, model: request.model, attempts: 0, latencyMs: 0 };
  return { events, result: Promise.resolve(result), retryNow: () => undefined };
}
