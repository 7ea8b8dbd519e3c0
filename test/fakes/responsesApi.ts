// Renders a Scenario as an OpenAI Responses API stream (POST /v1/responses; the wire format is
// wire/openaiResponses.ts): the scenario's thinking as a reasoning item's summary (one summary
// part per paragraph), its text as output_text deltas (a content_filter finish streams it as a
// refusal), its tool calls as function_call items after it (no message item when there is no
// text), its usage (reasoning included) on the terminal event, and the same chunk-boundary
// faults as a Chat Completions answer (reset, stall, malformed or truncated JSON). Error statuses,
// floods and `rawSse` are the server's and responses.ts's as for any other route.

import type http from 'node:http';
import { splitEvery } from './responses';
import { estimateTokens, type Scenario } from './scenario';
import type { Timers } from './timers';
import { ResponsesStream } from './wire/openaiResponses';
import { openaiWire } from './wire/openai';

interface ResponsesBody {
  instructions?: unknown;
  input?: unknown;
  max_output_tokens?: unknown;
  reasoning?: { effort?: unknown } | null;
}

function inputMessages(body: unknown): { role?: unknown; content?: unknown }[] {
  const input = (body as ResponsesBody | undefined)?.input;
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return Array.isArray(input) ? (input as { role?: unknown; content?: unknown }[]) : [];
}

const textOf = (c: unknown): string =>
  typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('') : '';

/** The last user message of a Responses request body. */
export function lastResponsesUserText(body: unknown): string {
  const users = inputMessages(body).filter((m) => m.role === 'user');
  return textOf(users[users.length - 1]?.content);
}

/** Instructions plus every input message, for the default usage estimate. */
export function responsesPrompt(body: unknown): string {
  const b = body as ResponsesBody | undefined;
  return [typeof b?.instructions === 'string' ? b.instructions : '', ...inputMessages(body).map((m) => textOf(m.content))].join('\n');
}


export interface ResponsesTarget {
  res: http.ServerResponse;
  body: unknown;
  model: string;
  id: string;
  alive: () => boolean;
  timers: Timers;
}

export async function streamResponsesAnswer(scenario: Scenario, { res, body, model, id, alive, timers }: ResponsesTarget): Promise<void> {
  const size = Math.max(1, scenario.chunkSize ?? 8);
  const answer = scenario.echo ? `Echo: ${lastResponsesUserText(body)}` : (scenario.text ?? 'Hello from the fake OpenAI Responses API. This answer is deterministic.');
  const chunks = scenario.chunks ?? splitEvery(answer, size);
  const thinking = scenario.thinking ?? scenario.thinkingChunks?.join('') ?? '';
  // One summary part per paragraph; given chunks stay one part, as sent.
  const parts = scenario.thinkingChunks ? [scenario.thinkingChunks] : thinking ? thinking.split('\n\n').map((p) => splitEvery(p, size)) : [];
  const reasoning = scenario.usage?.reasoning ?? (thinking ? estimateTokens(thinking) : 0);
  const usage = {
    input: scenario.usage?.input ?? estimateTokens(responsesPrompt(body)),
    output: scenario.usage?.output ?? estimateTokens(answer) + reasoning,
    cached: scenario.usage?.cached ?? 0,
    reasoning,
  };
  const b = body as ResponsesBody | undefined;
  const effort = typeof b?.reasoning?.effort === 'string' ? b.reasoning.effort : 'medium';
  const stream = new ResponsesStream(id, model, effort, typeof b?.max_output_tokens === 'number' ? b.max_output_tokens : null);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...openaiWire.headers(id), ...scenario.headers });
  const write = (text: string) => {
    if (alive()) res.write(text);
  };

  for (const e of stream.start()) write(e);
  // The summary goes out whole (OpenAI sends it in bursts); the answer is paced and can fail.
  if (parts.length) for (const e of stream.reasoning(parts)) write(e);
  const refusal = scenario.finishReason === 'content_filter';
  const message = chunks.length > 0 || !scenario.toolCalls?.length;
  if (message) for (const e of stream.messageStart(refusal ? 'refusal' : 'output_text')) write(e);
  const started = Date.now();
  let sentChars = 0;
  for (let i = 0; i <= chunks.length; i++) {
    if (!alive()) return;
    if (scenario.resetAfterChunks === i) {
      await timers.sleep(30); // let the client read what was sent before the RST
      if (res.socket && !res.socket.destroyed) res.socket.resetAndDestroy();
      return;
    }
    if (scenario.stallAfterChunks === i) return; // socket stays open; close() cleans up
    if (scenario.malformedAfterChunks === i || scenario.truncatedJsonAfterChunks === i) {
      write(scenario.malformedAfterChunks === i ? 'event: response.output_text.delta\ndata: {this is not json}\n\n' : `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_${id}","del`);
      res.end();
      return;
    }
    if (i === chunks.length) break;
    if (i > 0 && scenario.chunkDelayMs) await timers.sleep(scenario.chunkDelayMs);
    if (scenario.charsPerSecond) {
      const late = started + (sentChars / scenario.charsPerSecond) * 1000 - Date.now();
      if (late >= 1) await timers.sleep(late);
    }
    if (!alive()) return;
    write(stream.delta(chunks[i]!));
    sentChars += chunks[i]!.length;
  }
  if (message) for (const e of stream.messageDone()) write(e);
  for (const call of scenario.toolCalls ?? []) for (const e of stream.functionCall(call, Math.max(1, scenario.argChunkSize ?? 7))) write(e);
  write(scenario.finishReason === 'length' ? stream.incomplete('max_output_tokens', usage) : stream.completed(usage));
  if (alive()) res.end();
}
