// The one request shape and event stream every provider speaks. No `vscode` import here:
// src/core runs and is tested in plain Node.
import type { ReasoningEffort, ReasoningKind } from '../../shared/reasoning';

export type { ReasoningEffort, ReasoningKind };

export type Role = 'system' | 'user' | 'assistant';

/** A tool call the model made: complete, its arguments parsed (adapters assemble streamed pieces). */
export interface ToolCall {
  /** The provider's call id (synthesized when the provider gives none, e.g. Gemini). */
  id: string;
  name: string;
  input: Record<string, unknown>;
  /**
   * Opaque provider data that must go back with this call in the next request (Gemini's
   * `thoughtSignature`). Never shown; absent for most providers.
   */
  signature?: string;
}

/** One piece of a message that is more than text (VS Code's chat and agent mode send these). */
export type ContentPart =
  | { type: 'text'; text: string }
  /** Image input, base64 without a data: prefix. */
  | { type: 'image'; mimeType: string; data: string; /** Pixels, when known: a closer token estimate. */ width?: number; height?: number }
  /** In an assistant message: a call the model made earlier. */
  | ({ type: 'tool_call' } & ToolCall)
  /** In a user message: what a tool returned for the call `callId`. */
  | { type: 'tool_result'; callId: string; content: string; isError?: boolean };

export interface ChatMessage {
  role: Role;
  /** Plain text (the panel, the editor commands) or parts (tools, images). */
  content: string | ContentPart[];
}

/** A tool the model may call: a JSON-schema object for its input. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema?: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  model: string;
  temperature?: number;
  maxOutputTokens?: number;
  /** How hard a reasoning model thinks; absent = the provider's default. Each adapter maps it. */
  reasoningEffort?: ReasoningEffort;
  /** Tools the model may call; absent or empty = none. */
  tools?: ToolDefinition[];
  /** 'required' = the model must call a tool (VS Code's LanguageModelChatToolMode.Required). */
  toolChoice?: 'auto' | 'required';
  signal?: AbortSignal;
}

/** Token counts as the provider reported them, normalized. */
export interface Usage {
  /** All input tokens, INCLUDING cached ones (OpenAI/Gemini convention; Anthropic's are summed in). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens?: number;
  /** Anthropic prompt-cache writes (a subset of inputTokens, priced higher). */
  cacheWriteTokens?: number;
  /** The part of cacheWriteTokens written with a 1-hour TTL (priced at 2× input, not 1.25×). */
  cacheWrite1hTokens?: number;
  /** Reasoning ("thinking") tokens: a subset of outputTokens, billed as output. */
  reasoningTokens?: number;
  /** Cost the endpoint itself reported (e.g. OpenRouter `usage.cost`), in USD. */
  reportedCostUsd?: number;
  /** True when counted by our estimator rather than reported by the provider. */
  estimated?: boolean;
}

/** 'tool_calls': the model stopped to have its tool calls run (the caller sends the results back). */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'cancelled';

export type ErrorCode =
  | 'auth'
  | 'rate_limit'
  | 'quota_exhausted'
  | 'overloaded'
  | 'server'
  | 'bad_request'
  | 'context_length_exceeded'
  | 'not_found'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'unknown';

/** Rate-limit hints read from response headers, for the adaptive limiter. */
export interface RateLimitHints {
  remainingRequests?: number;
  remainingTokens?: number;
  /** Milliseconds until the request budget resets. */
  resetRequestsMs?: number;
  /** Milliseconds until the token budget resets. */
  resetTokensMs?: number;
}

/** What an adapter yields. Errors are thrown as ProviderError (see errors.ts), never yielded. */
export type AdapterEvent =
  | { type: 'text'; text: string }
  /** The model's reasoning, streamed apart from the answer (never part of `text`). */
  | { type: 'thinking'; text: string }
  /** One complete tool call, yielded once its streamed arguments are whole and parsed. */
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'ratelimit'; hints: RateLimitHints }
  | { type: 'finish'; reason: FinishReason };

export type ProviderKind = 'openai' | 'anthropic' | 'gemini' | 'openai-compatible' | 'azure-openai';

export interface ProviderTimeouts {
  /** Max wait for the first byte of the response body / first event. 0 = none. */
  firstByteMs: number;
  /** Max silence between two stream chunks. 0 = none. */
  idleMs: number;
}

/** Everything needed to build one adapter instance. The key lives only here and in the request. */
export interface ProviderConfig {
  /** Stable instance id: 'openai', 'anthropic', 'gemini', or 'compat:<name>' for endpoints. */
  id: string;
  kind: ProviderKind;
  label: string;
  apiKey?: string;
  /** Override of the API base URL (proxies, gateways, local servers, test fakes). */
  baseURL?: string;
  headers?: Record<string, string>;
  azure?: { endpoint: string; deployment: string; apiVersion: string };
  timeouts?: ProviderTimeouts;
  /**
   * Prompt caching: Anthropic's marks and their TTL, OpenAI's prompt_cache_key, the same marks on a
   * gateway that documents them (`gateway`); 'off' = none (absent = '5m').
   */
  promptCache?: '5m' | '1h' | 'off';
  /**
   * An OpenAI-compatible endpoint that is a known gateway (set from the endpoint's preset or host):
   * it publishes prices (OpenRouter's model list, LiteLLM's /model/info) and takes Anthropic-style
   * cache marks for Claude models (core/providers/gateways/).
   */
  gateway?: 'openrouter' | 'litellm';
  /**
   * The fetch every request of this provider goes through: the host's proxy-aware one that never
   * follows a redirect to another origin (core/net). Without it an adapter uses createSafeFetch()
   * over the global fetch. Not data: JSON.stringify (the adapter cache's fingerprint) leaves it out.
   */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** A model as listed by a provider's live API. */
export interface LiveModel {
  id: string;
  label?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** Price the endpoint itself publishes in its model list (OpenRouter, LiteLLM); USD per 1M tokens. */
  price?: ModelPrice;
  /** Whether it takes images, where the list says (OpenRouter's input modalities, LiteLLM's supports_vision). */
  imageInput?: boolean;
}

export interface ProviderAdapter {
  readonly config: ProviderConfig;
  /** Streams one answer. Throws ProviderError (normalized) on failure, including on abort ('cancelled'). */
  stream(request: ChatRequest): AsyncIterable<AdapterEvent>;
  /** Lists models from the provider's live API. Throws ProviderError. */
  listModels(signal?: AbortSignal): Promise<LiveModel[]>;
}

/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Price of input tokens read from the prompt cache. Defaults to `input` when absent. */
  cachedInput?: number;
  /** Price of Anthropic prompt-cache writes. Defaults to `input` when absent. */
  cacheWrite?: number;
}

/**
 * Where a model's price comes from: the bundled catalogue (dated, see catalogue.ts), the user's
 * `switchboard.prices`, or the endpoint's own model list (OpenRouter, LiteLLM).
 */
export type PriceSource = 'catalogue' | 'settings' | 'endpoint';

/** A model in the bundled catalogue (prices as published by the provider, see catalogue.ts). */
export interface CatalogueModel {
  id: string;
  provider: 'openai' | 'anthropic' | 'gemini';
  label: string;
  contextWindow: number;
  maxOutputTokens?: number;
  price: ModelPrice;
  /** It reasons, and takes an effort this way (absent = no effort control). */
  reasoning?: ReasoningKind;
  /** It takes images as input. */
  imageInput: boolean;
}
