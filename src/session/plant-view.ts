// What the main thread holds of a plant, and the small answers it asks the analysis worker for
// instead of the model (the session holds the plant; a 100k-asset plant copied over was 500 MB of
// page heap and second-long tasks): the outline (plant, zones, roles, counts), the asset directory
// (ids, names, zones and kinds in flat columns: names for every id an answer gives, the zone an
// asset is drawn in), and sub-models — PlantModel-shaped, holding only some records — of what is
// drawn or shown: the whole plant when it is drawn asset by asset, one zone opened in place, the
// assets of the chokepoints view, the records around one asset. Pure.
import { connectionColumns, connectionCount, connectionView, F_AUTHENTICATED, F_OBSERVED, F_REQUIRED, type ConnectionColumns } from '../model/connections';
import { EDGE_MEDIA, EDGE_NETWORK, EDGE_TRUST } from '../model/compact';
import { ASSET_KINDS, type AssetKind, type Connection, type PlantModel } from '../model/schema';
import type { PlantContext } from '../analysis/context';
import type { ZoneGroup } from '../analysis/layout';
import { describeEdit, type ScenarioEdit } from '../analysis/scenario';

/** Connections per kind of relation to captured traffic, when the plant holds any. */
export interface TrafficCounts {
  readonly observed: number;
  readonly shadow: number;
  readonly unseen: number;
}

/** The plant as the main thread holds it: no assets, no connections — their numbers. */
export interface PlantOutline {
  readonly plant: PlantModel['plant'];
  readonly zones: PlantModel['zones'];
  readonly entryPoints: PlantModel['entryPoints'];
  readonly crownJewels: PlantModel['crownJewels'];
  readonly productionLines: NonNullable<PlantModel['productionLines']>;
  readonly assets: number;
  readonly connections: number;
  /** The asset kinds the plant holds, in ASSET_KINDS order (the graph's kind filter). */
  readonly kinds: readonly AssetKind[];
  /** Set when the plant holds captured traffic (some connection observed). */
  readonly traffic: TrafficCounts | undefined;
}

/**
 * Every asset's id, name, zone and kind in flat columns (two strings and three typed arrays cross
 * a worker boundary in a few milliseconds where 100k records took seconds): asset i's id is
 * ids[idEnds[i-1] .. idEnds[i]), its zone outline.zones[zone[i]], its kind ASSET_KINDS[kind[i]].
 */
export interface AssetDirectoryData {
  readonly count: number;
  readonly ids: string;
  readonly idEnds: Uint32Array;
  readonly names: string;
  readonly nameEnds: Uint32Array;
  readonly zone: Int32Array;
  readonly kind: Uint8Array;
}

/** Assets a scenario adds or changes (name, zone or kind) against the plant as loaded. */
export type DirectoryPatch = readonly { readonly id: string; readonly name: string; readonly zone: string; readonly kind: AssetKind }[];

/** The plant as the main thread holds it: its outline and its asset directory. */
export interface PlantShown {
  readonly outline: PlantOutline;
  readonly directory: AssetDirectoryData;
}

/** What a scenario changes in what the main thread holds: the outline, the directory's changes, the edits in words. */
export interface ScenarioShown {
  readonly outline: PlantOutline;
  readonly patch: DirectoryPatch;
  /** Each edit in words, with the names of the records it acts on. */
  readonly edits: readonly string[];
}

/** A zone tile of the collapsed view: its assets, and whether it holds an entry point or a crown jewel. */
export interface ZoneTile {
  readonly zone: string;
  readonly count: number;
  readonly entry: boolean;
  readonly jewel: boolean;
}

/** Zones a and b (a < b in zone order of the model) are linked by n connections, trust relations and media hops. */
export interface ZoneLink {
  readonly a: string;
  readonly b: string;
  readonly n: number;
}

/** Most zone-to-zone links in a collapsed picture. */
export const MAX_ZONE_LINKS = 600;

/** Connections of an asset the records around it hold (the asset panel lists 40; the count is given apart). */
export const DETAIL_CONNECTIONS = 200;

export function plantOutline(ctx: PlantContext): PlantOutline {
  const m = ctx.model;
  const present = new Uint8Array(ASSET_KINDS.length);
  const kinds = ctx.graph.nodeKind;
  for (let v = 0; v < kinds.length; v++) present[kinds[v]!] = 1;
  return {
    plant: m.plant,
    zones: m.zones,
    entryPoints: m.entryPoints,
    crownJewels: m.crownJewels,
    productionLines: m.productionLines ?? [],
    assets: m.assets.length,
    connections: connectionCount(m),
    kinds: ASSET_KINDS.filter((_, i) => present[i]),
    traffic: trafficCounts(m),
  };
}

/** Where a connection's booleans sit in its `bools` byte (two bits each, from `authenticated` up). */
const boolShift = (field: number) => 2 * (field - F_AUTHENTICATED);
const SHADOW = 'observed, not modeled';

function trafficCounts(model: PlantModel): TrafficCounts | undefined {
  const cols = connectionColumns(model);
  let observed = 0;
  let shadow = 0;
  const total = connectionCount(model);
  if (cols) {
    for (let i = 0; i < cols.count; i++) {
      if (((cols.bools[i]! >> boolShift(F_OBSERVED)) & 3) !== 3) continue;
      if (cols.descriptions.get(i)?.startsWith(SHADOW)) shadow++;
      else observed++;
    }
  } else {
    for (const c of model.connections) {
      if (!c.observed) continue;
      if (c.description?.startsWith(SHADOW)) shadow++;
      else observed++;
    }
  }
  return observed + shadow === 0 ? undefined : { observed, shadow, unseen: total - observed - shadow };
}

export function assetDirectory(ctx: PlantContext): AssetDirectoryData {
  const n = ctx.ids.length;
  const idEnds = new Uint32Array(n);
  const nameEnds = new Uint32Array(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    idEnds[i] = a += ctx.ids[i]!.length;
    nameEnds[i] = b += ctx.names[i]!.length;
  }
  // Copies: the context's own columns stay where they are (a transfer would detach them).
  return { count: n, ids: ctx.ids.join(''), idEnds, names: ctx.names.join(''), nameEnds, zone: ctx.graph.nodeZone.slice(), kind: ctx.graph.nodeKind.slice() };
}

/** The assets `scenario` adds or changes (name, zone, kind) against `baseline`. */
export function directoryPatch(baseline: PlantContext, scenario: PlantContext): DirectoryPatch {
  const out: { id: string; name: string; zone: string; kind: AssetKind }[] = [];
  const bz = baseline.model.zones;
  const sz = scenario.model.zones;
  const bg = baseline.graph;
  const sg = scenario.graph;
  for (let v = 0; v < scenario.ids.length; v++) {
    const id = scenario.ids[v]!;
    const w = baseline.ids[v] === id ? v : baseline.index.get(id);
    const zone = sz[sg.nodeZone[v]!]?.id ?? '';
    if (w !== undefined && baseline.names[w] === scenario.names[v] && bz[bg.nodeZone[w]!]?.id === zone && bg.nodeKind[w] === sg.nodeKind[v]) continue;
    out.push({ id, name: scenario.names[v]!, zone, kind: ASSET_KINDS[sg.nodeKind[v]!]! });
  }
  return out;
}

/** The model as a plain object (connections as records), fields in document order: what crosses to the main thread for a small plant. */
export function plainModel(model: PlantModel): PlantModel {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(model)) {
    if (key !== 'connections') out[key] = (model as unknown as Record<string, unknown>)[key];
    else {
      const view = connectionView(model);
      const records: Connection[] = new Array<Connection>(view.count);
      for (let i = 0; i < view.count; i++) records[i] = view.record(i);
      out[key] = records;
    }
  }
  return out as unknown as PlantModel;
}

/** One tile per zone holding assets, in zone order. */
export function zoneTiles(ctx: PlantContext): ZoneTile[] {
  const zones = ctx.model.zones;
  const count = new Int32Array(zones.length);
  const z = ctx.graph.nodeZone;
  for (let v = 0; v < z.length; v++) count[z[v]!]!++;
  const entry = new Uint8Array(zones.length);
  const jewel = new Uint8Array(zones.length);
  for (const v of ctx.entries) entry[z[v]!] = 1;
  for (const v of ctx.jewels) jewel[z[v]!] = 1;
  const out: ZoneTile[] = [];
  zones.forEach((zone, i) => {
    if (count[i]! > 0) out.push({ zone: zone.id, count: count[i]!, entry: entry[i] === 1, jewel: jewel[i] === 1 });
  });
  return out;
}

/**
 * Links between tiles of the collapsed view — zones, or zone groups (layout.ts zoneGroups) where
 * `groups` are drawn closed: connections, trust relations and media hops whose ends lie in
 * different tiles, counted per unordered tile pair — the pairs touching an entry point's or a crown
 * jewel's tile first, then the most linked, at most `max` (pairs met first win ties: connections in
 * record order, then trust, then media). With `open` (a group's id), that group is drawn as its
 * zones and only the pairs with an end among them are counted: what opening it adds.
 */
export function zoneLinks(ctx: PlantContext, max = MAX_ZONE_LINKS, groups: readonly ZoneGroup[] = [], open?: string): ZoneLink[] {
  const { model, graph } = ctx;
  const zones = model.zones.length;
  const ids = model.zones.map((z) => z.id);
  // Tile index of each zone: its own, or its closed group's (zones + the group's index).
  const tileOf = Int32Array.from({ length: zones }, (_, i) => i);
  const index = new Map(ids.map((id, i) => [id, i]));
  const opened = new Uint8Array(zones);
  groups.forEach((g, gi) => {
    ids.push(g.id);
    for (const z of g.zones) {
      const i = index.get(z);
      if (i === undefined) continue;
      if (g.id === open) opened[i] = 1;
      else tileOf[i] = zones + gi;
    }
  });
  const tiles = ids.length;
  const zoneOf = graph.nodeZone;
  const pairs = new Map<number, number>();
  const link = (u: number, v: number) => {
    const zu = zoneOf[u]!;
    const zv = zoneOf[v]!;
    if (open !== undefined && opened[zu] === 0 && opened[zv] === 0) return;
    const a = tileOf[zu]!;
    const b = tileOf[zv]!;
    if (a === b) return;
    const key = a < b ? a * tiles + b : b * tiles + a;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  };
  const cols = connectionColumns(model);
  if (cols) for (let i = 0; i < cols.count; i++) link(cols.from[i]!, cols.to[i]!);
  else for (const c of model.connections) link(ctx.index.get(c.from)!, ctx.index.get(c.to)!);
  for (const t of model.trust ?? []) link(ctx.index.get(t.from)!, ctx.index.get(t.to)!);
  for (const m of model.media ?? []) for (const f of m.from) for (const t of m.to) link(ctx.index.get(f)!, ctx.index.get(t)!);
  const key = new Uint8Array(tiles);
  for (const v of ctx.entries) key[tileOf[zoneOf[v]!]!] = 1;
  for (const v of ctx.jewels) key[tileOf[zoneOf[v]!]!] = 1;
  const ranked = [...pairs].map(([k, n]) => ({ k, n, key: key[Math.floor(k / tiles)]! | key[k % tiles]! }));
  ranked.sort((x, y) => y.key - x.key || y.n - x.n);
  return ranked.slice(0, max).map(({ k, n }) => ({ a: ids[Math.floor(k / tiles)]!, b: ids[k % tiles]!, n }));
}

/** Record indexes (in model order) of the connections, trust relations and media paths with an end at one of `nodes`. */
function recordsAt(ctx: PlantContext, nodes: Iterable<number>): { connections: number[]; trust: number[]; media: number[] } {
  const g = ctx.graph;
  const seen = [new Set<number>(), new Set<number>(), new Set<number>()];
  const take = (e: number) => {
    const kind = g.edgeKind[e]!;
    if (kind === EDGE_NETWORK || kind === EDGE_TRUST || kind === EDGE_MEDIA) seen[kind]!.add(g.edgeRef[e]!);
  };
  for (const v of nodes) {
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) take(e);
    for (let k = g.inOffsets[v]!; k < g.inOffsets[v + 1]!; k++) take(g.inEdges[k]!);
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { connections: sorted(seen[EDGE_NETWORK]!), trust: sorted(seen[EDGE_TRUST]!), media: sorted(seen[EDGE_MEDIA]!) };
}

/** Media paths a node carries (the laptop), besides those it is an end of. */
function mediaCarriedBy(model: PlantModel, id: string): number[] {
  const out: number[] = [];
  (model.media ?? []).forEach((m, i) => {
    if (m.carrier === id) out.push(i);
  });
  return out;
}

/** What a sub-model holds: record indexes into the plant's lists (asset indexes are node indexes). */
interface Records {
  readonly assets: Set<number>;
  readonly connections: readonly number[];
  readonly trust: readonly number[];
  readonly media: readonly number[];
  readonly conduits?: readonly number[];
}

/**
 * A sub-model: the plant's header, the zones its assets lie in (and those named), the records
 * given, every asset they name (in model order), and the entry points, crown jewels and production
 * lines (all of them: small lists the role forms and names need).
 */
function subModel(ctx: PlantContext, r: Records, zonesToo: readonly string[] = [], nameAll = true): PlantModel {
  const { model } = ctx;
  const view = connectionView(model);
  const assets = new Set(r.assets);
  const named = (id: string) => {
    const v = nameAll ? ctx.index.get(id) : undefined;
    if (v !== undefined) assets.add(v);
  };
  const connections = r.connections.map((i) => view.record(i));
  for (const c of connections) {
    named(c.from);
    named(c.to);
    if (c.via) named(c.via);
  }
  const trust = r.trust.map((i) => model.trust![i]!);
  for (const t of trust) {
    named(t.from);
    named(t.to);
  }
  const media = r.media.map((i) => model.media![i]!);
  for (const m of media) {
    m.from.forEach(named);
    m.to.forEach(named);
    if (m.carrier) named(m.carrier);
  }
  const conduits = (r.conduits ?? []).map((i) => model.conduits![i]!);
  for (const c of conduits) c.via?.forEach(named);
  const list = [...assets].sort((a, b) => a - b).map((v) => model.assets[v]!);
  const zoneIds = new Set<string>(zonesToo);
  for (const a of list) {
    zoneIds.add(a.zone);
    a.extraZones?.forEach((z) => zoneIds.add(z));
  }
  for (const c of conduits) c.zones.forEach((z) => zoneIds.add(z));
  return {
    schemaVersion: model.schemaVersion,
    plant: model.plant,
    zones: model.zones.filter((z) => zoneIds.has(z.id)),
    ...(conduits.length ? { conduits } : {}),
    assets: list,
    connections,
    ...(trust.length ? { trust } : {}),
    ...(media.length ? { media } : {}),
    entryPoints: model.entryPoints,
    crownJewels: model.crownJewels,
    ...(model.productionLines ? { productionLines: model.productionLines } : {}),
  };
}

/** One zone opened in place: its assets and the records between them, and its links to the other zones counted. */
export interface ZoneRecords {
  /** The zone's assets, the connections and trust relations between two of them, the media paths with an end in it (no other asset). */
  readonly model: PlantModel;
  /**
   * Its links to other zones: [asset of the zone, other zone, records] per pair, in the order they
   * are first met (connections, trust relations, media hops, each in record order) — a zone holding a
   * hub links to thousands of assets, whose records stay here.
   */
  readonly outward: readonly (readonly [string, string, number])[];
}

export function zoneRecords(ctx: PlantContext, zone: string): ZoneRecords {
  const { model, graph } = ctx;
  const z = model.zones.findIndex((x) => x.id === zone);
  const zoneOf = graph.nodeZone;
  const members = new Set<number>();
  if (z >= 0) for (let v = 0; v < zoneOf.length; v++) if (zoneOf[v] === z) members.add(v);
  const at = recordsAt(ctx, members);
  const outward = new Map<string, [string, string, number]>();
  const inside: { connections: number[]; trust: number[] } = { connections: [], trust: [] };
  const link = (u: number, v: number, within: () => void) => {
    const iu = zoneOf[u] === z;
    const iv = zoneOf[v] === z;
    if (iu && iv) return within();
    const [asset, other] = iu ? [u, v] : [v, u];
    const otherZone = model.zones[zoneOf[other]!]!.id;
    const key = `${asset}\u0000${otherZone}`;
    const held = outward.get(key);
    if (held) held[2]++;
    else outward.set(key, [ctx.ids[asset]!, otherZone, 1]);
  };
  const cols = connectionColumns(model);
  const view = connectionView(model);
  for (const i of at.connections) {
    const [u, v] = cols ? [cols.from[i]!, cols.to[i]!] : [ctx.index.get(view.from(i))!, ctx.index.get(view.to(i))!];
    link(u, v, () => inside.connections.push(i));
  }
  for (const i of at.trust) {
    const t = model.trust![i]!;
    link(ctx.index.get(t.from)!, ctx.index.get(t.to)!, () => inside.trust.push(i));
  }
  for (const i of at.media) {
    const m = model.media![i]!;
    for (const f of m.from) for (const t of m.to) if (f !== t && (members.has(ctx.index.get(f)!) || members.has(ctx.index.get(t)!))) link(ctx.index.get(f)!, ctx.index.get(t)!, () => undefined);
  }
  return { model: subModel(ctx, { assets: members, connections: inside.connections, trust: inside.trust, media: at.media }, z >= 0 ? [zone] : [], false), outward: [...outward.values()] };
}

/** The records of the given assets alone (a chokepoints view's): the assets, their zones, the roles. */
export function assetRecords(ctx: PlantContext, ids: readonly string[]): PlantModel {
  const assets = new Set<number>();
  for (const id of ids) {
    const v = ctx.index.get(id);
    if (v !== undefined) assets.add(v);
  }
  return subModel(ctx, { assets, connections: [], trust: [], media: [] });
}

/** What the asset panel shows of one asset, besides its attack edges. */
export interface AssetDetail {
  /** The records around the asset: it, its first DETAIL_CONNECTIONS connections, its trust relations and media paths, the conduits of its zones, every asset they name, their zones. */
  readonly model: PlantModel;
  /** Its connections, all of them (the model holds the first DETAIL_CONNECTIONS). */
  readonly connections: number;
  /** Per conduit of its zones: the connections it carries, and how many of them the business requires. */
  readonly conduits: Readonly<Record<string, { readonly carried: number; readonly required: number }>>;
}

/** The records around one asset (undefined for an id the plant does not hold). */
export function assetDetail(ctx: PlantContext, id: string): AssetDetail | undefined {
  const v = ctx.index.get(id);
  if (v === undefined) return undefined;
  const { model } = ctx;
  const around = recordsAt(ctx, [v]);
  const asset = model.assets[v]!;
  const zones = new Set([asset.zone, ...(asset.extraZones ?? [])]);
  const conduitIdx: number[] = [];
  (model.conduits ?? []).forEach((c, i) => {
    if (c.zones.some((z) => zones.has(z))) conduitIdx.push(i);
  });
  const media = [...new Set([...around.media, ...mediaCarriedBy(model, id)])].sort((a, b) => a - b);
  // The zones its records name (the panel lists every zone from the outline, which the main thread holds).
  const sub = subModel(ctx, { assets: new Set([v]), connections: around.connections.slice(0, DETAIL_CONNECTIONS), trust: around.trust, media, conduits: conduitIdx });
  const conduits: Record<string, { carried: number; required: number }> = {};
  for (const i of conduitIdx) conduits[model.conduits![i]!.id] = conduitCarried(ctx, i);
  return { model: sub, connections: around.connections.length, conduits };
}

/**
 * The connections a conduit carries (as analysis/scenario.ts conduitConnections: those naming it,
 * or — when it is the only conduit between its two zones — those between the zones naming none),
 * found from the columns without building the records: their positions, and which the business
 * requires.
 */
function conduitConnectionsAt(ctx: PlantContext, conduit: number): { at: number[]; required: number } {
  const { model, graph } = ctx;
  const cd = model.conduits![conduit]!;
  const same = (a: readonly string[], b: readonly string[]) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);
  const alone = (model.conduits ?? []).filter((c) => same(c.zones, cd.zones)).length === 1;
  const z1 = model.zones.findIndex((z) => z.id === cd.zones[0]);
  const z2 = model.zones.findIndex((z) => z.id === cd.zones[1]);
  const zoneOf = graph.nodeZone;
  const at: number[] = [];
  let required = 0;
  const count = (i: number, named: number, from: number, to: number, req: boolean) => {
    const hit = named >= 0 ? named === conduit : named === -1 && alone && ((zoneOf[from] === z1 && zoneOf[to] === z2) || (zoneOf[from] === z2 && zoneOf[to] === z1));
    if (!hit) return;
    at.push(i);
    if (req) required++;
  };
  const cols = connectionColumns(model);
  if (cols) {
    const req = (i: number) => ((cols.bools[i]! >> boolShift(F_REQUIRED)) & 3) === 3;
    for (let i = 0; i < cols.count; i++) count(i, cols.conduit?.[i] ?? -1, cols.from[i]!, cols.to[i]!, req(i));
  } else {
    const index = new Map((model.conduits ?? []).map((c, i) => [c.id, i]));
    model.connections.forEach((c, i) => count(i, c.conduit === undefined ? -1 : (index.get(c.conduit) ?? -2), ctx.index.get(c.from)!, ctx.index.get(c.to)!, c.required === true));
  }
  return { at, required };
}

function conduitCarried(ctx: PlantContext, conduit: number): { carried: number; required: number } {
  const { at, required } = conduitConnectionsAt(ctx, conduit);
  return { carried: at.length, required };
}

/** Positions of the connections with these ids, found in the id columns without building every id string. */
export function connectionsById(model: PlantModel, ids: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  if (ids.size === 0) return out;
  const cols = connectionColumns(model);
  if (!cols) {
    model.connections.forEach((c, i) => {
      if (ids.has(c.id)) out.set(c.id, i);
    });
    return out;
  }
  const byLength = new Map<number, string[]>();
  for (const id of ids) byLength.set(id.length, [...(byLength.get(id.length) ?? []), id]);
  for (let i = 0; i < cols.count && out.size < ids.size; i++) {
    const start = cols.idOffsets[i]!;
    const wanted = byLength.get(cols.idOffsets[i + 1]! - start);
    if (!wanted) continue;
    for (const id of wanted) if (sameChars(cols, start, id)) out.set(id, i);
  }
  return out;
}

function sameChars(cols: ConnectionColumns, start: number, id: string): boolean {
  for (let k = 0; k < id.length; k++) if (cols.idChars[start + k] !== id.charCodeAt(k)) return false;
  return true;
}

/**
 * The records some ids name, as a sub-model: the assets, connections, trust relations, media
 * paths and conduits with these ids (and the assets they name), for texts that name them.
 */
export function namedRecords(ctx: PlantContext, ids: ReadonlySet<string>): PlantModel {
  const { model } = ctx;
  const assets = new Set<number>();
  for (const id of ids) {
    const v = ctx.index.get(id);
    if (v !== undefined) assets.add(v);
  }
  const pick = <T extends { id: string }>(list: readonly T[] | undefined) => (list ?? []).flatMap((x, i) => (ids.has(x.id) ? [i] : []));
  const conduits = pick(model.conduits);
  // A conduit's text counts the connections it carries: they come along.
  const connections = new Set(connectionsById(model, ids).values());
  for (const c of conduits) for (const i of conduitConnectionsAt(ctx, c).at) connections.add(i);
  const zones = model.zones.filter((z) => ids.has(z.id)).map((z) => z.id);
  return subModel(ctx, { assets, connections: [...connections].sort((a, b) => a - b), trust: pick(model.trust), media: pick(model.media), conduits }, zones);
}

/** Every string an edit holds (ids among them), for the records its text names. */
export function stringsIn(x: unknown, into = new Set<string>()): Set<string> {
  if (typeof x === 'string') into.add(x);
  else if (Array.isArray(x)) for (const y of x) stringsIn(y, into);
  else if (x && typeof x === 'object') for (const y of Object.values(x)) stringsIn(y, into);
  return into;
}

/**
 * `base`, or `base-2`, `base-3`… whichever no connection, trust relation or media path of the
 * plant uses (one id space): found in one pass over the id columns.
 */
export function freeRecordId(model: PlantModel, base: string): string {
  const taken = new Set<string>();
  const consider = (id: string) => {
    if (id === base || (id.startsWith(`${base}-`) && /^\d+$/.test(id.slice(base.length + 1)))) taken.add(id);
  };
  const cols = connectionColumns(model);
  if (cols) {
    for (let i = 0; i < cols.count; i++) {
      const start = cols.idOffsets[i]!;
      const len = cols.idOffsets[i + 1]! - start;
      if (len < base.length || !prefixChars(cols, start, base)) continue;
      let s = '';
      for (let k = 0; k < len; k++) s += String.fromCharCode(cols.idChars[start + k]!);
      consider(s);
    }
  } else for (const c of model.connections) consider(c.id);
  for (const t of model.trust ?? []) consider(t.id);
  for (const m of model.media ?? []) consider(m.id);
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  return id;
}

function prefixChars(cols: ConnectionColumns, start: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) if (cols.idChars[start + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

/** What the main thread holds of a scenario: its outline, its changes to the asset directory, its edits in words. */
export function scenarioShown(baseline: PlantContext, scenario: PlantContext, edits: readonly ScenarioEdit[]): ScenarioShown {
  const ids = stringsIn(edits);
  const now = namedRecords(scenario, ids);
  const before = namedRecords(baseline, ids);
  return { outline: plantOutline(scenario), patch: directoryPatch(baseline, scenario), edits: edits.map((e) => describeEdit(e, now, before)) };
}

/** The edit at `index` in words, against the plant as loaded (undefined when there is no such edit, or it cannot be read). */
export function refusedEditText(baseline: PlantContext, edits: readonly ScenarioEdit[], index: number): string | undefined {
  const e = index >= 0 ? edits[index] : undefined;
  if (e === undefined) return undefined;
  const named = namedRecords(baseline, stringsIn(e));
  return describeEdit(e, named, named);
}
