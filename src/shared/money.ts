// Money as people read it, one way everywhere (status bar, usage report, chat panel, budget
// messages): shared by the extension host and the webviews, so it imports nothing.

/**
 * USD for the status bar and reports: cents from one cent up ("$0.42", "$1,234.50"), two
 * significant digits below ("$0.0031"), "<$0.000001" for dust, "unknown price" for null.
 */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return 'unknown price';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs >= 0.01) {
    return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  if (abs < 0.000001) return `${sign}<$0.000001`;
  // Two significant digits, trailing zeros dropped: 0.0031, 0.00005.
  const digits = Math.min(6, 1 - Math.floor(Math.log10(abs)));
  return `${sign}$${abs.toFixed(digits).replace(/0+$/, '')}`;
}
