// How tests script the fake providers: one Scenario per request (an answer, a fault, or both),
// plus ready-made scenarios for the faults tests use most.

import type { Flood } from './flood';
import type { Chunking } from './rawStream';

export type FakeProviderName = 'openai' | 'azure' | 'anthropic' | 'gemini';

/** Errors the fake can render in each provider's own JSON shape. */
export type FakeErrorKind =
  | 'invalid_key'
  | 'permission'
  | 'rate_limit'
  | 'insufficient_quota'
  | 'quota_daily'
  | 'context_length'
  | 'bad_request'
  | 'not_found'
  | 'overloaded'
  | 'server';

/** One tool call a fake model makes (`id` defaults to a provider-shaped one). */
export interface FakeToolCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

export interface Scenario {
  /** The answer. Default: a fixed sentence naming the provider. */
  text?: string;
  /** The answer pre-split into chunks (wins over text/chunkSize). */
  chunks?: string[];
  /** Characters per chunk when splitting `text` (and `thinking`). Default 8. */
  chunkSize?: number;
  /**
   * Reasoning streamed before the answer, in the provider's shape: an Anthropic thinking block
   * (index 0, then a signature), Gemini `thought: true` parts, OpenAI-compatible
   * `delta.reasoning_content`. Paced like the answer (chunkDelayMs / charsPerSecond).
   */
  thinking?: string;
  /** The thinking pre-split into chunks (wins over thinking/chunkSize). */
  thinkingChunks?: string[];
  /** Wait before sending anything, headers included. */
  firstByteDelayMs?: number;
  /** Wait between chunks. */
  chunkDelayMs?: number;
  /**
   * Pace chunks so the text flows at this many characters per second, on a schedule: a chunk that
   * is already late goes out at once. (Demo mode; tests use chunkDelayMs.)
   */
  charsPerSecond?: number;
  /** Answer "Echo: " + the last user message's text. */
  echo?: boolean;
  /** Non-2xx: respond with this status and an error body in the provider's shape. */
  status?: number;
  /** Which error body to render (default derived from `status`). */
  errorKind?: FakeErrorKind;
  /** Gemini: RetryInfo.retryDelay to include in a 429 (e.g. "2s"). */
  retryDelay?: string;
  /** Exact error body to send instead of the rendered one. */
  errorBody?: unknown;
  /** Extra response headers (success or error): rate-limit headers, retry-after… */
  headers?: Record<string, string>;
  /** After N text chunks: reset the TCP connection. */
  resetAfterChunks?: number;
  /** After N text chunks: keep the socket open and send nothing more. */
  stallAfterChunks?: number;
  /** After N text chunks: send a data line that is not JSON, then end. */
  malformedAfterChunks?: number;
  /** After N text chunks: send half a JSON event without its terminator, then end. */
  truncatedJsonAfterChunks?: number;
  /**
   * Usage in the provider's own terms: `input` is OpenAI prompt_tokens / Gemini promptTokenCount
   * (cached included) / Anthropic input_tokens (cache reads and writes NOT included).
   * `output` includes the reasoning, `reasoning` is the part of it spent thinking (Anthropic
   * output_tokens_details.thinking_tokens, Gemini thoughtsTokenCount — its candidatesTokenCount is
   * output − reasoning —, OpenAI completion_tokens_details.reasoning_tokens).
   * `cacheWrite1h` is the part of `cacheWrite` written with Anthropic's 1-hour TTL (the rest: 5 minutes).
   * Default: derived from the text and thinking, about 4 characters per token, split by the
   * server's prompt cache (promptCache.ts) into cached / written / the rest when caching is on,
   * unless the scenario gives input, cached, cacheWrite or cacheWrite1h itself.
   */
  usage?: { input?: number; output?: number; reasoning?: number; cached?: number; cacheWrite?: number; cacheWrite1h?: number; cost?: number };
  finishReason?: 'stop' | 'length' | 'content_filter';
  /**
   * Tool calls the model makes after its text (if any), streamed the provider's way: the arguments
   * JSON cut into `argChunkSize` pieces where the provider streams them (OpenAI, Anthropic; Gemini
   * sends whole calls). Several = parallel calls. The stream then ends with the provider's
   * tool-use finish (unless `finishReason` says otherwise).
   */
  toolCalls?: FakeToolCall[];
  /** Characters per streamed piece of a tool call's arguments JSON. Default 7. */
  argChunkSize?: number;
  /** Model ids for GET …/models (default: a small realistic list per provider). */
  models?: string[];
  /** A model list body sent as is (any JSON: malformed entries, odd ids), instead of `models`. */
  modelsBody?: unknown;
  /** Stream as fast as the client reads, up to `bytes` (see flood.ts); wins over the answer. */
  flood?: Flood;
  /**
   * A recorded stream sent byte for byte instead of a rendered answer: each entry is one SSE event
   * exactly as the provider (or a gateway) frames it, terminator included. Wins over the answer.
   */
  rawSse?: string[];
  /** How `rawSse` reaches the socket (see rawStream.ts). Default 'event'. */
  chunking?: Chunking;
  /** After `rawSse`, keep the connection open instead of ending the response (close() cleans up). */
  holdOpen?: boolean;
}

export const rateLimit = (retryAfterS: number): Scenario => ({ status: 429, errorKind: 'rate_limit', headers: { 'retry-after': String(retryAfterS) } });
export const insufficientQuota = (): Scenario => ({ status: 429, errorKind: 'insufficient_quota' });
export const geminiRetryDelay = (delay: string): Scenario => ({ status: 429, errorKind: 'rate_limit', retryDelay: delay });
export const geminiDailyQuota = (): Scenario => ({ status: 429, errorKind: 'quota_daily' });
export const overloaded529 = (): Scenario => ({ status: 529, errorKind: 'overloaded' });
export const serverError = (status = 500): Scenario => ({ status, errorKind: status === 503 ? 'overloaded' : 'server' });
export const contextTooLong = (): Scenario => ({ status: 400, errorKind: 'context_length' });
export const invalidKey = (): Scenario => ({ status: 401, errorKind: 'invalid_key' });

/** ~4 characters per token, at least 1 — the default when a scenario gives no usage. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** The error body a failing scenario gets: its own kind, else one derived from its status. */
export function errorKindOf(scenario: Scenario): FakeErrorKind {
  if (scenario.errorKind) return scenario.errorKind;
  const s = scenario.status ?? 500;
  if (s === 401) return 'invalid_key';
  if (s === 403) return 'permission';
  if (s === 404) return 'not_found';
  if (s === 429) return 'rate_limit';
  if (s === 503 || s === 529) return 'overloaded';
  if (s >= 500) return 'server';
  return 'bad_request';
}
