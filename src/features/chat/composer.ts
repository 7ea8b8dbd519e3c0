// What goes to the model and what it would cost: the conversation as chat messages, trimmed to
// the model's context window (system prompt kept), and the estimate the composer shows while
// the user types. Token counts of long texts are cached, so an estimate per keystroke does not
// count the whole history again.
import type { Attachment } from '../../core/attachments/attachment';
import { NO_IMAGE_DATA, userContent, type ImageData, type TAKES_NO_IMAGES } from '../../core/attachments/userContent';
import { systemPromptWith } from '../../core/instructions/workspaceInstructions';
import type { ChatMessage } from '../../core/llm/types';
import { estimateCost } from '../../core/pricing/cost';
import type { ChatOutbound, UiMessage } from '../../shared/protocol/chat';
import type { ChatServices } from './chatPorts';
import { trimHistory, type TrimResult } from './historyTrim';
import type { ProviderList } from './providerList';

const CACHE_FROM_CHARS = 256;
const CACHE_MAX = 2000;

/**
 * The turns a model sees: every question (its images, its attachments, its text), and every answer
 * that has text. `imageData` null: the model takes no images (each becomes a line saying so).
 */
export function historyOf(messages: readonly UiMessage[], imageData: ImageData | typeof TAKES_NO_IMAGES = NO_IMAGE_DATA): ChatMessage[] {
  return messages
    .filter((m) => m.role === 'user' || m.text.length > 0)
    .map((m) => ({ role: m.role, content: m.role === 'user' ? userContent(m.text, m.attachments, imageData) : m.text }));
}

export class Composer {
  private readonly tokenCache = new Map<string, number>();

  constructor(
    private readonly services: ChatServices,
    private readonly providers: ProviderList,
  ) {}

  /** The system prompt (with the workspace's instructions) and as much of `history` (oldest dropped first) as fits the model. */
  trim(history: ChatMessage[], providerId: string, model: string): TrimResult {
    const settings = this.services.settings();
    return trimHistory({
      systemPrompt: systemPromptWith(settings.systemPrompt, this.services.instructions()),
      history,
      contextWindow: this.providers.model(providerId, model)?.contextWindow,
      maxOutputTokens: settings.maxOutputTokens,
      countTokens: (text) => this.count(providerId, model, text),
    });
  }

  /**
   * Tokens and cost of sending `text` next in a conversation that holds `messages`, split into
   * system prompt, kept history and draft. It trims exactly as the request will (trim above), so
   * the composer's meter and the request never disagree about what is sent or left out.
   */
  estimate(requestId: number, messages: readonly UiMessage[], text: string, attachments: readonly Attachment[], providerId: string, model: string): Extract<ChatOutbound, { type: 'estimate' }> {
    const { maxOutputTokens } = this.services.settings();
    const trimmed = this.trim([...historyOf(messages), { role: 'user', content: userContent(text, attachments, NO_IMAGE_DATA) }], providerId, model);
    const info = this.providers.model(providerId, model);
    const cost = estimateCost(info?.price, trimmed.inputTokens, maxOutputTokens);
    return {
      type: 'estimate',
      requestId,
      inputTokens: trimmed.inputTokens,
      systemTokens: trimmed.systemTokens,
      historyTokens: trimmed.inputTokens - trimmed.systemTokens - trimmed.lastTokens,
      draftTokens: trimmed.lastTokens,
      costUsd: cost.inputUsd,
      maxOutputCostUsd: cost.outputUsd,
      maxOutputTokens,
      contextWindow: info?.contextWindow ?? null,
      inputBudget: trimmed.inputBudget ?? null,
      droppedMessages: trimmed.dropped,
    };
  }

  /**
   * Token count with a small cache, keyed by length and both ends; a collision yields a
   * same-length text's count, which is within an estimate's error anyway.
   */
  count(providerId: string, model: string, text: string): number {
    if (text.length < CACHE_FROM_CHARS) return this.services.countTokens(providerId, model, text);
    const key = `${providerId}\u0000${model}\u0000${text.length}\u0000${text.slice(0, 64)}\u0000${text.slice(-64)}`;
    let n = this.tokenCache.get(key);
    if (n === undefined) {
      n = this.services.countTokens(providerId, model, text);
      if (this.tokenCache.size > CACHE_MAX) this.tokenCache.clear();
      this.tokenCache.set(key, n);
    }
    return n;
  }
}
