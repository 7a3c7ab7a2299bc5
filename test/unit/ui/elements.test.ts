// The plant as cytoscape element definitions (src/ui/graph/elements.ts): the full view (zone boxes,
// asset nodes, network / trust / media edges) and the collapsed zone graph of large plants, its tiles
// and links counted by the analysis worker (src/session/plant-view.ts zoneTiles, zoneLinks).
import { readFileSync } from 'node:fs';
import type { ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { chokepointView } from '../../../src/analysis/chokepoint-view';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout, tileSize, type GraphLayout } from '../../../src/analysis/layout';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { serializeModel } from '../../../src/model/serialize';
import { plantOutline, zoneLinks, zoneTiles } from '../../../src/session/plant-view';
import { assetElements, chokepointElements, MAX_COLLAPSED_LINKS, observationOf, positionsOf, tileElements, toElements } from '../../../src/ui/graph/elements';
import { clone, tinyPlant } from '../../helpers/builders';

/** The collapsed view as the app draws it: the tiles and links the analysis worker counts, drawn. */
function collapsedElements(m: PlantModel, layout: GraphLayout, max?: number): ElementDefinition[] {
  const ctx = buildContext(m);
  return tileElements(m.zones, layout, zoneTiles(ctx), zoneLinks(ctx, max));
}

/** The model as the worker holds a parsed file: its connections in typed columns. */
function parsed(m: PlantModel): PlantModel {
  const r = parseModelText(serializeModel(m));
  if (r.kind !== 'ok') throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.model;
}

const full = (positions: GraphLayout['positions'] = []): GraphLayout => ({ collapsed: false, positions, bands: [] });
const collapsed = (positions: GraphLayout['positions'] = []): GraphLayout => ({ collapsed: true, positions, bands: [] });
const byId = (els: readonly ElementDefinition[]) => new Map(els.map((e) => [e.data.id!, e]));
const nodes = (els: readonly ElementDefinition[]) => els.filter((e) => e.group === 'nodes');
const edges = (els: readonly ElementDefinition[]) => els.filter((e) => e.group === 'edges');
/** Edges as "source → target (classes)". */
const edgeList = (els: readonly ElementDefinition[]) => edges(els).map((e) => `${e.data.id}: ${e.data.source} → ${e.data.target} (${e.classes})`);

describe('toElements', () => {
  it('draws each zone holding assets as a box with its name, level and security levels, before the assets', () => {
    const m = tinyPlant();
    m.zones.push({ id: 'z-empty', name: 'Empty', purdueLevel: 2 });
    const els = toElements(m, full());
    expect(nodes(els).slice(0, 4).map((e) => e.data)).toEqual([
      { id: 'zone:z-ext', name: 'External', level: 5, zone: 'z-ext', container: true },
      { id: 'zone:z-dmz', name: 'DMZ', level: 3.5, slTarget: 3, slAchieved: 2, zone: 'z-dmz', container: true },
      { id: 'zone:z-ctl', name: 'Control', level: 1, zone: 'z-ctl', container: true },
      { id: 'zone:z-io', name: 'Field', level: 0, zone: 'z-io', container: true },
    ]);
    expect(byId(els).has('zone:z-empty')).toBe(false);
  });

  it('draws each asset in its zone box with its kind, shape, level and entry / jewel class', () => {
    const els = byId(toElements(tinyPlant(), full()));
    expect(els.get('asset:inet')).toMatchObject({
      group: 'nodes',
      data: { id: 'asset:inet', parent: 'zone:z-ext', name: 'Internet', kind: 'internet', level: 5, zoneName: 'External', shape: 'round-tag', asset: 'inet', zone: 'z-ext' },
      classes: 'entry',
    });
    expect(els.get('asset:plc')).toMatchObject({ data: { parent: 'zone:z-ctl', kind: 'plc', level: 1, shape: 'round-rectangle' }, classes: 'jewel' });
    expect(els.get('asset:fw')).toMatchObject({ data: { kind: 'firewall', level: 3.5, shape: 'vee' }, classes: '' });
    expect(els.get('asset:ts')).toMatchObject({ data: { kind: 'sensor', level: 0, shape: 'ellipse' } });
    expect(els.get('asset:hmi')!.data.shape).toBe('rectangle');
  });

  it('an asset that is entry point and crown jewel carries both classes', () => {
    const m = tinyPlant();
    m.crownJewels.push({ asset: 'inet', impact: { dataLoss: 'confidential' } });
    expect(byId(toElements(m, full())).get('asset:inet')!.classes).toBe('entry jewel');
  });

  it('places assets at their layout positions (copies; the origin for an asset the layout lacks)', () => {
    const layout = full([
      ['inet', 10, 20],
      ['fw', 110, -64],
    ]);
    const els = byId(toElements(tinyPlant(), layout));
    expect(els.get('asset:inet')!.position).toEqual({ x: 10, y: 20 });
    expect(els.get('asset:fw')!.position).toEqual({ x: 110, y: -64 });
    expect(els.get('asset:ts')!.position).toEqual({ x: 0, y: 0 });
    els.get('asset:inet')!.position!.x = 99;
    expect(positionsOf(layout).get('inet')).toEqual({ x: 10, y: 20 });
    expect(els.get('zone:z-ext')!.position).toBeUndefined();
  });

  it('takes the positions the analysis computes for the plant', () => {
    const m = tinyPlant();
    const layout = graphLayout(m);
    const els = byId(toElements(m, layout));
    for (const [id, x, y] of layout.positions) expect(els.get(`asset:${id}`)!.position).toEqual({ x, y });
  });

  it('draws connections, trust and media edges, directed where one-way (media always), media to other assets only', () => {
    const m = tinyPlant();
    m.media![0]!.to.push('fw');
    expect(edgeList(toElements(m, full()))).toEqual([
      'c0: asset:inet → asset:fw (network directed)',
      'c1: asset:fw → asset:hmi (network directed)',
      'c2: asset:hmi → asset:plc (network directed)',
      'c3: asset:plc → asset:ts (network)',
      't0: asset:hmi → asset:fw (trust)',
      'm0.0.0: asset:fw → asset:plc (media directed)',
      'm0.0.1: asset:fw → asset:hmi (media directed)',
    ]);
  });

  it('a plant without trust or media has network edges only', () => {
    const m = tinyPlant();
    delete m.trust;
    delete m.media;
    expect(edges(toElements(m, full())).map((e) => e.data.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it('once the plant holds captured traffic, marks every connection seen, seen but not modeled, or never seen', () => {
    const m = tinyPlant();
    m.connections[0]!.observed = true;
    m.connections[1]!.observed = true;
    m.connections[1]!.description = 'observed, not modeled (pcap)';
    expect(edgeList(toElements(m, full())).slice(0, 4)).toEqual([
      'c0: asset:inet → asset:fw (network observed directed)',
      'c1: asset:fw → asset:hmi (network shadow directed)',
      'c2: asset:hmi → asset:plc (network unseen directed)',
      'c3: asset:plc → asset:ts (network unseen)',
    ]);
  });
});

describe('observationOf and the traffic counts of the outline', () => {
  const traffic = (m: PlantModel) => plantOutline(buildContext(m)).traffic;
  it('nothing is said about traffic in a plant without captures', () => {
    const m = tinyPlant();
    expect(observationOf(m.connections[0]!, false)).toBeUndefined();
    expect(traffic(m)).toBeUndefined();
    expect(traffic(parsed(m))).toBeUndefined();
  });

  it('counts connections seen, seen but not modeled, and never seen — from records and from the typed columns alike', () => {
    const m = tinyPlant();
    m.connections[0]!.observed = true;
    m.connections[1]!.observed = true;
    m.connections[1]!.description = 'observed, not modeled';
    expect(observationOf(m.connections[1]!, true)).toBe('shadow');
    expect(observationOf(m.connections[2]!, true)).toBe('unseen');
    expect(traffic(m)).toEqual({ observed: 1, shadow: 1, unseen: 2 });
    expect(traffic(parsed(m))).toEqual({ observed: 1, shadow: 1, unseen: 2 });
  });
});

describe('assetElements', () => {
  it('names an asset\'s own node in the full view, its zone\'s in the collapsed one (the zone from the asset directory)', () => {
    const zoneOf = new Map(tinyPlant().assets.map((a) => [a.id, a.zone]));
    expect(assetElements()('hmi')).toBe('asset:hmi');
    expect(assetElements((a) => zoneOf.get(a))('hmi')).toBe('zone:z-dmz');
    expect(assetElements((a) => zoneOf.get(a))('plc')).toBe('zone:z-ctl');
  });
});

/** Four zones: A (entry, 2 assets), B (3), C (jewel, 1), D (no assets); `links` adds connections between the named assets. */
function zonePlant(links: readonly (readonly [string, string])[] = []): PlantModel {
  const m = clone(tinyPlant());
  m.zones = [
    { id: 'z-a', name: 'A', purdueLevel: 4 },
    { id: 'z-b', name: 'B', purdueLevel: 3 },
    { id: 'z-c', name: 'C', purdueLevel: 2 },
    { id: 'z-d', name: 'D', purdueLevel: 1 },
  ];
  m.conduits = [];
  m.assets = [
    { id: 'a1', name: 'a1', kind: 'workstation', zone: 'z-a' },
    { id: 'a2', name: 'a2', kind: 'workstation', zone: 'z-a' },
    { id: 'b1', name: 'b1', kind: 'server', zone: 'z-b' },
    { id: 'b2', name: 'b2', kind: 'server', zone: 'z-b' },
    { id: 'b3', name: 'b3', kind: 'server', zone: 'z-b' },
    { id: 'c1', name: 'c1', kind: 'plc', zone: 'z-c' },
  ];
  m.connections = links.map(([from, to], i) => ({ id: `l${i}`, from, to, protocol: 'smb', direction: 'both' }));
  m.trust = [];
  m.media = [];
  m.entryPoints = [{ asset: 'a1' }];
  m.crownJewels = [{ asset: 'c1', impact: {} }];
  m.productionLines = [];
  return m;
}

describe('collapsedElements', () => {
  it('draws one tile per zone holding assets, with its name, asset count (sized by it), level and entry / jewel class, at the zone\'s position', () => {
    const els = collapsedElements(zonePlant(), collapsed([['z-a', 0, 0], ['z-b', 120, 0], ['z-c', 0, 160]]));
    expect(nodes(els)).toEqual([
      { group: 'nodes', data: { id: 'zone:z-a', name: 'A', count: 2, level: 4, shape: 'round-rectangle', zone: 'z-a', ...tileSize(2) }, position: { x: 0, y: 0 }, classes: 'zone-node entry' },
      { group: 'nodes', data: { id: 'zone:z-b', name: 'B', count: 3, level: 3, shape: 'round-rectangle', zone: 'z-b', ...tileSize(3) }, position: { x: 120, y: 0 }, classes: 'zone-node' },
      { group: 'nodes', data: { id: 'zone:z-c', name: 'C', count: 1, level: 2, shape: 'round-rectangle', zone: 'z-c', ...tileSize(1) }, position: { x: 0, y: 160 }, classes: 'zone-node jewel' },
    ]);
  });

  it('adds up connections, trust and media between two zones, either way, into one undirected edge; links inside a zone are not drawn', () => {
    const m = zonePlant([
      ['a1', 'b1'],
      ['b2', 'a2'],
      ['a2', 'b3'],
      ['b1', 'b2'],
      ['a1', 'a2'],
    ]);
    m.trust = [{ id: 't', kind: 'domain-trust', from: 'b1', to: 'c1', direction: 'one-way' }];
    m.media = [{ id: 'usb', kind: 'removable-media', from: ['a1'], to: ['c1', 'a2', 'b1'] }];
    const els = collapsedElements(m, collapsed());
    expect(edges(els).map((e) => [e.data.source, e.data.target, e.data.weight])).toEqual([
      ['zone:z-a', 'zone:z-b', 4],
      ['zone:z-b', 'zone:z-c', 1],
      ['zone:z-a', 'zone:z-c', 1],
    ]);
    expect(edges(els).map((e) => `${e.data.id} ${e.classes}`)).toEqual(['zl0 network', 'zl1 network', 'zl2 network']);
  });

  it('keeps the links of entry and jewel zones first, then the strongest, up to the limit', () => {
    // E holds the entry point; X–Y is the strongest link, Y–Z next, E–Z the weakest.
    const m = zonePlant();
    m.zones = ['e', 'x', 'y', 'z'].map((id) => ({ id, name: id.toUpperCase(), purdueLevel: 3 as const }));
    m.assets = ['e', 'x', 'y', 'z'].map((zone) => ({ id: `${zone}1`, name: `${zone}1`, kind: 'server' as const, zone }));
    m.entryPoints = [{ asset: 'e1' }];
    m.crownJewels = [];
    const link = (from: string, to: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${from}-${to}-${i}`, from, to, protocol: 'smb' as const, direction: 'both' as const }));
    m.connections = [...link('x1', 'y1', 5), ...link('y1', 'z1', 3), ...link('z1', 'e1', 1)];
    const pairs = (max?: number) => edges(collapsedElements(m, collapsed(), max)).map((e) => `${e.data.source}–${e.data.target} ${e.data.weight}`);
    expect(pairs()).toEqual(['zone:e–zone:z 1', 'zone:x–zone:y 5', 'zone:y–zone:z 3']);
    expect(pairs(2)).toEqual(['zone:e–zone:z 1', 'zone:x–zone:y 5']);
    expect(pairs(0)).toEqual([]);
  });

  it('links of equal weight keep the order they are first met in', () => {
    const els = collapsedElements(zonePlant([['b1', 'c1'], ['a1', 'b1'], ['c1', 'a2']]), collapsed());
    expect(edges(els).map((e) => `${e.data.source}–${e.data.target}`)).toEqual(['zone:z-b–zone:z-c', 'zone:z-a–zone:z-b', 'zone:z-a–zone:z-c']);
  });

  it(`a large plant draws every zone and at most ${MAX_COLLAPSED_LINKS} links, key zones first, each group strongest first`, () => {
    const m = generatePlant({ assets: 1600, seed: 5 });
    const layout = graphLayout(m);
    expect(layout.collapsed).toBe(true);
    const els = collapsedElements(m, layout);
    const used = new Set(m.assets.map((a) => a.zone));
    expect(nodes(els)).toHaveLength(used.size);
    expect(nodes(els).reduce((n, e) => n + (e.data.count as number), 0)).toBe(m.assets.length);
    const zoneEdges = edges(els);
    expect(zoneEdges).toHaveLength(MAX_COLLAPSED_LINKS);
    const key = new Set(nodes(els).filter((e) => /entry|jewel/.test(e.classes as string)).map((e) => e.data.id));
    const isKey = zoneEdges.map((e) => key.has(e.data.source) || key.has(e.data.target));
    const firstOther = isKey.indexOf(false);
    expect(isKey.slice(firstOther).every((k) => !k)).toBe(true);
    const weights = zoneEdges.map((e) => e.data.weight as number);
    const sorted = (w: number[]) => w.every((x, i) => i === 0 || w[i - 1]! >= x);
    expect(sorted(weights.slice(0, firstOther)) && sorted(weights.slice(firstOther))).toBe(true);
    expect(new Set(zoneEdges.map((e) => [e.data.source, e.data.target].sort().join())).size).toBe(MAX_COLLAPSED_LINKS);
    const tiles = new Set(nodes(els).map((e) => e.data.id));
    expect(zoneEdges.every((e) => tiles.has(e.data.source) && tiles.has(e.data.target))).toBe(true);
  });

  it('counts the same tiles and links from the typed columns of a parsed plant as from its records', () => {
    const m = generatePlant({ assets: 1600, seed: 5 });
    m.trust = [...(m.trust ?? []), { id: 'cross-t', kind: 'domain-trust', from: m.assets[0]!.id, to: m.assets[1500]!.id, direction: 'both' }];
    const fromColumns = buildContext(parsed(m));
    const fromRecords = buildContext(m);
    expect(zoneTiles(fromColumns)).toEqual(zoneTiles(fromRecords));
    expect(zoneLinks(fromColumns, 5000)).toEqual(zoneLinks(fromRecords, 5000));
    expect(zoneLinks(fromRecords, 5000).length).toBeGreaterThan(MAX_COLLAPSED_LINKS);
  });
});

describe('chokepointElements', () => {
  const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
  const ctx = buildContext(reference);
  const view = chokepointView(ctx, chokepoints(ctx));
  const els = chokepointElements(reference, view);

  it('draws only the assets of the view, in their zone boxes, at the view\'s positions', () => {
    const assets = nodes(els).filter((e) => e.data.asset !== undefined);
    expect(assets.map((e) => e.data.asset).sort()).toEqual([...view.assets].sort());
    const at = positionsOf(view.layout);
    for (const e of assets) expect(e.position).toEqual(at.get(e.data.asset as string));
    const zones = new Set(assets.map((e) => e.data.zone));
    expect(nodes(els).filter((e) => e.data.container).map((e) => e.data.zone).sort()).toEqual([...zones].sort());
  });

  it('marks the cut with its rank, sizes and colours assets by the risk they remove, entries and jewels as on the plant', () => {
    const byAsset = new Map(nodes(els).filter((e) => e.data.asset !== undefined).map((e) => [e.data.asset as string, e]));
    for (const c of view.cut) {
      expect(byAsset.get(c.id)!.classes).toContain('cut');
      expect(byAsset.get(c.id)!.data.rank).toBe(c.rank);
    }
    const sized = view.riskRemoved.filter(([, r]) => r > 0).sort((a, b) => a[1] - b[1]);
    expect(sized.length).toBeGreaterThan(1);
    const sizes = sized.map(([id]) => byAsset.get(id)!.data.size as number);
    expect(sizes.every((s, i) => i === 0 || s >= sizes[i - 1]!)).toBe(true);
    expect(sizes[sizes.length - 1]).toBeGreaterThan(sizes[0]!);
    for (const id of view.entries) expect(byAsset.get(id)!.classes).toContain('entry');
    for (const id of view.jewels) expect(byAsset.get(id)!.classes).toContain('jewel');
  });

  it('draws the view\'s attack steps, directed, the most likely paths marked main, with technique and likelihood', () => {
    const steps = edges(els);
    expect(steps).toHaveLength(view.edges.length);
    steps.forEach((e, i) => {
      const v = view.edges[i]!;
      expect(e.data).toMatchObject({ source: `asset:${v.from}`, target: `asset:${v.to}`, likelihood: v.likelihood });
      expect(e.classes).toBe(`attack directed${v.main ? ' main' : ''}`);
    });
  });
});
