// The one model shape of the extension. A provider's live list says which models exist; the
// bundled catalogue fills in labels, context windows, prices and how a model reasons; a price the
// endpoint publishes itself (OpenRouter, LiteLLM: endpointPrices.ts) beats the catalogue's dated one;
// `switchboard.prices` overrides both. That merge happens here, once per listing — everything
// else (picker, estimates, cost, budgets) reads a ResolvedModel and never looks a price up again.
import { CATALOGUE, catalogueProvider, findCatalogueModel } from '../pricing/catalogue';
import type { CatalogueModel, LiveModel, ModelPrice, PriceSource, ProviderKind, ReasoningKind } from '../llm/types';
import { cleanLiveModel } from './liveModels';

export interface ResolvedModel {
  providerId: string;
  id: string;
  label: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** USD per 1M tokens (the user's override, else the endpoint's, else the catalogue's); absent = unknown. */
  price?: ModelPrice;
  /** Where `price` comes from (present exactly when `price` is). */
  priceSource?: PriceSource;
  /** How it takes a reasoning effort (catalogue models only; absent = no effort control). */
  reasoning?: ReasoningKind;
  /** Takes images (the live list's word, else the catalogue's); absent = nobody says. */
  imageInput?: boolean;
}

export type PriceOverrides = Readonly<Record<string, ModelPrice>>;

/** The user's price for `id` (exact id; no prototype lookups), else the endpoint's, else the catalogue's. */
function priceOf(
  id: string,
  overrides: PriceOverrides,
  endpoint: ModelPrice | undefined,
  catalogue: ModelPrice | undefined,
): { price: ModelPrice; priceSource: PriceSource } | undefined {
  if (Object.prototype.hasOwnProperty.call(overrides, id)) return { price: { ...overrides[id]! }, priceSource: 'settings' };
  if (endpoint) return { price: { ...endpoint }, priceSource: 'endpoint' };
  return catalogue ? { price: { ...catalogue }, priceSource: 'catalogue' } : undefined;
}

function imageInputOf(live: LiveModel, hit: CatalogueModel | undefined): { imageInput?: boolean } {
  const says = live.imageInput ?? hit?.imageInput;
  return says === undefined ? {} : { imageInput: says };
}

function resolveOne(providerId: string, kind: ProviderKind, live: LiveModel, overrides: PriceOverrides, catalogue: readonly CatalogueModel[]): ResolvedModel {
  const hit = findCatalogueModel(kind, live.id, catalogue);
  const contextWindow = live.contextWindow ?? hit?.contextWindow;
  const maxOutputTokens = live.maxOutputTokens ?? hit?.maxOutputTokens;
  // The catalogue's label names the family: only an exact id may borrow it.
  const label = live.label ?? (hit && hit.id === live.id ? hit.label : undefined) ?? live.id;
  const price = priceOf(live.id, overrides, live.price, hit?.price);
  return {
    providerId,
    id: live.id,
    label,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(price ?? {}),
    ...(hit?.reasoning ? { reasoning: hit.reasoning } : {}),
    ...imageInputOf(live, hit),
  };
}

/**
 * A provider's models: the live list wins for what exists (and for any context window it
 * reports). With an empty live list (listing failed, nothing cached) a built-in provider offers
 * its catalogue models, so there is still something to pick. Duplicates and invalid entries are dropped.
 */
export function resolveModels(
  providerId: string,
  kind: ProviderKind,
  live: readonly LiveModel[],
  overrides: PriceOverrides = {},
  catalogue: readonly CatalogueModel[] = CATALOGUE,
): ResolvedModel[] {
  const seen = new Set<string>();
  const models: ResolvedModel[] = [];
  for (const raw of live) {
    // Callers pass lists cleaned by liveModels.ts; checked again so no path can skip it.
    const model = cleanLiveModel(raw);
    if (!model || seen.has(model.id)) continue;
    seen.add(model.id);
    models.push(resolveOne(providerId, kind, model, overrides, catalogue));
  }
  if (models.length > 0) return models;
  const which = catalogueProvider(kind);
  return catalogue
    .filter((m) => m.provider === which)
    .map((m) => resolveOne(providerId, kind, { id: m.id, label: m.label }, overrides, catalogue));
}

/** One model that may not be in any list (a fallback's, a stale selection's): resolved the same way. */
export function resolveModel(providerId: string, kind: ProviderKind, id: string, overrides: PriceOverrides = {}): ResolvedModel {
  return resolveOne(providerId, kind, { id }, overrides, CATALOGUE);
}
