// Cross-reference checks of a plant model: unknown ids, duplicates, self-loops, zone cycles. They
// also run on documents with shape errors, so that one load reports every problem.
import { ErrorSink, formatPath, showValue } from './errors';

// Loose readers: the reference checks also run on documents with shape errors, so that one
// load reports every problem; they only follow values of the expected type.
type Rec = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Rec => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Cross-reference checks: unknown ids, duplicates, self-loops, zone cycles. */
export function checkReferences(doc: unknown, sink: ErrorSink): void {
  // Linear, allocation-light on the big collections (1M connections): paths and messages are
  // built only when there is something to report.
  const root = rec(doc);
  const at = (...segments: (string | number)[]) => formatPath(doc, segments);
  /** Ids of one collection; `shared` spans several (value: position × 4 + collection number). */
  const indexIds = (collection: string, shared?: { map: Map<string, number>; names: string[] }) => {
    const items = list(root[collection]);
    const ids = shared?.map ?? new Map<string, number>();
    const mine = shared ? shared.names.push(collection) - 1 : 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const id = item !== null && typeof item === 'object' ? (item as Rec).id : undefined;
      if (typeof id !== 'string') continue;
      const first = ids.get(id);
      if (first === undefined) {
        ids.set(id, shared ? i * 4 + mine : i);
        continue;
      }
      const where = shared ? { c: first % 4, i: Math.floor(first / 4) } : { c: 0, i: first };
      if (!shared || where.c === mine) sink.add(at(collection, i, 'id'), `duplicate id ${showValue(id)} (first at ${collection}[${where.i}])`);
      else sink.add(at(collection, i, 'id'), `duplicate id ${showValue(id)} (already used at ${shared.names[where.c]}[${where.i}])`);
    }
    return ids;
  };
  const zones = indexIds('zones');
  const assets = indexIds('assets');
  const lines = indexIds('productionLines');
  const conduits = indexIds('conduits');
  // Connections, trust relations and media paths all become edges: one id space for the three.
  const edgeIds = { map: new Map<string, number>(), names: [] as string[] };
  indexIds('connections', edgeIds);
  indexIds('trust', edgeIds);
  indexIds('media', edgeIds);

  /** Reports `value` at collection[i].field (or …field[j]) when it is a string naming nothing. */
  const ref = (table: Map<string, number>, what: string, value: unknown, collection: string, i: number, field: string, j = -1) => {
    if (typeof value === 'string' && !table.has(value)) {
      sink.add(j < 0 ? at(collection, i, field) : at(collection, i, field, j), `unknown ${what} ${showValue(value)}`);
    }
  };
  const refs = (table: Map<string, number>, what: string, values: unknown, collection: string, i: number, field: string) => {
    const vs = list(values);
    for (let j = 0; j < vs.length; j++) ref(table, what, vs[j], collection, i, field, j);
  };
  const each = (collection: string, f: (item: Rec, i: number) => void) => {
    const items = list(root[collection]);
    for (let i = 0; i < items.length; i++) f(rec(items[i]), i);
  };

  each('zones', (z, i) => {
    ref(zones, 'zone', z.parent, 'zones', i, 'parent');
    if (z.parent !== undefined && z.parent === z.id) sink.add(at('zones', i, 'parent'), `zone ${showValue(z.id)} is its own parent`);
  });
  checkZoneCycles(doc, list(root.zones).map(rec), zones, sink);

  each('conduits', (c, i) => {
    refs(zones, 'zone', c.zones, 'conduits', i, 'zones');
    const [z0, z1] = list(c.zones);
    if (typeof z0 === 'string' && z0 === z1) sink.add(at('conduits', i, 'zones'), `a conduit joins two different zones, got ${showValue(z0)} twice`);
    refs(assets, 'asset', c.via, 'conduits', i, 'via');
  });

  each('assets', (a, i) => {
    ref(zones, 'zone', a.zone, 'assets', i, 'zone');
    if (a.extraZones === undefined) return;
    const extra = list(a.extraZones);
    for (let j = 0; j < extra.length; j++) {
      const z = extra[j];
      ref(zones, 'zone', z, 'assets', i, 'extraZones', j);
      if (typeof z === 'string' && z === a.zone) sink.add(at('assets', i, 'extraZones', j), `repeats the home zone ${showValue(z)}`);
    }
  });

  const checkEnds = (collection: string, e: Rec, i: number) => {
    ref(assets, 'asset', e.from, collection, i, 'from');
    ref(assets, 'asset', e.to, collection, i, 'to');
    if (typeof e.from === 'string' && e.from === e.to) {
      sink.add(at(collection, i, 'to'), `same asset as from (${showValue(e.from)}); an edge joins two different assets`);
    }
  };
  each('connections', (c, i) => {
    checkEnds('connections', c, i);
    if (c.via !== undefined) ref(assets, 'asset', c.via, 'connections', i, 'via');
    if (c.conduit !== undefined) ref(conduits, 'conduit', c.conduit, 'connections', i, 'conduit');
  });
  each('trust', (t, i) => checkEnds('trust', t, i));
  each('media', (m, i) => {
    ref(assets, 'asset', m.carrier, 'media', i, 'carrier');
    refs(assets, 'asset', m.from, 'media', i, 'from');
    refs(assets, 'asset', m.to, 'media', i, 'to');
  });

  const unique = (collection: string, what: string) => {
    const seen = new Map<string, number>();
    each(collection, (x, i) => {
      ref(assets, 'asset', x.asset, collection, i, 'asset');
      const id = str(x.asset);
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) sink.add(at(collection, i, 'asset'), `duplicate ${what} ${showValue(id)} (first at ${collection}[${first}])`);
      else seen.set(id, i);
    });
  };
  unique('entryPoints', 'entry point');
  unique('crownJewels', 'crown jewel');
  each('crownJewels', (j, i) =>
    list(rec(j.impact).productionLines).forEach((v, k) => {
      if (typeof v === 'string' && !lines.has(v)) sink.add(at('crownJewels', i, 'impact', 'productionLines', k), `unknown production line ${showValue(v)}`);
    }),
  );
  each('productionLines', (l, i) =>
    list(l.groups).forEach((g, gi) =>
      list(rec(g).assets).forEach((v, k) => {
        if (typeof v === 'string' && !assets.has(v)) sink.add(at('productionLines', i, 'groups', gi, 'assets', k), `unknown asset ${showValue(v)}`);
      }),
    ),
  );
}

/** Zone parent chains must end; walks each chain once (iterative, linear overall). */
function checkZoneCycles(doc: unknown, zoneRecs: Rec[], zones: Map<string, number>, sink: ErrorSink): void {
  const state = new Uint8Array(zoneRecs.length); // 0 new, 1 on the current chain, 2 done
  for (let start = 0; start < zoneRecs.length; start++) {
    if (state[start] !== 0) continue;
    const chain: number[] = [];
    let cur: number | undefined = start;
    while (cur !== undefined && state[cur] === 0) {
      state[cur] = 1;
      chain.push(cur);
      const parent = str(zoneRecs[cur]!.parent);
      const next: number | undefined = parent === undefined ? undefined : zones.get(parent);
      cur = next === cur ? undefined : next; // self-parent is reported on its own
    }
    if (cur !== undefined && state[cur] === 1) {
      const loop = chain.slice(chain.indexOf(cur)).map((i) => String(zoneRecs[i]!.id));
      sink.add(
        formatPath(doc, ['zones', cur, 'parent']),
        `zone parents form a cycle: ${[...loop, loop[0]!].map((id) => showValue(id)).join(' → ')}`,
      );
    }
    for (const i of chain) state[i] = 2;
  }
}
