// The drawing plan (src/ui/graph/draw.ts) on a headless cytoscape: what is added in which step, where
// the steps pause, and the rough first view.
import { readFileSync } from 'node:fs';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout } from '../../../src/analysis/layout';
import { zoneLinks, zoneTiles } from '../../../src/session/plant-view';
import { generatePlant } from '../../../src/model/generate';
import type { PlantModel } from '../../../src/model/schema';
import { drawSteps, roughViewport, type Scene } from '../../../src/ui/graph/draw';
import { GRAPH_STYLE } from '../../../src/ui/graph/style';
import { tinyPlant } from '../../helpers/builders';

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
const sceneOf = (model: PlantModel): Scene => ({ model, layout: graphLayout(model) });

let cy: Core | undefined;
afterEach(() => {
  cy?.destroy();
  cy = undefined;
});

/** Runs the drawing to its end; the log has the hooks called and the pauses asked for, in order. */
function drawLog(scene: Scene | undefined, into?: Core): { cy: Core; log: string[] } {
  cy = into ?? cytoscape({ headless: true, styleEnabled: true, style: GRAPH_STYLE });
  const log: string[] = [];
  const steps = drawSteps(cy, scene, {
    cleared: () => log.push('cleared'),
    started: () => log.push('started'),
    dress: (added) => log.push(`dress ${added.nodes().length}n ${added.edges().length}e`),
    done: () => log.push('done'),
  });
  for (const pause of steps) log.push(pause ?? 'next');
  return { cy, log };
}

/** The log with runs of equal entries folded: ["next", "next"] → ["next ×2"]. */
const folded = (log: readonly string[]) =>
  log.reduce<[string, number][]>((runs, x) => {
    const last = runs[runs.length - 1];
    if (last?.[0] === x) last[1]++;
    else runs.push([x, 1]);
    return runs;
  }, []).map(([x, n]) => (n > 1 ? `${x} ×${n}` : x));

/** The log of `total` nodes or edges added `size` at a time, each slice followed by `pause`. */
const slices = (total: number, size: number, of: 'nodes' | 'edges', pause: string) =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => {
    const n = Math.min(size, total - i * size);
    return [of === 'nodes' ? `dress ${n}n 0e` : `dress 0n ${n}e`, pause];
  }).flat();

describe('drawSteps', () => {
  it('draws a small plant in small steps: nodes, a painted frame, then edges', () => {
    const { cy, log } = drawLog(sceneOf(reference));
    const nodes = cy.nodes().length;
    const edges = cy.edges().length;
    expect(nodes).toBe(125); // 110 assets in 15 zone boxes
    expect(edges).toBe(278);
    expect(log).toEqual(['cleared', 'task', 'started', 'task', ...slices(nodes, 16, 'nodes', 'next'), 'frame', ...slices(edges, 24, 'edges', 'next'), 'done']);
  });

  it('draws a large full view with every node at once and the edges in tasks of 1,500', () => {
    const model = generatePlant({ assets: 1200, seed: 8 });
    const scene = sceneOf(model);
    expect(scene.layout.collapsed).toBe(false);
    const { cy, log } = drawLog(scene);
    const edges = cy.edges().length;
    expect(edges).toBeGreaterThan(1500);
    expect(log).toEqual(['cleared', 'task', 'started', 'task', `dress ${cy.nodes().length}n 0e`, 'next', 'frame', ...slices(edges, 1500, 'edges', 'task'), 'done']);
  });

  it('draws the collapsed view of a large plant from the tiles and links the worker counted', () => {
    const model = generatePlant({ assets: 1600, seed: 5 });
    const ctx = buildContext(model);
    const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
    const layout = graphLayout(model);
    expect(layout.collapsed).toBe(true);
    // The scene holds no asset record: the zones, and the tiles and links the worker counted.
    const scene: Scene = {
      model: { ...model, assets: [], connections: [], trust: [], media: [] },
      layout,
      tiles: { zones: model.zones, tiles: zoneTiles(ctx), links: zoneLinks(ctx), zoneOf: (a) => zoneOf.get(a) },
    };
    const { cy, log } = drawLog(scene);
    expect(cy.edges().length).toBe(600);
    expect(folded(log).slice(0, 4)).toEqual(['cleared', 'task', 'started', 'task']);
    // At most 40 steps each: 127 tiles 16 at a time, 600 links 48 at a time.
    const tiles = cy.nodes().length;
    expect(tiles).toBe(new Set(model.assets.map((a) => a.zone)).size);
    expect(folded(log).slice(4)).toEqual([...slices(tiles, 16, 'nodes', 'next'), 'frame', ...slices(600, 48, 'edges', 'next'), 'done']);
  });

  it('replaces what was drawn; with no scene it only clears', () => {
    const first = drawLog(sceneOf(tinyPlant()));
    expect(first.cy.nodes().length).toBe(9);
    const { cy, log } = drawLog(undefined, first.cy);
    expect(log).toEqual(['cleared']);
    expect(cy.elements().length).toBe(0);
  });
});

describe('roughViewport', () => {
  const view = { width: 800, height: 600, minZoom: 0.05, maxZoom: 4 };
  const inset = { left: 100, top: 20, right: 20, bottom: 30 };
  const at = (...points: [number, number][]): ElementDefinition[] => points.map(([x, y], i) => ({ data: { id: `n${i}` }, position: { x, y } }));

  it('fits the nodes into the pane beside the band labels, centred there', () => {
    // Full view: 30 units around a node (its size and its zone box's padding); here x in [-30, 1030], y in [-30, 530].
    const v = roughViewport(at([0, 0], [1000, 0], [0, 500]), view, false, inset)!;
    expect(v.zoom).toBeCloseTo(Math.min(680 / 1060, 550 / 560));
    expect(v.pan.x).toBeCloseTo(100 + 680 / 2 - v.zoom * 500);
    expect(v.pan.y).toBeCloseTo(20 + 550 / 2 - v.zoom * 250);
    // Collapsed view: zone tiles, half their size around their centres.
    const tile = (x: number, y: number, w: number, h: number): ElementDefinition => ({ data: { id: `t${x}`, width: w, height: h }, position: { x, y } });
    const c = roughViewport([tile(0, 0, 100, 40), tile(1000, 400, 200, 80)], view, true, inset)!;
    expect(c.zoom).toBeCloseTo(Math.min(680 / 1150, 550 / 460));
  });

  it('keeps the zoom within the view\'s bounds', () => {
    expect(roughViewport(at([0, 0]), view, false, inset)!.zoom).toBe(4);
    expect(roughViewport(at([0, 0], [1e6, 0]), view, false, inset)!.zoom).toBe(0.05);
  });

  it('has nothing to say without positioned nodes or without room', () => {
    expect(roughViewport([], view, false, inset)).toBeUndefined();
    expect(roughViewport([{ data: { id: 'zone:z' } }], view, false, inset)).toBeUndefined();
    expect(roughViewport(at([0, 0]), { ...view, width: 110 }, false, inset)).toBeUndefined();
  });
});
