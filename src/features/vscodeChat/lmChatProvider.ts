// Switchboard's models in VS Code's own chat, agent mode and for every extension that calls
// `vscode.lm`: listed from the ready providers, answered through the same request service as the
// panel (budgets, rate limits, retries, fallback, exact cost), recorded under source "VS Code chat".
import * as vscode from 'vscode';
import type { ToolDefinition } from '../../core/llm/types';
import { estimateContentTokens, estimateTokens } from '../../core/llm/tokenEstimate';
import type { ModelRequest, RequestService } from '../../core/requests/requestService';
import type { Log } from '../../host/log';
import { showBudgetWarning } from '../budget/budgetService';
import type { ProviderService } from '../keys/providerService';
import { TOOL_MODE_REQUIRED, type LmApi, type LmChatProvider, type LmRequestMessage, type LmResponseOptions } from './lmApi';
import { toChatMessages } from './lmMessages';
import { chatInformation, type SwitchboardModelInfo } from './lmModels';
import { streamRun, ChatRequestFailure } from './lmResponse';
import { SignatureMemory } from './signatureMemory';

export const LM_VENDOR = 'switchboard';

export class SwitchboardChatModels implements LmChatProvider<SwitchboardModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly signatures = new SignatureMemory();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly api: LmApi,
    private readonly providers: ProviderService,
    private readonly requests: RequestService,
    private readonly log: Log,
  ) {
    // Keys, endpoints, prices and live model lists change what is offered.
    this.subscriptions = [providers.onDidChange(() => this.changed.fire()), providers.onDidChangeModels(() => this.changed.fire())];
  }

  /**
   * Every ready provider's models. When the user asked for them (not silent: e.g. "Manage Models"
   * → Switchboard) and no provider has a key yet, Set API Key opens, as the picker's own way to add one.
   */
  async provideLanguageModelChatInformation(options: { readonly silent: boolean }): Promise<SwitchboardModelInfo[]> {
    const statuses = await this.providers.statuses();
    const lists = await Promise.all(statuses.filter((s) => s.ready).map(async (s) => {
      try {
        // Quiet: VS Code lists models whenever it likes; a key-destination question waits for a request.
        return (await this.providers.models(s.entry.id, { quiet: true })).map((m) => chatInformation(s.entry, m));
      } catch (err) {
        this.log.error(`Could not list ${s.entry.label}'s models for VS Code chat`, err);
        return [];
      }
    }));
    const models = lists.flat();
    if (!options.silent && !statuses.some((s) => s.ready)) void vscode.commands.executeCommand('switchboard.setApiKey');
    return models;
  }

  async provideLanguageModelChatResponse(model: SwitchboardModelInfo, messages: readonly LmRequestMessage[], options: LmResponseOptions, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Promise<void> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const request: ModelRequest = {
        providerId: model.providerId,
        model: model.modelId,
        messages: toChatMessages(messages, { signatureOf: (id) => this.signatures.get(id), isThinking: (part) => this.api.parts.isThinking(part) }),
        ...toolsOf(options),
        ...numberOption(options, 'temperature', 'temperature'),
        ...numberOption(options, 'maxOutputTokens', 'max_tokens', 'maxTokens', 'maxOutputTokens'),
        source: 'vscode-chat',
        signal: abort.signal,
      };
      const parts = this.api.parts;
      await streamRun(this.requests.run(request), {
        text: (text) => progress.report(parts.text(text)),
        toolCall: (call) => {
          if (call.signature) this.signatures.set(call.id, call.signature);
          progress.report(parts.toolCall(call.id, call.name, call.input));
        },
        ...(parts.thinking ? { thinking: (text: string) => progress.report(parts.thinking!(text)) } : {}),
        budgetWarning: showBudgetWarning,
      });
    } catch (err) {
      if (err instanceof ChatRequestFailure) {
        // VS Code shows a LanguageModelError's message in the chat; "Blocked" is what a budget does.
        throw err.code === 'budget_exceeded' ? vscode.LanguageModelError.Blocked(err.message) : new Error(err.message);
      }
      throw err;
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(_model: SwitchboardModelInfo, text: string | LmRequestMessage): Promise<number> {
    if (typeof text === 'string') return estimateTokens(text);
    return toChatMessages([text]).reduce((sum, m) => sum + estimateContentTokens(m.content), 0);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function toolsOf(options: LmResponseOptions): Pick<ModelRequest, 'tools' | 'toolChoice'> {
  const tools: ToolDefinition[] = (options.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description ?? '',
    ...(t.inputSchema && typeof t.inputSchema === 'object' ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}),
  }));
  if (!tools.length) return {};
  return { tools, toolChoice: options.toolMode === TOOL_MODE_REQUIRED ? 'required' : 'auto' };
}

/** A finite number among the caller's model options under any of `names`. */
function numberOption<K extends 'temperature' | 'maxOutputTokens'>(options: LmResponseOptions, key: K, ...names: string[]): Partial<Record<K, number>> {
  for (const name of names) {
    const v = options.modelOptions?.[name];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { [key]: v } as Partial<Record<K, number>>;
  }
  return {};
}
