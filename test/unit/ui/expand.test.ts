// A zone of the collapsed view opened in place (src/ui/graph/expand.ts): its assets in a box that
// grows right and down from the tile, the tiles to its right and below moved out of its way, its
// band grown; its connections drawn asset to asset and asset to tile, the other links kept — from
// the zone's records the analysis worker gives (src/session/plant-view.ts zoneRecords) as from the
// whole plant.
import type { ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout, tileSize } from '../../../src/analysis/layout';
import { generatePlant } from '../../../src/model/generate';
import { zoneLinks, zoneRecords, zoneTiles } from '../../../src/session/plant-view';
import { assetNodeId, tileElements, zoneNodeId, type ElementData } from '../../../src/ui/graph/elements';
import { openZoneElements, openZoneLayout } from '../../../src/ui/graph/expand';

const model = generatePlant({ assets: 2000, seed: 3 });
const ctx = buildContext(model);
const layout = graphLayout(model);
const collapsedElements = () => tileElements(model.zones, layout, zoneTiles(ctx), zoneLinks(ctx));
const count = new Map<string, number>();
for (const a of model.assets) count.set(a.zone, (count.get(a.zone) ?? 0) + 1);
const tileOf = (z: string) => tileSize(count.get(z) ?? 1);
// A zone in the middle of a row, with tiles to its right and below it.
const zone = [...count].filter(([, n]) => n >= 6).map(([z]) => z).find((z) => {
  const [, x, y] = layout.positions.find(([id]) => id === z)!;
  return layout.positions.some(([, px, py]) => py === y && px > x) && layout.positions.some(([, , py]) => py > y + 200);
})!;

describe('openZoneLayout', () => {
  const at = openZoneLayout(model, layout, zone, tileOf);
  const members = model.assets.filter((a) => a.zone === zone);

  it('places every asset of the zone, and only those, a cell apart, in the box that replaces the tile', () => {
    expect([...at.assets.keys()].sort()).toEqual(members.map((a) => a.id).sort());
    expect(at.tiles.has(zone)).toBe(false);
    const [, cx, cy] = layout.positions.find(([id]) => id === zone)!;
    const t = tileOf(zone);
    for (const p of at.assets.values()) {
      expect(p.x).toBeGreaterThanOrEqual(cx - t.width / 2);
      expect(p.y).toBeGreaterThanOrEqual(cy - t.height / 2);
    }
    const pts = [...at.assets.values()];
    for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) expect(Math.abs(pts[i]!.x - pts[j]!.x) >= 100 || Math.abs(pts[i]!.y - pts[j]!.y) >= 60).toBe(true);
  });

  it('moves the other tiles out of the box\'s way: nothing overlaps it, and the tiles keep apart', () => {
    const xs = [...at.assets.values()].map((p) => p.x);
    const ys = [...at.assets.values()].map((p) => p.y);
    const box = { x1: Math.min(...xs) - 32, x2: Math.max(...xs) + 32, y1: Math.min(...ys) - 32, y2: Math.max(...ys) + 32 };
    const tiles = [...at.tiles].map(([id, p]) => ({ id, ...p, ...tileOf(id) }));
    for (const t of tiles) {
      const apart = t.x + t.width / 2 <= box.x1 || t.x - t.width / 2 >= box.x2 || t.y + t.height / 2 <= box.y1 || t.y - t.height / 2 >= box.y2;
      expect(apart, t.id).toBe(true);
    }
    for (let i = 0; i < tiles.length; i++) {
      for (let j = i + 1; j < tiles.length; j++) {
        const a = tiles[i]!;
        const b = tiles[j]!;
        expect(Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2, `${a.id} / ${b.id}`).toBe(true);
      }
    }
  });

  it('grows the zone\'s band by what the box adds, moves the bands below, and keeps them meeting', () => {
    at.bands.forEach((b, i) => {
      if (i > 0) expect(b.top).toBe(at.bands[i - 1]!.bottom);
    });
    const grown = at.bands.reduce((s, b) => s + b.bottom - b.top, 0) - layout.bands.reduce((s, b) => s + b.bottom - b.top, 0);
    expect(grown).toBeGreaterThan(0);
  });
});

describe('openZoneElements', () => {
  const at = openZoneLayout(model, layout, zone, tileOf);
  const collapsed = collapsedElements();
  const els = openZoneElements(model, collapsed, zone, at);
  const ids = new Set(els.map((e) => e.data.id));

  it('replaces the tile by a box holding the zone\'s assets; the other tiles stay, moved', () => {
    const box = els.find((e) => e.data.id === zoneNodeId(zone))!;
    expect((box.data as ElementData).container).toBe(true);
    for (const a of model.assets.filter((x) => x.zone === zone)) {
      const n = els.find((e) => e.data.id === assetNodeId(a.id))!;
      expect(n.data.parent).toBe(zoneNodeId(zone));
      expect(n.position).toEqual(at.assets.get(a.id));
    }
    const tiles = els.filter((e) => (e.data as ElementData).count !== undefined);
    expect(tiles).toHaveLength(count.size - 1);
    for (const t of tiles) expect(t.position).toEqual(at.tiles.get(t.data.zone as string));
  });

  it('draws its connections inside asset to asset, outward asset to tile counted, and keeps the other zones\' links', () => {
    const inZone = new Set(model.assets.filter((a) => a.zone === zone).map((a) => a.id));
    const inside = model.connections.filter((c) => inZone.has(c.from) && inZone.has(c.to));
    const edges = els.filter((e) => e.group === 'edges');
    expect(edges.filter((e) => String(e.data.id).startsWith('oc'))).toHaveLength(inside.length);
    const outward = edges.filter((e) => String(e.data.id).startsWith('ol'));
    const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
    const records = model.connections.filter((c) => inZone.has(c.from) !== inZone.has(c.to)).length
      + (model.trust ?? []).filter((t) => inZone.has(t.from) !== inZone.has(t.to)).length
      + (model.media ?? []).reduce((n, m) => n + m.from.reduce((k, f) => k + m.to.filter((t) => f !== t && inZone.has(f) !== inZone.has(t)).length, 0), 0);
    expect(outward.reduce((n, e) => n + (e.data.weight as number), 0)).toBe(records);
    for (const e of outward) expect(zoneOf.get((els.find((x) => x.data.id === e.data.source)!.data as ElementData).asset!)).toBe(zone);
    for (const e of edges) expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
    const kept = collapsed.filter((e) => e.group === 'edges' && e.data.source !== zoneNodeId(zone) && e.data.target !== zoneNodeId(zone));
    for (const e of kept) expect(ids.has(e.data.id)).toBe(true);
  });
});

describe('opening a zone from the records the worker gives', () => {
  const { model: records, outward } = zoneRecords(ctx, zone);
  /** Elements without the ids that count records (a sub-model numbers its records its own way). */
  const shape = (els: readonly ElementDefinition[]) =>
    els.map((e) => JSON.stringify({ ...e, data: { ...e.data, id: /^o[ctm]\d/.test(String(e.data.id)) ? 'record' : e.data.id } })).sort();

  it('holds the zone\'s assets and the connections between them only, its other links counted', () => {
    const inZone = new Set(model.assets.filter((a) => a.zone === zone).map((a) => a.id));
    expect(records.assets.map((a) => a.id)).toEqual([...inZone]);
    expect(records.connections.map((c) => c.id)).toEqual(model.connections.filter((c) => inZone.has(c.from) && inZone.has(c.to)).map((c) => c.id));
    const across = model.connections.filter((c) => inZone.has(c.from) !== inZone.has(c.to)).length;
    expect(across).toBeGreaterThan(0);
    expect(outward.reduce((n, [, , k]) => n + k, 0)).toBeGreaterThanOrEqual(across);
  });

  it('places and draws the zone exactly as the whole plant would', () => {
    const whole = openZoneLayout(model, layout, zone, tileOf);
    const sub = openZoneLayout(records, layout, zone, tileOf);
    expect(sub).toEqual(whole);
    expect(shape(openZoneElements(records, collapsedElements(), zone, sub, outward))).toEqual(shape(openZoneElements(model, collapsedElements(), zone, whole)));
  });
});

