// How a plant model lives in Neo4j (documented in docs/neo4j.md): one node per zone, conduit,
// asset, media path, entry point, crown jewel and production line; relationships for
// connections, trust, media use, zone membership, vulnerabilities and the derived attack graph.
// Every node of a plant carries `plantId` and `version`: a push writes a new version beside the
// current one and flips the pointer on the `:Plant` node in one small transaction at the end, so
// a failed push leaves the previous version intact and readers never see a half-written plant.
//
// This file is the mapping only (model ⇄ rows, Cypher text); it does not talk to a server.
import type { AttackGraph } from '../../analysis/attack-graph';
import { techniqueOf } from '../../analysis/attack-graph';
import { PROVENANCES, RULES } from '../../analysis/rules';
import { PlantModelSchema, type Asset, type Connection, type PlantModel, type ProductionLine, type Vulnerability } from '../../model/schema';

/** Graph-schema version written on every `:Plant` node. */
export const GRAPH_SCHEMA_VERSION = 1;

/** Rows per UNWIND batch. */
export const BATCH_ROWS = 10_000;

/** Constraints and indexes, created idempotently before every push. */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT twinpath_plant_id IF NOT EXISTS FOR (p:Plant) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT twinpath_zone_key IF NOT EXISTS FOR (n:Zone) REQUIRE (n.plantId, n.version, n.id) IS UNIQUE',
  'CREATE CONSTRAINT twinpath_conduit_key IF NOT EXISTS FOR (n:Conduit) REQUIRE (n.plantId, n.version, n.id) IS UNIQUE',
  'CREATE CONSTRAINT twinpath_asset_key IF NOT EXISTS FOR (n:Asset) REQUIRE (n.plantId, n.version, n.id) IS UNIQUE',
  'CREATE CONSTRAINT twinpath_media_key IF NOT EXISTS FOR (n:Media) REQUIRE (n.plantId, n.version, n.id) IS UNIQUE',
  'CREATE CONSTRAINT twinpath_line_key IF NOT EXISTS FOR (n:ProductionLine) REQUIRE (n.plantId, n.version, n.id) IS UNIQUE',
  'CREATE CONSTRAINT twinpath_cve_id IF NOT EXISTS FOR (c:CVE) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX twinpath_entry_version IF NOT EXISTS FOR (n:EntryPoint) ON (n.plantId, n.version)',
  'CREATE INDEX twinpath_jewel_version IF NOT EXISTS FOR (n:CrownJewel) ON (n.plantId, n.version)',
  'CREATE CONSTRAINT twinpath_lease_key IF NOT EXISTS FOR (l:VersionLease) REQUIRE (l.plantId, l.version) IS UNIQUE',
];

/**
 * The states of a `:VersionLease`, the marker every version that is not current carries while
 * someone works on it: `writing` (a push is writing it), `abandoned` (a push gave up on it, or a
 * clean-up took it over from a push that stopped renewing), `removing` (a replaced version being
 * deleted). Only a `writing` version can be made current.
 */
export type LeaseState = 'writing' | 'abandoned' | 'removing';

/** Labels whose nodes belong to one version of one plant (deleted with it). */
export const VERSIONED_LABELS = ['Asset', 'Zone', 'Conduit', 'Media', 'EntryPoint', 'CrownJewel', 'ProductionLine'] as const;

/** The optional top-level arrays: which of them the pushed model had, so a pull gives back the same keys. */
const OPTIONAL_ARRAYS = ['conduits', 'trust', 'media', 'productionLines'] as const;

export type Props = Record<string, string | number | boolean | readonly string[] | readonly number[]>;
export interface Row {
  readonly props: Props;
  readonly [k: string]: unknown;
}

/** Drops undefined values: Neo4j has no undefined, and an absent key must stay absent. */
function props(o: Record<string, unknown>, ord: number): Props {
  const out: Props = { ord };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v as Props[string];
  return out;
}

export interface PlantRows {
  readonly plant: Props;
  readonly zones: Row[];
  readonly conduits: Row[];
  readonly assets: Row[];
  readonly vulnerabilities: Row[];
  readonly connections: Row[];
  readonly trust: Row[];
  readonly media: Row[];
  readonly mediaUses: Row[];
  readonly entryPoints: Row[];
  readonly crownJewels: Row[];
  readonly productionLines: Row[];
  readonly lineNeeds: Row[];
}

/** The model as rows for UNWIND batches. */
export function modelToRows(m: PlantModel): PlantRows {
  const present = OPTIONAL_ARRAYS.filter((k) => m[k] !== undefined);
  const plant = props(
    {
      ...m.plant,
      schemaVersion: m.schemaVersion,
      schemaRef: m.$schema,
      graphSchemaVersion: GRAPH_SCHEMA_VERSION,
      present: [...present],
      assetCount: m.assets.length,
      connectionCount: m.connections.length,
    },
    0,
  );
  const vulnerabilities: Row[] = [];
  const assets = m.assets.map((a, i) => {
    const { vulnerabilities: vulns, services, ...rest } = a;
    vulns?.forEach((v, j) => {
      const { cve, ...vrest } = v;
      vulnerabilities.push({ asset: a.id, cve, props: props(vrest, j) });
    });
    return { props: props({ ...rest, servicesJson: services ? JSON.stringify(services) : undefined, hasVulnerabilities: vulns ? true : undefined }, i) };
  });
  const media: Row[] = [];
  const mediaUses: Row[] = [];
  (m.media ?? []).forEach((x, i) => {
    const { from, to, ...rest } = x;
    media.push({ props: props(rest, i) });
    from.forEach((a, j) => mediaUses.push({ media: x.id, asset: a, rel: 'WRITTEN_AT', props: { ord: j } }));
    to.forEach((a, j) => mediaUses.push({ media: x.id, asset: a, rel: 'PLUGGED_INTO', props: { ord: j } }));
  });
  const lineNeeds: Row[] = [];
  const productionLines = (m.productionLines ?? []).map((l, i) => {
    const { groups, ...rest } = l;
    groups.forEach((g, gi) => g.assets.forEach((a, j) => lineNeeds.push({ line: l.id, asset: a, props: { ord: j, group: g.name, groupOrd: gi } })));
    return { props: props({ ...rest, groupCount: groups.length }, i) };
  });
  return {
    plant,
    zones: m.zones.map((z, i) => ({ props: props(z, i) })),
    conduits: (m.conduits ?? []).map((c, i) => ({ props: props(c, i) })),
    assets,
    vulnerabilities,
    connections: m.connections.map((c, i) => ({ from: c.from, to: c.to, props: props(c, i) })),
    trust: (m.trust ?? []).map((t, i) => ({ from: t.from, to: t.to, props: props(t, i) })),
    media,
    mediaUses,
    entryPoints: m.entryPoints.map((e, i) => ({ props: props(e, i) })),
    crownJewels: m.crownJewels.map((j, i) => ({ props: props({ asset: j.asset, ...prefixed(j.impact) }, i) })),
    productionLines,
    lineNeeds,
  };
}

function prefixed(impact: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(impact)) out[`impact${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
  return out;
}

function unprefixed(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (k.startsWith('impact') && k.length > 6) out[`${k[6]!.toLowerCase()}${k.slice(7)}`] = v;
  return out;
}

/** Attack-graph edges (materialized at push time by the same rules as the app) as rows. */
export function attackRows(ag: AttackGraph, ids: readonly string[], start: number, end: number): Row[] {
  const rows: Row[] = [];
  for (let e = start; e < end; e++) {
    rows.push({
      from: ids[ag.edgeSource[e]!]!,
      to: ids[ag.edgeTarget[e]!]!,
      props: {
        ord: e,
        likelihood: ag.likelihood[e]!,
        cost: ag.weight[e]!,
        technique: techniqueOf(ag, e),
        rule: RULES[ag.rule[e]!]!.id,
        provenance: PROVENANCES[ag.provenance[e]!]!,
      },
    });
  }
  return rows;
}

// ---- Cypher (parameters only: no value is ever spliced into a statement) -------------------------

const V = '{plantId: $plant, version: $version}';
export const CYPHER = {
  createNodes: (label: (typeof VERSIONED_LABELS)[number]) =>
    `UNWIND $rows AS r CREATE (n:${label}) SET n = r.props, n.plantId = $plant, n.version = $version`,
  zoneMembership: `MATCH (a:Asset ${V}) MATCH (z:Zone {plantId: $plant, version: $version, id: a.zone}) CREATE (a)-[:IN_ZONE]->(z)`,
  vulnerabilities:
    `UNWIND $rows AS r MATCH (a:Asset {plantId: $plant, version: $version, id: r.asset}) ` +
    'MERGE (c:CVE {id: r.cve}) CREATE (a)-[h:HAS_VULNERABILITY]->(c) SET h = r.props',
  connections:
    `UNWIND $rows AS r MATCH (a:Asset {plantId: $plant, version: $version, id: r.from}) ` +
    'MATCH (b:Asset {plantId: $plant, version: $version, id: r.to}) CREATE (a)-[c:CONNECTS]->(b) SET c = r.props',
  trust:
    `UNWIND $rows AS r MATCH (a:Asset {plantId: $plant, version: $version, id: r.from}) ` +
    'MATCH (b:Asset {plantId: $plant, version: $version, id: r.to}) CREATE (a)-[t:TRUST]->(b) SET t = r.props',
  mediaUses:
    `UNWIND $rows AS r MATCH (m:Media {plantId: $plant, version: $version, id: r.media}) ` +
    'MATCH (a:Asset {plantId: $plant, version: $version, id: r.asset}) ' +
    "FOREACH (_ IN CASE WHEN r.rel = 'WRITTEN_AT' THEN [1] ELSE [] END | CREATE (m)-[u:WRITTEN_AT]->(a) SET u = r.props) " +
    "FOREACH (_ IN CASE WHEN r.rel = 'PLUGGED_INTO' THEN [1] ELSE [] END | CREATE (m)-[u:PLUGGED_INTO]->(a) SET u = r.props)",
  lineNeeds:
    `UNWIND $rows AS r MATCH (l:ProductionLine {plantId: $plant, version: $version, id: r.line}) ` +
    'MATCH (a:Asset {plantId: $plant, version: $version, id: r.asset}) CREATE (l)-[n:NEEDS]->(a) SET n = r.props',
  entryAt: `MATCH (e:EntryPoint ${V}) MATCH (a:Asset {plantId: $plant, version: $version, id: e.asset}) CREATE (e)-[:AT]->(a)`,
  jewelAt: `MATCH (j:CrownJewel ${V}) MATCH (a:Asset {plantId: $plant, version: $version, id: j.asset}) CREATE (j)-[:AT]->(a)`,
  attack:
    `UNWIND $rows AS r MATCH (a:Asset {plantId: $plant, version: $version, id: r.from}) ` +
    'MATCH (b:Asset {plantId: $plant, version: $version, id: r.to}) CREATE (a)-[x:ATTACK]->(b) SET x = r.props',
  /**
   * The one write that makes a version current: only while the version's lease still says
   * `writing` (locked first, then read, so a clean-up that took the lease over wins or loses
   * whole). The `:Plant` node is locked before its version is read, so two pushes flipping at once
   * each name the version they really replaced; that one is marked `removing` in the same
   * transaction, for its pusher (or, if that pusher stops, the next clean-up) to delete.
   */
  publish:
    'MATCH (l:VersionLease {plantId: $plant, version: $version}) SET l._lock = true REMOVE l._lock ' +
    "WITH l WHERE l.state = 'writing' DELETE l WITH count(*) AS owned WHERE owned = 1 " +
    'MERGE (p:Plant {id: $plant}) SET p._lock = true REMOVE p._lock WITH p, p.version AS previous ' +
    'SET p = $props, p.id = $plant, p.version = $version, p.pushedAt = datetime().epochMillis ' +
    'FOREACH (_ IN CASE WHEN previous IS NULL THEN [] ELSE [1] END | ' +
    '  MERGE (old:VersionLease {plantId: $plant, version: previous}) ' +
    "  SET old.state = 'removing', old.startedAt = datetime.realtime().epochMillis, old.leaseUntil = datetime.realtime().epochMillis + $leaseMs) " +
    'RETURN previous',
  /** Written before the first node of a new version. */
  leaseStart:
    "CREATE (l:VersionLease {plantId: $plant, version: $version, state: 'writing', " +
    'startedAt: datetime.realtime().epochMillis, leaseUntil: datetime.realtime().epochMillis + $leaseMs})',
  /** Extends the leases a session holds (those still in the state it holds them in); returns the ones renewed. */
  leaseRenew:
    'UNWIND $leases AS h MATCH (l:VersionLease {plantId: h.plant, version: h.version}) SET l._lock = true REMOVE l._lock ' +
    'WITH l, h WHERE l.state = h.state SET l.leaseUntil = datetime.realtime().epochMillis + $leaseMs ' +
    'RETURN collect([l.plantId, l.version]) AS renewed',
  /** A failed push lets go of its version: expired at once, so any clean-up may remove it. */
  leaseAbandon:
    "MATCH (l:VersionLease {plantId: $plant, version: $version}) SET l.state = CASE l.state WHEN 'writing' THEN 'abandoned' ELSE l.state END, l.leaseUntil = 0",
  /** Takes over an expired lease (one whose holder stopped renewing it); returns 1 when taken. */
  leaseClaim:
    'MATCH (l:VersionLease {plantId: $plant, version: $version}) SET l._lock = true REMOVE l._lock ' +
    'WITH l WHERE l.leaseUntil < datetime.realtime().epochMillis ' +
    "SET l.state = CASE l.state WHEN 'writing' THEN 'abandoned' ELSE l.state END, l.leaseUntil = datetime.realtime().epochMillis + $leaseMs " +
    'RETURN count(l) AS claimed',
  leaseDelete: 'MATCH (l:VersionLease {plantId: $plant, version: $version}) DELETE l',
  /** The leases of one plant (or of all when $plant is null), with whether each has expired (by the server's clock). */
  leases:
    'MATCH (l:VersionLease) WHERE $plant IS NULL OR l.plantId = $plant ' +
    'RETURN l.plantId AS plant, l.version AS version, l.state AS state, l.startedAt AS startedAt, ' +
    'l.leaseUntil < datetime.realtime().epochMillis AS expired ORDER BY plant, startedAt',
  /** The versions a plant has nodes of (any label: a push may stop after any phase). */
  versionsOf: (label: (typeof VERSIONED_LABELS)[number]) => `MATCH (n:${label} {plantId: $plant}) RETURN DISTINCT n.version AS version`,
  /** Every version of a plant (with $keep null) or every one but $keep — deleting a plant. */
  deleteStale: (label: (typeof VERSIONED_LABELS)[number]) =>
    `MATCH (n:${label} {plantId: $plant}) WHERE $keep IS NULL OR n.version <> $keep ` +
    'WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted',
  /** One version, never the current one (whoever asks). */
  deleteVersion: (label: (typeof VERSIONED_LABELS)[number]) =>
    'OPTIONAL MATCH (p:Plant {id: $plant, version: $version}) WITH p WHERE p IS NULL ' +
    `MATCH (n:${label} {plantId: $plant, version: $version}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
  deletePlantLeases: 'MATCH (l:VersionLease {plantId: $plant}) DELETE l',
  deletePlant: 'MATCH (p:Plant {id: $plant}) DETACH DELETE p RETURN count(*) AS deleted',
  plantVersion: 'MATCH (p:Plant {id: $plant}) RETURN p.version AS version, properties(p) AS props',
  listPlants:
    'MATCH (p:Plant) RETURN p.id AS id, p.name AS name, p.site AS site, p.assetCount AS assets, ' +
    'p.connectionCount AS connections, p.pushedAt AS pushedAt ORDER BY p.id',
  pull: (label: (typeof VERSIONED_LABELS)[number]) => `MATCH (n:${label} ${V}) RETURN properties(n) AS p`,
  pullVulnerabilities: `MATCH (a:Asset ${V})-[h:HAS_VULNERABILITY]->(c:CVE) RETURN a.id AS asset, c.id AS cve, properties(h) AS p`,
  pullConnections: `MATCH (a:Asset ${V})-[c:CONNECTS]->(b) RETURN properties(c) AS p`,
  pullTrust: `MATCH (a:Asset ${V})-[t:TRUST]->(b) RETURN properties(t) AS p`,
  pullMediaUses: `MATCH (m:Media ${V})-[u:WRITTEN_AT|PLUGGED_INTO]->(a) RETURN m.id AS media, type(u) AS rel, a.id AS asset, u.ord AS ord`,
  pullLineNeeds: `MATCH (l:ProductionLine ${V})-[n:NEEDS]->(a) RETURN l.id AS line, a.id AS asset, properties(n) AS p`,
} as const;

// ---- rows → model ---------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

function strip(p: Rec, ...drop: string[]): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(p)) if (!drop.includes(k)) out[k] = v;
  return out;
}

const byOrd = (a: Rec, b: Rec) => (a.ord as number) - (b.ord as number);
const COMMON = ['ord', 'plantId', 'version'];

export interface PulledRows {
  readonly plant: Rec;
  readonly zones: Rec[];
  readonly conduits: Rec[];
  readonly assets: Rec[];
  readonly vulnerabilities: { asset: string; cve: string; p: Rec }[];
  readonly connections: Rec[];
  readonly trust: Rec[];
  readonly media: Rec[];
  readonly mediaUses: { media: string; rel: string; asset: string; ord: number }[];
  readonly entryPoints: Rec[];
  readonly crownJewels: Rec[];
  readonly productionLines: Rec[];
  readonly lineNeeds: { line: string; asset: string; p: Rec }[];
}

/**
 * Rebuilds the model object from pulled rows. The result is untrusted input like any file: the
 * caller runs it through validateModel, the one parser.
 */
export function rowsToModel(r: PulledRows): unknown {
  const present = new Set((r.plant.present as string[] | undefined) ?? []);
  const vulnsOf = new Map<string, { ord: number; v: Vulnerability }[]>();
  for (const x of r.vulnerabilities) {
    const list = vulnsOf.get(x.asset) ?? [];
    list.push({ ord: x.p.ord as number, v: { cve: x.cve, ...strip(x.p, 'ord') } as Vulnerability });
    vulnsOf.set(x.asset, list);
  }
  const assets = r.assets.sort(byOrd).map((p) => {
    const a = strip(p, ...COMMON, 'servicesJson', 'hasVulnerabilities') as Rec;
    if (typeof p.servicesJson === 'string') a.services = JSON.parse(p.servicesJson) as Asset['services'];
    if (p.hasVulnerabilities === true) a.vulnerabilities = (vulnsOf.get(p.id as string) ?? []).sort((x, y) => x.ord - y.ord).map((x) => x.v);
    return a;
  });
  const uses = new Map<string, { from: { ord: number; a: string }[]; to: { ord: number; a: string }[] }>();
  for (const u of r.mediaUses) {
    const e = uses.get(u.media) ?? { from: [], to: [] };
    (u.rel === 'WRITTEN_AT' ? e.from : e.to).push({ ord: u.ord, a: u.asset });
    uses.set(u.media, e);
  }
  const sorted = (xs: { ord: number; a: string }[]) => xs.sort((x, y) => x.ord - y.ord).map((x) => x.a);
  const needs = new Map<string, { groupOrd: number; group: string; ord: number; asset: string }[]>();
  for (const n of r.lineNeeds) {
    const list = needs.get(n.line) ?? [];
    list.push({ groupOrd: n.p.groupOrd as number, group: n.p.group as string, ord: n.p.ord as number, asset: n.asset });
    needs.set(n.line, list);
  }
  const lines = r.productionLines.sort(byOrd).map((p) => {
    const l = strip(p, ...COMMON, 'groupCount') as Rec;
    const groups: ProductionLine['groups'][number][] = [];
    const members = (needs.get(p.id as string) ?? []).sort((x, y) => x.groupOrd - y.groupOrd || x.ord - y.ord);
    for (const m of members) {
      const g = groups[m.groupOrd] ?? (groups[m.groupOrd] = { name: m.group, assets: [] });
      (g.assets as string[]).push(m.asset);
    }
    l.groups = groups;
    return l;
  });
  const plant = r.plant;
  const model: Rec = {
    schemaVersion: plant.schemaVersion,
    plant: strip(plant, 'ord', 'schemaVersion', 'schemaRef', 'graphSchemaVersion', 'present', 'assetCount', 'connectionCount', 'version', 'pushedAt'),
    zones: r.zones.sort(byOrd).map((p) => strip(p, ...COMMON)),
    assets,
    connections: r.connections.sort(byOrd).map((p) => strip(p, 'ord') as Connection),
    entryPoints: r.entryPoints.sort(byOrd).map((p) => strip(p, ...COMMON)),
    crownJewels: r.crownJewels.sort(byOrd).map((p) => ({ asset: p.asset, impact: unprefixed(p) })),
  };
  if (plant.schemaRef !== undefined) model.$schema = plant.schemaRef;
  if (present.has('conduits')) model.conduits = r.conduits.sort(byOrd).map((p) => strip(p, ...COMMON));
  if (present.has('trust')) model.trust = r.trust.sort(byOrd).map((p) => strip(p, 'ord'));
  if (present.has('media')) {
    model.media = r.media.sort(byOrd).map((p) => {
      const u = uses.get(p.id as string) ?? { from: [], to: [] };
      return { ...strip(p, ...COMMON), from: sorted(u.from), to: sorted(u.to) };
    });
  }
  if (present.has('productionLines')) model.productionLines = lines;
  return inSchemaOrder(model, PlantModelSchema as unknown as SchemaNode);
}

interface SchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
}

/**
 * The same document with every object's keys in the schema's order (Neo4j returns properties in
 * its own order), so a pulled plant serializes to the same bytes as the file that was pushed.
 * Iterative: an explicit stack over (value, schema) pairs.
 */
function inSchemaOrder(doc: unknown, root: SchemaNode): unknown {
  const out = { value: undefined as unknown };
  const stack: { value: unknown; schema: SchemaNode | undefined; set: (v: unknown) => void }[] = [{ value: doc, schema: root, set: (v) => (out.value = v) }];
  while (stack.length) {
    const { value, schema, set } = stack.pop()!;
    if (Array.isArray(value)) {
      const copy: unknown[] = new Array<unknown>(value.length);
      set(copy);
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], schema: schema?.items, set: (v) => (copy[i] = v) });
    } else if (value !== null && typeof value === 'object' && schema?.properties) {
      const src = value as Rec;
      const copy: Rec = {};
      set(copy);
      const known = Object.keys(schema.properties);
      for (const k of [...known.filter((k) => k in src), ...Object.keys(src).filter((k) => !known.includes(k))]) {
        copy[k] = undefined; // fixes the key order now; the value is filled in when popped
        stack.push({ value: src[k], schema: schema.properties[k], set: (v) => (copy[k] = v) });
      }
    } else set(value);
  }
  return out.value;
}
