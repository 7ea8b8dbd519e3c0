// Short, honest numbers for a narrow sidebar. Money is rounded the one way the status bar and the
// usage report round it (@shared/money).
import type { UiMeta, UiModel } from '@shared/protocol/chat';
import { formatUsd } from '@shared/money';

export { formatUsd };

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPrice(model: Pick<UiModel, 'price'>): string {
  if (!model.price) return 'price unknown';
  const p = (n: number) => `$${n < 1 ? n.toFixed(n < 0.1 ? 3 : 2).replace(/0+$/, '').replace(/\.$/, '') : n.toFixed(2).replace(/\.00$/, '')}`;
  return `${p(model.price.input)} in / ${p(model.price.output)} out per 1M`;
}

export function formatContext(model: Pick<UiModel, 'contextWindow'>): string {
  return model.contextWindow ? `${formatTokens(model.contextWindow)} context` : 'context unknown';
}

/** "gpt-5-mini · 1.2k in / 340 out (200 reasoning) · $0.0012 · 2.3 s" */
export function formatMeta(meta: UiMeta, modelLabel: string): string[] {
  const parts = [modelLabel];
  if (meta.inputTokens !== null || meta.outputTokens !== null) {
    const t = (n: number | null) => (n === null ? '?' : formatTokens(n));
    parts.push(`${meta.costEstimated ? '≈' : ''}${t(meta.inputTokens)} in / ${t(meta.outputTokens)} out${meta.reasoningTokens ? ` (${formatTokens(meta.reasoningTokens)} reasoning)` : ''}`);
  }
  parts.push(`${meta.costEstimated && meta.costUsd !== null ? '≈' : ''}${formatUsd(meta.costUsd)}`);
  if (meta.latencyMs !== null) parts.push(formatDuration(meta.latencyMs));
  return parts;
}

export function relativeTime(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const d = Math.floor(s / 86_400);
  return d === 1 ? 'yesterday' : d < 30 ? `${d} days ago` : new Date(at).toLocaleDateString();
}
