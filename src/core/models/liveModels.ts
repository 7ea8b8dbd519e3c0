// A provider's `/models` list is untrusted input (issue 15): a gateway may list an id of 201
// characters, a number, a control character, a label of a megabyte or a context window of -1. One
// such entry used to fail the webview's state schema, and the panel never loaded — for a day, as
// the list is cached. Every live list, fresh or read back from the cache, passes through here: a
// bad entry is dropped (and counted, for one log line), a long label clamped, an odd number
// forgotten, so the rest of the list always reaches the picker. A price the endpoint published
// (endpointPrices.ts) is kept only while it is still a plausible one.
import * as z from 'zod/mini';
import { LIMITS } from '../../shared/protocol/limits';
import type { LiveModel } from '../llm/types';

/** C0, DEL and C1 controls, and the line/paragraph separators: never in an id, blanked in a label. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
/** Larger than any real context window or output limit (tokens). */
const MAX_TOKENS = 100_000_000;

const modelId = z.string().check(
  z.minLength(1),
  z.maxLength(LIMITS.id),
  z.refine((s) => !CONTROL.test(s) && s.trim().length > 0),
);
const tokenCount = z.int().check(z.gt(0), z.lte(MAX_TOKENS));
/** USD per 1M tokens: finite, ≥ 0 and below anything real. */
const usdPerMillion = z.number().check(z.gte(0), z.lte(100_000));
const price = z.object({ input: usdPerMillion, output: usdPerMillion, cachedInput: z.optional(usdPerMillion), cacheWrite: z.optional(usdPerMillion) });
const entry = z.object({
  id: modelId,
  label: z.optional(z.unknown()),
  contextWindow: z.optional(z.unknown()),
  maxOutputTokens: z.optional(z.unknown()),
  price: z.optional(z.unknown()),
  imageInput: z.optional(z.unknown()),
});

export interface CleanedModels {
  models: LiveModel[];
  /** Entries left out: not an object, or an id that is not 1–200 plain characters. */
  dropped: number;
}

/** One entry as a LiveModel, or undefined when it cannot be one. */
export function cleanLiveModel(raw: unknown): LiveModel | undefined {
  const parsed = entry.safeParse(raw);
  if (!parsed.success) return undefined;
  const { id, label, contextWindow, maxOutputTokens } = parsed.data;
  const cleanPrice = price.safeParse(parsed.data.price);
  const cleanLabel = typeof label === 'string' ? label.replace(CONTROLS, ' ').trim().slice(0, LIMITS.label) : '';
  return {
    id,
    ...(cleanLabel ? { label: cleanLabel } : {}),
    ...(tokenCount.safeParse(contextWindow).success ? { contextWindow: contextWindow as number } : {}),
    ...(tokenCount.safeParse(maxOutputTokens).success ? { maxOutputTokens: maxOutputTokens as number } : {}),
    ...(cleanPrice.success ? { price: { ...cleanPrice.data } } : {}),
    ...(typeof parsed.data.imageInput === 'boolean' ? { imageInput: parsed.data.imageInput } : {}),
  };
}

/** A whole list (anything: a cache may hold an older or corrupted shape); at most LIMITS.models kept. */
export function cleanLiveModels(raw: unknown): CleanedModels {
  if (!Array.isArray(raw)) return { models: [], dropped: raw === undefined || raw === null ? 0 : 1 };
  const models: LiveModel[] = [];
  let dropped = 0;
  for (const item of raw) {
    const model = models.length < LIMITS.models ? cleanLiveModel(item) : undefined;
    if (model) models.push(model);
    else dropped++;
  }
  return { models, dropped };
}

/**
 * cleanLiveModels with one warning per provider and count: a cached list read on every panel
 * refresh does not repeat it.
 */
export function liveModelReader(warn: (message: string) => void = () => undefined): (providerId: string, raw: unknown) => LiveModel[] {
  const warned = new Map<string, number>();
  return (providerId, raw) => {
    const { models, dropped } = cleanLiveModels(raw);
    if (dropped > 0 && warned.get(providerId) !== dropped) {
      warned.set(providerId, dropped);
      warn(
        `Ignored ${dropped} of the models listed by ${providerId}: a model id must be 1–${LIMITS.id} characters without control characters (at most ${LIMITS.models.toLocaleString('en-US')} models are kept).`,
      );
    }
    return models;
  };
}
