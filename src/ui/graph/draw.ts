// Drawing a plant into cytoscape step by step, for the scheduler (scheduler.ts): the old elements
// removed, then nodes, then edges, a few at a time. Each element is measured (style, label, edge
// geometry) in the task that adds it, so the frames between mostly paint; one plant in one go was
// a long task of several hundred ms.
import type { CollectionReturnValue, Core, ElementDefinition } from 'cytoscape';
import type { ChokepointView } from '../../analysis/chokepoint-view';
import type { GraphLayout } from '../../analysis/layout';
import type { PlantModel, Zone } from '../../model/schema';
import type { ZoneLink, ZoneTile } from '../../session/plant-view';
import { assetElements, assetNodeId, chokepointElements, tileElements, toElements, zoneNodeId } from './elements';
import { openZoneElements, type OpenedZone } from './expand';
import type { GroupedTiles } from './groups';
import type { Pause } from './scheduler';
import { FIT_INSET, fitViewport, MAX_ZOOM, MIN_ZOOM, type Inset, type Viewport } from './viewport';

export type { Viewport } from './viewport';

/** The zone tiles of a collapsed view, as the analysis worker counted them, and the zone each asset lies in. */
export interface SceneTiles {
  readonly zones: readonly Zone[];
  readonly tiles: readonly ZoneTile[];
  readonly links: readonly ZoneLink[];
  /** The zone an asset lies in (the asset directory's): an asset is drawn as its zone's tile. */
  readonly zoneOf: (asset: string) => string | undefined;
  /**
   * Zone groups (groups.ts): the closed ones drawn as one tile each (in `tiles`), the one opened in
   * place, and the tile each zone is drawn in (its closed group's, or its own).
   */
  readonly groups?: Pick<GroupedTiles, 'closed' | 'opened' | 'tileOf'>;
}

/**
 * What the graph draws and the layout it is drawn at. `model` holds the records drawn, never more:
 * the whole plant when it is drawn asset by asset, the assets of the chokepoints view (`view`, at
 * the view's own layout, which is then `layout`), or — collapsed, with `tiles` — only the zones
 * and roles, and the records of a zone opened in place (`opened`).
 */
export interface Scene {
  readonly model: PlantModel;
  readonly layout: GraphLayout;
  readonly tiles?: SceneTiles;
  readonly view?: ChokepointView;
  /**
   * A zone of the collapsed view opened in place (expand.ts): `layout` holds the moved tiles and
   * bands, `model` the zone's records, `outward` its links to other zones as the worker counted them.
   */
  readonly opened?: { readonly zone: string; readonly at: OpenedZone; readonly outward?: readonly (readonly [string, string, number])[] };
}

/** The element each asset is drawn as in a scene: its node, its zone's tile, or its node inside a zone opened in place. */
export function sceneElementOf(scene: Scene): (asset: string) => string {
  const tiles = scene.tiles;
  const tileOf = tiles?.groups?.tileOf ?? ((zone: string) => zone);
  const tileOfAsset = tiles && ((asset: string) => {
    const zone = tiles.zoneOf(asset);
    return zone === undefined ? undefined : tileOf(zone);
  });
  const base = assetElements(scene.layout.collapsed ? tileOfAsset : undefined);
  const opened = scene.opened;
  if (!opened) return base;
  return (asset) => (opened.at.assets.has(asset) ? assetNodeId(asset) : base(asset));
}

/** The element a zone is drawn as in a scene: its box or tile, or its closed group's tile. */
export function sceneZoneElementOf(scene: Scene): (zone: string) => string {
  const tileOf = scene.tiles?.groups?.tileOf;
  return tileOf ? (zone) => zoneNodeId(tileOf(zone)) : zoneNodeId;
}

/** What the drawing tells its owner, and asks of it. */
export interface DrawHooks {
  /** The old elements are gone. */
  cleared(): void;
  /** The new elements are built and about to be added: what is drawn from now on belongs to the scene. */
  started(): void;
  /** Gives elements just added the look, filters and selection of the moment (inside the batch that adds them). */
  dress(added: CollectionReturnValue): void;
  /** The last edge is in. */
  done(): void;
}

/** Elements added per step of a drawing task (at least; see stepOf). */
const NODES_PER_STEP = 16;
const EDGES_PER_STEP = 48;
const COMPOUND_EDGES_PER_STEP = 24;
/**
 * Compound (uncollapsed) plants drawn step by step up to this many elements; larger ones as before.
 * The 100k-asset plant's chokepoints view holds 1,019 (137 assets in 91 zones, 791 edges): drawn at
 * once, the renderer's first frame measured all of it, 133–172 ms.
 */
const STEPWISE_COMPOUND_ELEMENTS = 2000;
/** Edges added per task on larger compound plants. */
const EDGES_PER_TASK = 1500;
/** Steps per kind of element at most: a large plant takes larger steps rather than hundreds of frames. */
const MAX_STEPS = 40;
const stepOf = (count: number, least: number) => Math.max(least, Math.ceil(count / MAX_STEPS));

/** The steps that replace whatever cytoscape holds with the scene (or with nothing). */
export function* drawSteps(cy: Core, scene: Scene | undefined, hooks: DrawHooks, { keepView = false }: { readonly keepView?: boolean } = {}): Generator<Pause> {
  cy.batch(() => cy.elements().remove());
  hooks.cleared();
  if (!scene) return;
  const { model, layout } = scene;
  yield 'task';
  let els: ElementDefinition[] = scene.view
    ? chokepointElements(model, scene.view)
    : layout.collapsed
      ? tileElements(scene.tiles?.zones ?? model.zones, layout, scene.tiles?.tiles ?? [], scene.tiles?.links ?? [], scene.tiles?.groups)
      : toElements(model, layout);
  if (scene.opened) {
    const group = scene.tiles?.groups?.opened;
    const parent = group?.zones.includes(scene.opened.zone) ? zoneNodeId(group.id) : undefined;
    els = openZoneElements(model, els, scene.opened.zone, scene.opened.at, scene.opened.outward, parent);
  }
  const nodes = els.filter((e) => e.group === 'nodes');
  const edges = els.filter((e) => e.group === 'edges');
  hooks.started();
  if (!keepView) roughFit(cy, nodes, layout.collapsed);
  yield 'task';
  // Zones drawn as compound nodes make edges dear: an added edge restyles its ends and their
  // zones, and the next frame measures those again with all their edges. Small plants still
  // take small steps (at most about a plant's worth of measuring per frame); on larger ones
  // that is quadratic, and they are drawn as before: the nodes at once, the edges in slices of
  // EDGES_PER_TASK, each slice a task of its own and measured by the renderer.
  const stepwise = layout.collapsed || nodes.length + edges.length <= STEPWISE_COMPOUND_ELEMENTS;
  const add = (defs: ElementDefinition[]) => {
    let added: CollectionReturnValue | undefined;
    cy.batch(() => {
      added = cy.add(defs);
      hooks.dress(added);
    });
    if (stepwise) added!.boundingBox(); // style, label and geometry now, not in the next frame
  };
  const nodeStep = stepwise ? stepOf(nodes.length, NODES_PER_STEP) : nodes.length;
  for (let i = 0; i < nodes.length; i += nodeStep) {
    add(nodes.slice(i, i + nodeStep));
    yield;
  }
  if (keepView) cy.nodes().boundingBox({}); // measures the nodes not measured yet
  else fitNodes(cy); // the same, and fits them
  // A painted frame before the edges: the renderer has then taken in the nodes and does not
  // measure the edges added next once more.
  yield 'frame';
  const edgeStep = !stepwise ? EDGES_PER_TASK : stepOf(edges.length, layout.collapsed ? EDGES_PER_STEP : COMPOUND_EDGES_PER_STEP);
  for (let i = 0; i < edges.length; i += edgeStep) {
    add(edges.slice(i, i + edgeStep));
    yield stepwise ? undefined : 'task';
  }
  hooks.done();
}

/** Fits every node into the pane beside the band labels (FIT_INSET). */
export function fitNodes(cy: Core, inset: Inset = FIT_INSET): void {
  const bb = cy.nodes().boundingBox({});
  const v = fitViewport(bb, { width: cy.width(), height: cy.height() }, inset);
  if (v) cy.viewport({ zoom: v.zoom, pan: { ...v.pan } });
}

/**
 * Where fitNodes would put nodes at these positions in a view of `width` × `height` px, estimated
 * without measuring anything: the half extent of a node beyond its position is taken as drawn
 * (an asset with its zone box's padding, or a zone tile). Undefined when there is nothing to fit
 * or no room.
 */
export function roughViewport(
  nodes: readonly ElementDefinition[],
  view: { readonly width: number; readonly height: number; readonly minZoom: number; readonly maxZoom: number },
  collapsed: boolean,
  inset: Inset = FIT_INSET,
): Viewport | undefined {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodes) {
    if (!n.position) continue;
    const hw = collapsed ? Number(n.data.width ?? 0) / 2 : 30;
    const hh = collapsed ? Number(n.data.height ?? 0) / 2 : 30;
    x1 = Math.min(x1, n.position.x - hw);
    y1 = Math.min(y1, n.position.y - hh);
    x2 = Math.max(x2, n.position.x + hw);
    y2 = Math.max(y2, n.position.y + hh);
  }
  if (!(x2 >= x1)) return undefined;
  return fitViewport({ x1, y1, x2, y2 }, view, inset, view.maxZoom);
}

/**
 * Puts the view where the fit at the end of the drawing will be, before anything is measured
 * (measuring is what the drawing spreads over frames): the view is right from the first frame and
 * the exact fit moves it only slightly.
 */
function roughFit(cy: Core, nodes: readonly ElementDefinition[], collapsed: boolean): void {
  const viewport = roughViewport(nodes, { width: cy.width(), height: cy.height(), minZoom: cy.minZoom() || MIN_ZOOM, maxZoom: cy.maxZoom() || MAX_ZOOM }, collapsed);
  if (viewport) cy.viewport({ zoom: viewport.zoom, pan: { ...viewport.pan } });
}
