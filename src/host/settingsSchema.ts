// Schema for every `switchboard.*` setting. Pure (no vscode import) so it is unit-tested in plain
// Node; src/settings.ts reads VS Code's configuration through it. An invalid value never crashes:
// it is reported once, by setting name, and the default is used instead.
import * as z from 'zod/mini';
import '../core/zodEnglish';
import { DEFAULT_PROVIDER_LIMITS } from '../core/llm/rateLimiter';

const nonNegInt = z.int().check(z.gte(0));
const nonNeg = () => z.number().check(z.gte(0));
const str = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const price = z.object({
  input: nonNeg(),
  output: nonNeg(),
  cachedInput: z.optional(nonNeg()),
  cacheWrite: z.optional(nonNeg()),
});
const headerName = z.string().check(z.regex(/^[A-Za-z0-9-]{1,100}$/, 'header names are letters, digits and dashes'));

/** Where a key may go: http(s) only, and no user:password@ (credentials belong in SecretStorage). */
const parsedUrl = (v: string): URL | undefined => (URL.canParse(v) ? new URL(v) : undefined);
export const apiUrl = z.url().check(
  z.refine((v) => !parsedUrl(v) || /^https?:$/.test(parsedUrl(v)!.protocol), 'use an http:// or https:// URL'),
  z.refine((v) => !parsedUrl(v)?.username && !parsedUrl(v)?.password, 'no user:password@ in the URL — put the key in SecretStorage: Switchboard: Set API Key'),
);

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
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.regex(/^[\w .-]+$/, 'use letters, digits, spaces, dots, dashes')),
    kind: z._default(z.enum(['openai-compatible', 'azure-openai']), 'openai-compatible'),
    baseUrl: z.optional(apiUrl),
    needsKey: z._default(z.boolean(), true),
    headers: z._default(z.record(headerName, z.string().check(z.maxLength(2000))), {}),
    models: z._default(z.array(str(1, 200)).check(z.maxLength(200)), []),
    azure: z.optional(z.object({ endpoint: apiUrl, deployment: z.string().check(z.minLength(1)), apiVersion: z.string().check(z.minLength(1)) })),
  })
  .check(
    z.refine((e) => (e.kind === 'azure-openai' ? !!e.azure : !!e.baseUrl), {
      message: 'an OpenAI-compatible endpoint needs baseUrl; an Azure one needs azure.endpoint/deployment/apiVersion',
    }),
  );
export type EndpointSetting = z.infer<typeof endpointSchema>;

const rateLimit = z.object({ requestsPerMinute: z.optional(nonNegInt), tokensPerMinute: z.optional(nonNegInt) });
const budgetLimits = z.object({ daily: z._default(nonNeg(), 0), monthly: z._default(nonNeg(), 0) });
/** An integer setting within [min, max]. */
const intIn = (min: number, max: number, value: number) => z._default(z.int().check(z.gte(min), z.lte(max)), value);
/** A number setting within [min, max]. */
const numberIn = (min: number, max: number, value: number) => z._default(z.number().check(z.gte(min), z.lte(max)), value);

/** One entry per contributed setting: its schema, with the default the manifest declares. */
export const settingSchemas = {
  systemPrompt: z._default(
    z.string().check(z.maxLength(100_000)),
    'You are a helpful coding assistant inside VS Code. Answer concisely and use Markdown code blocks with a language tag for code.',
  ),
  /** Workspace instructions files (AGENTS.md, …) added to the panel's system prompt. */
  'instructions.enabled': z._default(z.boolean(), true),
  maxOutputTokens: intIn(1, 200_000, 4096),
  maxAnswerCharacters: intIn(1000, 900_000, 400_000),
  promptCaching: z._default(z.enum(['5m', '1h', 'off']), '5m'),
  temperature: z._default(z.nullable(z.number().check(z.gte(0), z.lte(2))), null),
  'openai.baseUrl': z._default(z.union([z.literal(''), apiUrl]), ''),
  'anthropic.baseUrl': z._default(z.union([z.literal(''), apiUrl]), ''),
  'gemini.baseUrl': z._default(z.union([z.literal(''), apiUrl]), ''),
  endpoints: z._default(z.array(endpointSchema).check(z.maxLength(50)), []),
  'retry.maxAttempts': intIn(1, 10, 4),
  'retry.baseDelayMs': intIn(0, 60_000, 1000),
  'retry.maxDelayMs': intIn(0, 600_000, 30_000),
  'retry.maxTotalWaitSeconds': numberIn(0, 3600, 120),
  'timeouts.firstByteSeconds': numberIn(0, 3600, 60),
  'timeouts.idleSeconds': numberIn(0, 3600, 60),
  rateLimits: z._default(z.record(str(1, 100), rateLimit), structuredClone(DEFAULT_PROVIDER_LIMITS)),
  'fallback.enabled': z._default(z.boolean(), false),
  'fallback.chain': z._default(z.array(z.object({ providerId: str(1, 100), model: str(1, 200) })).check(z.maxLength(10)), []),
  prices: z._default(z.record(str(1, 200), price), {}),
  'budget.daily': z._default(nonNeg(), 0),
  'budget.monthly': z._default(nonNeg(), 0),
  'budget.mode': z._default(z.enum(['soft', 'hard']), 'soft'),
  'budget.perProvider': z._default(z.record(str(1, 100), budgetLimits), {}),
  'budget.allowUnpricedModels': z._default(z.boolean(), false),
  // Keyed by the workspace name usage is attributed to (as the usage report shows it; at most 200 characters there too).
  'budget.perWorkspace': z._default(z.record(str(1, 200), budgetLimits), {}),
  'budget.perConversation': z._default(nonNeg(), 0),
  'selection.whenEmpty': z._default(z.enum(['line', 'file', 'none']), 'line'),
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
    const schema = settingSchemas[key] as z.ZodMiniType;
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
