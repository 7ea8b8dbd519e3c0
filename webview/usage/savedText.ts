// What prompt caching saved, as the usage report says it. A negative saving (cache writes cost
// more than the reads saved) is shown as what caching cost, never as a negative saving.
import { formatUsd } from '@shared/money';

/** A card's figure: "Saved by caching $0.42", or "Caching cost +$0.0012". */
export function savedFigure(usd: number): { label: string; value: string } {
  return usd < 0 ? { label: 'Caching cost', value: `+${formatUsd(-usd)}` } : { label: 'Saved by caching', value: formatUsd(usd) };
}

/** A table cell: "$0.42", "caching cost +$0.0012", or "unknown" (null: the price was unknown). */
export function savedText(usd: number | null): string {
  if (usd === null) return 'unknown';
  return usd < 0 ? `caching cost +${formatUsd(-usd)}` : formatUsd(usd);
}
