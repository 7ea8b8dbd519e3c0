// What the model picker lists for a search: the ready providers' models, grouped by provider in
// the host's order. Every word typed must appear in the model's name, its id or its provider's
// name (any case). Each row is numbered in list order: its option id and its place for the keys.
import type { UiModel, UiProvider, UiSelection } from '@shared/protocol/chat';

export interface ModelRow {
  provider: UiProvider;
  model: UiModel;
  index: number;
}

export function modelGroups(providers: UiProvider[], query: string): { provider: UiProvider; rows: ModelRow[] }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let index = 0;
  return providers.flatMap((provider) => {
    if (!provider.ready) return [];
    const rows = provider.models
      .filter((m) => words.every((w) => `${m.label} ${m.id} ${provider.label}`.toLowerCase().includes(w)))
      .map((model) => ({ provider, model, index: index++ }));
    return rows.length ? [{ provider, rows }] : [];
  });
}

export const isSelected = (row: ModelRow, s: UiSelection | null): boolean => row.provider.id === s?.providerId && row.model.id === s.model;
