// What the chat panel needs from the rest of the extension. The lead implements ChatServices with
// the real modules (provider service, pipeline, pricing, usage store, settings); tests implement it
// with fakes. No `vscode` import here, so the controller and store run in plain Node.
import type { ChatRun, PipelineRequest, PipelineResult } from '../../core/llm/pipeline';
import type { UiSource } from '../../shared/protocol';

/** A subscription in the shape of `vscode.Event` (a vscode.Event<T> is assignable to it). */
export type Listen<T> = (listener: (e: T) => unknown) => { dispose(): unknown };

export interface ModelOption {
  id: string;
  label: string;
  contextWindow?: number;
  /** Effective price (catalogue + `switchboard.prices` overrides), USD per 1M tokens; absent = unknown. */
  price?: { input: number; output: number };
}

export interface ProviderChoice {
  id: string;
  label: string;
  /** Has a key, or needs none. Only ready providers are offered in the model picker. */
  ready: boolean;
  models: ModelOption[];
}

export interface ChatSettings {
  systemPrompt: string;
  maxOutputTokens: number;
  temperature: number | null;
}

// The pipeline's own types (src/core/pipeline.ts), so the lead can pass `pipeline.run` straight through.
export type { ChatRun, PipelineError, PipelineEvent, PipelineOutcome, PipelineRequest, PipelineResult } from '../../core/llm/pipeline';

/** Usage as recorded in the usage store for one finished request, and what the panel shows. */
export interface RecordedUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** null = unknown price (never shown as $0). */
  costUsd: number | null;
  /** The tokens were estimated (the provider reported none, e.g. a stopped stream). */
  estimated: boolean;
}

export interface ChatServices {
  /** Every provider the user configured, ready or not, with its models. */
  listProviders(): Promise<ProviderChoice[]>;
  /** Keys, endpoints, prices or models changed: the panel lists providers again. */
  onDidChangeProviders: Listen<void>;
  settings(): ChatSettings;
  /** Token estimate of `text` for that model (tokenizer or calibrated ratio); used to trim history and estimate cost. */
  countTokens(providerId: string, model: string, text: string): number;
  /** Starts a request; `request.signal` aborts it (queue wait, backoff wait or stream). */
  runPipeline(request: PipelineRequest): ChatRun;
  /**
   * Records one finished request (any outcome) in the usage store — called exactly once per
   * answer — and returns the tokens and cost to show under it (estimated when not reported).
   */
  recordUsage(request: PipelineRequest, result: PipelineResult): Promise<RecordedUsage>;
}

/** The editor/window side effects of the panel; ChatViewProvider implements them with the vscode API. */
export interface HostActions {
  copy(text: string): Promise<void>;
  insertAtCursor(code: string): Promise<void>;
  /** Replaces the code `source` points at (tracked since the question), else the editor's selection. */
  replaceSelection(code: string, source: UiSource | undefined): Promise<void>;
  /** Only ever called with an http/https/mailto URL that passed isSafeExternalLink. */
  openExternal(href: string): Promise<void>;
  setApiKey(providerId: string | undefined): Promise<void>;
  openSettings(query: string | undefined): Promise<void>;
  /** A modal confirmation (webviews cannot show `confirm()`). */
  confirm(message: string, action: string): Promise<boolean>;
}

/** Time source, so batching and timestamps are testable with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
