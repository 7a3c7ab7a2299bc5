// The plant as cytoscape element definitions (pure: model + layout → plain objects, no cytoscape
// at run time): zones as boxes holding their assets, or for large plants the collapsed zone graph
// (one tile per zone sized by its asset count, the strongest zone-to-zone links — counted by the
// analysis worker, session/plant-view.ts), or the chokepoints view (the assets on attack paths and
// the attack edges between them). The model is never changed to drive the picture; overlays and
// filters act on these elements later (look.ts). Names are not drawn on the canvas: the label
// layer (labels.ts) writes them as page text.
import type { ElementDefinition } from 'cytoscape';
import type { ChokepointView } from '../../analysis/chokepoint-view';
import { tileSize, type GraphLayout, type ZoneGroup } from '../../analysis/layout';
import type { RecordAttack } from '../../analysis/record-attacks';
import type { Connection, PlantModel, Zone } from '../../model/schema';
import { MAX_ZONE_LINKS, type ZoneLink, type ZoneTile } from '../../session/plant-view';
import { heatColour } from '../overlay';
import { KIND_SHAPE } from './style';

/** Element id of an asset's node. Ids are built here only; what a node stands for is in its data. */
export const assetNodeId = (asset: string): string => `asset:${asset}`;
/** Element id of a zone's node (a box in the full view, a tile in the collapsed one). */
export const zoneNodeId = (zone: string): string => `zone:${zone}`;

/** An attack step an edge carries: the attacker holds `from` and takes `to`. */
export interface EdgeStep {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  readonly techniqueName: string;
  readonly likelihood: number;
}

/** The element data the look, the filters, the labels, the tooltips and the events read (besides what the stylesheet maps). */
export interface ElementData {
  readonly id: string;
  /** Edges: the element ids of their ends. */
  readonly source?: string;
  readonly target?: string;
  /** Asset nodes: the asset's id. */
  readonly asset?: string;
  /** Asset and zone nodes: the zone's id. */
  readonly zone?: string;
  /** Zone boxes that hold asset nodes (full and chokepoints views). */
  readonly container?: boolean;
  /** Assets: the asset kind. */
  readonly kind?: string;
  readonly level?: number;
  /** Assets, zone boxes and tiles: the name shown. */
  readonly name?: string;
  /** Assets: their zone's name. */
  readonly zoneName?: string;
  /** Zone boxes and tiles: SL-T and SL-A. */
  readonly slTarget?: number;
  readonly slAchieved?: number;
  /** Zone tiles: assets in the zone (a group's tile: in its zones); their size on the canvas. */
  readonly count?: number;
  /** A zone group's tile (layout.ts zoneGroups): how many zones it stands for, and its site's name (its label). */
  readonly zones?: number;
  readonly site?: string;
  /** A zone group's tile or opened box: the ids of its zones (the zone filter shows it for any of them). */
  readonly members?: readonly string[];
  /** Compound children: the element id of the box holding them. */
  readonly parent?: string;
  readonly width?: number;
  readonly height?: number;
  /** Zone-to-zone links: how many connections, trust relations and media hops they stand for. */
  readonly weight?: number;
  /** Chokepoints view: rank in the minimum cut (1 = harden first), risk removed if hardened alone. */
  readonly rank?: number;
  readonly riskRemoved?: number;
  /** Chokepoints view: the colour and size of the risk removed (relative to the largest). */
  readonly heatColour?: string;
  readonly size?: number;
  /** Edges: what they are in the model ("Modbus/TCP 502", "domain trust", "removable media"). */
  readonly what?: string;
  /** Attack edges (chokepoints view): the step's likelihood. */
  readonly likelihood?: number;
  /** Edges: the attack steps they carry (most likely per direction). */
  readonly steps?: readonly EdgeStep[];
}

/**
 * How a connection relates to captured traffic, once the plant holds any: seen (observed: true),
 * seen but not modeled (a shadow flow merged in from a capture, described "observed, not modeled"),
 * or modeled and never seen.
 */
export type Observation = 'observed' | 'shadow' | 'unseen';
export function observationOf(c: Connection, observing: boolean): Observation | undefined {
  if (c.observed) return c.description?.startsWith('observed, not modeled') ? 'shadow' : 'observed';
  return observing ? 'unseen' : undefined;
}

type Positions = ReadonlyMap<string, { x: number; y: number }>;

/** The layout's positions by id (asset ids, or zone ids when collapsed). */
export function positionsOf(layout: GraphLayout): Positions {
  return new Map(layout.positions.map(([id, x, y]) => [id, { x, y }]));
}

const at = (positions: Positions, id: string) => ({ ...(positions.get(id) ?? { x: 0, y: 0 }) });

/**
 * The element an asset is drawn as: its own node, or in the collapsed view (given the zone each
 * asset lies in: the asset directory's) its zone's tile. Overlays name assets; this is how they
 * find them on the graph.
 */
export function assetElements(zoneOf?: (asset: string) => string | undefined): (asset: string) => string {
  if (!zoneOf) return assetNodeId;
  return (asset) => zoneNodeId(zoneOf(asset) ?? '');
}

/** Steps by record ("network:3"), from the layout's record attacks. */
function stepsByRecord(attack: readonly RecordAttack[] | undefined): Map<string, EdgeStep[]> {
  const out = new Map<string, EdgeStep[]>();
  for (const a of attack ?? []) {
    const key = `${a.kind}:${a.ref}`;
    const step: EdgeStep = { from: a.from, to: a.to, technique: a.technique, techniqueName: a.techniqueName, likelihood: a.likelihood };
    const list = out.get(key);
    if (list) list.push(step);
    else out.set(key, [step]);
  }
  return out;
}

/** Zone box data: name, level and security levels (the label layer titles the box with them). */
function zoneBox(z: PlantModel['zones'][number]): ElementDefinition {
  return {
    group: 'nodes',
    data: { id: zoneNodeId(z.id), zone: z.id, container: true, name: z.name, level: z.purdueLevel, slTarget: z.slTarget, slAchieved: z.slAchieved },
  };
}

/** An asset's node: shape by kind, class `entry` / `jewel` (and any extra classes), in its zone's box. */
function assetNode(a: PlantModel['assets'][number], zones: ReadonlyMap<string, PlantModel['zones'][number]>, position: { x: number; y: number }, classes: string, extra: Partial<ElementData> = {}): ElementDefinition {
  const zone = zones.get(a.zone);
  return {
    group: 'nodes',
    data: { id: assetNodeId(a.id), parent: zoneNodeId(a.zone), name: a.name, kind: a.kind, level: zone?.purdueLevel, zoneName: zone?.name ?? a.zone, shape: KIND_SHAPE[a.kind] ?? 'ellipse', asset: a.id, zone: a.zone, ...extra },
    position,
    classes,
  };
}

/**
 * The full view: each zone holding assets a box (compound node, with its name, level and SL-T /
 * SL-A in data), each asset a node inside it at its layout position (shape by kind, class `entry`
 * / `jewel`), one edge per connection (`network`, plus `observed` / `shadow` / `unseen` once the
 * plant holds captured traffic), trust relation (`trust`) and removable-media hop (`media`, from
 * each `from` to each other `to`); one-way edges are `directed`, media always. Edges say what they
 * are (`what`) and carry the attack steps the layout's record attacks give them (`steps`).
 */
export function toElements(model: PlantModel, layout: GraphLayout): ElementDefinition[] {
  const positions = positionsOf(layout);
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  const zones = new Map(model.zones.map((z) => [z.id, z]));
  const els: ElementDefinition[] = [];
  const usedZones = new Set(model.assets.map((a) => a.zone));
  for (const z of model.zones) if (usedZones.has(z.id)) els.push(zoneBox(z));
  for (const a of model.assets) {
    const classes = [entries.has(a.id) ? 'entry' : '', jewels.has(a.id) ? 'jewel' : ''].filter(Boolean).join(' ');
    els.push(assetNode(a, zones, at(positions, a.id), classes));
  }
  const steps = stepsByRecord(layout.attack);
  const edge = (kind: string, key: string, from: string, to: string, directed: boolean, what: string, record: string) => {
    const carried = steps.get(record)?.filter((s) => (s.from === from && s.to === to) || (s.from === to && s.to === from));
    els.push({
      group: 'edges',
      data: { id: key, source: assetNodeId(from), target: assetNodeId(to), what, ...(carried?.length ? { steps: carried } : {}) },
      classes: `${kind}${directed ? ' directed' : ''}`,
    });
  };
  const observing = model.connections.some((c) => c.observed);
  model.connections.forEach((c, i) => {
    const seen = observationOf(c, observing);
    const what = `${c.protocol}${c.port !== undefined ? ` ${c.port}` : ''}${c.direction === 'one-way' ? ', one-way' : ''}${seen === 'shadow' ? ', seen, not modeled' : seen === 'observed' ? ', seen in traffic' : ''}`;
    edge(seen ? `network ${seen}` : 'network', `c${i}`, c.from, c.to, c.direction === 'one-way', what, `network:${i}`);
  });
  (model.trust ?? []).forEach((t, i) => edge('trust', `t${i}`, t.from, t.to, t.direction === 'one-way', t.kind.replace(/-/g, ' '), `trust:${i}`));
  (model.media ?? []).forEach((m, i) =>
    m.from.forEach((f, j) => m.to.forEach((t, k) => f !== t && edge('media', `m${i}.${j}.${k}`, f, t, true, `${m.kind.replace(/-/g, ' ')}${m.name ? ` (${m.name})` : ''}`, `media:${i}`))),
  );
  return els;
}

/**
 * The chokepoints view: only the assets on attack paths the view shows, in their zone boxes at the
 * view's layout, entry points and jewels classed as in the full view, the minimum cut `cut` (its
 * rank in data), dominators `dominator`, every asset with a risk removed coloured and sized by it
 * (`heat`, data `size`, relative to the largest), and the attack edges between them (`attack directed`, `main` on the
 * most likely path to some jewel) with their technique and likelihood.
 */
export function chokepointElements(model: PlantModel, view: ChokepointView): ElementDefinition[] {
  const positions = positionsOf(view.layout);
  const shown = new Set(view.assets);
  const entries = new Set(view.entries);
  const jewels = new Set(view.jewels);
  const dominators = new Set(view.dominators);
  const rank = new Map(view.cut.map((c) => [c.id, c]));
  const removed = new Map(view.riskRemoved);
  const max = Math.max(0, ...view.riskRemoved.map(([, v]) => v));
  const zones = new Map(model.zones.map((z) => [z.id, z]));
  const els: ElementDefinition[] = [];
  const assets = model.assets.filter((a) => shown.has(a.id));
  const usedZones = new Set(assets.map((a) => a.zone));
  for (const z of model.zones) if (usedZones.has(z.id)) els.push(zoneBox(z));
  for (const a of assets) {
    const cut = rank.get(a.id);
    const r = removed.get(a.id) ?? 0;
    const classes = [entries.has(a.id) && 'entry', jewels.has(a.id) && 'jewel', cut && 'cut', dominators.has(a.id) && 'dominator', r > 0 && max > 0 && 'heat'].filter(Boolean).join(' ');
    // Sized and coloured by the risk it removes if hardened (relative to the largest).
    const extra: Partial<ElementData> = {
      ...(cut ? { rank: cut.rank } : {}),
      ...(r > 0 ? { riskRemoved: r } : {}),
      ...(r > 0 && max > 0 ? { heatColour: heatColour(r / max), size: Math.round(22 + 22 * Math.sqrt(r / max)) } : {}),
    };
    els.push(assetNode(a, zones, at(positions, a.id), classes, extra));
  }
  view.edges.forEach((e, i) =>
    els.push({
      group: 'edges',
      data: { id: `a${i}`, source: assetNodeId(e.from), target: assetNodeId(e.to), what: 'attack step', likelihood: e.likelihood, steps: [{ from: e.from, to: e.to, technique: e.technique, techniqueName: e.techniqueName, likelihood: e.likelihood }] },
      classes: `attack directed${e.main ? ' main' : ''}`,
    }),
  );
  return els;
}

/** Most zone-to-zone links drawn in the collapsed view. */
export const MAX_COLLAPSED_LINKS = MAX_ZONE_LINKS;

/**
 * The collapsed view of a large plant: one tile per zone holding assets (`zone-node`, its name and
 * asset count in data, sized by the count (layout.ts tileSize), `entry` / `jewel` when it holds an
 * entry point / crown jewel) at the layout's zone position, and one undirected `network` edge per
 * linked zone pair the worker kept (session/plant-view.ts zoneLinks: connections, trust and media
 * between different zones, counted in data `weight`; the pairs touching an entry or jewel zone
 * first, then the most linked).
 */
export function tileElements(
  zones: readonly Zone[],
  layout: GraphLayout,
  tiles: readonly ZoneTile[],
  links: readonly ZoneLink[],
  groups?: { readonly closed: ReadonlyMap<string, ZoneGroup>; readonly opened?: ZoneGroup | undefined },
): ElementDefinition[] {
  const positions = positionsOf(layout);
  const byId = new Map(zones.map((z) => [z.id, z]));
  const els: ElementDefinition[] = [];
  // A group opened in place: a box (`container`) holding its zones' tiles.
  const opened = groups?.opened;
  const inOpened = new Set(opened?.zones);
  if (opened) els.push({ group: 'nodes', data: { id: zoneNodeId(opened.id), zone: opened.id, container: true, name: opened.name, level: opened.level, members: opened.zones } });
  for (const t of tiles) {
    const g = groups?.closed.get(t.zone);
    const z = g ? undefined : byId.get(t.zone);
    if (!g && !z) continue;
    const classes = ['zone-node', g ? 'zone-group' : '', t.entry ? 'entry' : '', t.jewel ? 'jewel' : ''].filter(Boolean).join(' ');
    const { width, height } = tileSize(t.count);
    const data: ElementData & { readonly shape: string } = g
      ? { id: zoneNodeId(g.id), name: g.name, site: g.site, count: t.count, zones: g.zones.length, members: g.zones, level: g.level, shape: 'round-rectangle', zone: g.id, width, height }
      : { id: zoneNodeId(z!.id), name: z!.name, count: t.count, level: z!.purdueLevel, slTarget: z!.slTarget, slAchieved: z!.slAchieved, shape: 'round-rectangle', zone: z!.id, width, height, ...(inOpened.has(z!.id) ? { parent: zoneNodeId(opened!.id) } : {}) };
    els.push({ group: 'nodes', data, position: at(positions, t.zone), classes });
  }
  links.forEach(({ a: x, b: y, n }, i) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    els.push({ group: 'edges', data: { id: `zl${i}`, source: zoneNodeId(a), target: zoneNodeId(b), weight: n, what: `${n.toLocaleString('en')} link${n === 1 ? '' : 's'} between the zones` }, classes: 'network' });
  });
  return els;
}
