// Gemini's function calls, read from the stream. Unlike OpenAI and Anthropic, Gemini sends each call
// whole: a `functionCall: {name, args, id?}` part with its arguments as a JSON object, several parts
// (in one event or across events) for parallel calls, and on thinking models a `thoughtSignature`
// on the part (only the first of parallel calls), which must go back with the call
// (docs/function-calling, docs/thought-signatures). When Gemini gives no id, one is made from the
// response id and the call's position, stable for the answer, so the caller can match the result.

import type { ToolCall } from '../../llm/types';
import { clip, errorFor, type ErrorContext, type ProviderError } from '../../llm/errors';
import { SYNTHETIC_ID_PREFIX } from './request';
import { parseJsonObject } from '../_toolArguments';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the function calls of one answer, numbering them for their ids. */
export class ToolCallReader {
  private count = 0;
  /** Made when first needed: most answers make no call, or get a response id. */
  private fallbackId: string | undefined;

  constructor(private readonly ctx: ErrorContext) {}

  /** Calls made so far in this answer. */
  get made(): number {
    return this.count;
  }

  /** The call in `part`, or undefined when the part is not a function call. Throws on a malformed one. */
  read(part: unknown, responseId: unknown): ToolCall | undefined {
    if (!isObject(part) || part['functionCall'] === undefined) return undefined;
    const call = isObject(part['functionCall']) ? part['functionCall'] : {};
    const name = call['name'];
    if (typeof name !== 'string' || !name) throw this.malformed('a function call without a name');
    const input = argsOf(call['args']);
    if (!input) throw this.malformed(`the arguments of the call to "${clip(name, 64)}" are not a JSON object`, 'invalid_tool_arguments');
    const index = this.count++;
    const given = call['id'];
    const base = typeof responseId === 'string' && responseId ? responseId : (this.fallbackId ??= globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12));
    const signature = part['thoughtSignature'];
    return {
      id: typeof given === 'string' && given ? given : `${SYNTHETIC_ID_PREFIX}${base}-${index}`,
      name,
      input,
      ...(typeof signature === 'string' && signature ? { signature } : {}),
    };
  }

  private malformed(detail: string, providerCode = 'malformed_function_call'): ProviderError {
    // The model's output, not the request, is at fault: like finishReason MALFORMED_FUNCTION_CALL
    // (finish.ts), a retry may pass.
    return errorFor(this.ctx, { code: 'server', providerCode, message: `${this.ctx.label} sent a malformed tool call (${detail}).` });
  }
}

/**
 * The arguments as an object: Gemini sends a JSON object (absent = no arguments). A gateway that
 * passes them on as a JSON string is read too; anything else is malformed (undefined).
 */
function argsOf(args: unknown): Json | undefined {
  if (args === undefined || args === null) return {};
  if (isObject(args)) return args;
  if (typeof args !== 'string') return undefined;
  if (!args.trim()) return {};
  return parseJsonObject(args);
}
