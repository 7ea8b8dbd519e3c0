// Writes one response for a scenario in a wire format: a streamed answer (its thinking first, if
// scripted; the scenario's faults at the answer's chunk boundaries: reset, stall, malformed or
// truncated JSON), an error body, or a model list. The server decides which scenario; this file only renders it.

import type http from 'node:http';
import { errorKindOf, estimateTokens, type Scenario } from './scenario';
import { lastUserText, promptText } from './requestText';
import type { Timers } from './timers';
import { WIRES, type Wire, type WireFormat } from './wire';
import { sendRawStream } from './rawStream';

function defaultAnswer(wire: Wire): string {
  const who = wire === 'openai' ? 'OpenAI' : wire === 'anthropic' ? 'Anthropic' : 'Gemini';
  return `Hello from the fake ${who} server. This answer is deterministic.`;
}

/** `text` in pieces of `size` characters (the last may be shorter). */
export function splitEvery(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function chunksOf(scenario: Scenario, text: string, given: string[] | undefined): string[] {
  return given ?? splitEvery(text, Math.max(1, scenario.chunkSize ?? 8));
}

export interface StreamTarget {
  res: http.ServerResponse;
  wire: Wire;
  body: unknown;
  model: string;
  id: string;
  alive: () => boolean;
  timers: Timers;
  /** The wire format to render with instead of WIRES[wire] (a gateway's variant of the OpenAI wire). */
  format?: WireFormat;
}

export async function streamAnswer(scenario: Scenario, { res, wire, body, model, id, alive, timers, format: override }: StreamTarget): Promise<void> {
  if (scenario.rawSse) return sendRawStream(res, scenario.rawSse, scenario.chunking ?? 'event', { ...WIRES[wire].headers(id), ...scenario.headers }, alive, scenario.holdOpen);
  const answer = scenario.echo ? `Echo: ${lastUserText(wire, body)}` : (scenario.text ?? defaultAnswer(wire));
  const chunks = chunksOf(scenario, answer, scenario.chunks);
  const thoughts = chunksOf(scenario, scenario.thinking ?? '', scenario.thinkingChunks);
  const shape = { thinking: thoughts.length > 0 };
  const reasoning = scenario.usage?.reasoning ?? (shape.thinking ? estimateTokens(thoughts.join('')) : 0);
  const usage = {
    input: scenario.usage?.input ?? estimateTokens(promptText(wire, body)),
    output: scenario.usage?.output ?? estimateTokens(answer) + reasoning,
    reasoning,
    cached: scenario.usage?.cached ?? 0,
    cacheWrite: scenario.usage?.cacheWrite ?? 0,
    cacheWrite1h: scenario.usage?.cacheWrite1h,
    cost: scenario.usage?.cost,
  };
  const finish = scenario.finishReason ?? (scenario.toolCalls?.length ? 'tool_calls' : 'stop');
  const format = override ?? WIRES[wire];
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...format.headers(id),
    ...scenario.headers,
  });

  const write = (text: string) => {
    if (alive()) res.write(text);
  };
  for (const event of format.start(model, id, usage, shape)) write(event);

  const started = Date.now();
  let sentChars = 0;
  // Thinking first, paced like the answer; the first answer chunk then waits one chunk delay too.
  const pace = async (i: number) => {
    if (i > 0 && scenario.chunkDelayMs) await timers.sleep(scenario.chunkDelayMs);
    if (scenario.charsPerSecond) {
      const late = started + (sentChars / scenario.charsPerSecond) * 1000 - Date.now();
      if (late >= 1) await timers.sleep(late);
    }
  };
  for (const [i, thought] of thoughts.entries()) {
    await pace(i);
    if (!alive()) return;
    write(format.thinking(thought, model, id));
    sentChars += thought.length;
  }
  if (shape.thinking) for (const event of format.thinkingEnd(model, id)) write(event);

  for (let i = 0; i <= chunks.length; i++) {
    if (!alive()) return;
    if (scenario.resetAfterChunks === i) {
      // Let the client read what was sent first: an RST can make the peer drop unread data.
      await timers.sleep(30);
      if (res.socket && !res.socket.destroyed) res.socket.resetAndDestroy();
      return;
    }
    if (scenario.stallAfterChunks === i) return; // socket stays open; close() cleans up
    if (scenario.malformedAfterChunks === i) {
      write(format.malformed());
      res.end();
      return;
    }
    if (scenario.truncatedJsonAfterChunks === i) {
      write(format.truncated(model, id));
      res.end();
      return;
    }
    if (i === chunks.length) break;
    await pace(i + thoughts.length);
    if (!alive()) return;
    write(format.delta(chunks[i]!, model, id, i === 0, shape));
    sentChars += chunks[i]!.length;
  }
  if (scenario.toolCalls?.length) {
    if (!format.toolCalls) throw new Error(`the fake ${wire} wire has no tool calls`);
    for (const event of format.toolCalls(scenario.toolCalls, model, id, Math.max(1, scenario.argChunkSize ?? 7), chunks.length > 0, shape)) write(event);
  }
  const includeUsage = wire !== 'openai' || !!(body as { stream_options?: { include_usage?: boolean } })?.stream_options?.include_usage;
  for (const event of format.finish(model, id, finish, usage, includeUsage, shape)) write(event);
  if (alive()) res.end();
}

export function sendError(res: http.ServerResponse, wire: Wire, scenario: Scenario): void {
  const status = scenario.status!;
  const body = scenario.errorBody ?? WIRES[wire].errorBody(errorKindOf(scenario), status, scenario);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...scenario.headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export function sendModels(res: http.ServerResponse, wire: Wire, scenario: Scenario, url: URL): void {
  const format = WIRES[wire];
  const body = scenario.modelsBody ?? format.modelList(scenario.models ?? format.defaultModels, url);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...scenario.headers });
  res.end(JSON.stringify(body));
}
