// What prompt caching saved, as the usage report says it. A negative saving (cache writes cost
// more than the reads saved) is shown as what caching cost, never as a negative saving.
import { formatUsd } from '@shared/money';

/** A card's figure: "Saved by caching $0.42", or "Caching cost +$0.0012". */
export function savedFigure(usd: number): { label: string; value: string } {
  return usd < 0 ? { label: 'Caching cost', value: `+${formatUsd(-usd)}` } : { label: 'Saved by caching', value: formatUsd(usd) };
}

/** A table cell, short so the tables fit: "$0.42", "+$0.0012" (caching cost that much; see savedTitle), or "unknown" (null: the price was unknown). */
export function savedText(usd: number | null): string {
  if (usd === null) return 'unknown';
  return usd < 0 ? `+${formatUsd(-usd)}` : formatUsd(usd);
}

/** A cell's tooltip: what a "+$…" in the Saved column means. */
export function savedTitle(usd: number | null): string | undefined {
  return usd !== null && usd < 0 ? `Caching cost ${formatUsd(-usd)} more than it saved: cache writes are billed above the input price, and later requests read them at a discount.` : undefined;
}
