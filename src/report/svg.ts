// Hand-made SVG for the report and the executive view: risk by zone (bars), the remediation risk
// curve (a step line), before/after bars, and the plant graph with the breach path highlighted.
// Self-contained: presentation attributes only, no external references, every string escaped.
import type { GraphLayout } from '../analysis/layout';
import type { PlantModel } from '../model/schema';
import { esc } from './escape';
import type { BeforeAfter, ExecutiveSummary, ZoneRisk } from './executive';
import { formatMoney, formatPercent } from './format';

/** The SVG namespace (an identifier, never fetched); only standalone files declare it. */
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'font-family="Segoe UI, Helvetica, Arial, sans-serif"';
const INK = '#101820';
const MUTED = '#51606f';
const GRID = '#c9d2db';
const RISK = '#c62828';
const GOOD = '#1b7f3b';
const ACCENT = '#0b5cad';

function svgOpen(w: number, h: number, label: string, testId: string): string {
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}" data-chart="${esc(testId)}" ${FONT}>`;
}

/** Shortens a label to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** A round axis maximum ≥ x: 1, 2, 2.5 or 5 × 10^k. */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** Horizontal bars: plant risk by the zone of the crown jewels that carry it. */
export function riskByZoneSvg(zones: readonly ZoneRisk[], maxBars = 10): string {
  const shown = zones.slice(0, maxBars);
  const W = 880;
  const labelW = 300;
  const valueW = 150;
  const barH = 30;
  const gap = 12;
  const top = 12;
  const H = top + Math.max(1, shown.length) * (barH + gap) + 8;
  const max = niceMax(Math.max(0, ...shown.map((z) => z.risk)));
  const span = W - labelW - valueW - 16;
  let out = svgOpen(W, H, 'Plant risk by zone', 'risk-by-zone');
  if (shown.length === 0) out += `<text x="${W / 2}" y="${top + 20}" text-anchor="middle" font-size="20" fill="${MUTED}">No crown jewel is reachable: no risk to show.</text>`;
  shown.forEach((z, i) => {
    const y = top + i * (barH + gap);
    const w = Math.max(2, (span * z.risk) / max);
    out += `<text x="${labelW - 10}" y="${y + barH * 0.7}" text-anchor="end" font-size="18" fill="${INK}">${esc(clip(z.name, 30))}</text>`;
    out += `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="3" fill="${RISK}"/>`;
    out += `<text x="${(labelW + w + 8).toFixed(1)}" y="${y + barH * 0.7}" font-size="18" font-weight="700" fill="${INK}">${esc(formatMoney(z.risk))}</text>`;
  });
  return `${out}</svg>`;
}

/** Cumulative cost (x) against plant risk (y) as a step line; the first `highlight` steps marked. */
export function remediationCurveSvg(plan: ExecutiveSummary['plan'], highlight = 0): string {
  const W = 880;
  const H = 380;
  const left = 150;
  const right = 30;
  const top = 20;
  const bottom = 60;
  const curve = plan.curve;
  const maxX = niceMax(Math.max(1, curve.at(-1)?.cost ?? 1));
  const maxY = niceMax(Math.max(1, plan.baselineRisk, ...curve.map((p) => p.risk)));
  const x = (c: number) => left + ((W - left - right) * c) / maxX;
  const y = (r: number) => top + (H - top - bottom) * (1 - r / maxY);
  let out = svgOpen(W, H, 'Remediation risk curve: plant risk against money spent', 'remediation-curve');
  for (let k = 0; k <= 4; k++) {
    const v = (maxY * k) / 4;
    out += `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${W - right}" y2="${y(v).toFixed(1)}" stroke="${GRID}" stroke-width="1"/>`;
    out += `<text x="${left - 10}" y="${(y(v) + 6).toFixed(1)}" text-anchor="end" font-size="16" fill="${MUTED}">${esc(formatMoney(v))}</text>`;
  }
  for (let k = 0; k <= 4; k++) {
    const v = (maxX * k) / 4;
    out += `<text x="${x(v).toFixed(1)}" y="${H - bottom + 26}" text-anchor="middle" font-size="16" fill="${MUTED}">${esc(formatMoney(v))}</text>`;
  }
  out += `<text x="${(left + W - right) / 2}" y="${H - 8}" text-anchor="middle" font-size="16" fill="${INK}">money spent on fixes (cumulative)</text>`;
  out += `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="${INK}" stroke-width="2"/>`;
  out += `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="${INK}" stroke-width="2"/>`;
  let d = '';
  curve.forEach((p, i) => {
    d += i === 0 ? `M${x(p.cost).toFixed(1)},${y(p.risk).toFixed(1)}` : `H${x(p.cost).toFixed(1)}V${y(p.risk).toFixed(1)}`;
  });
  out += `<path d="${d}" fill="none" stroke="${ACCENT}" stroke-width="4"/>`;
  curve.forEach((p, i) => {
    const on = i === Math.min(highlight, curve.length - 1) && highlight > 0;
    out += `<circle cx="${x(p.cost).toFixed(1)}" cy="${y(p.risk).toFixed(1)}" r="${on ? 9 : 5}" fill="${on ? GOOD : ACCENT}" stroke="#ffffff" stroke-width="2"/>`;
    if (on) out += `<text x="${(x(p.cost) + 14).toFixed(1)}" y="${(y(p.risk) - 12).toFixed(1)}" font-size="18" font-weight="700" fill="${GOOD}">${esc(`after ${i} fix${i === 1 ? '' : 'es'}: ${formatMoney(p.risk)}`)}</text>`;
  });
  return `${out}</svg>`;
}

/** Two bars: plant risk before and after a plan or scenario, with the cut in percent. */
export function beforeAfterSvg(ba: BeforeAfter): string {
  const W = 880;
  const H = 170;
  const labelW = 130;
  const barH = 48;
  const max = Math.max(1, ba.riskBefore, ba.riskAfter);
  const span = W - labelW - 200;
  const bar = (label: string, value: number, row: number, fill: string) => {
    const yy = 16 + row * (barH + 24);
    const w = Math.max(2, (span * value) / max);
    return (
      `<text x="${labelW - 12}" y="${yy + barH * 0.65}" text-anchor="end" font-size="22" fill="${INK}">${esc(label)}</text>` +
      `<rect x="${labelW}" y="${yy}" width="${w.toFixed(1)}" height="${barH}" rx="4" fill="${fill}"/>` +
      `<text x="${(labelW + w + 12).toFixed(1)}" y="${yy + barH * 0.65}" font-size="24" font-weight="700" fill="${INK}">${esc(formatMoney(value))}</text>`
    );
  };
  const cutText = ba.cut >= 0 ? `−${formatPercent(ba.cut)}` : `+${formatPercent(-ba.cut)}`;
  return (
    svgOpen(W, H, `Plant risk before and after: ${formatMoney(ba.riskBefore)} to ${formatMoney(ba.riskAfter)}`, `before-after-${ba.kind}`) +
    bar('Before', ba.riskBefore, 0, RISK) +
    bar('After', ba.riskAfter, 1, GOOD) +
    `<text x="${W - 16}" y="${H - 20}" text-anchor="end" font-size="40" font-weight="800" fill="${ba.cut >= 0 ? GOOD : RISK}">${esc(cutText)}</text>` +
    '</svg>'
  );
}

export interface GraphSvgOptions {
  /** Asset ids of the path to highlight, in order. */
  readonly path?: readonly string[];
  /** Width of the picture in pixels (height follows the layout's aspect). */
  readonly width?: number;
  /** A standalone .svg file (with the SVG namespace declaration); inline SVG in HTML needs none. */
  readonly standalone?: boolean;
}

/**
 * The plant graph as the analysis worker lays it out (Purdue bands, zones, assets; one node per
 * zone for large plants), entry points red, crown jewels gold, the breach path in thick red.
 */
export function graphSvg(model: PlantModel, layout: GraphLayout, options: GraphSvgOptions = {}): string {
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, px, py] of layout.positions) pos.set(id, { x: px, y: py });
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const key = (assetId: string) => (layout.collapsed ? (zoneOf.get(assetId) ?? assetId) : assetId);
  const path = (options.path ?? []).map(key).filter((id, i, all) => i === 0 || all[i - 1] !== id);
  const onPath = new Set(path);
  const entries = new Set(model.entryPoints.map((e) => key(e.asset)));
  const jewels = new Set(model.crownJewels.map((j) => key(j.asset)));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of pos.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (!Number.isFinite(minX)) minX = minY = maxX = maxY = 0;
  const pad = 70;
  const vbW = maxX - minX + 2 * pad;
  const vbH = maxY - minY + 2 * pad;
  const width = options.width ?? 1200;
  const height = Math.max(200, Math.round((width * vbH) / Math.max(1, vbW)));
  const X = (v: number) => (v - minX + pad).toFixed(1);
  const Y = (v: number) => (v - minY + pad).toFixed(1);
  const ns = options.standalone ? ` xmlns="${SVG_NS}"` : '';
  let out = `<svg${ns} viewBox="0 0 ${vbW.toFixed(0)} ${vbH.toFixed(0)}" width="${width}" height="${height}" role="img" aria-label="${esc(`${model.plant.name}: plant graph with the breach path`)}" data-chart="plant-graph" ${FONT}>`;
  out += `<rect x="0" y="0" width="${vbW.toFixed(0)}" height="${vbH.toFixed(0)}" fill="#ffffff"/>`;
  // Zone boxes around their assets (the uncollapsed view).
  if (!layout.collapsed) {
    const box = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
    for (const a of model.assets) {
      const p = pos.get(a.id);
      if (!p) continue;
      const b = box.get(a.zone);
      if (b) {
        b.x0 = Math.min(b.x0, p.x);
        b.y0 = Math.min(b.y0, p.y);
        b.x1 = Math.max(b.x1, p.x);
        b.y1 = Math.max(b.y1, p.y);
      } else box.set(a.zone, { x0: p.x, y0: p.y, x1: p.x, y1: p.y });
    }
    const zoneName = new Map(model.zones.map((z) => [z.id, z.name]));
    for (const [z, b] of box) {
      out += `<rect x="${X(b.x0 - 45)}" y="${Y(b.y0 - 38)}" width="${(b.x1 - b.x0 + 90).toFixed(1)}" height="${(b.y1 - b.y0 + 76).toFixed(1)}" rx="8" fill="#eef2f6" stroke="#9fb0c0" stroke-width="1.5"/>`;
      out += `<text x="${X(b.x0 - 38)}" y="${Y(b.y0 - 24)}" font-size="12" fill="${MUTED}">${esc(clip(zoneName.get(z) ?? z, 40))}</text>`;
    }
  }
  // Edges: connections, trust relations and media paths (one line per pair of drawn nodes).
  const seen = new Set<string>();
  let edges = '';
  const line = (a: string, b: string) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return;
    const k = ka < kb ? `${ka}\u0000${kb}` : `${kb}\u0000${ka}`;
    if (seen.has(k)) return;
    seen.add(k);
    const p = pos.get(ka);
    const q = pos.get(kb);
    if (p && q) edges += `<line x1="${X(p.x)}" y1="${Y(p.y)}" x2="${X(q.x)}" y2="${Y(q.y)}"/>`;
  };
  for (const c of model.connections) line(c.from, c.to);
  for (const t of model.trust ?? []) line(t.from, t.to);
  for (const m of model.media ?? []) for (const f of m.from) for (const t of m.to) line(f, t);
  out += `<g stroke="#9aa9b8" stroke-width="1" opacity="0.7">${edges}</g>`;
  // The breach path on top.
  let hl = '';
  for (let i = 0; i + 1 < path.length; i++) {
    const p = pos.get(path[i]!);
    const q = pos.get(path[i + 1]!);
    if (p && q) hl += `<line x1="${X(p.x)}" y1="${Y(p.y)}" x2="${X(q.x)}" y2="${Y(q.y)}"/>`;
  }
  out += `<g stroke="${RISK}" stroke-width="6" stroke-linecap="round" data-layer="breach-path">${hl}</g>`;
  // Nodes.
  const nodes: { id: string; label: string }[] = layout.collapsed
    ? model.zones.filter((z) => pos.has(z.id)).map((z) => ({ id: z.id, label: z.name }))
    : model.assets.filter((a) => pos.has(a.id)).map((a) => ({ id: a.id, label: a.name }));
  const labelAll = nodes.length <= 250;
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    const hot = onPath.has(n.id);
    const r = hot ? 13 : layout.collapsed ? 10 : 8;
    const stroke = entries.has(n.id) ? RISK : jewels.has(n.id) ? '#e0a100' : '#3b556e';
    const sw = entries.has(n.id) || jewels.has(n.id) ? 4 : 1.5;
    out += `<circle cx="${X(p.x)}" cy="${Y(p.y)}" r="${r}" fill="${hot ? RISK : '#5b7a99'}" stroke="${stroke}" stroke-width="${sw}"/>`;
    if (labelAll || hot || entries.has(n.id) || jewels.has(n.id)) {
      out += `<text x="${X(p.x)}" y="${(p.y - minY + pad + r + 14).toFixed(1)}" text-anchor="middle" font-size="${hot ? 14 : 11}"${hot ? ' font-weight="700"' : ''} fill="${hot ? RISK : INK}">${esc(clip(n.label, 26))}</text>`;
    }
  }
  // Step numbers on the path.
  path.forEach((id, i) => {
    const p = pos.get(id);
    if (!p) return;
    out += `<text x="${X(p.x)}" y="${(p.y - minY + pad + 5).toFixed(1)}" text-anchor="middle" font-size="13" font-weight="800" fill="#ffffff">${i}</text>`;
  });
  return `${out}</svg>`;
}
