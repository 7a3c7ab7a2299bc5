// The asset inventory, worker-side: one row per asset (kind, zone, level, vendor/product/firmware,
// unpatched CVEs and KEV, controls, entry point / crown jewel, the risk that flows through it and the
// attack paths it lies on), computed once per plant, sorted, filtered and paged here so the main
// thread only ever holds the rows it draws — 100k assets included — and exported as CSV. Pure.
import { entryTree, riskReport } from '../analysis/risk';
import { pathTo, shortestTree } from '../analysis/paths';
import type { PlantContext } from '../analysis/context';
import { purdueLevelOf } from '../model/compact';
import { toCsv, type CsvValue } from '../report/csv';

export interface InventoryRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly zone: string;
  readonly zoneName: string;
  /** Purdue level of the asset's zone (0, 1, 2, 3, 3.5, 4, 5). */
  readonly level: number;
  readonly vendor: string;
  readonly product: string;
  readonly firmware: string;
  /** Vulnerabilities not marked patched. */
  readonly unpatched: number;
  /** Of those, the ones in CISA's Known Exploited Vulnerabilities catalog. */
  readonly kev: number;
  readonly controls: readonly string[];
  readonly entry: boolean;
  readonly jewel: boolean;
  /**
   * Risk through the asset: Σ risk(jewel) over the crown jewels whose most likely attack path from
   * any entry point — the path plant risk counts — passes through it (its ends included).
   */
  readonly risk: number;
  /** Attack paths through the asset: the most likely path of each entry point → crown jewel pair (the Attack paths list). */
  readonly paths: number;
}

export const INVENTORY_SORT_KEYS = ['name', 'kind', 'zone', 'level', 'vendor', 'unpatched', 'kev', 'controls', 'role', 'risk', 'paths'] as const;
export type InventorySortKey = (typeof INVENTORY_SORT_KEYS)[number];

export interface InventoryFilter {
  /** Case-insensitive text in the name, id, vendor, product, firmware or zone name. */
  readonly text?: string;
  readonly kind?: string;
  readonly zone?: string;
  readonly level?: number;
  readonly role?: 'entry' | 'jewel';
  /** Only assets with an unpatched KEV vulnerability. */
  readonly kevOnly?: boolean;
  /** Only assets on at least one attack path. */
  readonly onPathsOnly?: boolean;
}

export interface InventoryQuery {
  readonly sort?: { readonly key: InventorySortKey; readonly dir: 'asc' | 'desc' };
  readonly filter?: InventoryFilter;
  /** First matched row to answer (default 0) and how many (default 100, at most MAX_INVENTORY_PAGE). */
  readonly offset?: number;
  readonly limit?: number;
  /** Answer the kinds, zones and levels present (for the filter pickers). */
  readonly facets?: boolean;
  /** Answer every matched row, in order, as a CSV file. */
  readonly csv?: boolean;
}

export interface InventoryFacets {
  readonly kinds: readonly { kind: string; count: number }[];
  readonly zones: readonly { id: string; name: string; level: number; count: number }[];
  readonly levels: readonly number[];
}

export interface InventoryPage {
  /** Assets in the plant. */
  readonly total: number;
  /** Assets the filter keeps. */
  readonly matched: number;
  readonly offset: number;
  readonly rows: readonly InventoryRow[];
  /** Σ risk of the plant (the Plant risk figure), so the risk column can be read against it. */
  readonly plantRisk: number;
  readonly facets?: InventoryFacets;
  readonly csv?: string;
}

/** Largest page one query answers (a screen holds ~40 rows; the client asks a few screens at a time). */
export const MAX_INVENTORY_PAGE = 1000;
const DEFAULT_PAGE = 100;

interface Table {
  readonly rows: readonly InventoryRow[];
  /** Lower-cased text the filter searches, per row. */
  readonly haystack: readonly string[];
  readonly plantRisk: number;
  /** Row order per sort key and direction, built on first use. */
  readonly sorted: Map<string, Int32Array>;
  /** The last filtered order (filter + sort), so paging through it does not filter again. */
  last?: { key: string; order: Int32Array };
}

const tables = new WeakMap<PlantContext, Table>();

/** Risk through each node and attack paths through each node, from the same searches the risk and path views use. */
function flows(ctx: PlantContext): { risk: Float64Array; paths: Int32Array; plantRisk: number } {
  const n = ctx.ids.length;
  const risk = new Float64Array(n);
  const paths = new Int32Array(n);
  const tree = entryTree(ctx);
  const report = riskReport(ctx, tree);
  report.jewels.forEach((j, i) => {
    if (!j.reachable || j.risk === 0) return;
    const p = pathTo(ctx.attack, tree, ctx.jewels[i]!);
    if (p) for (const v of new Set(p.nodes)) risk[v]! += j.risk;
  });
  // As attackPaths lists them: one most likely path per entry point and crown jewel (not itself).
  for (const s of ctx.entries) {
    const t = shortestTree(ctx.attack, [s]);
    for (const jv of ctx.jewels) {
      if (jv === s) continue;
      const p = pathTo(ctx.attack, t, jv);
      if (p) for (const v of p.nodes) paths[v]!++;
    }
  }
  return { risk, paths, plantRisk: report.total };
}

function build(ctx: PlantContext): Table {
  const { risk, paths, plantRisk } = flows(ctx);
  const zones = new Map(ctx.model.zones.map((z) => [z.id, z.name]));
  const entries = new Set(ctx.model.entryPoints.map((e) => e.asset));
  const jewels = new Set(ctx.model.crownJewels.map((j) => j.asset));
  const rows: InventoryRow[] = [];
  const haystack: string[] = [];
  ctx.model.assets.forEach((a, i) => {
    const v = ctx.index.get(a.id)!;
    let unpatched = 0;
    let kev = 0;
    for (const x of a.vulnerabilities ?? []) {
      if (x.patched) continue;
      unpatched++;
      if (x.kev) kev++;
    }
    const row: InventoryRow = {
      id: a.id,
      name: a.name,
      kind: a.kind,
      zone: a.zone,
      zoneName: zones.get(a.zone) ?? a.zone,
      level: purdueLevelOf(ctx.graph, v),
      vendor: a.vendor ?? '',
      product: a.product ?? '',
      firmware: a.firmware ?? '',
      unpatched,
      kev,
      controls: a.controls ?? [],
      entry: entries.has(a.id),
      jewel: jewels.has(a.id),
      risk: risk[v]!,
      paths: paths[v]!,
    };
    rows[i] = row;
    haystack[i] = `${row.name}\u0000${row.id}\u0000${row.vendor}\u0000${row.product}\u0000${row.firmware}\u0000${row.zoneName}`.toLowerCase();
  });
  return { rows, haystack, plantRisk, sorted: new Map() };
}

/** The inventory of a plant (computed on first use, then kept while the plant is). */
function table(ctx: PlantContext): Table {
  let t = tables.get(ctx);
  if (!t) {
    t = build(ctx);
    tables.set(ctx, t);
  }
  return t;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Role rank: crown jewel and entry point first when descending. */
const roleRank = (r: InventoryRow) => (r.jewel ? 2 : 0) + (r.entry ? 1 : 0);

type Compare = (a: InventoryRow, b: InventoryRow) => number;

const TEXT = (f: (r: InventoryRow) => string): Compare => (a, b) => collator.compare(f(a), f(b));
const NUMBER = (f: (r: InventoryRow) => number): Compare => (a, b) => f(a) - f(b);

const COMPARE: Record<InventorySortKey, Compare> = {
  name: TEXT((r) => r.name),
  kind: TEXT((r) => r.kind),
  zone: (a, b) => collator.compare(a.zoneName, b.zoneName) || a.level - b.level,
  level: NUMBER((r) => r.level),
  // Blank vendors last in ascending order: an unknown vendor is not "smaller" than a known one.
  vendor: (a, b) => Number(!a.vendor) - Number(!b.vendor) || collator.compare(a.vendor, b.vendor) || collator.compare(a.product, b.product) || collator.compare(a.firmware, b.firmware),
  unpatched: NUMBER((r) => r.unpatched),
  kev: NUMBER((r) => r.kev),
  controls: NUMBER((r) => r.controls.length),
  role: NUMBER(roleRank),
  risk: NUMBER((r) => r.risk),
  paths: NUMBER((r) => r.paths),
};

/** Rows in the order of `key`, `dir`; ties in name order, then id (a total, deterministic order). */
function sortedOrder(t: Table, key: InventorySortKey, dir: 'asc' | 'desc'): Int32Array {
  const k = `${key}:${dir}`;
  let order = t.sorted.get(k);
  if (!order) {
    const cmp = COMPARE[key];
    const sign = dir === 'asc' ? 1 : -1;
    const rows = t.rows;
    const idx = Array.from({ length: rows.length }, (_, i) => i);
    idx.sort((i, j) => sign * cmp(rows[i]!, rows[j]!) || collator.compare(rows[i]!.name, rows[j]!.name) || (rows[i]!.id < rows[j]!.id ? -1 : rows[i]!.id > rows[j]!.id ? 1 : 0));
    order = Int32Array.from(idx);
    t.sorted.set(k, order);
  }
  return order;
}

function keeps(filter: InventoryFilter, needle: string): (r: InventoryRow, hay: string) => boolean {
  return (r, hay) =>
    (filter.kind === undefined || r.kind === filter.kind) &&
    (filter.zone === undefined || r.zone === filter.zone) &&
    (filter.level === undefined || r.level === filter.level) &&
    (filter.role === undefined || (filter.role === 'entry' ? r.entry : r.jewel)) &&
    (!filter.kevOnly || r.kev > 0) &&
    (!filter.onPathsOnly || r.paths > 0) &&
    (needle === '' || hay.includes(needle));
}

function checkQuery(q: InventoryQuery): void {
  const bad = (what: string, value: unknown) => {
    throw new RangeError(`inventory: ${what} ${JSON.stringify(value)}`);
  };
  if (q.sort && !INVENTORY_SORT_KEYS.includes(q.sort.key)) bad(`sort key must be one of ${INVENTORY_SORT_KEYS.join(', ')}, got`, q.sort.key);
  if (q.sort && q.sort.dir !== 'asc' && q.sort.dir !== 'desc') bad('sort direction must be "asc" or "desc", got', q.sort.dir);
  if (q.offset !== undefined && !(Number.isInteger(q.offset) && q.offset >= 0)) bad('offset must be an integer ≥ 0, got', q.offset);
  if (q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit >= 0 && q.limit <= MAX_INVENTORY_PAGE)) bad(`limit must be an integer in 0..${MAX_INVENTORY_PAGE}, got`, q.limit);
}

/** The matched rows' order for a query (cached for the last filter, so paging is a slice). */
function matchedOrder(t: Table, q: InventoryQuery): Int32Array {
  const sort = q.sort ?? { key: 'risk', dir: 'desc' };
  const order = sortedOrder(t, sort.key, sort.dir);
  const f = q.filter ?? {};
  const needle = (f.text ?? '').trim().toLowerCase();
  const active = needle !== '' || f.kind !== undefined || f.zone !== undefined || f.level !== undefined || f.role !== undefined || !!f.kevOnly || !!f.onPathsOnly;
  if (!active) return order;
  const key = JSON.stringify([sort.key, sort.dir, needle, f.kind, f.zone, f.level, f.role, !!f.kevOnly, !!f.onPathsOnly]);
  if (t.last?.key === key) return t.last.order;
  const keep = keeps(f, needle);
  const out = new Int32Array(order.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (keep(t.rows[i]!, t.haystack[i]!)) out[n++] = i;
  }
  const matched = out.slice(0, n);
  t.last = { key, order: matched };
  return matched;
}

function facets(t: Table): InventoryFacets {
  const kinds = new Map<string, number>();
  const zones = new Map<string, { id: string; name: string; level: number; count: number }>();
  const levels = new Set<number>();
  for (const r of t.rows) {
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    const z = zones.get(r.zone);
    if (z) z.count++;
    else zones.set(r.zone, { id: r.zone, name: r.zoneName, level: r.level, count: 1 });
    levels.add(r.level);
  }
  return {
    kinds: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => collator.compare(a.kind, b.kind)),
    zones: [...zones.values()].sort((a, b) => b.level - a.level || collator.compare(a.name, b.name)),
    levels: [...levels].sort((a, b) => b - a),
  };
}

export const INVENTORY_CSV_HEADER = [
  'id', 'name', 'kind', 'zone id', 'zone', 'Purdue level', 'vendor', 'product', 'firmware',
  'unpatched CVEs', 'unpatched KEV CVEs', 'unpatched CVE ids', 'controls', 'entry point', 'crown jewel',
  'risk through (EUR)', 'attack paths through',
] as const;

function csv(ctx: PlantContext, t: Table, order: Int32Array): string {
  const records = function* (): Generator<CsvValue[]> {
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const r = t.rows[i]!;
      const cves = (ctx.model.assets[i]!.vulnerabilities ?? []).filter((x) => !x.patched).map((x) => x.cve);
      yield [
        r.id, r.name, r.kind, r.zone, r.zoneName, r.level, r.vendor, r.product, r.firmware,
        r.unpatched, r.kev, cves.join(' '), r.controls.join(' '), r.entry ? 'yes' : 'no', r.jewel ? 'yes' : 'no',
        Math.round(r.risk), r.paths,
      ];
    }
  };
  return toCsv(INVENTORY_CSV_HEADER, records());
}

/** One page of the inventory for a query: the rows in [offset, offset + limit) of the matched, sorted rows. */
export function inventoryPage(ctx: PlantContext, q: InventoryQuery = {}): InventoryPage {
  checkQuery(q);
  const t = table(ctx);
  const order = matchedOrder(t, q);
  const offset = Math.min(q.offset ?? 0, order.length);
  const end = Math.min(order.length, offset + (q.limit ?? DEFAULT_PAGE));
  const rows: InventoryRow[] = [];
  for (let k = offset; k < end; k++) rows.push(t.rows[order[k]!]!);
  return {
    total: t.rows.length,
    matched: order.length,
    offset,
    rows,
    plantRisk: t.plantRisk,
    ...(q.facets ? { facets: facets(t) } : {}),
    ...(q.csv ? { csv: csv(ctx, t, order) } : {}),
  };
}
