// Number formatting shared by the report, the executive view and the CLI: one way to write money
// (€ with thousands separators) and percentages everywhere. Pure and locale-independent.

/** Thousands separators on a rounded integer: 1234567.4 → "1,234,567". */
export function groupThousands(x: number): string {
  const n = Math.round(x);
  const digits = Math.abs(n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Money in euros, rounded to the euro: "€1,234,567" (negative: "−€1,234"). */
export function formatMoney(x: number): string {
  if (!Number.isFinite(x)) return '€—';
  const n = Math.round(x);
  return n < 0 ? `−€${groupThousands(-n)}` : `€${groupThousands(n)}`;
}

/** A fraction as a percentage: 0.1853 → "18.5%"; small values keep more digits. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const p = fraction * 100;
  if (p === 0) return '0%';
  if (Math.abs(p) < 0.1) return `${p.toFixed(2)}%`;
  if (Math.abs(p) < 10) return `${p.toFixed(1)}%`;
  return `${p.toFixed(0)}%`;
}

/** A likelihood as a percentage with one decimal (three below 0.1 %): 0.729 → "72.9%". */
export function formatLikelihood(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return `${(p * 100).toFixed(p < 0.001 ? 3 : 1)}%`;
}

/** Hours as a readable duration: 36 → "36 h", 48 → "48 h (2 days)". */
export function formatHours(h: number): string {
  const days = h / 24;
  return Number.isInteger(days) && days >= 1 ? `${groupThousands(h)} h (${days} day${days === 1 ? '' : 's'})` : `${groupThousands(h)} h`;
}

/** Money in few characters, for chart axes: "€0", "€950", "€12.5k", "€23.1M", "€1.2bn". */
export function formatMoneyShort(x: number): string {
  if (!Number.isFinite(x)) return '€—';
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  const short = (v: number, unit: string) => `${sign}€${Number(v.toFixed(v < 10 ? 1 : 0))}${unit}`;
  if (a >= 1e9) return short(a / 1e9, 'bn');
  if (a >= 1e6) return short(a / 1e6, 'M');
  if (a >= 1e4) return short(a / 1e3, 'k');
  return `${sign}€${groupThousands(a)}`;
}

/** Days as people say them: 0.02 → "30 minutes", 0.2 → "4.8 hours", 3.46 → "3.5 days", 45 → "45 days", 400 → "1.1 years". */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return '—';
  const one = (v: number, unit: string) => {
    const r = v < 10 ? Number(v.toFixed(1)) : Math.round(v);
    return `${r} ${unit}${r === 1 ? '' : 's'}`;
  };
  if (days < 1 / 24) return one(Math.max(1, days * 1440), 'minute');
  if (days < 1) return one(days * 24, 'hour');
  if (days < 365) return one(days, 'day');
  return one(days / 365, 'year');
}

/** A signed duration: "−1.4 days", "+3 hours", "±0". */
export function formatSignedDays(d: number): string {
  return d === 0 ? '±0' : `${d < 0 ? '−' : '+'}${formatDays(Math.abs(d))}`;
}
