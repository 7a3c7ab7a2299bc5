// The plant graph without React: one controller owns the cytoscape instance, draws the plant (or
// its chokepoints view) in slices (draw.ts, scheduler.ts), applies the overlay and the filters
// (look.ts), zooms (wheel notch, buttons, keys), frames what an overlay asks for, moves a keyboard
// focus between assets, and reports taps and hovers. Page-text views kept in step with pan and zoom
// (band labels, names, tooltips, the minimap) plug in as layers. A UI layer creates it on a
// container, passes it props with update() and destroys it. It draws what the analysis worker's
// picture holds (the whole plant, or zone tiles) and asks for the records of a zone it opens.
import cytoscape, { type CollectionArgument, type CollectionReturnValue, type Core, type NodeSingular, type SingularElementArgument } from 'cytoscape';
import { tileSize } from '../../analysis/layout';
import type { PlantModel } from '../../model/schema';
import type { PlantPicture } from '../../session/plant-queries';
import type { PlantOutline, ZoneLink, ZoneRecords } from '../../session/plant-view';
import { framedAssets, NO_OVERLAY, type Overlay } from '../overlay';
import { drawSteps, fitNodes, sceneElementOf, sceneZoneElementOf, type Scene } from './draw';
import { groupedTiles } from './groups';
import { openZoneLayout } from './expand';
import { assetNodeId, zoneNodeId, type ElementData } from './elements';
import { nextInDirection, type Direction } from './keyboard';
import { filterHides, NO_FILTER, overlayLook, PLAIN, type GraphFilter, type LookOf } from './look';
import { runSteps } from './scheduler';
import { graphStyle } from './style';
import { FIT_INSET, fitViewport, MAX_FRAME_ZOOM, MAX_ZOOM, MIN_ZOOM, panIntoView, wheelFactor, zoomAbout, ZOOM_STEP, type Viewport } from './viewport';
import { rendererFor, rendererForCount, type Renderer } from './webgl';

export type { Scene } from './draw';
export type { GraphFilter } from './look';
export type { Renderer } from './webgl';

/** What the graph shows; update() takes the whole of it each time and applies what changed. */
export interface GraphProps {
  /** What the analysis worker gave to draw, with its layout; nothing is drawn until it arrives. */
  readonly picture: PlantPicture | undefined;
  /** The plant's zones and roles (the collapsed view's tiles are titled from them). */
  readonly outline: Pick<PlantOutline, 'plant' | 'zones' | 'entryPoints' | 'crownJewels'> | undefined;
  /** The zone an asset lies in (the asset directory's): in the collapsed view an asset is drawn as its zone's tile. */
  readonly zoneOf: ((asset: string) => string | undefined) | undefined;
  readonly overlay: Overlay;
  /** The selected asset's id. */
  readonly selected: string | undefined;
  readonly filter: GraphFilter;
}

/** What is shown on the drawn scene besides its elements: the layers follow it. */
export interface ShownState {
  readonly overlay: Overlay;
  readonly selected: string | undefined;
  readonly filter: GraphFilter;
  /** Element id under the pointer (node or edge). */
  readonly hovered: string | undefined;
  /** Element id of the keyboard focus (a node). */
  readonly focused: string | undefined;
}

/** A view drawn with the graph (not in React): mounted on each cytoscape instance the controller creates. */
export interface GraphLayer {
  mount(context: LayerContext): MountedLayer;
}

/**
 * What a layer works with: the cytoscape instance (its viewport events for keeping a page layer
 * in step with pan and zoom), the graph's container element, an element under the canvas and one
 * above it for the layer's own page elements, and the controller's commands.
 */
export interface LayerContext {
  readonly cy: Core;
  readonly container: HTMLElement;
  readonly under: HTMLElement;
  readonly over: HTMLElement;
  readonly controller: GraphController;
}

export interface MountedLayer {
  /** A scene is drawn to its last edge. */
  drawn?(scene: Scene): void;
  /** The elements drawn go (a new scene is coming, or none). */
  cleared?(): void;
  /** The overlay, selection, filters, hovered element or keyboard focus changed. */
  shown?(state: ShownState): void;
  /** The cytoscape instance is going (a renderer switch, or the controller's destroy). */
  destroy(): void;
}

export interface GraphOptions {
  /** A tap on an asset, or Enter on the focused one (its id), or on the background (undefined). */
  readonly onSelectAsset?: (asset: string | undefined) => void;
  /** The pointer entered an asset's node (its id) or left it (undefined). */
  readonly onHoverAsset?: (asset: string | undefined) => void;
  /** Esc pressed on the graph (after it cleared its own focus). */
  readonly onEscape?: () => void;
  /** A scene is drawn to its last edge. */
  readonly onDrawn?: (scene: Scene) => void;
  /** The renderer of a new cytoscape instance (one is created for each switch). */
  readonly onRenderer?: (renderer: Renderer) => void;
  readonly layers?: readonly GraphLayer[];
  /** Elements under and over the canvas for the layers' page elements (created beside the container when absent). */
  readonly under?: HTMLElement;
  readonly over?: HTMLElement;
  /** The records of one zone (its assets, the records between them, its links to other zones counted), to open its tile in place. */
  readonly zoneRecords?: (zone: string) => Promise<ZoneRecords>;
  /** The links of a zone group's zones (layout.ts zoneGroups), to open its tile in place. */
  readonly groupLinks?: (group: string) => Promise<readonly ZoneLink[]>;
}

export interface GraphController {
  /** Shows these props: redraws on a new plant, layout or scene, otherwise changes only what looks different. */
  update(props: GraphProps): void;
  /** Fits the scene into view (beside the band labels); animated unless `instant`. */
  fit(instant?: boolean): void;
  /** Zooms by `factor` about the pane's centre (ZOOM_STEP for Zoom in, 1/ZOOM_STEP for Zoom out). */
  zoomBy(factor: number): void;
  /** Centres the view on an asset's node (zooming in to at least 1), if it is drawn. */
  focusAsset(asset: string): void;
  /** Frames these assets (their elements): all inside the pane, at most MAX_FRAME_ZOOM. */
  frame(assets: readonly string[]): void;
  /** Pans so the model point (x, y) is at the pane's centre. */
  centreOn(x: number, y: number): void;
  /** The current viewport and pane size. */
  viewport(): (Viewport & { readonly width: number; readonly height: number }) | undefined;
  /** Stops the drawing, removes the layers and the cytoscape instance. The controller is not used again. */
  destroy(): void;
}

const NOTHING: GraphProps = { picture: undefined, outline: undefined, zoneOf: undefined, overlay: NO_OVERLAY, selected: undefined, filter: NO_FILTER };

const sameFilter = (a: GraphFilter, b: GraphFilter) => a.hiddenLevels === b.hiddenLevels && a.kind === b.kind && a.zone === b.zone && a.within === b.within;

/** Plants with more edges than this draw them as haystacks (style.ts). */
const LARGE_EDGES = 2500;
const ANIMATION_MS = 300;
/** Pixels one Shift+arrow press pans. */
const PAN_STEP = 80;
const DIRECTIONS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** Keyboard help, read out when the graph takes the focus. */
export const GRAPH_KEYS = 'Arrow keys move between assets, Enter selects (or opens a zone tile), plus and minus zoom, 0 fits, Shift with arrows pans, Escape clears.';

export function createGraphController(container: HTMLElement, options: GraphOptions = {}): GraphController {
  let props = NOTHING;
  let cy: Core | undefined;
  let renderer: Renderer | undefined;
  let large = false;
  let layers: MountedLayer[] = [];
  let stopDrawing = () => {};
  let destroyed = false;
  // The scene whose elements cytoscape holds or is adding (undefined while the old ones go).
  let drawn: Scene | undefined;
  // The scene wanted: a new object only when the model, layout or chokepoints view change.
  let scene: Scene | undefined;
  // What the drawing gives each element it adds: the overlay and the filters of the moment.
  let elementOf = assetNodeId;
  let lookOf: LookOf = () => PLAIN;
  let hides = filterHides(NO_FILTER);
  // Ids of the nodes the filters hide now (only changes are applied).
  let hidden = new Set<string>();
  let hovered: string | undefined;
  // The zone tile opened in place (collapsed view), its records once the worker gave them, and
  // whether the next drawing keeps the viewport.
  let openZone: string | undefined;
  let openRecords: { readonly zone: string; readonly picture: PlantPicture; readonly records: ZoneRecords } | undefined;
  // The zone group opened in place (collapsed view of a plant with many zones) and its links once the worker gave them.
  let openGroup: string | undefined;
  let groupRecords: { readonly group: string; readonly picture: PlantPicture; readonly links: readonly ZoneLink[] } | undefined;
  let keepView = false;
  let focused: string | undefined;
  // Assets to frame once the scene holding them is drawn.
  let pendingFrame: readonly string[] | undefined;

  const controller: GraphController = { update, fit, zoomBy, focusAsset, frame, centreOn, viewport, destroy };
  // Whether the view still shows the whole scene as fitted (nobody moved it since): then a resize fits again.
  let fitted = true;
  // Keep cytoscape's viewport in step with its container (error panels, the chokepoints headline, window resizes).
  const resize = new ResizeObserver(() => {
    if (!cy) return;
    cy.resize();
    if (fitted && drawn) fitNodes(cy);
  });
  resize.observe(container);
  const stage = container.parentElement;
  const under = options.under ?? stage?.insertBefore(document.createElement('div'), container) ?? document.createElement('div');
  const over = options.over ?? stage?.appendChild(document.createElement('div')) ?? document.createElement('div');

  // One wheel notch zooms by WHEEL_NOTCH (cytoscape's own wheel zoom moves about 3 % per notch
  // once it has sampled the device): taken before cytoscape sees the event.
  const onWheel = (e: WheelEvent) => {
    if (!cy || e.ctrlKey) return;
    fitted = false;
    e.preventDefault();
    e.stopPropagation();
    const rect = container.getBoundingClientRect();
    setViewport(zoomAbout(current()!, wheelFactor(e.deltaY, e.deltaMode), { x: e.clientX - rect.left, y: e.clientY - rect.top }));
  };
  stage?.addEventListener('wheel', onWheel, { capture: true, passive: false });

  container.tabIndex = 0;
  container.setAttribute('role', 'application');
  container.setAttribute('aria-roledescription', 'plant graph');
  container.setAttribute('aria-label', `Plant graph. ${GRAPH_KEYS}`);
  const onKey = (e: KeyboardEvent) => {
    if (!cy || e.altKey || e.metaKey || e.ctrlKey) return;
    fitted = false;
    const dir = DIRECTIONS[e.key];
    let handled = true;
    if (dir && e.shiftKey) {
      const step = { left: [PAN_STEP, 0], right: [-PAN_STEP, 0], up: [0, PAN_STEP], down: [0, -PAN_STEP] }[dir];
      const v = current()!;
      setViewport({ zoom: v.zoom, pan: { x: v.pan.x + step[0]!, y: v.pan.y + step[1]! } });
    } else if (dir) moveFocus(dir);
    else if (e.key === '+' || e.key === '=') zoomBy(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoomBy(1 / ZOOM_STEP);
    else if (e.key === '0') fit();
    else if ((e.key === 'Enter' || e.key === ' ') && focused) {
      const d = cy.getElementById(focused).data() as ElementData | undefined;
      if (d?.asset !== undefined) options.onSelectAsset?.(d.asset);
      else if (d?.zones !== undefined) openGroupTile(d.zone);
      else if (d?.count !== undefined) open(d.zone);
    } else if (e.key === 'Escape') {
      setFocus(undefined);
      if (openZone !== undefined) open(undefined);
      else if (openGroup !== undefined) openGroupTile(undefined);
      options.onEscape?.();
    } else handled = false;
    if (handled) e.preventDefault();
  };
  container.addEventListener('keydown', onKey);
  const onPointer = () => {
    fitted = false;
  };
  container.addEventListener('pointerdown', onPointer);
  const onBlur = () => setFocus(undefined);
  container.addEventListener('blur', onBlur);

  function state(): ShownState {
    return { overlay: props.overlay, selected: props.selected, filter: props.filter, hovered, focused };
  }
  const tell = () => {
    const s = state();
    for (const layer of layers) layer.shown?.(s);
  };

  function mount(next: Renderer, largeStyle: boolean): Core {
    unmount();
    const created = cytoscape({
      container,
      style: graphStyle({ large: largeStyle }),
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      // The layout is computed; nodes are not dragged about.
      autoungrabify: true,
      boxSelectionEnabled: false,
      // Pan and zoom stay smooth on large plants: cached textures while the viewport moves.
      textureOnViewport: true,
      hideEdgesOnViewport: largeStyle,
      // Beyond a few thousand elements the WebGL renderer draws them.
      ...(next === 'webgl' ? { renderer: { name: 'canvas', webgl: true, webglBgColor: [19, 37, 56] } } : {}),
    } as cytoscape.CytoscapeOptions);
    const assetOf = (el: SingularElementArgument) => (el.data() as ElementData).asset;
    created.on('tap', 'node', (evt) => {
      const d = (evt.target as SingularElementArgument).data() as ElementData;
      if (d.asset !== undefined) options.onSelectAsset?.(d.asset);
      // A group's or a zone's tile opens in place; the opened box closes again.
      else if (d.zones !== undefined) openGroupTile(d.zone);
      else if (d.count !== undefined) open(d.zone);
      else if (d.container && scene?.opened?.zone === d.zone) open(undefined);
      else if (d.container && d.zone === openGroup) openGroupTile(undefined);
    });
    created.on('tap', (evt) => {
      if (evt.target === created) options.onSelectAsset?.(undefined);
    });
    created.on('mouseover', 'node, edge', (evt) => {
      hovered = (evt.target as SingularElementArgument).id();
      const asset = assetOf(evt.target);
      if (asset !== undefined) options.onHoverAsset?.(asset);
      tell();
    });
    created.on('mouseout', 'node, edge', (evt) => {
      if (hovered !== (evt.target as SingularElementArgument).id()) return;
      hovered = undefined;
      if (assetOf(evt.target) !== undefined) options.onHoverAsset?.(undefined);
      tell();
    });
    // The zoom as page data (tests and tools read it), written once a frame while the view moves.
    let zoomFrame: number | undefined;
    created.on('viewport', () => {
      if (zoomFrame === undefined)
        zoomFrame = requestAnimationFrame(() => {
          zoomFrame = undefined;
          if (cy === created) container.dataset.zoom = created.zoom().toFixed(4);
        });
    });
    cy = created;
    renderer = next;
    large = largeStyle;
    options.onRenderer?.(next);
    layers = (options.layers ?? []).map((layer) => layer.mount({ cy: created, container, under, over, controller }));
    return created;
  }

  function unmount(): void {
    for (const layer of layers) layer.destroy();
    layers = [];
    cy?.destroy();
    cy = undefined;
  }

  // Drawing a scene: the old elements removed, then nodes, then edges, in tasks of a few ms.
  function draw(target: Core, next: Scene | undefined): void {
    const keep = keepView;
    keepView = false;
    stopDrawing();
    drawn = undefined;
    hovered = undefined;
    focused = undefined;
    for (const layer of layers) layer.cleared?.();
    stopDrawing = runSteps(
      drawSteps(target, next, {
        cleared: () => {
          hidden = new Set();
        },
        started: () => {
          drawn = next;
        },
        dress: (added) => dress(added),
        done: () => {
          if (!next) return;
          fitted = true;
          options.onDrawn?.(next);
          for (const layer of layers) layer.drawn?.(next);
          tell();
          if (pendingFrame) {
            const assets = pendingFrame;
            pendingFrame = undefined;
            frame(assets);
          } else if (next.opened) frame(next.model.assets.filter((a) => a.zone === next.opened!.zone).map((a) => a.id));
          else if (next.tiles?.groups?.opened) frameElements(next.tiles.groups.opened.zones.map(zoneNodeId));
        },
      }, { keepView: keep }),
    );
  }

  function dress(added: CollectionReturnValue): void {
    applyLook(added, lookOf);
    applyFilter(added.nodes(), hides, hidden);
    if (props.selected) added.getElementById(assetNodeId(props.selected)).select();
  }

  // What the scene drawn was made of: a new scene only when one of these changes.
  let made: { picture: PlantPicture; outline: GraphProps['outline']; zoneOf: GraphProps['zoneOf']; view: unknown; records: ZoneRecords | undefined; group: unknown } | undefined;

  function sceneFor(next: GraphProps): Scene | undefined {
    const picture = next.picture;
    if (!picture || !next.outline) return undefined;
    const view = next.overlay.kind === 'chokepoints' ? next.overlay.view : undefined;
    // A group or zone is drawn open once its records are here (until then the tiles stay as they are).
    const group = !view && picture.kind === 'zones' && groupRecords && groupRecords.group === openGroup && groupRecords.picture === picture ? groupRecords : undefined;
    const records = !view && picture.kind === 'zones' && openRecords && openRecords.zone === openZone && openRecords.picture === picture ? openRecords.records : undefined;
    if (scene && made && made.view === view && (view || (made.picture === picture && made.outline === next.outline && made.zoneOf === next.zoneOf && made.records === records && made.group === group))) return scene;
    made = { picture, outline: next.outline, zoneOf: next.zoneOf, view, records, group };
    if (view && next.overlay.kind === 'chokepoints') return { model: next.overlay.scene, layout: view.layout, view };
    if (picture.kind === 'assets') return { model: picture.model, layout: picture.layout };
    const { plant, zones, entryPoints, crownJewels } = next.outline;
    const grouped = groupedTiles(picture.layout, picture.tiles, picture.links, group);
    const { tileOf } = grouped;
    const tiles = { zones, tiles: grouped.tiles, links: grouped.links, zoneOf: next.zoneOf ?? (() => undefined), groups: grouped };
    // Collapsed, nothing open: the tiles are drawn from the zones alone (no asset record is held).
    const zonesOnly: PlantModel = { schemaVersion: 1, plant, zones: [...zones], assets: [], connections: [], entryPoints, crownJewels };
    // A zone opens where its tile is drawn: not inside a closed group.
    if (!records || openZone === undefined || tileOf(openZone) !== openZone) return { model: zonesOnly, layout: grouped.layout, tiles };
    const zone = openZone;
    const count = new Map(grouped.tiles.map((t) => [t.zone, t.count]));
    const at = openZoneLayout(records.model, grouped.layout, zone, (z) => tileSize(count.get(z) ?? 1));
    // Its links to zones in closed groups go to the groups' tiles.
    const outward = new Map<string, [string, string, number]>();
    for (const [asset, other, n] of records.outward) {
      const t = tileOf(other);
      const key = `${asset}\u0000${t}`;
      const held = outward.get(key);
      if (held) held[2] += n;
      else outward.set(key, [asset, t, n]);
    }
    return { model: records.model, layout: { collapsed: true, positions: [...at.tiles].map(([id, p]) => [id, p.x, p.y] as const), bands: at.bands }, tiles, opened: { zone, at, outward: [...outward.values()] } };
  }

  /**
   * Opens a zone group's tile of the collapsed view in place (undefined: closes it, and the zone
   * opened in it), keeping the view where it is. Its zones' links come from the worker first.
   */
  function openGroupTile(group: string | undefined): void {
    if (group === openGroup) return;
    openGroup = group;
    openZone = undefined;
    const picture = props.picture;
    const held = groupRecords?.group === group && groupRecords?.picture === picture;
    const ask = options.groupLinks;
    redrawOpened(group !== undefined && !held, ask && (() => ask(group!)), () => openGroup === group, (links) => {
      groupRecords = { group: group!, picture: picture!, links };
    });
  }

  /**
   * Opens a zone tile of the collapsed view in place (undefined: closes it), keeping the view where
   * it is; the opened zone is framed. Its records come from the worker first (a few of the plant's).
   */
  function open(zone: string | undefined): void {
    if (zone === openZone) return;
    openZone = zone;
    const picture = props.picture;
    const held = openRecords?.zone === zone && openRecords?.picture === picture;
    const ask = options.zoneRecords;
    redrawOpened(zone !== undefined && !held, ask && (() => ask(zone!)), () => openZone === zone, (records) => {
      openRecords = { zone: zone!, picture: picture!, records };
    });
  }

  /**
   * Draws what is opened or closed in place, keeping the view: at once, or — when the collapsed
   * picture's records are `needed` first — once the worker answered `ask`, if it is still wanted
   * then (`still`) and the picture the same. A worker cancelled or ended meanwhile, or nobody to
   * ask, leaves the tile closed.
   */
  function redrawOpened<T>(needed: boolean, ask: (() => Promise<T>) | undefined, still: () => boolean, keep: (answer: T) => void): void {
    const picture = props.picture;
    if (needed && picture?.kind === 'zones') {
      if (!ask) return;
      void ask().then(
        (answer) => {
          if (destroyed || !still() || props.picture !== picture) return;
          keep(answer);
          keepView = true;
          update(props);
        },
        () => undefined,
      );
      return;
    }
    keepView = true;
    update(props);
  }

  function update(next: GraphProps): void {
    if (destroyed) throw new Error('GraphController.update: the controller is destroyed');
    const prev = props;
    props = next;
    // A new plant or layout closes the zone and the group opened in place.
    if (next.picture !== prev.picture) {
      openZone = undefined;
      openRecords = undefined;
      openGroup = undefined;
      groupRecords = undefined;
    }
    const prevScene = scene;
    scene = sceneFor(next);
    const sceneChanged = scene !== prevScene;
    const collapsed = scene?.layout.collapsed ?? false;
    // In the collapsed view an asset is drawn as its zone; the overlay names assets.
    if (sceneChanged) elementOf = scene ? sceneElementOf(scene) : assetNodeId;
    const lookChanged = sceneChanged || next.overlay !== prev.overlay;
    if (lookChanged) lookOf = overlayLook(next.overlay, elementOf, scene ? sceneZoneElementOf(scene) : undefined);
    const filterChanged = !sameFilter(next.filter, prev.filter);
    if (filterChanged) hides = filterHides(next.filter);

    const wanted = scene?.view ? rendererForCount(scene.view.assets.length + scene.view.edges.length) : rendererFor(scene?.model, scene?.layout);
    const edgeCount = scene?.view ? scene.view.edges.length : scene && !collapsed ? scene.model.connections.length + (scene.model.trust?.length ?? 0) : 0;
    const wantLarge = edgeCount > LARGE_EDGES;
    // A renderer is chosen when cytoscape is created: a switch creates a new instance.
    const remount = !cy || wanted !== renderer || wantLarge !== large;
    if (remount) stopDrawing();
    const target = remount ? mount(wanted, wantLarge) : cy!;
    if (remount || sceneChanged) draw(target, scene);

    // The overlay and the filters change only the elements whose look changes. While a scene is
    // being drawn they apply to what is drawn so far; the drawing gives the rest the same look.
    const current = drawn !== undefined && drawn === scene;
    if (current && lookChanged) target.batch(() => applyLook(target.elements(), lookOf));
    // Filters by Purdue level, asset kind and zone hide elements; the model and the analysis are untouched.
    if (current && filterChanged) target.batch(() => applyFilter(target.nodes(), hides, hidden));
    if (next.selected !== prev.selected || sceneChanged) {
      target.nodes(':selected').unselect();
      if (next.selected) target.getElementById(assetNodeId(next.selected)).select();
    }
    // A selected asset out of view (chosen in a list, a search) is brought into it.
    if (current && next.selected && next.selected !== prev.selected) showAsset(next.selected);
    if (next.overlay !== prev.overlay && !sceneChanged) {
      const assets = framedAssets(next.overlay);
      if (assets?.length) {
        if (current) frame(assets);
        else pendingFrame = assets;
      } else if (prev.overlay.kind !== 'none' && framedAssets(prev.overlay) && next.overlay.kind !== 'chokepoints') fit();
    } else if (sceneChanged) pendingFrame = framedAssets(next.overlay);
    if (!remount && (lookChanged || filterChanged || next.selected !== prev.selected)) tell();
  }

  // Where a running animation takes the view: further zooms and pans start from there, so two
  // quick clicks on Zoom out zoom out twice by the full step.
  let goal: Viewport | undefined;

  function current(): Viewport | undefined {
    return goal ?? (cy ? { zoom: cy.zoom(), pan: cy.pan() } : undefined);
  }

  function setViewport(v: Viewport | undefined, animate = false): void {
    if (!cy || !v) return;
    cy.stop(true, false);
    goal = undefined;
    if (!animate) {
      cy.viewport({ zoom: v.zoom, pan: { ...v.pan } });
      return;
    }
    const target = v;
    goal = target;
    cy.animate({ zoom: v.zoom, pan: { ...v.pan } }, {
      duration: ANIMATION_MS,
      easing: 'ease-in-out-cubic',
      complete: () => {
        if (goal === target) goal = undefined;
      },
    });
  }

  function viewport() {
    return cy ? { zoom: cy.zoom(), pan: cy.pan(), width: cy.width(), height: cy.height() } : undefined;
  }

  function fit(instant = false): void {
    if (!cy) return;
    fitted = true;
    if (instant) fitNodes(cy);
    else setViewport(fitViewport(cy.nodes().boundingBox({}), { width: cy.width(), height: cy.height() }), true);
  }

  function zoomBy(factor: number): void {
    if (!cy) return;
    fitted = false;
    setViewport(zoomAbout(current()!, factor, { x: FIT_INSET.left + (cy.width() - FIT_INSET.left) / 2, y: cy.height() / 2 }), true);
  }

  function frame(assets: readonly string[]): void {
    frameElements(assets.map(elementOf));
  }

  /** Frames these elements: all inside the pane, at most MAX_FRAME_ZOOM. */
  function frameElements(elements: readonly string[]): void {
    if (!cy) return;
    fitted = false;
    const ids = new Set(elements);
    const eles = cy.collection();
    for (const id of ids) eles.merge(cy.getElementById(id));
    if (eles.empty()) return;
    const bb = eles.boundingBox({});
    // Room for the names around the nodes (labels.ts places them beside or below).
    const inset = { left: FIT_INSET.left + 70, right: 90, top: 40, bottom: 50 };
    setViewport(fitViewport(bb, { width: cy.width(), height: cy.height() }, inset, MAX_FRAME_ZOOM), true);
  }

  /** Pans an asset's node into view when it is outside the pane. */
  function showAsset(asset: string): void {
    const node = cy?.getElementById(elementOf(asset));
    if (!cy || !node?.nonempty()) return;
    const v = current()!;
    const moved = panIntoView(v, node.position(), { width: cy.width(), height: cy.height() }, { ...FIT_INSET, bottom: 60, right: 100 });
    if (moved !== v) {
      fitted = false;
      setViewport(moved, true);
    }
  }

  function focusAsset(asset: string): void {
    const node = cy?.getElementById(elementOf(asset));
    if (!cy || !node?.nonempty()) return;
    fitted = false;
    const z = Math.max(1, current()!.zoom);
    const p = node.position();
    setViewport({ zoom: z, pan: { x: FIT_INSET.left + (cy.width() - FIT_INSET.left) / 2 - p.x * z, y: cy.height() / 2 - p.y * z } }, true);
  }

  function centreOn(x: number, y: number): void {
    if (!cy) return;
    const z = cy.zoom();
    setViewport({ zoom: z, pan: { x: FIT_INSET.left + (cy.width() - FIT_INSET.left) / 2 - x * z, y: cy.height() / 2 - y * z } });
  }

  function setFocus(id: string | undefined): void {
    if (focused === id) return;
    focused = id;
    tell();
  }

  /** Moves the keyboard focus to the nearest shown asset (or tile) in a direction, panning it into view. */
  function moveFocus(dir: Direction): void {
    if (!cy) return;
    const points = cy
      .nodes()
      .filter((n: NodeSingular) => !n.isParent() && n.visible())
      .map((n: NodeSingular) => ({ id: n.id(), ...n.position() }));
    if (points.length === 0) return;
    let from = focused ? points.find((p) => p.id === focused) : undefined;
    let next: string | undefined;
    if (!from) {
      // First press: the selected asset, else the first entry point, else the node nearest the centre.
      const sel = props.selected ? points.find((p) => p.id === elementOf(props.selected!)) : undefined;
      const entry = cy.nodes('.entry').filter((n) => n.visible())[0];
      if (sel) next = sel.id;
      else if (entry) next = entry.id();
      else {
        const v = current()!;
        const c = { x: (cy.width() / 2 - v.pan.x) / v.zoom, y: (cy.height() / 2 - v.pan.y) / v.zoom };
        from = { id: '', ...c };
        next = nextInDirection(points, from, dir) ?? points[0]!.id;
      }
    } else next = nextInDirection(points, from, dir);
    if (!next) return;
    setFocus(next);
    const p = cy.getElementById(next).position();
    const v = current()!;
    const moved = panIntoView(v, p, { width: cy.width(), height: cy.height() }, { ...FIT_INSET, bottom: 60, right: 60 });
    if (moved !== v) setViewport(moved, true);
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    stopDrawing();
    resize.disconnect();
    stage?.removeEventListener('wheel', onWheel, { capture: true });
    container.removeEventListener('keydown', onKey);
    container.removeEventListener('pointerdown', onPointer);
    container.removeEventListener('blur', onBlur);
    unmount();
    if (!options.under) under.remove();
    if (!options.over) over.remove();
  }

  return controller;
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
    toggle(el, 'cut', look.cut);
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
