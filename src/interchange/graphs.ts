// The plant and its derived attack graph as graphology graphs — graphology's job in TwinPath is
// interchange: its JSON serialization, GEXF (graphology-gexf) and GraphML (graphml.ts) for Gephi,
// yEd, Cytoscape desktop and sigma.js. Attributes are flat scalars those tools can show and filter
// on (label, kind, zone, Purdue level, colour, size…); the graphology JSON of the plant also keeps
// each record whole (`asset`, `connection`, `trust`, and the rest of the model on the graph), so
// importGraphology (graphology-import.ts) can read it back into the same model.
import Graph from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import { explainEdge } from '../analysis/attack-graph';
import type { PlantContext } from '../analysis/context';
import { connectionView } from '../model/connections';
import type { Asset, PlantModel, PurdueLevel } from '../model/schema';

/** A graph attribute value the XML formats can hold: text, a number or a truth value. */
export type Scalar = string | number | boolean;

/** graphology's serialization format (graph.export() / Graph.from()). */
export interface GraphologyJson {
  readonly attributes: Record<string, unknown>;
  readonly options: { readonly type: 'mixed' | 'directed' | 'undirected'; readonly multi: boolean; readonly allowSelfLoops: boolean };
  readonly nodes: readonly { readonly key: string; readonly attributes?: Record<string, unknown> }[];
  readonly edges: readonly { readonly key?: string; readonly source: string; readonly target: string; readonly attributes?: Record<string, unknown>; readonly undirected?: boolean }[];
}

export type GraphKind = 'plant' | 'attack';

/**
 * A graphology graph, typed by graphology-types' AbstractGraph (graphology's own declarations are
 * read as CommonJS by `moduleResolution: node16/nodenext`, where its default export is no type).
 */
export type InterchangeGraph = AbstractGraph;

export interface GraphOptions {
  /**
   * Keep each model record whole beside the flat attributes (graphology JSON of the plant, read
   * back by importGraphology). The XML formats hold scalars only: false there.
   */
  readonly records?: boolean;
}

/** The attributes of an asset node: identical in the plant and the attack graph. */
const PALETTE: Readonly<Record<string, string>> = {
  '0': '#8c564b', '1': '#1f77b4', '2': '#17becf', '3': '#2ca02c', '3.5': '#9467bd', '4': '#7f7f7f', '5': '#bcbd22',
};
const ENTRY_COLOR = '#d62728';
const JEWEL_COLOR = '#e0a800';

/** Words of a list, space-separated (ids, CVEs and control names hold no space). */
const words = (xs: readonly string[] | undefined) => (xs ?? []).join(' ');

function assetAttributes(a: Asset, zone: { name: string; purdueLevel: PurdueLevel } | undefined, entry: boolean, jewel: boolean): Record<string, Scalar> {
  const vulns = a.vulnerabilities ?? [];
  const open = vulns.filter((v) => !v.patched);
  const attrs: Record<string, Scalar> = {
    label: a.name,
    kind: a.kind,
    zone: a.zone,
    zoneName: zone?.name ?? a.zone,
    purdueLevel: zone?.purdueLevel ?? -1,
    entryPoint: entry,
    crownJewel: jewel,
    unpatchedCves: open.length,
    kevCves: open.filter((v) => v.kev).length,
    color: jewel ? JEWEL_COLOR : entry ? ENTRY_COLOR : (PALETTE[String(zone?.purdueLevel)] ?? '#999999'),
    size: jewel ? 12 : entry ? 10 : 6,
  };
  if (a.vendor !== undefined) attrs.vendor = a.vendor;
  if (a.product !== undefined) attrs.product = a.product;
  if (a.firmware !== undefined) attrs.firmware = a.firmware;
  if (a.os !== undefined) attrs.os = a.os;
  if (open.length) attrs.cves = words(open.map((v) => v.cve));
  if (a.controls?.length) attrs.controls = words(a.controls);
  if (a.extraZones?.length) attrs.extraZones = words(a.extraZones);
  if (a.addresses?.length) attrs.addresses = words(a.addresses);
  return attrs;
}

function addAssets(g: InterchangeGraph, model: PlantModel, records: boolean): void {
  const zones = new Map(model.zones.map((z) => [z.id, z]));
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  for (const a of model.assets) {
    const attrs: Record<string, unknown> = assetAttributes(a, zones.get(a.zone), entries.has(a.id), jewels.has(a.id));
    if (records) attrs.asset = a;
    g.addNode(a.id, attrs);
  }
}

/** What the XML formats show of a graph: its name and where it came from. */
function graphAttributes(model: PlantModel, kind: GraphKind): Record<string, Scalar> {
  return {
    name: `${model.plant.name} — ${kind === 'plant' ? 'plant graph' : 'attack graph'}`,
    plant: model.plant.id,
    // Not `graph`: GEXF writes graph attributes as <meta> elements, and a <graph> there would be read as the graph.
    graphKind: kind,
    creator: 'TwinPath',
  };
}

/**
 * The plant as a mixed multigraph: assets as nodes; connections and trust relations as edges
 * (undirected when "both"); each media path as one directed edge per from × to pair.
 */
export function plantGraph(model: PlantModel, options: GraphOptions = {}): InterchangeGraph {
  const records = options.records ?? false;
  const g = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  g.replaceAttributes(graphAttributes(model, 'plant'));
  if (records) {
    // The rest of the model (plant, zones, conduits, media, entry points, crown jewels, lines).
    // (Keys, not destructuring: reading `connections` would build a million records on a large plant.)
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(model) as (keyof PlantModel)[]) if (key !== 'assets' && key !== 'connections' && key !== 'trust') rest[key] = model[key];
    // Trust relations travel as edges; an empty list still says the model had one.
    if (model.trust !== undefined) rest.trust = [];
    g.setAttribute('model', rest);
  }
  addAssets(g, model, records);
  const conns = connectionView(model);
  for (let i = 0; i < conns.count; i++) {
    const c = conns.record(i);
    const attrs: Record<string, unknown> = { edgeKind: 'network', record: c.id, label: c.protocol, protocol: c.protocol, direction: c.direction };
    if (c.port !== undefined) attrs.port = c.port;
    if (c.transport !== undefined) attrs.transport = c.transport;
    if (c.authenticated !== undefined) attrs.authenticated = c.authenticated;
    if (c.encrypted !== undefined) attrs.encrypted = c.encrypted;
    if (c.observed !== undefined) attrs.observed = c.observed;
    if (c.likelihood !== undefined) attrs.likelihood = c.likelihood;
    if (records) attrs.connection = c;
    if (c.direction === 'both') g.addUndirectedEdgeWithKey(c.id, c.from, c.to, attrs);
    else g.addDirectedEdgeWithKey(c.id, c.from, c.to, attrs);
  }
  for (const t of model.trust ?? []) {
    const attrs: Record<string, unknown> = { edgeKind: 'trust', record: t.id, label: t.kind, trustKind: t.kind, direction: t.direction };
    if (t.likelihood !== undefined) attrs.likelihood = t.likelihood;
    if (records) attrs.trust = t;
    if (t.direction === 'both') g.addUndirectedEdgeWithKey(t.id, t.from, t.to, attrs);
    else g.addDirectedEdgeWithKey(t.id, t.from, t.to, attrs);
  }
  for (const m of model.media ?? []) {
    for (const f of m.from) {
      for (const t of m.to) {
        if (f === t) continue;
        const attrs: Record<string, unknown> = { edgeKind: 'media', record: m.id, label: m.name ?? m.kind, mediaKind: m.kind };
        if (m.likelihood !== undefined) attrs.likelihood = m.likelihood;
        g.addDirectedEdge(f, t, attrs);
      }
    }
  }
  return g;
}

/** The id of the model record an attack edge comes from. */
function recordId(model: PlantModel, kind: 'network' | 'trust' | 'media', index: number): string {
  if (kind === 'network') return connectionView(model).id(index);
  if (kind === 'trust') return model.trust![index]!.id;
  return model.media![index]!.id;
}

/** The derived attack graph as a directed multigraph: every edge with its likelihood, technique, rule, why and provenance. */
export function attackGraph(ctx: PlantContext): InterchangeGraph {
  const { model } = ctx;
  const g = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  g.replaceAttributes(graphAttributes(model, 'attack'));
  addAssets(g, model, false);
  const names = { node: (v: number) => ctx.names[v]! };
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    const x = explainEdge(ctx.graph, ctx.attack, e, names);
    g.addDirectedEdge(ctx.ids[ctx.attack.edgeSource[e]!]!, ctx.ids[ctx.attack.edgeTarget[e]!]!, {
      label: `${x.technique} ${x.techniqueName}`,
      likelihood: x.likelihood,
      weight: x.likelihood,
      technique: x.technique,
      techniqueName: x.techniqueName,
      rule: x.rule,
      why: x.why,
      provenance: x.provenance,
      sourceKind: x.source.kind,
      sourceRecord: recordId(model, x.source.kind, x.source.index),
    });
  }
  return g;
}

/** graphology's JSON of a graph (graph.export()). */
export function graphologyJson(g: InterchangeGraph): GraphologyJson {
  return g.export() as unknown as GraphologyJson;
}
