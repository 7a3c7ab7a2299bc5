// Positions for the graph view (src/analysis/layout.ts): Purdue bands in order with their extents,
// zones that never overlap, a master above what it polls (the capture's star), zone tiles sized by
// asset count for large plants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandLayout, CELL_X, CELL_Y, COLLAPSE_ABOVE_ASSETS, graphLayout, LEVEL_LABEL, LEVEL_ORDER, tileSize, zoneLayout, zoneRows, type GraphLayout } from '../../../src/analysis/layout';
import { captureToModel, importCaptureBytes } from '../../../src/import/pcap/index';
import { generatePlant } from '../../../src/model/generate';
import type { PlantModel } from '../../../src/model/schema';

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
const water = JSON.parse(readFileSync('models/water-treatment.json', 'utf8')) as PlantModel;
const capture = captureToModel(importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'))), { name: 'capture' });

const positions = (l: GraphLayout) => new Map(l.positions.map(([id, x, y]) => [id, { x, y }]));

/** Every positioned id lies in the band of its level; bands run top (L5) to bottom (L0) and meet. */
function checkBands(model: PlantModel, layout: GraphLayout): void {
  const levelOfZone = new Map(model.zones.map((z) => [z.id, z.purdueLevel]));
  const levelOf = (id: string) => (layout.collapsed ? levelOfZone.get(id) : levelOfZone.get(model.assets.find((a) => a.id === id)!.zone));
  const used = new Set(layout.positions.map(([id]) => levelOf(id)));
  expect(layout.bands.map((b) => b.level)).toEqual(LEVEL_ORDER.filter((l) => used.has(l)));
  for (const b of layout.bands) expect(b.label).toBe(LEVEL_LABEL[String(b.level)]);
  layout.bands.forEach((b, i) => {
    expect(b.bottom).toBeGreaterThan(b.top);
    if (i > 0) expect(b.top).toBe(layout.bands[i - 1]!.bottom);
  });
  for (const [id, , y] of layout.positions) {
    const band = layout.bands.find((b) => b.level === levelOf(id))!;
    expect(y, id).toBeGreaterThan(band.top);
    expect(y, id).toBeLessThan(band.bottom);
  }
}

/** The boxes around each zone's assets (half a cell around the centres) never overlap. */
function checkZonesApart(model: PlantModel, layout: GraphLayout): void {
  const pos = positions(layout);
  const boxes = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const a of model.assets) {
    const p = pos.get(a.id)!;
    const b = boxes.get(a.zone) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    boxes.set(a.zone, { x1: Math.min(b.x1, p.x - CELL_Y / 2), y1: Math.min(b.y1, p.y - CELL_Y / 2), x2: Math.max(b.x2, p.x + CELL_Y / 2), y2: Math.max(b.y2, p.y + CELL_Y / 2) });
  }
  const list = [...boxes];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [za, a] = list[i]!;
      const [zb, b] = list[j]!;
      const apart = a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1;
      expect(apart, `${za} and ${zb} overlap`).toBe(true);
    }
  }
}

describe('graphLayout: the full view', () => {
  it.each([
    ['reference plant', reference],
    ['water treatment', water],
    ['capture twin', capture],
  ])('%s: every asset placed once, in its level\'s band, zones apart, assets a cell apart', (_, model) => {
    const layout = graphLayout(model);
    expect(layout.collapsed).toBe(false);
    expect(layout.positions.map(([id]) => id).sort()).toEqual(model.assets.map((a) => a.id).sort());
    checkBands(model, layout);
    checkZonesApart(model, layout);
    const pts = layout.positions;
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const far = Math.abs(pts[i]![1] - pts[j]![1]) >= CELL_X / 2 || Math.abs(pts[i]![2] - pts[j]![2]) >= CELL_Y;
        expect(far, `${pts[i]![0]} and ${pts[j]![0]}`).toBe(true);
      }
    }
  });

  it('the industrial DMZ band lies between the enterprise and site operations bands', () => {
    const bands = graphLayout(reference).bands;
    const at = (level: number) => bands.findIndex((b) => b.level === level);
    expect(at(4)).toBeLessThan(at(3.5));
    expect(at(3.5)).toBeLessThan(at(3));
    expect(bands.find((b) => b.level === 3.5)!.label).toBe('L3.5 Industrial DMZ');
  });

  it('wraps the zones to a picture about as wide as a graph pane, not one long row', () => {
    const layout = graphLayout(reference);
    const xs = layout.positions.map(([, x]) => x);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = layout.bands.at(-1)!.bottom - layout.bands[0]!.top;
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(2);
  });
});

describe('zoneRows: a master above what it polls', () => {
  it('the capture\'s HMI polling 13 PLCs sits alone in the first row, centred above them (a star, not a chain)', () => {
    const hmi = capture.assets.find((a) => a.kind === 'hmi')!;
    const plcs = capture.assets.filter((a) => a.kind === 'plc');
    expect(plcs).toHaveLength(13);
    expect(capture.connections.every((c) => c.from === hmi.id)).toBe(true);
    const pos = positions(graphLayout(capture));
    const h = pos.get(hmi.id)!;
    const spokes = plcs.map((p) => pos.get(p.id)!);
    // Every PLC is below the HMI; the HMI is over the middle of them.
    for (const s of spokes) expect(s.y).toBeGreaterThan(h.y);
    const xs = spokes.map((s) => s.x);
    expect(h.x).toBeGreaterThan(Math.min(...xs));
    expect(h.x).toBeLessThan(Math.max(...xs));
    // No PLC shares the HMI's row, so no edge runs along a row through other nodes.
    expect(spokes.filter((s) => s.y === h.y)).toEqual([]);
  });

  it('masters (opening sessions to two or more members) first; the rest grouped by their first master, else in model order', () => {
    const members = ['p1', 'm2', 'p2', 'm1', 'p3', 'x'];
    const links = [['m1', 'p2'], ['m1', 'p3'], ['m2', 'p1'], ['m2', 'p2'], ['x', 'outside']] as const;
    expect(zoneRows(members, links, 4)).toEqual([['m2', 'm1'], ['p1', 'p2', 'p3', 'x']]);
  });

  it('a zone without masters (or only masters) keeps its members in order, rows of `cols`', () => {
    expect(zoneRows(['a', 'b', 'c', 'd', 'e'], [['a', 'b']], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(zoneRows(['a', 'b', 'c'], [['a', 'b'], ['a', 'c'], ['b', 'a'], ['b', 'c'], ['c', 'a'], ['c', 'b']], 3)).toEqual([['a', 'b', 'c']]);
  });

  it('bandLayout places only the members it is given', () => {
    const l = bandLayout({ zones: reference.zones, members: new Map([[reference.assets[0]!.zone, [reference.assets[0]!.id]]]), links: [] });
    expect([...l.positions.keys()]).toEqual([reference.assets[0]!.id]);
    expect(l.bands).toHaveLength(1);
  });
});

describe('the collapsed view of large plants', () => {
  const big = generatePlant({ assets: 2000, seed: 3 });

  it(`collapses above ${COLLAPSE_ABOVE_ASSETS} assets: one tile per zone holding assets, in its level's band`, () => {
    const layout = graphLayout(big);
    expect(layout.collapsed).toBe(true);
    const used = new Set(big.assets.map((a) => a.zone));
    expect(layout.positions.map(([id]) => id).sort()).toEqual([...used].sort());
    checkBands(big, layout);
  });

  it('tiles grow with their asset count and never overlap', () => {
    expect(tileSize(1).width).toBeLessThan(tileSize(10).width);
    expect(tileSize(10).width).toBeLessThan(tileSize(100).width);
    expect(tileSize(100_000).width).toBe(tileSize(1_000_000).width); // bounded
    const count = new Map<string, number>();
    for (const a of big.assets) count.set(a.zone, (count.get(a.zone) ?? 0) + 1);
    const tiles = [...zoneLayout(big).positions].map(([id, p]) => ({ id, ...p, ...tileSize(count.get(id)!) }));
    for (let i = 0; i < tiles.length; i++) {
      for (let j = i + 1; j < tiles.length; j++) {
        const a = tiles[i]!;
        const b = tiles[j]!;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });
});
