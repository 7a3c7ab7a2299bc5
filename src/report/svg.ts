// Hand-made SVG for the report and the executive view: risk by zone (bars), the remediation risk
// curve (a step line), before/after bars, and the plant graph — by default its chokepoints view —
// with the breach path numbered.
// Self-contained: presentation attributes only, no external references, every string escaped.
import { chokepoints } from '../analysis/chokepoints';
import { chokepointView, type ChokepointHeadline, type ChokepointView } from '../analysis/chokepoint-view';
import { buildContext } from '../analysis/context';
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
  const { W, labelW, valueW, barH, gap, top } = { W: 880, labelW: 300, valueW: 150, barH: 30, gap: 12, top: 12 };
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

/** A chart's size and the margins its axes and labels take. */
export interface ChartBox {
  readonly W: number;
  readonly H: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The scales of a remediation risk curve: money spent (x, from 0) and plant risk (y, from 0), each to a round maximum. */
export function riskCurveScale(plan: Pick<ExecutiveSummary['plan'], 'curve' | 'baselineRisk'>, box: ChartBox) {
  const { W, H, left, right, top, bottom } = box;
  const maxX = niceMax(Math.max(1, plan.curve.at(-1)?.cost ?? 1));
  const maxY = niceMax(Math.max(1, plan.baselineRisk, ...plan.curve.map((p) => p.risk)));
  return { maxX, maxY, x: (c: number) => left + ((W - left - right) * c) / maxX, y: (r: number) => top + (H - top - bottom) * (1 - r / maxY) };
}

const CURVE_BOX: ChartBox = { W: 880, H: 380, left: 150, right: 30, top: 20, bottom: 60 };

/** Cumulative cost (x) against plant risk (y) as a step line; the first `highlight` steps marked. */
export function remediationCurveSvg(plan: ExecutiveSummary['plan'], highlight = 0): string {
  const { W, H, left, right, top, bottom } = CURVE_BOX;
  const curve = plan.curve;
  const { maxX, maxY, x, y } = riskCurveScale(plan, CURVE_BOX);
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
  /** Width of the picture in pixels (height follows the layout's aspect); default: one pixel per layout unit, so names are drawn at their size. */
  readonly width?: number;
  /** A standalone .svg file (with the SVG namespace declaration); inline SVG in HTML needs none. */
  readonly standalone?: boolean;
  /**
   * What to draw: 'chokepoints' (the default) the assets on attack paths only, the minimum cut
   * ranked and the headline; 'plant' every asset of the plant.
   */
  readonly mode?: 'chokepoints' | 'plant';
  /** The chokepoints view to draw (computed from the model when absent). */
  readonly chokepoints?: ChokepointView;
}

const CUT = '#00838f';
const JEWEL = '#e0a100';
/** The layout's columns are drawn this much further apart, so a name of LABEL_CHARS at 12 px fits between neighbours. */
const SPREAD_X = 1.3;
const LABEL_CHARS = 20;
const NODE_R = 11;

/** A name in at most two lines of about `chars` characters, broken at spaces where it can be; the second line shortened with an ellipsis. */
export function wrapName(name: string, chars = LABEL_CHARS): string[] {
  if (name.length <= chars) return [name];
  const words = name.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && (first ? `${first} ${words[i]}` : words[i]!).length <= chars) first = first ? `${first} ${words[i++]}` : words[i++]!;
  const second = (rest: string) => (rest.length <= chars ? rest : `${rest.slice(0, chars - 1).trimEnd()}…`);
  if (!first) return [name.slice(0, chars), second(name.slice(chars).trim())].filter(Boolean);
  const rest = words.slice(i).join(' ');
  return rest ? [first, second(rest)] : [first];
}

/** Purdue band stripes with their labels at the left edge (x from `x0` to `x1` in viewBox units). */
function bandsSvg(layout: GraphLayout, X: (v: number) => number, Y: (v: number) => number, x0: number, x1: number): string {
  let out = '<g data-layer="bands">';
  layout.bands.forEach((b, i) => {
    const dmz = b.level === 3.5;
    const fill = dmz ? '#fff3dc' : b.level === 5 ? '#fdeceb' : i % 2 ? '#ffffff' : '#f3f6f9';
    const top = Y(b.top);
    const h = Y(b.bottom) - top;
    out += `<rect x="${x0}" y="${top.toFixed(1)}" width="${x1 - x0}" height="${h.toFixed(1)}" fill="${fill}"${dmz ? ` stroke="${JEWEL}" stroke-width="1.5"` : ''}/>`;
    const name = b.label.replace(/^L[\d.]+\s*/, '');
    out += `<text x="${x0 + 12}" y="${(top + 26).toFixed(1)}" font-size="20" font-weight="800" fill="${dmz ? '#8a5a00' : INK}">L${esc(b.level)}</text>`;
    out += `<text x="${x0 + 12}" y="${(top + 44).toFixed(1)}" font-size="13" fill="${dmz ? '#8a5a00' : MUTED}">${esc(name)}</text>`;
  });
  void X;
  return `${out}</g>`;
}

/** Zone boxes around their assets, titled with level, name and SL-T / SL-A (the level never shortened). */
function zoneBoxesSvg(model: PlantModel, ids: readonly string[], pos: ReadonlyMap<string, { x: number; y: number }>, X: (v: number) => number, Y: (v: number) => number): string {
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const box = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const id of ids) {
    const p = pos.get(id);
    const z = zoneOf.get(id);
    if (!p || z === undefined) continue;
    const b = box.get(z);
    if (b) {
      b.x0 = Math.min(b.x0, p.x);
      b.y0 = Math.min(b.y0, p.y);
      b.x1 = Math.max(b.x1, p.x);
      b.y1 = Math.max(b.y1, p.y);
    } else box.set(z, { x0: p.x, y0: p.y, x1: p.x, y1: p.y });
  }
  const zones = new Map(model.zones.map((z) => [z.id, z]));
  let out = '<g data-layer="zones">';
  for (const [id, b] of box) {
    const z = zones.get(id);
    const x = X(b.x0) - 60;
    const w = X(b.x1) - X(b.x0) + 120;
    out += `<rect x="${x.toFixed(1)}" y="${Y(b.y0 - 26).toFixed(1)}" width="${w.toFixed(1)}" height="${(b.y1 - b.y0 + 70).toFixed(1)}" rx="8" fill="#fbfcfd" stroke="#9fb0c0" stroke-width="1.5"/>`;
    const sl = z && (z.slTarget !== undefined || z.slAchieved !== undefined) ? ` · SL-T ${z.slTarget ?? '–'} / SL-A ${z.slAchieved ?? '–'}` : '';
    const level = z ? `L${z.purdueLevel} ` : '';
    // The name gives way, never the level or the security levels: about 7 px per character at 12 px.
    const room = Math.max(6, Math.floor(w / 7) - level.length - sl.length);
    const title = `${level}${clip(z?.name ?? id, room)}${sl}`;
    out += `<text x="${(x + 6).toFixed(1)}" y="${Y(b.y0 - 32).toFixed(1)}" font-size="12" fill="${MUTED}">${esc(title)}</text>`;
  }
  return `${out}</g>`;
}

/** A name under its node, in up to two lines (one text element each). */
function nameSvg(x: string, y: number, name: string, attrs: string): string {
  return wrapName(name)
    .map((line, i) => `<text x="${x}" y="${(y + 14 * i).toFixed(1)}" text-anchor="middle" font-size="12"${attrs}>${esc(line)}</text>`)
    .join('');
}

/**
 * The plant graph for the report and the exports. By default the chokepoints view: the assets on
 * attack paths in their Purdue bands and zones, entry points red, crown jewels gold, the minimum
 * cut cyan with its rank (1 = harden first), the attack steps between them (the most likely
 * paths darker), the breach path in thick red with its steps numbered, a headline and a key;
 * every name written at full size in up to two lines, so none overlaps. Mode 'plant' draws every
 * asset the same way (one node per zone for large plants).
 */
export function graphSvg(model: PlantModel, layout: GraphLayout, options: GraphSvgOptions = {}): string {
  if ((options.mode ?? 'chokepoints') === 'plant') return plantGraphSvg(model, layout, options);
  const view = options.chokepoints ?? (() => {
    const ctx = buildContext(model);
    return chokepointView(ctx, chokepoints(ctx));
  })();
  return chokepointGraphSvg(model, view, options);
}

/** What hardening the minimum cut buys, in one sentence (the chokepoints headline of the graph and the exports). */
export function chokepointHeadline(h: ChokepointHeadline): string {
  if (h.kind === 'nothing-to-cut') return `Nothing to cut: ${h.reason ?? 'no entry point reaches a crown jewel'}.`;
  const assets = `${h.assets} asset${h.assets === 1 ? '' : 's'}`;
  const jewels = `${h.protects} crown jewel${h.protects === 1 ? '' : 's'}`;
  const share = h.plantRisk > 0 ? ` (${formatPercent(h.riskRemoved / h.plantRisk)} of plant risk)` : '';
  const rest = h.kind === 'partial-cut' && h.cannotProtect > 0 ? `; ${h.cannotProtect} more ${h.cannotProtect === 1 ? 'is' : 'are'} reached straight from an entry point` : '';
  return `Hardening these ${assets} (${formatMoney(h.cost)}) cuts every path to ${jewels} and removes ${formatMoney(h.riskRemoved)}${share}${rest}.`;
}

/** Extent of a layout's positions. */
function extent(pos: ReadonlyMap<string, { x: number; y: number }>): { minX: number; minY: number; maxX: number; maxY: number } {
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
  return Number.isFinite(minX) ? { minX, minY, maxX, maxY } : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
}

function chokepointGraphSvg(model: PlantModel, view: ChokepointView, options: GraphSvgOptions): string {
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, px, py] of view.layout.positions) pos.set(id, { x: px, y: py });
  const names = new Map(model.assets.map((a) => [a.id, a.name]));
  const path = (options.path ?? []).filter((id) => pos.has(id));
  const stepOf = new Map(path.map((id, i) => [id, i]));
  const entries = new Set(view.entries);
  const jewels = new Set(view.jewels);
  const rank = new Map(view.cut.map((c) => [c.id, c.rank]));
  const { minX, minY, maxX, maxY } = extent(pos);
  const gutter = 150;
  const head = 96;
  const top = Math.min(minY, ...view.layout.bands.map((b) => b.top));
  const bottom = Math.max(maxY + 60, ...view.layout.bands.map((b) => b.bottom));
  const vbW = Math.max(760, (maxX - minX) * SPREAD_X + gutter + 260);
  const vbH = bottom - top + head + 10;
  const X = (v: number) => (v - minX) * SPREAD_X + gutter + 80;
  const Y = (v: number) => v - top + head;
  const width = options.width ?? Math.round(vbW);
  const height = Math.round((width * vbH) / vbW);
  const ns = options.standalone ? ` xmlns="${SVG_NS}"` : '';
  const headline = chokepointHeadline(view.headline);
  let out = `<svg${ns} viewBox="0 0 ${vbW.toFixed(0)} ${vbH.toFixed(0)}" width="${width}" height="${height}" role="img" aria-label="${esc(`${model.plant.name}: chokepoints and the breach path. ${headline}`)}" data-chart="plant-graph" ${FONT}>`;
  out += `<rect x="0" y="0" width="${vbW.toFixed(0)}" height="${vbH.toFixed(0)}" fill="#ffffff"/>`;
  out += `<text x="16" y="30" font-size="20" font-weight="700" fill="${INK}" data-layer="headline">${esc(headline)}</text>`;
  // Key.
  const key: [string, string, string][] = [
    ['entry', RISK, 'Entry point: an attacker starts here'],
    ['jewel', JEWEL, 'Crown jewel: must not fall'],
    ['cut', CUT, 'Harden first (rank in the minimum cut)'],
  ];
  let kx = 16;
  for (const [k, colour, text] of key) {
    out += `<circle cx="${kx + 9}" cy="62" r="8" fill="#5b7a99" stroke="${colour}" stroke-width="4"/>`;
    if (k === 'cut') out += `<text x="${kx + 9}" y="66" text-anchor="middle" font-size="11" font-weight="800" fill="#ffffff">1</text>`;
    out += `<text x="${kx + 24}" y="67" font-size="14" fill="${INK}">${esc(text)}</text>`;
    kx += 34 + text.length * 7.4;
  }
  if (path.length > 1) {
    out += `<line x1="${kx}" y1="62" x2="${kx + 30}" y2="62" stroke="${RISK}" stroke-width="6" stroke-linecap="round"/>`;
    out += `<text x="${kx + 40}" y="67" font-size="14" fill="${INK}">Breach path, steps numbered</text>`;
  }
  out += bandsSvg(view.layout, X, Y, 0, vbW);
  out += zoneBoxesSvg(model, view.assets, pos, X, Y);
  // Attack steps, the most likely paths darker; the breach path on top.
  let faint = '';
  let main = '';
  for (const e of view.edges) {
    const p = pos.get(e.from);
    const q = pos.get(e.to);
    if (!p || !q) continue;
    const line = `<line x1="${X(p.x).toFixed(1)}" y1="${Y(p.y).toFixed(1)}" x2="${X(q.x).toFixed(1)}" y2="${Y(q.y).toFixed(1)}"/>`;
    if (e.main) main += line;
    else faint += line;
  }
  out += `<g stroke="#b9c4cf" stroke-width="1" data-layer="attack-steps">${faint}</g>`;
  out += `<g stroke="#c97a6a" stroke-width="2.5" opacity="0.8" data-layer="likely-paths">${main}</g>`;
  let hl = '';
  for (let i = 0; i + 1 < path.length; i++) {
    const p = pos.get(path[i]!)!;
    const q = pos.get(path[i + 1]!)!;
    hl += `<line x1="${X(p.x).toFixed(1)}" y1="${Y(p.y).toFixed(1)}" x2="${X(q.x).toFixed(1)}" y2="${Y(q.y).toFixed(1)}"/>`;
  }
  out += `<g stroke="${RISK}" stroke-width="7" stroke-linecap="round" data-layer="breach-path">${hl}</g>`;
  // Assets with their names.
  for (const id of view.assets) {
    const p = pos.get(id);
    if (!p) continue;
    const x = X(p.x).toFixed(1);
    const y = Y(p.y);
    const step = stepOf.get(id);
    const r = rank.get(id);
    const stroke = entries.has(id) ? RISK : jewels.has(id) ? JEWEL : r !== undefined ? CUT : '#3b556e';
    const sw = entries.has(id) || jewels.has(id) || r !== undefined ? 4 : 1.5;
    out += `<circle cx="${x}" cy="${y.toFixed(1)}" r="${step !== undefined ? NODE_R + 3 : NODE_R}" fill="${step !== undefined ? RISK : '#5b7a99'}" stroke="${stroke}" stroke-width="${sw}"/>`;
    if (step !== undefined) out += `<text x="${x}" y="${(y + 5).toFixed(1)}" text-anchor="middle" font-size="13" font-weight="800" fill="#ffffff">${step}</text>`;
    if (r !== undefined) {
      const bx = X(p.x) + 15;
      out += `<circle cx="${bx.toFixed(1)}" cy="${(y - 13).toFixed(1)}" r="9" fill="${CUT}"/><text x="${bx.toFixed(1)}" y="${(y - 9).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="800" fill="#ffffff">${r}</text>`;
    }
    const strong = step !== undefined || entries.has(id) || jewels.has(id) || r !== undefined;
    const fill = step !== undefined ? RISK : r !== undefined ? CUT : INK;
    out += nameSvg(x, y + NODE_R + 15, names.get(id) ?? id, `${strong ? ' font-weight="700"' : ''} fill="${fill}"`);
  }
  if (view.assets.length < view.relevant) {
    out += `<text x="16" y="${(vbH - 12).toFixed(0)}" font-size="13" fill="${MUTED}">${esc(`Showing ${view.assets.length} of the ${view.relevant} assets on attack paths: entry points, crown jewels, the cut, the dominators and the most likely paths.`)}</text>`;
  }
  return `${out}</svg>`;
}

/**
 * Every asset of the plant as the analysis worker lays it out (Purdue bands, zones, assets; one
 * node per zone for large plants), entry points red, crown jewels gold, the breach path in thick red.
 */
function plantGraphSvg(model: PlantModel, layout: GraphLayout, options: GraphSvgOptions): string {
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, px, py] of layout.positions) pos.set(id, { x: px, y: py });
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const key = (assetId: string) => (layout.collapsed ? (zoneOf.get(assetId) ?? assetId) : assetId);
  const path = (options.path ?? []).map(key).filter((id, i, all) => i === 0 || all[i - 1] !== id);
  const onPath = new Set(path);
  const entries = new Set(model.entryPoints.map((e) => key(e.asset)));
  const jewels = new Set(model.crownJewels.map((j) => key(j.asset)));
  const { minX, minY, maxX, maxY } = extent(pos);
  const gutter = 150;
  const top = Math.min(minY - 70, ...layout.bands.map((b) => b.top));
  const bottom = Math.max(maxY + 60, ...layout.bands.map((b) => b.bottom));
  const vbW = (maxX - minX) * SPREAD_X + gutter + 260;
  const vbH = bottom - top + 10;
  const width = options.width ?? Math.round(vbW);
  const height = Math.max(200, Math.round((width * vbH) / Math.max(1, vbW)));
  const X = (v: number) => (v - minX) * SPREAD_X + gutter + 80;
  const Y = (v: number) => v - top;
  const ns = options.standalone ? ` xmlns="${SVG_NS}"` : '';
  let out = `<svg${ns} viewBox="0 0 ${vbW.toFixed(0)} ${vbH.toFixed(0)}" width="${width}" height="${height}" role="img" aria-label="${esc(`${model.plant.name}: plant graph with the breach path`)}" data-chart="plant-graph" ${FONT}>`;
  out += `<rect x="0" y="0" width="${vbW.toFixed(0)}" height="${vbH.toFixed(0)}" fill="#ffffff"/>`;
  out += bandsSvg(layout, X, Y, 0, vbW);
  if (!layout.collapsed) out += zoneBoxesSvg(model, model.assets.map((a) => a.id), pos, X, Y);
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
    if (p && q) edges += `<line x1="${X(p.x).toFixed(1)}" y1="${Y(p.y).toFixed(1)}" x2="${X(q.x).toFixed(1)}" y2="${Y(q.y).toFixed(1)}"/>`;
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
    if (p && q) hl += `<line x1="${X(p.x).toFixed(1)}" y1="${Y(p.y).toFixed(1)}" x2="${X(q.x).toFixed(1)}" y2="${Y(q.y).toFixed(1)}"/>`;
  }
  out += `<g stroke="${RISK}" stroke-width="6" stroke-linecap="round" data-layer="breach-path">${hl}</g>`;
  // Nodes, each named under it in up to two lines (names never overlap: the layout keeps 110 units between neighbours).
  const nodes: { id: string; label: string }[] = layout.collapsed
    ? model.zones.filter((z) => pos.has(z.id)).map((z) => ({ id: z.id, label: z.name }))
    : model.assets.filter((a) => pos.has(a.id)).map((a) => ({ id: a.id, label: a.name }));
  const labelAll = nodes.length <= 400;
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    const hot = onPath.has(n.id);
    const r = hot ? NODE_R + 3 : NODE_R;
    const stroke = entries.has(n.id) ? RISK : jewels.has(n.id) ? JEWEL : '#3b556e';
    const sw = entries.has(n.id) || jewels.has(n.id) ? 4 : 1.5;
    const x = X(p.x).toFixed(1);
    out += `<circle cx="${x}" cy="${Y(p.y).toFixed(1)}" r="${r}" fill="${hot ? RISK : '#5b7a99'}" stroke="${stroke}" stroke-width="${sw}"/>`;
    if (labelAll || hot || entries.has(n.id) || jewels.has(n.id)) {
      out += nameSvg(x, Y(p.y) + r + 15, n.label, `${hot ? ' font-weight="700"' : ''} fill="${hot ? RISK : INK}"`);
    }
  }
  // Step numbers on the path.
  path.forEach((id, i) => {
    const p = pos.get(id);
    if (!p) return;
    out += `<text x="${X(p.x).toFixed(1)}" y="${(Y(p.y) + 5).toFixed(1)}" text-anchor="middle" font-size="13" font-weight="800" fill="#ffffff">${i}</text>`;
  });
  return `${out}</svg>`;
}
