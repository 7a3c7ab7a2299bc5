// Figures in the words of the exported files (Navigator comments, SARIF messages): money in whole
// euros with thousands separators, likelihoods as percentages.

/** `€12,345` (negative amounts with a minus sign). */
export function formatEuro(x: number): string {
  const r = Math.round(x);
  return `${r < 0 ? '-' : ''}€${Math.abs(r).toLocaleString('en')}`;
}

/** `12.3%`; shares below 0.1% in exponent notation, so a tiny likelihood never reads as 0. */
export function formatShare(x: number): string {
  if (x >= 0.001) return `${(x * 100).toFixed(1)}%`;
  return x > 0 ? `${(x * 100).toExponential(1)}%` : '0%';
}
