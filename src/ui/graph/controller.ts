// The plant graph without React: one controller owns the cytoscape instance, draws the plant in
// slices (draw.ts, scheduler.ts), applies the overlay and the filters (look.ts) and reports taps
// and hovers. A UI layer creates it on a container, passes it props with update() and destroys it;
// further views on the graph (band labels kept in step with pan and zoom, level-of-detail labels,
// zoom buttons, a minimap) plug in as layers, with no change to the React side.
import cytoscape, { type CollectionArgument, type CollectionReturnValue, type Core, type SingularElementArgument } from 'cytoscape';
import type { GraphLayout } from '../../analysis/layout';
import type { PlantModel } from '../../model/schema';
import { NO_OVERLAY, type Overlay } from '../overlay';
import { drawSteps, FIT_PADDING, type Scene } from './draw';
import { assetElements, assetNodeId, type ElementData } from './elements';
import { filterHides, NO_FILTER, overlayLook, PLAIN, type GraphFilter, type LookOf } from './look';
import { runSteps } from './scheduler';
import { GRAPH_STYLE } from './style';
import { rendererFor, type Renderer } from './webgl';

export type { Scene } from './draw';
export type { GraphFilter } from './look';
export type { Renderer } from './webgl';

/** What the graph shows; update() takes the whole of it each time and applies what changed. */
export interface GraphProps {
  readonly model: PlantModel | undefined;
  /** Positions from the analysis worker; nothing is drawn until they arrive. */
  readonly layout: GraphLayout | undefined;
  readonly overlay: Overlay;
  /** The selected asset's id. */
  readonly selected: string | undefined;
  readonly filter: GraphFilter;
}

/** A view drawn with the graph (not in React): mounted on each cytoscape instance the controller creates. */
export interface GraphLayer {
  mount(context: LayerContext): MountedLayer;
}

/**
 * What a layer works with: the cytoscape instance (its viewport events for keeping a DOM layer in
 * step with pan and zoom), the graph's container element, and the controller's commands.
 */
export interface LayerContext {
  readonly cy: Core;
  readonly container: HTMLElement;
  readonly controller: GraphController;
}

export interface MountedLayer {
  /** A scene is drawn to its last edge. */
  drawn?(scene: Scene): void;
  /** The cytoscape instance is going (a renderer switch, or the controller's destroy). */
  destroy(): void;
}

export interface GraphOptions {
  /** A tap on an asset (its id), or on the background (undefined). */
  readonly onSelectAsset?: (asset: string | undefined) => void;
  /** The pointer entered an asset's node (its id) or left it (undefined). */
  readonly onHoverAsset?: (asset: string | undefined) => void;
  /** A scene is drawn to its last edge. */
  readonly onDrawn?: (scene: Scene) => void;
  /** The renderer of a new cytoscape instance (one is created for each switch). */
  readonly onRenderer?: (renderer: Renderer) => void;
  readonly layers?: readonly GraphLayer[];
}

export interface GraphController {
  /** Shows these props: redraws on a new plant or layout, otherwise changes only what looks different. */
  update(props: GraphProps): void;
  /** Fits the plant into view. */
  fit(): void;
  /** Centres the view on an asset's node (zooming in to at least 1), if it is drawn. */
  focusAsset(asset: string): void;
  /** Stops the drawing, removes the layers and the cytoscape instance. The controller is not used again. */
  destroy(): void;
}

const NOTHING: GraphProps = { model: undefined, layout: undefined, overlay: NO_OVERLAY, selected: undefined, filter: NO_FILTER };

const sameFilter = (a: GraphFilter, b: GraphFilter) => a.hiddenLevels === b.hiddenLevels && a.kind === b.kind && a.zone === b.zone;

export function createGraphController(container: HTMLElement, options: GraphOptions = {}): GraphController {
  let props = NOTHING;
  let cy: Core | undefined;
  let renderer: Renderer | undefined;
  let layers: MountedLayer[] = [];
  let stopDrawing = () => {};
  let destroyed = false;
  // The scene whose elements cytoscape holds or is adding (undefined while the old ones go).
  let drawn: Scene | undefined;
  // What the drawing gives each element it adds: the overlay and the filters of the moment.
  let elementOf = assetNodeId;
  let lookOf: LookOf = () => PLAIN;
  let hides = filterHides(NO_FILTER);
  // Ids of the nodes the filters hide now (only changes are applied).
  let hidden = new Set<string>();

  const controller: GraphController = { update, fit, focusAsset, destroy };
  // Keep cytoscape's viewport in step with its container (error panels and window resizes).
  const resize = new ResizeObserver(() => cy?.resize());
  resize.observe(container);

  function mount(next: Renderer): Core {
    unmount();
    const created = cytoscape({
      container,
      style: GRAPH_STYLE,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      // Pan and zoom stay smooth on large plants: cached textures while the viewport moves.
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      // Beyond a few thousand elements the WebGL renderer draws them.
      ...(next === 'webgl' ? { renderer: { name: 'canvas', webgl: true, webglBgColor: [19, 37, 56] } } : {}),
    } as cytoscape.CytoscapeOptions);
    const assetOf = (el: SingularElementArgument) => (el.data() as ElementData).asset;
    created.on('tap', 'node', (evt) => {
      const asset = assetOf(evt.target);
      if (asset !== undefined) options.onSelectAsset?.(asset);
    });
    created.on('tap', (evt) => {
      if (evt.target === created) options.onSelectAsset?.(undefined);
    });
    const { onHoverAsset } = options;
    if (onHoverAsset) {
      created.on('mouseover', 'node', (evt) => {
        const asset = assetOf(evt.target);
        if (asset !== undefined) onHoverAsset(asset);
      });
      created.on('mouseout', 'node', () => onHoverAsset(undefined));
    }
    cy = created;
    renderer = next;
    options.onRenderer?.(next);
    layers = (options.layers ?? []).map((layer) => layer.mount({ cy: created, container, controller }));
    return created;
  }

  function unmount(): void {
    for (const layer of layers) layer.destroy();
    layers = [];
    cy?.destroy();
    cy = undefined;
  }

  // Drawing a plant: the old elements removed, then nodes, then edges, in tasks of a few ms.
  function draw(target: Core, scene: Scene | undefined): void {
    stopDrawing();
    drawn = undefined;
    stopDrawing = runSteps(
      drawSteps(target, scene, {
        cleared: () => {
          hidden = new Set();
        },
        started: () => {
          drawn = scene;
        },
        dress: (added) => dress(added),
        done: () => {
          if (!scene) return;
          options.onDrawn?.(scene);
          for (const layer of layers) layer.drawn?.(scene);
        },
      }),
    );
  }

  function dress(added: CollectionReturnValue): void {
    applyLook(added, lookOf);
    applyFilter(added.nodes(), hides, hidden);
    if (props.selected) added.getElementById(assetNodeId(props.selected)).select();
  }

  function update(next: GraphProps): void {
    if (destroyed) throw new Error('GraphController.update: the controller is destroyed');
    const prev = props;
    props = next;
    const collapsed = next.layout?.collapsed ?? false;
    // In the collapsed view an asset is drawn as its zone; the overlay names assets.
    const newPlant = next.model !== prev.model || collapsed !== (prev.layout?.collapsed ?? false);
    if (newPlant) elementOf = next.model ? assetElements(next.model, collapsed) : assetNodeId;
    const lookChanged = newPlant || next.overlay !== prev.overlay;
    if (lookChanged) lookOf = overlayLook(next.overlay, elementOf);
    const filterChanged = !sameFilter(next.filter, prev.filter);
    if (filterChanged) hides = filterHides(next.filter);

    const wanted = rendererFor(next.model, next.layout);
    const sceneChanged = next.model !== prev.model || next.layout !== prev.layout;
    // A renderer is chosen when cytoscape is created: a switch creates a new instance.
    const remount = !cy || wanted !== renderer;
    if (remount) stopDrawing();
    const target = remount ? mount(wanted) : cy!;
    if (remount || sceneChanged) draw(target, sceneOf(next));

    // The overlay and the filters change only the elements whose look changes. While a plant is
    // being drawn they apply to what is drawn so far; the drawing gives the rest the same look.
    const current = drawn !== undefined && drawn.model === next.model && drawn.layout === next.layout;
    if (current && lookChanged) target.batch(() => applyLook(target.elements(), lookOf));
    // Filters by Purdue level, asset kind and zone hide elements; the model and the analysis are untouched.
    if (current && filterChanged) target.batch(() => applyFilter(target.nodes(), hides, hidden));
    if (next.model !== prev.model || next.selected !== prev.selected) {
      target.nodes(':selected').unselect();
      if (next.selected) target.getElementById(assetNodeId(next.selected)).select();
    }
  }

  function fit(): void {
    cy?.fit(undefined, FIT_PADDING);
  }

  function focusAsset(asset: string): void {
    const node = cy?.getElementById(assetNodeId(asset));
    if (cy && node?.nonempty()) cy.animate({ center: { eles: node }, zoom: Math.max(1, cy.zoom()) }, { duration: 250 });
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    stopDrawing();
    resize.disconnect();
    unmount();
  }

  return controller;
}

function sceneOf(props: GraphProps): Scene | undefined {
  return props.model && props.layout ? { model: props.model, layout: props.layout } : undefined;
}

const toggle = (el: SingularElementArgument, cls: string, on: boolean) => {
  if (el.hasClass(cls) !== on) el.toggleClass(cls, on);
};

/**
 * Gives the elements their overlay look, touching only those that change: every class or data
 * change restyles the element, which on thousands of elements is a long task.
 */
function applyLook(eles: CollectionArgument, lookOf: LookOf): void {
  eles.forEach((el) => {
    const look = lookOf(el.data() as ElementData);
    if (look.heat !== undefined && el.data('heatColour') !== look.heat) el.data('heatColour', look.heat);
    toggle(el, 'dim', look.dim);
    toggle(el, 'on-path', look.onPath);
    toggle(el, 'heat', look.heat !== undefined);
    toggle(el, 'outlined', look.outlined);
  });
}

/** Hides or shows the nodes the filter asks for; `hidden` holds the ids hidden now (only changes are applied). */
function applyFilter(nodes: CollectionArgument, hides: (node: ElementData) => boolean, hidden: Set<string>): void {
  nodes.forEach((n) => {
    const id = n.id();
    const want = hides(n.data() as ElementData);
    if (want === hidden.has(id)) return;
    n.style('display', want ? 'none' : 'element');
    if (want) hidden.add(id);
    else hidden.delete(id);
  });
}
