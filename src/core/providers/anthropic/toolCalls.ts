// Assembles streamed `tool_use` blocks into whole calls ("Streaming Messages": a block opens with
// content_block_start {type:'tool_use', id, name, input:{}}, its input arrives as input_json_delta
// `partial_json` pieces — the first may be "" — and content_block_stop closes it). Blocks are keyed
// by their index, so several calls (parallel tool use) assemble independently. An input that
// streams no delta at all is the empty object. Server tool blocks (server_tool_use, mcp_tool_use)
// are the API's own business and never become calls.
// Arguments that are not a JSON object make the call unusable. They are kept as `invalid` rather
// than thrown at once: when the answer hit max_tokens inside the block, the cut is the limit's doing
// and the stream ends as 'length'; otherwise the adapter throws `invalid` after the stream.

import type { ToolCall } from '../../llm/types';
import { clip, errorFor, type ErrorContext, type ProviderError } from '../../llm/errors';
import { appendArguments, parseJsonObject } from '../_toolArguments';

interface Pending {
  id: string;
  name: string;
  json: string;
  /** The block's start `input`: used as is when no delta comes. */
  start: unknown;
}

export class ToolCallAssembler {
  private readonly open = new Map<number, Pending>();
  /** The first call whose arguments were not a JSON object (see the top of the file). */
  invalid: ProviderError | undefined;

  constructor(private readonly ctx: ErrorContext) {}

  /** A content_block_start; only `tool_use` blocks are tracked. */
  start(index: number, block: { type: string; id?: unknown; name?: unknown; input?: unknown }): void {
    if (block.type !== 'tool_use') return;
    this.open.set(index, { id: String(block.id ?? ''), name: String(block.name ?? ''), json: '', start: block.input });
  }

  /** An input_json_delta piece for block `index` (ignored for blocks that are not tool calls). */
  delta(index: number, partialJson: string): void {
    const call = this.open.get(index);
    if (call) call.json = appendArguments(this.ctx, call.name, call.json, partialJson);
  }

  /** A content_block_stop: the whole call, if block `index` was one with usable arguments. */
  stop(index: number): ToolCall | undefined {
    const call = this.open.get(index);
    if (!call) return undefined;
    this.open.delete(index);
    const input = this.inputOf(call);
    return input ? { id: call.id, name: call.name, input } : undefined;
  }

  /** Calls whose block never got its stop (the message ended anyway), in index order. */
  flush(): ToolCall[] {
    return [...this.open.keys()].sort((a, b) => a - b).flatMap((index) => this.stop(index) ?? []);
  }

  private inputOf(call: Pending): Record<string, unknown> | undefined {
    if (!call.json.trim()) return isObject(call.start) ? call.start : {};
    const input = parseJsonObject(call.json);
    if (input) return input;
    this.invalid ??= errorFor(this.ctx, {
      code: 'bad_request',
      message: `${this.ctx.label} sent invalid arguments for the tool "${clip(call.name, 80)}" (not a JSON object: ${clip(call.json, 120)}).`,
      providerCode: 'invalid_tool_arguments',
    });
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
