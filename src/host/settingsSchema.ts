// Schema for every `switchboard.*` setting. Pure (no vscode import) so it is unit-tested in plain
// Node; src/settings.ts reads VS Code's configuration through it. An invalid value never crashes:
// it is reported once, by setting name, and the default is used instead.
import * as z from 'zod';
import { DEFAULT_PROVIDER_LIMITS } from '../core/llm/rateLimiter';

const nonNegInt = z.number().int().min(0);
const price = z.object({
  input: z.number().min(0),
  output: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  cacheWrite: z.number().min(0).optional(),
});
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'header names are letters, digits and dashes');

/** Where a key may go: http(s) only, and no user:password@ (credentials belong in SecretStorage). */
const parsedUrl = (v: string): URL | undefined => (URL.canParse(v) ? new URL(v) : undefined);
export const apiUrl = z
  .string()
  .url()
  .refine((v) => !parsedUrl(v) || /^https?:$/.test(parsedUrl(v)!.protocol), 'use an http:// or https:// URL')
  .refine((v) => !parsedUrl(v)?.username && !parsedUrl(v)?.password, 'no user:password@ in the URL — put the key in SecretStorage: Switchboard: Set API Key');

/** Header names that carry credentials; such a header in settings is dropped, never sent. */
export const KEY_LIKE_HEADER = /^(authorization|proxy-authorization|api-key|x-api-key|x-goog-api-key)$|key|token|secret|auth|cookie/i;
export const KEY_HEADER_MESSAGE = 'put the key in SecretStorage: Switchboard: Set API Key';

/** Settings that decide where a key is sent: `"scope": "application"`, read from user settings only. */
export const KEY_ROUTING_SETTINGS: readonly SettingKey[] = ['openai.baseUrl', 'anthropic.baseUrl', 'gemini.baseUrl', 'endpoints'];

/**
 * Budgets a repository must not loosen for itself: a cloned repo's .vscode/settings.json could
 * otherwise raise or remove its own workspace budget (or every conversation's), which is exactly
 * the spending these limits exist to cap. `"scope": "application"`, read from user settings only.
 */
export const BUDGET_USER_ONLY_SETTINGS: readonly SettingKey[] = ['budget.perWorkspace', 'budget.perConversation'];

/** Every `"scope": "application"` setting: a value in workspace settings is ignored (and reported). */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = [...KEY_ROUTING_SETTINGS, ...BUDGET_USER_ONLY_SETTINGS];

export const endpointSchema = z
  .object({
    name: z.string().trim().min(1).max(40).regex(/^[\w .-]+$/, 'use letters, digits, spaces, dots, dashes'),
    kind: z.enum(['openai-compatible', 'azure-openai']).default('openai-compatible'),
    baseUrl: apiUrl.optional(),
    needsKey: z.boolean().default(true),
    headers: z.record(headerName, z.string().max(2000)).default({}),
    models: z.array(z.string().min(1).max(200)).max(200).default([]),
    azure: z
      .object({ endpoint: apiUrl, deployment: z.string().min(1), apiVersion: z.string().min(1) })
      .optional(),
  })
  .refine((e) => (e.kind === 'azure-openai' ? !!e.azure : !!e.baseUrl), {
    message: 'an OpenAI-compatible endpoint needs baseUrl; an Azure one needs azure.endpoint/deployment/apiVersion',
  });
export type EndpointSetting = z.infer<typeof endpointSchema>;

const rateLimit = z.object({ requestsPerMinute: nonNegInt.optional(), tokensPerMinute: nonNegInt.optional() });
const budgetLimits = z.object({ daily: z.number().min(0).default(0), monthly: z.number().min(0).default(0) });

/** One entry per contributed setting: its schema, with the default the manifest declares. */
export const settingSchemas = {
  systemPrompt: z.string().max(100_000).default(
    'You are a helpful coding assistant inside VS Code. Answer concisely and use Markdown code blocks with a language tag for code.',
  ),
  maxOutputTokens: z.number().int().min(1).max(200_000).default(4096),
  maxAnswerCharacters: z.number().int().min(1000).max(900_000).default(400_000),
  promptCaching: z.enum(['5m', '1h', 'off']).default('5m'),
  temperature: z.number().min(0).max(2).nullable().default(null),
  'openai.baseUrl': z.union([z.literal(''), apiUrl]).default(''),
  'anthropic.baseUrl': z.union([z.literal(''), apiUrl]).default(''),
  'gemini.baseUrl': z.union([z.literal(''), apiUrl]).default(''),
  endpoints: z.array(endpointSchema).max(50).default([]),
  'retry.maxAttempts': z.number().int().min(1).max(10).default(4),
  'retry.baseDelayMs': z.number().int().min(0).max(60_000).default(1000),
  'retry.maxDelayMs': z.number().int().min(0).max(600_000).default(30_000),
  'retry.maxTotalWaitSeconds': z.number().min(0).max(3600).default(120),
  'timeouts.firstByteSeconds': z.number().min(0).max(3600).default(60),
  'timeouts.idleSeconds': z.number().min(0).max(3600).default(60),
  rateLimits: z.record(z.string().min(1).max(100), rateLimit).default(structuredClone(DEFAULT_PROVIDER_LIMITS)),
  'fallback.enabled': z.boolean().default(false),
  'fallback.chain': z
    .array(z.object({ providerId: z.string().min(1).max(100), model: z.string().min(1).max(200) }))
    .max(10)
    .default([]),
  prices: z.record(z.string().min(1).max(200), price).default({}),
  'budget.daily': z.number().min(0).default(0),
  'budget.monthly': z.number().min(0).default(0),
  'budget.mode': z.enum(['soft', 'hard']).default('soft'),
  'budget.perProvider': z.record(z.string().min(1).max(100), budgetLimits).default({}),
  'budget.allowUnpricedModels': z.boolean().default(false),
  // Keyed by the workspace name usage is attributed to (as the usage report shows it; at most 200 characters there too).
  'budget.perWorkspace': z.record(z.string().min(1).max(200), budgetLimits).default({}),
  'budget.perConversation': z.number().min(0).default(0),
  'selection.whenEmpty': z.enum(['line', 'file', 'none']).default('line'),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

export interface SettingProblem {
  key: string;
  message: string;
}

/**
 * Parses every setting through its schema. `read(key)` returns the raw configured value or undefined.
 * Invalid values fall back to the default and are listed in `problems`.
 */
export function parseSettings(read: (key: SettingKey) => unknown): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const settings = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(settingSchemas) as SettingKey[]) {
    const schema = settingSchemas[key] as z.ZodType;
    const raw = read(key);
    if (key === 'endpoints' && Array.isArray(raw)) {
      // One bad endpoint must not hide the others: keep the valid ones, report the rest.
      settings[key] = parseEndpoints(raw, problems);
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      problems.push({ key: `switchboard.${key}`, message: z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ') });
      settings[key] = schema.parse(undefined);
    }
  }
  return { settings: settings as Settings, problems };
}

function parseEndpoints(raw: unknown[], problems: SettingProblem[]): EndpointSetting[] {
  const out: EndpointSetting[] = [];
  const seen = new Set<string>();
  raw.slice(0, 50).forEach((item, i) => {
    const parsed = endpointSchema.safeParse(withoutKeyHeaders(item, i, problems));
    if (!parsed.success) {
      problems.push({ key: `switchboard.endpoints[${i}]`, message: z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ') });
    } else if (seen.has(parsed.data.name.toLowerCase())) {
      problems.push({ key: `switchboard.endpoints[${i}]`, message: `duplicate endpoint name "${parsed.data.name}"` });
    } else {
      seen.add(parsed.data.name.toLowerCase());
      out.push(parsed.data);
    }
  });
  return out;
}

/**
 * The endpoint with credential-carrying headers (Authorization, api-key, *token*, …) left out, each
 * reported: the endpoint keeps working without them, and a secret in settings is never sent.
 */
function withoutKeyHeaders(item: unknown, i: number, problems: SettingProblem[]): unknown {
  if (!item || typeof item !== 'object') return item;
  const headers = (item as { headers?: unknown }).headers;
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return item;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !KEY_LIKE_HEADER.test(name)));
  const dropped = Object.keys(headers).filter((name) => KEY_LIKE_HEADER.test(name));
  if (!dropped.length) return item;
  problems.push({ key: `switchboard.endpoints[${i}].headers`, message: `${dropped.map((d) => `"${d}"`).join(', ')} left out: ${KEY_HEADER_MESSAGE}` });
  return { ...item, headers: kept };
}
