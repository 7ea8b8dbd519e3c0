// What each fake wire format provides to the server: its SSE framing, its error bodies and its
// model listing. One implementation per provider family lives next to this file.

import type { FakeErrorKind, FakeToolCall, Scenario } from '../scenario';

export type Wire = 'openai' | 'anthropic' | 'gemini';

export type WireFinish = 'stop' | 'length' | 'content_filter' | 'tool_calls';

/** Usage in the provider's own terms (see Scenario.usage). */
export interface WireUsage {
  input: number;
  output: number;
  cached: number;
  cacheWrite: number;
  /** Of `cacheWrite`, the tokens written with a 1-hour TTL (Anthropic; the rest: 5 minutes). Absent: no split reported. */
  cacheWrite1h?: number;
  cost: number | undefined;
  /** Of `output`, the tokens spent reasoning (0 or absent: none reported). */
  reasoning?: number;
}

/** How one streamed answer is laid out: with `thinking`, reasoning streams before the answer. */
export interface StreamShape {
  thinking: boolean;
}

export interface WireFormat {
  /** Response headers a real server of this provider sends with a stream. */
  headers(id: string): Record<string, string>;
  start(model: string, id: string, usage: WireUsage, shape?: StreamShape): string[];
  /** One piece of reasoning, before the answer (the stream was started with `shape.thinking`). */
  thinking(text: string, model: string, id: string): string;
  /** Between the reasoning and the answer (Anthropic: the thinking block's signature and stop, the text block's start). */
  thinkingEnd(model: string, id: string): string[];
  delta(text: string, model: string, id: string, first: boolean, shape?: StreamShape): string;
  /**
   * The events of the scenario's tool calls, after the answer's text (`afterText`: some text was
   * streamed before them), their arguments in `argChunkSize`-character pieces where the provider
   * streams them.
   */
  toolCalls?(calls: readonly FakeToolCall[], model: string, id: string, argChunkSize: number, afterText: boolean, shape?: StreamShape): string[];
  finish(model: string, id: string, reason: WireFinish, usage: WireUsage, includeUsage: boolean, shape?: StreamShape): string[];
  /** A data line that is not JSON. */
  malformed(): string;
  /** Half a JSON event without its terminator. */
  truncated(model: string, id: string): string;
  /** The error JSON this provider sends for `kind`. */
  errorBody(kind: FakeErrorKind, status: number, scenario: Scenario): unknown;
  /** The body of GET …/models for these ids, paged the way this provider pages. */
  modelList(ids: string[], url: URL): unknown;
  /** Ids listed when a scenario names none: a small, realistic mix. */
  defaultModels: string[];
}

/** `created` timestamp of every fake OpenAI object. */
export const CREATED = 1_760_000_000;
