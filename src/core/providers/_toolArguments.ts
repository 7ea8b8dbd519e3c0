// Tool-call arguments arrive in pieces (OpenAI, Anthropic) and are held until the call is whole.
// Like an answer's text (core/llm/answerCap.ts), they must not grow without bound when a server
// streams forever: past this length the call is refused and the stream stops.
import { clip, errorFor, type ErrorContext } from '../llm/errors';

/** Longest arguments JSON of one tool call, in characters (a large file written by an agent fits). */
export const MAX_TOOL_ARGUMENT_CHARS = 2_000_000;

/** `current` + `piece`, or a ProviderError when that passes MAX_TOOL_ARGUMENT_CHARS. */
export function appendArguments(ctx: ErrorContext, name: string, current: string, piece: string): string {
  if (current.length + piece.length <= MAX_TOOL_ARGUMENT_CHARS) return current + piece;
  throw errorFor(ctx, {
    code: 'bad_request',
    providerCode: 'tool_arguments_too_long',
    message: `${ctx.label} wrote more than ${MAX_TOOL_ARGUMENT_CHARS.toLocaleString('en-US')} characters of arguments for the tool "${clip(name, 80)}"; Switchboard stopped reading them.`,
  });
}

/** `json` parsed when it is a JSON object (what a tool call's arguments must be); undefined otherwise. */
export function parseJsonObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
