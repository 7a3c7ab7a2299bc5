// Zone groups of the collapsed view: a plant with many zones is drawn with one tile per site and
// level (src/analysis/layout.ts zoneGroups), counted and linked by the analysis worker
// (src/session/plant-view.ts zoneLinks with groups), and a group opens in place into its zones'
// tiles (src/ui/graph/groups.ts) — checked against counts made here from the model's records.
import type { ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { GROUP_ABOVE_TILES, graphLayout, tileSize, zoneGroups, type GraphLayout, type ZoneGroup } from '../../../src/analysis/layout';
import { generatePlant } from '../../../src/model/generate';
import type { PlantModel, Zone } from '../../../src/model/schema';
import { zoneLinks, zoneTiles, type ZoneLink } from '../../../src/session/plant-view';
import { sceneElementOf, sceneZoneElementOf, type Scene } from '../../../src/ui/graph/draw';
import { tileElements, zoneNodeId, type ElementData } from '../../../src/ui/graph/elements';
import { groupedTiles, openGroupLayout } from '../../../src/ui/graph/groups';
import { filterHides, NO_FILTER, zonesWithin } from '../../../src/ui/graph/look';

const plant = generatePlant({ assets: 10_000, seed: 1 });
const ctx = buildContext(plant);
const layout = graphLayout(plant);
const groups = layout.groups ?? [];

/** Links between the tiles drawn, counted here from the records: tile of each end, unordered pairs of different tiles. */
function countedLinks(model: PlantModel, tileOfZone: (zone: string) => string, only?: (zoneA: string, zoneB: string) => boolean): Map<string, number> {
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const out = new Map<string, number>();
  const link = (from: string, to: string) => {
    const za = zoneOf.get(from)!;
    const zb = zoneOf.get(to)!;
    if (only && !only(za, zb)) return;
    const a = tileOfZone(za);
    const b = tileOfZone(zb);
    if (a === b) return;
    const key = [a, b].sort().join(' | ');
    out.set(key, (out.get(key) ?? 0) + 1);
  };
  for (const c of model.connections) link(c.from, c.to);
  for (const t of model.trust ?? []) link(t.from, t.to);
  for (const m of model.media ?? []) for (const f of m.from) for (const t of m.to) link(f, t);
  return out;
}
const asMap = (links: readonly ZoneLink[]) => new Map(links.map((l) => [[l.a, l.b].sort().join(' | '), l.n]));

describe('zoneGroups', () => {
  const zone = (id: string, level: Zone['purdueLevel'], parent?: string): Zone => ({ id, name: id.toUpperCase(), purdueLevel: level, ...(parent ? { parent } : {}) });

  it(`groups nothing at or below ${GROUP_ABOVE_TILES} zone tiles`, () => {
    const zones = [zone('site', 3), zone('a', 1, 'site'), zone('b', 1, 'site')];
    expect(zoneGroups(zones, () => 1)).toEqual([]);
    expect(graphLayout(generatePlant({ assets: 5000, seed: 1 })).groups).toBeUndefined();
  });

  it('groups the zones of one level by their outermost enclosing zone; a lone zone, a zone without a parent and an empty zone stay tiles', () => {
    const zones: Zone[] = [zone('site', 3), zone('area', 3, 'site'), zone('top', 4)];
    for (let i = 0; i < GROUP_ABOVE_TILES; i++) zones.push(zone(`c${i}`, i % 2 ? 1 : 0, i % 4 === 0 ? 'area' : 'site'));
    zones.push(zone('lone', 2, 'site'), zone('empty', 1, 'site'));
    const count = (i: number) => (zones[i]!.id === 'empty' || zones[i]!.id === 'site' ? 0 : 1);
    const got = zoneGroups(zones, count);
    expect(got.map((g) => [g.id, g.parent, g.level, g.name, g.site, g.zones.length])).toEqual([
      ['site/L0', 'site', 0, 'SITE · Process', 'SITE', GROUP_ABOVE_TILES / 2],
      ['site/L1', 'site', 1, 'SITE · Basic control', 'SITE', GROUP_ABOVE_TILES / 2],
    ]);
    const grouped = new Set(got.flatMap((g) => g.zones));
    for (const id of ['area', 'top', 'lone', 'empty', 'site']) expect(grouped.has(id), id).toBe(false);
  });

  it("keeps a group's id apart from every zone id", () => {
    const zones: Zone[] = [zone('site', 3), zone('site/L1', 2)];
    for (let i = 0; i < GROUP_ABOVE_TILES + 2; i++) zones.push(zone(`c${i}`, 1, 'site'));
    const [g] = zoneGroups(zones, () => 1);
    expect(g!.id).toBe('site/L1~');
  });

  it('a 10k-asset generated plant: one tile per site and level for the cells, each zone with assets in exactly one tile', () => {
    const tiles = zoneTiles(ctx);
    expect(tiles.length).toBeGreaterThan(GROUP_ABOVE_TILES);
    const sites = plant.zones.filter((z) => /^z-s\d+$/.test(z.id)).length;
    expect(sites).toBe(10);
    expect(groups.length).toBe(sites * 3); // L2, L1 and L0 of each site; its operations zone (L3) is a lone tile
    const drawnIds = layout.positions.map(([id]) => id);
    const inGroups = groups.flatMap((g) => g.zones);
    expect(new Set(inGroups).size).toBe(inGroups.length);
    expect([...drawnIds.filter((id) => !groups.some((g) => g.id === id)), ...inGroups].sort()).toEqual(tiles.map((t) => t.zone).sort());
    expect(drawnIds.length).toBeLessThan(60);
  });
});

describe('zoneLinks with groups', () => {
  const tileOf = new Map<string, string>();
  for (const g of groups) for (const z of g.zones) tileOf.set(z, g.id);

  it("counts every record between two tiles drawn, closed groups' zones as their group", () => {
    expect(asMap(zoneLinks(ctx, 1e9, groups))).toEqual(countedLinks(plant, (z) => tileOf.get(z) ?? z));
  });

  it('a group opened: the links of its zones alone, to each other and to the other tiles', () => {
    const open = groups.find((g) => g.level === 1)!;
    const members = new Set(open.zones);
    const tile = (z: string) => (members.has(z) ? z : (tileOf.get(z) ?? z));
    const want = countedLinks(plant, tile, (a, b) => members.has(a) || members.has(b));
    expect(want.size).toBeGreaterThan(0);
    expect(asMap(zoneLinks(ctx, 1e9, groups, open.id))).toEqual(want);
  });

  it('at most `max`, the pairs touching an entry point or crown jewel first', () => {
    const all = zoneLinks(ctx, 1e9, groups);
    const top = zoneLinks(ctx, 10, groups);
    expect(top).toEqual(all.slice(0, 10));
  });
});

describe('groupedTiles and openGroupLayout', () => {
  const tiles = zoneTiles(ctx);
  const links = zoneLinks(ctx, undefined, groups);
  const byZone = new Map(tiles.map((t) => [t.zone, t]));

  it("closed: one tile per group, its assets summed and its roles any of its zones'", () => {
    const drawn = groupedTiles(layout, tiles, links);
    expect(drawn.tiles.map((t) => t.zone).sort()).toEqual(layout.positions.map(([id]) => id).sort());
    for (const g of groups) {
      const t = drawn.tiles.find((x) => x.zone === g.id)!;
      const members = g.zones.map((z) => byZone.get(z)!);
      expect(t).toEqual({ zone: g.id, count: members.reduce((s, m) => s + m.count, 0), entry: members.some((m) => m.entry), jewel: members.some((m) => m.jewel) });
      for (const z of g.zones) expect(drawn.tileOf(z)).toBe(g.id);
    }
    expect(drawn.tiles.some((t) => t.jewel)).toBe(true);
    expect(drawn.tileOf('z-ent')).toBe('z-ent');
  });

  it("opened: its zones' tiles in a box where its tile was, overlapping nothing; the tiles after it moved; its links replace the group's", () => {
    const open = groups.find((g) => g.level === 1 && g.parent === 'z-s2')!;
    const openLinks = zoneLinks(ctx, undefined, groups, open.id);
    const drawn = groupedTiles(layout, tiles, links, { group: open.id, links: openLinks });
    expect(drawn.opened).toBe(open);
    const ids = drawn.layout.positions.map(([id]) => id);
    expect(ids).not.toContain(open.id);
    for (const z of open.zones) expect(ids).toContain(z);
    expect(drawn.links.some((l) => l.a === open.id || l.b === open.id)).toBe(false);
    expect(drawn.links.length).toBe(links.filter((l) => l.a !== open.id && l.b !== open.id).length + openLinks.length);
    // Nothing overlaps: sizes by the tiles drawn (groups by their assets, the opened group's zones by theirs).
    const count = new Map([...drawn.tiles.map((t) => [t.zone, t.count] as const), ...tiles.map((t) => [t.zone, t.count] as const)]);
    const boxes = drawn.layout.positions.map(([id, x, y]) => ({ id, x, y, ...tileSize(count.get(id)!) }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2, `${a.id} and ${b.id}`).toBe(true);
      }
    // The opened zones lie in the opened group's band, which grew to hold them.
    const band = drawn.layout.bands.find((b) => b.level === 1)!;
    for (const z of open.zones) {
      const [, , y] = drawn.layout.positions.find(([id]) => id === z)!;
      expect(y).toBeGreaterThan(band.top);
      expect(y).toBeLessThan(band.bottom);
    }
  });

  it('an unknown group opens nothing', () => {
    const g: ZoneGroup = { id: 'nope', parent: 'x', name: 'x', site: 'x', level: 1, zones: [] };
    const same: GraphLayout = openGroupLayout(layout, g, [], () => tileSize(1));
    expect(same).toBe(layout);
  });
});

describe('the scene of a grouped plant', () => {
  const tiles = zoneTiles(ctx);
  const links = zoneLinks(ctx, undefined, groups);
  const zoneOfAsset = new Map(plant.assets.map((a) => [a.id, a.zone]));
  const sceneOf = (open?: ZoneGroup): Scene => {
    const drawn = groupedTiles(layout, tiles, links, open ? { group: open.id, links: zoneLinks(ctx, undefined, groups, open.id) } : undefined);
    return {
      model: { ...plant, assets: [], connections: [] },
      layout: drawn.layout,
      tiles: { zones: plant.zones, tiles: drawn.tiles, links: drawn.links, zoneOf: (a) => zoneOfAsset.get(a), groups: drawn },
    };
  };
  const elementsOf = (s: Scene): ElementDefinition[] => tileElements(s.tiles!.zones, s.layout, s.tiles!.tiles, s.tiles!.links, s.tiles!.groups);

  it('an asset is drawn as its closed group\'s tile, or its zone\'s tile once the group is open; every edge has both ends drawn', () => {
    const plc = plant.assets.find((a) => a.kind === 'plc' && a.zone.startsWith('z-c'))!;
    const group = groups.find((g) => g.zones.includes(plc.zone))!;
    const closed = sceneOf();
    expect(sceneElementOf(closed)(plc.id)).toBe(zoneNodeId(group.id));
    expect(sceneZoneElementOf(closed)(plc.zone)).toBe(zoneNodeId(group.id));
    const opened = sceneOf(group);
    expect(sceneElementOf(opened)(plc.id)).toBe(zoneNodeId(plc.zone));
    for (const s of [closed, opened]) {
      const els = elementsOf(s);
      const nodes = new Set(els.filter((e) => e.group === 'nodes').map((e) => e.data.id));
      for (const e of els.filter((x) => x.group === 'edges')) {
        expect(nodes.has(e.data.source!), e.data.source).toBe(true);
        expect(nodes.has(e.data.target!), e.data.target).toBe(true);
      }
    }
  });

  it("draws a group's tile with its site, zones and assets, and an opened group as a box holding its zones' tiles", () => {
    const group = groups[0]!;
    const closed = elementsOf(sceneOf()).find((e) => e.data.id === zoneNodeId(group.id))!;
    expect(closed.classes).toContain('zone-group');
    expect(closed.data).toMatchObject({ zone: group.id, name: group.name, site: group.site, zones: group.zones.length, level: group.level });
    const opened = elementsOf(sceneOf(group));
    const box = opened.find((e) => e.data.id === zoneNodeId(group.id))!;
    expect(box.data.container).toBe(true);
    for (const z of group.zones) expect(opened.find((e) => e.data.id === zoneNodeId(z))!.data.parent).toBe(zoneNodeId(group.id));
  });

  it("the zone filter on a site shows its zones' tiles and its groups, nothing else", () => {
    const els = elementsOf(sceneOf()).filter((e) => e.group === 'nodes');
    const within = zonesWithin(plant.zones, 'z-s2');
    expect(within.has('z-s2-ops')).toBe(true);
    const hides = filterHides({ ...NO_FILTER, zone: 'z-s2', within });
    const shown = els.filter((e) => !hides(e.data as ElementData)).map((e) => e.data.zone).sort();
    expect(shown).toEqual(['z-s2-ops', ...groups.filter((g) => g.parent === 'z-s2').map((g) => g.id)].sort());
    // A zone enclosing nothing: itself alone.
    expect([...zonesWithin(plant.zones, 'z-ent')]).toEqual(['z-ent']);
  });

  it('the zone filter keeps a group tile showing for any of its zones', () => {
    const group = groups[0]!;
    const tile = elementsOf(sceneOf()).find((e) => e.data.id === zoneNodeId(group.id))!;
    const data = tile.data as ElementData;
    expect(filterHides({ ...NO_FILTER, zone: group.zones[1]! })(data)).toBe(false);
    expect(filterHides({ ...NO_FILTER, zone: 'z-ent' })(data)).toBe(true);
  });
});
