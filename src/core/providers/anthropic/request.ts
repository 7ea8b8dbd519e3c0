// Our request → the Messages API's body fields (docs: "Tool use with Claude", "Vision", "Extended
// thinking"):
// - a text-only turn is sent as a plain string, exactly as before tools existed;
// - any other turn becomes content blocks: `image` (base64 source), `tool_use` (assistant) and
//   `tool_result` (user). The results go FIRST in their user message — "Messages following tool_use
//   blocks must begin with a matching number of tool_result blocks" — text and images after them;
// - tools → `{name, description, input_schema}` (a tool without a schema gets an empty object
//   schema: input_schema is required), 'required' → `tool_choice: {type: 'any'}`.

import type Anthropic from '@anthropic-ai/sdk';
import type { ChatRequest, ContentPart } from '../../llm/types';
import { textOf } from '../../llm/messageContent';
import { errorFor, type ErrorContext } from '../../llm/errors';
import type { Turn } from '../_shared';

type Block = Anthropic.ContentBlockParam;
type ImageType = Anthropic.Base64ImageSource['media_type'];

/** The image types the Messages API accepts ("Vision": JPEG, PNG, GIF, WebP). */
const IMAGE_TYPES: ReadonlySet<string> = new Set<ImageType>(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** Tool input JSON schema for a tool that declares none. */
const EMPTY_SCHEMA = { type: 'object', properties: {} } as const;

export function toMessages(ctx: ErrorContext, turns: readonly Turn[]): Anthropic.MessageParam[] {
  return turns.map((t) => ({ role: t.role, content: t.parts.every((p) => p.type === 'text') ? textOf(t.parts) : blocksOf(ctx, t.parts) }));
}

function blocksOf(ctx: ErrorContext, parts: readonly ContentPart[]): Block[] {
  const results: Block[] = [];
  const rest: Block[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        // The API rejects empty text blocks.
        if (p.text) rest.push({ type: 'text', text: p.text });
        break;
      case 'image':
        rest.push({ type: 'image', source: { type: 'base64', media_type: imageType(ctx, p.mimeType), data: p.data } });
        break;
      case 'tool_call':
        // `signature` is Gemini's; Anthropic's calls carry none.
        rest.push({ type: 'tool_use', id: p.id, name: p.name, input: p.input });
        break;
      case 'tool_result':
        // `content` is optional on the wire; an empty result is sent without it.
        results.push({ type: 'tool_result', tool_use_id: p.callId, ...(p.content ? { content: p.content } : {}), ...(p.isError ? { is_error: true } : {}) });
        break;
    }
  }
  return [...results, ...rest];
}

function imageType(ctx: ErrorContext, mimeType: string): ImageType {
  const type = mimeType.toLowerCase();
  if (IMAGE_TYPES.has(type)) return type as ImageType;
  throw errorFor(ctx, {
    code: 'bad_request',
    message: `${ctx.label} accepts JPEG, PNG, GIF and WebP images; this one is ${mimeType || 'of no stated type'}.`,
    providerCode: 'unsupported_image_type',
  });
}

/** `tools` and `tool_choice` for the body: nothing when the request offers no tools. */
export function toolFields(request: ChatRequest): Pick<Anthropic.MessageCreateParams, 'tools' | 'tool_choice'> {
  if (!request.tools?.length) return {};
  return {
    tools: request.tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      input_schema: (t.inputSchema ?? EMPTY_SCHEMA) as Anthropic.Tool.InputSchema,
    })),
    // 'auto' is the API's default: left out, so the body stays as small as before.
    ...(request.toolChoice === 'required' ? { tool_choice: { type: 'any' } } : {}),
  };
}

/**
 * Whether extended thinking may be sent with this request. Not when:
 * - a tool must be called: "Tool use with thinking only supports tool_choice auto or none";
 *   `any`/`tool` force tool use, which the API rejects with thinking on — the caller asked for
 *   a tool call, so the call wins and thinking is left off;
 * - the history holds tool calls or results: with thinking on, the API wants the previous
 *   assistant turn's thinking blocks (with their signatures) passed back around its tool_use,
 *   and Switchboard does not keep them — sending thinking would be rejected.
 */
export function thinkingAllowed(request: ChatRequest, turns: readonly Turn[]): boolean {
  if (request.tools?.length && request.toolChoice === 'required') return false;
  return !turns.some((t) => t.parts.some((p) => p.type === 'tool_call' || p.type === 'tool_result'));
}
