// A graphology JSON graph back into a plant model, where it maps to one: what `twinpath graph
// --format graphology --graph plant` writes comes back whole (it keeps every record); a graph made
// or edited elsewhere maps node attributes (label, kind, zone, zoneName, purdueLevel, vendor,
// product, firmware, os, controls, extraZones, addresses, entryPoint, crownJewel) to assets and
// zones, and edge attributes (edgeKind, protocol, port, transport, authenticated, encrypted,
// observed, likelihood, trustKind, mediaKind, record) to connections, trust relations and media
// paths. The result goes through the one parser (validateModel), like every way in.
import { formatPath, showValue, type ModelError } from '../model/errors';
import { validateModel, type ParseResult } from '../model/parse';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The object without its undefined members: a field the graph lacks is left out, not set to nothing. */
function defined(r: Rec): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
  return out;
}
const words = (v: unknown): string[] | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().split(/\s+/) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** Most errors listed for the graph's own shape before the model is even built. */
const MAX_SHAPE_ERRORS = 20;

/** Copies the listed attributes that hold a value of the given type. */
function pick(from: Rec, keys: readonly string[], type: 'string' | 'number' | 'boolean', to: Rec): void {
  for (const k of keys) if (typeof from[k] === type) to[k] = from[k];
}

/** Reads a graphology JSON document (graph.export()) into a validated plant model. */
export function importGraphology(doc: unknown): ParseResult {
  const errors: ModelError[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_SHAPE_ERRORS) errors.push({ path, message });
  };
  const root = rec(doc);
  if (!root || !Array.isArray(root.nodes)) return { kind: 'invalid', errors: [{ path: '', message: `expected graphology's JSON (an object with nodes and edges arrays), got ${showValue(doc)}` }] };
  const edgesIn = root.edges === undefined ? [] : root.edges;
  if (!Array.isArray(edgesIn)) return { kind: 'invalid', errors: [{ path: 'edges', message: `expected an array, got ${showValue(edgesIn)}` }] };
  const attrs = rec(root.attributes) ?? {};
  const kept = rec(attrs.model);

  const assets: Rec[] = [];
  const zones = new Map<string, Rec>();
  const entryPoints: Rec[] = [];
  const crownJewels: Rec[] = [];
  (root.nodes as unknown[]).forEach((n, i) => {
    const node = rec(n);
    const key = node?.key;
    if (typeof key !== 'string' && typeof key !== 'number') return fail(formatPath(root, ['nodes', i, 'key']), 'a node needs a key');
    const id = String(key);
    const a = rec(node!.attributes) ?? {};
    const whole = rec(a.asset);
    if (whole) assets.push(whole);
    else {
      const asset: Rec = defined({ id, name: str(a.label) ?? id, kind: a.kind, zone: a.zone });
      pick(a, ['vendor', 'product', 'firmware', 'os', 'description'], 'string', asset);
      pick(a, ['patchable'], 'boolean', asset);
      pick(a, ['hardeningCost'], 'number', asset);
      for (const k of ['controls', 'extraZones', 'addresses', 'tags'] as const) {
        const w = words(a[k]);
        if (w?.length) asset[k] = w;
      }
      assets.push(asset);
    }
    const zone = str(whole?.zone ?? a.zone);
    if (zone !== undefined && !zones.has(zone)) zones.set(zone, defined({ id: zone, name: str(a.zoneName) ?? zone, purdueLevel: a.purdueLevel }));
    if (a.entryPoint === true) entryPoints.push({ asset: id });
    if (a.crownJewel === true) crownJewels.push({ asset: id, impact: {} });
  });

  const connections: Rec[] = [];
  const trust: Rec[] = [];
  const media = new Map<string, { kind: unknown; from: string[]; to: string[]; likelihood?: unknown; name?: unknown }>();
  edgesIn.forEach((x, i) => {
    const e = rec(x);
    const where = (field: string) => formatPath(root, ['edges', i, field]);
    if (!e || typeof e.source !== 'string' || typeof e.target !== 'string') return fail(formatPath(root, ['edges', i]), 'an edge needs a source and a target node key');
    const a = rec(e.attributes) ?? {};
    const id = e.key !== undefined ? String(e.key) : str(a.record) ?? `edge-${i + 1}`;
    const kind = str(a.edgeKind) ?? (a.protocol !== undefined ? 'network' : a.trustKind !== undefined ? 'trust' : a.mediaKind !== undefined ? 'media' : undefined);
    const direction = e.undirected === true ? 'both' : 'one-way';
    if (kind === 'network') {
      const whole = rec(a.connection);
      if (whole) return void connections.push(whole);
      const c: Rec = defined({ id, from: e.source, to: e.target, protocol: a.protocol, direction: str(a.direction) ?? direction });
      pick(a, ['port', 'likelihood'], 'number', c);
      pick(a, ['transport', 'via', 'conduit', 'description'], 'string', c);
      pick(a, ['authenticated', 'encrypted', 'observed', 'required'], 'boolean', c);
      connections.push(c);
    } else if (kind === 'trust') {
      const whole = rec(a.trust);
      if (whole) return void trust.push(whole);
      const t: Rec = defined({ id, kind: a.trustKind, from: e.source, to: e.target, direction: str(a.direction) ?? direction });
      pick(a, ['likelihood'], 'number', t);
      trust.push(t);
    } else if (kind === 'media') {
      // One edge per from × to pair: the pairs of one media path (its `record`) make it whole again.
      const mid = str(a.record) ?? id;
      const m = media.get(mid) ?? { kind: a.mediaKind, from: [], to: [], likelihood: a.likelihood, name: a.label };
      if (!m.from.includes(e.source)) m.from.push(e.source);
      if (!m.to.includes(e.target)) m.to.push(e.target);
      media.set(mid, m);
    } else {
      fail(where('attributes'), `not a plant edge (no edgeKind, protocol, trustKind or mediaKind)${a.technique !== undefined ? ': an attack graph does not map back to a model; export the plant graph (--graph plant)' : ''}`);
    }
  });
  if (errors.length) return { kind: 'invalid', errors };

  const model: Rec = {
    ...(kept ?? {}),
    schemaVersion: kept?.schemaVersion ?? 1,
    plant: kept?.plant ?? { id: str(attrs.plant) ?? 'imported-graph', name: str(attrs.name) ?? 'Imported graph' },
    zones: kept?.zones ?? [...zones.values()],
    assets,
    connections,
    ...(trust.length || kept?.trust ? { trust } : {}),
    ...(kept?.media ? {} : media.size ? { media: [...media].map(([id, m]) => defined({ id, kind: m.kind, ...(typeof m.name === 'string' && m.name !== m.kind ? { name: m.name } : {}), from: m.from, to: m.to, ...(typeof m.likelihood === 'number' ? { likelihood: m.likelihood } : {}) })) } : {}),
    entryPoints: kept?.entryPoints ?? entryPoints,
    crownJewels: kept?.crownJewels ?? crownJewels,
  };
  // Key order as in model files: the records come back where they were.
  const order = ['$schema', 'schemaVersion', 'plant', 'zones', 'conduits', 'assets', 'connections', 'trust', 'media', 'entryPoints', 'crownJewels', 'productionLines'];
  const ordered: Rec = {};
  for (const k of order) if (model[k] !== undefined) ordered[k] = model[k];
  for (const k of Object.keys(model)) if (!(k in ordered)) ordered[k] = model[k];
  return validateModel(ordered);
}
