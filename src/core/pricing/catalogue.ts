// Bundled model catalogue: context windows and list prices (USD per 1M tokens, standard tier,
// short-prompt band) as the providers publish them. The live model list decides what exists;
// this only fills in what the list APIs do not say. A model missing here has NO price — the
// cost tracker must show "unknown", never $0.
//
// Sources (read through stored copies of the providers' pages):
// - OpenAI: developers.openai.com/api/docs/pricing, as read on 2026-11-05 (GPT-5.x rows). The
//   page no longer lists GPT-4.1/4o/o3/o4-mini; their rows are the last ones it published
//   (platform.openai.com/docs/pricing). Context windows from the models pages.
//   GPT-5.4/5.5 bill prompts over ~272K tokens at higher rates; not modelled here.
// - Anthropic: platform.claude.com/docs/en/about-claude/pricing ("Model pricing" table; cache
//   write = 5-minute write) and the models/<name>/overview pages. Sonnet 5.5 cache reads were cut
//   to $0.10 on 2026-10-07. Claude Haiku 5.5 is left out on purpose: it is priced in two bands by
//   prompt length, which one price cannot represent.
// - Google: ai.google.dev/gemini-api/docs/pricing (paid tier, prompts ≤ 200K tokens; cached input
//   = context-cache read price). Gemini 2.5 Pro doubles input above 200K; not modelled here.

import type { CatalogueModel, ModelPrice, ProviderKind, ReasoningKind } from '../llm/types';

/** Date of the newest pricing source above. Shown in the UI next to estimated costs. */
export const CATALOGUE_PRICES_AS_OF = '2026-11-05';

export const CATALOGUE_SOURCES: readonly { provider: CatalogueModel['provider']; url: string }[] = [
  { provider: 'openai', url: 'https://developers.openai.com/api/docs/pricing' },
  { provider: 'anthropic', url: 'https://platform.claude.com/docs/en/about-claude/pricing' },
  { provider: 'gemini', url: 'https://ai.google.dev/gemini-api/docs/pricing' },
];

const M = 1_000_000;
const K = 1000;

// The last column says how a model takes a reasoning effort (shared/reasoning.ts): OpenAI's
// o-series and GPT-5 family `reasoning_effort`; Claude 4.5 and earlier a thinking budget, Claude
// 4.6 and later adaptive thinking (4.7+ reject the budget form); Gemini 2.5 a thinking budget.
const reasons = (reasoning: ReasoningKind | undefined) => (reasoning ? { reasoning } : {});
// Every catalogue model takes images (PNG, JPEG, GIF, WebP); a text-only one would pass false here.
const IMAGES = { imageInput: true } as const;

function openai(id: string, label: string, contextWindow: number, maxOutputTokens: number, input: number, cachedInput: number, output: number, reasoning?: ReasoningKind): CatalogueModel {
  return { id, provider: 'openai', label, contextWindow, maxOutputTokens, price: { input, cachedInput, output }, ...reasons(reasoning), ...IMAGES };
}
function claude(id: string, label: string, contextWindow: number, maxOutputTokens: number, input: number, cacheWrite: number, cachedInput: number, output: number, reasoning?: ReasoningKind): CatalogueModel {
  return { id, provider: 'anthropic', label, contextWindow, maxOutputTokens, price: { input, cacheWrite, cachedInput, output }, ...reasons(reasoning), ...IMAGES };
}
function gemini(id: string, label: string, contextWindow: number, maxOutputTokens: number, input: number, cachedInput: number | undefined, output: number, reasoning?: ReasoningKind): CatalogueModel {
  const price: ModelPrice = cachedInput === undefined ? { input, output } : { input, cachedInput, output };
  return { id, provider: 'gemini', label, contextWindow, maxOutputTokens, price, ...reasons(reasoning), ...IMAGES };
}

// prettier-ignore
export const CATALOGUE: readonly CatalogueModel[] = [
  //     id                 label                context     max out   input  cached   output  reasoning
  openai('gpt-5.5',        'GPT-5.5',            1_050_000,  128 * K,  5.00,  0.50,    30.00, 'effort'),
  openai('gpt-5.4',        'GPT-5.4',            1_050_000,  128 * K,  2.50,  0.25,    15.00, 'effort'),
  openai('gpt-5.4-mini',   'GPT-5.4 mini',       400 * K,    128 * K,  0.75,  0.075,   4.50, 'effort'),
  openai('gpt-5.4-nano',   'GPT-5.4 nano',       400 * K,    128 * K,  0.20,  0.02,    1.25, 'effort'),
  openai('gpt-5.1',        'GPT-5.1',            400 * K,    128 * K,  1.25,  0.125,   10.00, 'effort'),
  openai('gpt-5',          'GPT-5',              400 * K,    128 * K,  1.25,  0.125,   10.00, 'effort'),
  openai('gpt-5-mini',     'GPT-5 mini',         400 * K,    128 * K,  0.25,  0.025,   2.00, 'effort'),
  openai('gpt-5-nano',     'GPT-5 nano',         400 * K,    128 * K,  0.05,  0.005,   0.40, 'effort'),
  openai('gpt-4.1',        'GPT-4.1',            1_047_576,  32_768,   2.00,  0.50,    8.00),
  openai('gpt-4.1-mini',   'GPT-4.1 mini',       1_047_576,  32_768,   0.40,  0.10,    1.60),
  openai('gpt-4.1-nano',   'GPT-4.1 nano',       1_047_576,  32_768,   0.10,  0.025,   0.40),
  openai('gpt-4o',         'GPT-4o',             128 * K,    16_384,   2.50,  1.25,    10.00),
  openai('gpt-4o-mini',    'GPT-4o mini',        128 * K,    16_384,   0.15,  0.075,   0.60),
  openai('o3',             'o3',                 200 * K,    100 * K,  2.00,  0.50,    8.00, 'effort'),
  openai('o4-mini',        'o4-mini',            200 * K,    100 * K,  1.10,  0.275,   4.40, 'effort'),

  //     id                    label                context   max out   input  5m write cached  output  reasoning
  claude('claude-fable-5-1',  'Claude Fable 5.1',  1 * M,    128 * K,  10.00, 12.50,   0.25,   50.00, 'adaptive'),
  claude('claude-opus-5-5',   'Claude Opus 5.5',   1 * M,    128 * K,  4.00,  5.00,    0.20,   20.00, 'adaptive'),
  claude('claude-sonnet-5-5', 'Claude Sonnet 5.5', 1 * M,    128 * K,  2.00,  2.50,    0.10,   10.00, 'adaptive'),
  claude('claude-opus-5',     'Claude Opus 5',     1 * M,    128 * K,  5.00,  6.25,    0.50,   25.00, 'adaptive'),
  claude('claude-sonnet-5',   'Claude Sonnet 5',   1 * M,    128 * K,  2.00,  2.50,    0.20,   10.00, 'adaptive'),
  claude('claude-opus-4-8',   'Claude Opus 4.8',   1 * M,    128 * K,  5.00,  6.25,    0.50,   25.00, 'adaptive'),
  claude('claude-opus-4-7',   'Claude Opus 4.7',   1 * M,    128 * K,  5.00,  6.25,    0.50,   25.00, 'adaptive'),
  claude('claude-opus-4-6',   'Claude Opus 4.6',   1 * M,    128 * K,  5.00,  6.25,    0.50,   25.00, 'adaptive'),
  claude('claude-sonnet-4-6', 'Claude Sonnet 4.6', 1 * M,    64 * K,   3.00,  3.75,    0.30,   15.00, 'adaptive'),
  claude('claude-opus-4-5',   'Claude Opus 4.5',   200 * K,  64 * K,   5.00,  6.25,    0.50,   25.00, 'budget'),
  claude('claude-sonnet-4-5', 'Claude Sonnet 4.5', 200 * K,  64 * K,   3.00,  3.75,    0.30,   15.00, 'budget'),
  claude('claude-haiku-4-5',  'Claude Haiku 4.5',  200 * K,  64 * K,   1.00,  1.25,    0.10,   5.00, 'budget'),
  claude('claude-sonnet-4',   'Claude Sonnet 4',   200 * K,  64 * K,   3.00,  3.75,    0.30,   15.00, 'budget'),
  claude('claude-3-5-haiku',  'Claude Haiku 3.5',  200 * K,  8192,     0.80,  1.00,    0.08,   4.00),

  //     id                       label                    context    max out  input  cached  output  reasoning
  gemini('gemini-2.5-pro',        'Gemini 2.5 Pro',        1_048_576, 65_536,  1.25,  0.125,  10.00, 'budget'),
  gemini('gemini-2.5-flash',      'Gemini 2.5 Flash',      1_048_576, 65_536,  0.30,  0.03,   2.50, 'budget'),
  gemini('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 1_048_576, 65_536,  0.10,  0.01,   0.40, 'budget'),
  gemini('gemini-2.0-flash',      'Gemini 2.0 Flash',      1_048_576, 8192,    0.10,  0.025,  0.40),
  gemini('gemini-2.0-flash-lite', 'Gemini 2.0 Flash-Lite', 1_048_576, 8192,    0.075, undefined, 0.30),
];

type CatalogueProvider = CatalogueModel['provider'];

/** Which catalogue applies to a provider kind. Gateways and Azure set their own prices. */
export function catalogueProvider(kind: ProviderKind | CatalogueProvider): CatalogueProvider | undefined {
  return kind === 'openai' || kind === 'anthropic' || kind === 'gemini' ? kind : undefined;
}

// Version/date suffixes the providers append to a family id, removed one at a time.
const SUFFIXES = [
  /-\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
  /-\d{8}$/, // claude-sonnet-4-5-20250929
  /-latest$/, // claude-3-5-haiku-latest
  /-preview-\d{2}-\d{2,4}$/, // gemini-2.5-flash-preview-05-20, -preview-09-2025
  /-\d{3}$/, // gemini-2.0-flash-001
];

/** Candidate ids for a live id: itself, then with its date/version suffixes stripped. */
function candidates(modelId: string): string[] {
  const out: string[] = [];
  let id = modelId.trim().replace(/^models\//, '');
  out.push(id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      const next = id.replace(suffix, '');
      if (next !== id && next.length > 0) {
        id = next;
        out.push(id);
        changed = true;
      }
    }
  }
  // Old Anthropic alias style: claude-sonnet-4-0 names claude-sonnet-4.
  if (/^claude-.*-\d+-0$/.test(id)) out.push(id.replace(/-0$/, ''));
  return out;
}

/** The catalogue entry for a provider's model id (dated ids map to their family), if any. */
export function findCatalogueModel(
  provider: ProviderKind | CatalogueProvider,
  modelId: string,
  catalogue: readonly CatalogueModel[] = CATALOGUE,
): CatalogueModel | undefined {
  const which = catalogueProvider(provider);
  if (!which) return undefined;
  for (const id of candidates(modelId)) {
    const hit = catalogue.find((m) => m.provider === which && m.id === id);
    if (hit) return hit;
  }
  return undefined;
}
