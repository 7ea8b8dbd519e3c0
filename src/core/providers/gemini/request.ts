// What a Gemini request carries besides its settings: the conversation as `contents` and the tools
// as function declarations (ai.google.dev/api/caching#Content, …#Tool, docs/function-calling).
// - Text, images (`inlineData`), the model's earlier calls (`functionCall`, with the part's
//   `thoughtSignature` as the model sent it: Gemini 3 answers 400 when the first call of a step
//   comes back without one, docs/thought-signatures) and tool results (`functionResponse` in a user
//   turn). A result names its function, which our `tool_result` part does not carry: it is looked
//   up from the call with the same id. The response must be an object: `{result}`, or `{error}` for
//   a failed tool, as the function-calling guide recommends.
// - A call id Gemini sent goes back on both the call and its response; one we made up
//   (SYNTHETIC_ID_PREFIX, see toolCalls.ts) never reaches the API.
// - Calls with no signature at all (made by another provider, or by a model that signs nothing)
//   get Google's documented placeholder on the first call of the turn, so Gemini 3 accepts them.
// - Schemas go as `parametersJsonSchema` (v1beta): plain JSON Schema, where the older `parameters`
//   takes only an OpenAPI subset and rejects `additionalProperties`, `$ref`… that real tools use.
//   Only the root `$schema` (a meta-data URI) is dropped.
// A text-only conversation comes out exactly as before: one text part per turn.

import type { Content, Part, Tool, ToolConfig } from '@google/generative-ai';
import type { ContentPart, ToolDefinition } from '../../llm/types';
import type { Turn } from '../_shared';

/** Ids the adapter synthesizes when Gemini sends a call without one; they are not sent back. */
export const SYNTHETIC_ID_PREFIX = 'gemini-call-';

/** The signature Google documents for calls the model did not produce itself (docs/thought-signatures). */
export const FOREIGN_SIGNATURE = 'skip_thought_signature_validator';

const EMPTY_SCHEMA = { type: 'object', properties: {} };

type ToolCallPart = Extract<ContentPart, { type: 'tool_call' }>;
type ToolResultPart = Extract<ContentPart, { type: 'tool_result' }>;

const apiId = (id: string): { id?: string } => (id && !id.startsWith(SYNTHETIC_ID_PREFIX) ? { id } : {});

export function toContents(turns: readonly Turn[]): Content[] {
  const names = new Map<string, string>();
  for (const t of turns) for (const p of t.parts) if (p.type === 'tool_call') names.set(p.id, p.name);
  return turns.map((t) => {
    const parts = t.parts.map((p) => toPart(p, names));
    const calls = parts.filter((p) => 'functionCall' in p) as (Part & { thoughtSignature?: string })[];
    if (calls.length && !calls.some((c) => c.thoughtSignature)) calls[0]!.thoughtSignature = FOREIGN_SIGNATURE;
    // An empty message went as one empty text part before parts existed; it still does.
    return { role: t.role === 'assistant' ? 'model' : 'user', parts: parts.length ? parts : [{ text: '' }] };
  });
}

function toPart(p: ContentPart, names: ReadonlyMap<string, string>): Part {
  switch (p.type) {
    case 'text':
      return { text: p.text };
    case 'image':
      return { inlineData: { mimeType: p.mimeType, data: p.data } };
    case 'tool_call':
      return callPart(p);
    case 'tool_result':
      return resultPart(p, names.get(p.callId));
  }
}

function callPart(p: ToolCallPart): Part {
  // `id` and `thoughtSignature` are newer than this SDK's types; it sends parts as given.
  return { functionCall: { ...apiId(p.id), name: p.name, args: p.input }, ...(p.signature ? { thoughtSignature: p.signature } : {}) } as Part;
}

function resultPart(p: ToolResultPart, name: string | undefined): Part {
  // Its call is gone (a trimmed history): a functionResponse must name its function, so the
  // result goes as text the model can still read.
  if (!name) return { text: `Result of tool call ${p.callId}${p.isError ? ' (failed)' : ''}:\n${p.content}` };
  return { functionResponse: { ...apiId(p.callId), name, response: p.isError ? { error: p.content } : { result: p.content } } } as Part;
}

/** `tools` and `toolConfig` for the request; nothing when it has no tools. */
export function toTools(tools: readonly ToolDefinition[] | undefined, choice: 'auto' | 'required' | undefined): { tools?: Tool[]; toolConfig?: ToolConfig } {
  if (!tools?.length) return {};
  const functionDeclarations = tools.map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    parametersJsonSchema: schemaOf(t.inputSchema),
  }));
  return {
    tools: [{ functionDeclarations }] as unknown as Tool[],
    // ANY: the model must call one of the declared functions (docs/function-calling#function_calling_modes).
    ...(choice === 'required' ? { toolConfig: { functionCallingConfig: { mode: 'ANY' } } as ToolConfig } : {}),
  };
}

function schemaOf(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!schema || !Object.keys(schema).length) return EMPTY_SCHEMA;
  const { $schema: _meta, ...rest } = schema;
  return rest;
}
