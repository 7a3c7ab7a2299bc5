// Thin React wrapper over one cytoscape instance: created once, updated in cy.batch, destroyed
// on unmount. Display is derived from the model; the model is never changed to drive the picture.
import cytoscape, { type CollectionArgument, type CollectionReturnValue, type Core, type ElementDefinition, type SingularElementArgument, type StylesheetJson } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Connection, PlantModel } from '../model/schema';
import type { GraphLayout } from '../analysis/layout';
import { heatColour, NO_OVERLAY, type Overlay } from './overlay';
import './import.css';

const KIND_SHAPE: Record<string, string> = {
  plc: 'round-rectangle', sis: 'octagon', rtu: 'round-rectangle', ied: 'round-rectangle',
  sensor: 'ellipse', actuator: 'ellipse', drive: 'ellipse', robot: 'pentagon',
  hmi: 'rectangle', 'scada-server': 'barrel', ews: 'rectangle', 'opc-server': 'barrel', 'protocol-gateway': 'diamond',
  historian: 'barrel', mes: 'barrel', 'patch-server': 'barrel', 'domain-controller': 'star', database: 'barrel', 'file-server': 'barrel',
  'jump-host': 'hexagon', 'remote-access-gateway': 'hexagon',
  firewall: 'vee', router: 'diamond', switch: 'diamond', 'data-diode': 'triangle', 'wireless-ap': 'diamond',
  workstation: 'rectangle', laptop: 'cut-rectangle', server: 'barrel', erp: 'barrel', email: 'barrel',
  'cloud-service': 'round-tag', supplier: 'tag', internet: 'round-tag',
};

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7, color: '#dce6f0', 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-max-width': '90px', 'text-wrap': 'ellipsis', width: 22, height: 22, 'background-color': '#5b7a99',
      shape: 'data(shape)' as never, 'border-width': 1, 'border-color': '#20374d',
    },
  },
  { selector: 'node[level = 0]', style: { 'background-color': '#4f8a8b' } },
  { selector: 'node[level = 1]', style: { 'background-color': '#3f88c5' } },
  { selector: 'node[level = 2]', style: { 'background-color': '#6c8ebf' } },
  { selector: 'node[level >= 3]', style: { 'background-color': '#8a7fb8' } },
  { selector: 'node[level >= 4]', style: { 'background-color': '#9a9a9a' } },
  { selector: 'node.entry', style: { 'border-width': 4, 'border-color': '#ef5350' } },
  { selector: 'node.jewel', style: { 'border-width': 4, 'border-color': '#f5a524', width: 28, height: 28 } },
  {
    selector: ':parent',
    style: {
      'background-opacity': 0.06, 'background-color': '#9fb6cc', 'border-color': '#3b556e', 'border-width': 1,
      label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 11, color: '#9fb6cc', padding: '14px',
      shape: 'round-rectangle',
    },
  },
  {
    selector: 'edge',
    style: { width: 1, 'line-color': '#4a6380', 'curve-style': 'haystack', opacity: 0.55 },
  },
  { selector: 'edge.directed', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#4a6380', 'arrow-scale': 0.6 } },
  { selector: 'edge.trust', style: { 'line-style': 'dashed', 'line-color': '#b48ead', 'target-arrow-color': '#b48ead' } },
  { selector: 'edge.media', style: { 'line-style': 'dotted', 'line-color': '#f5a524', 'target-arrow-color': '#f5a524', width: 2 } },
  // Captured traffic (src/import/pcap/model.ts): seen solid, modeled but never seen dashed, seen but not modeled magenta.
  { selector: 'edge.observed', style: { 'line-color': '#5fb3a1', 'target-arrow-color': '#5fb3a1', width: 1.5, opacity: 0.8 } },
  { selector: 'edge.unseen', style: { 'line-style': 'dashed' } },
  { selector: 'edge.shadow', style: { 'line-color': '#e040fb', 'target-arrow-color': '#e040fb', width: 2, opacity: 0.9 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffffff' } },
  { selector: '.dim', style: { opacity: 0.18 } },
  { selector: 'node.zone-node', style: { width: 60, height: 30, 'font-size': 8, 'text-valign': 'center', 'text-max-width': '110px', 'text-wrap': 'wrap' } },
  { selector: 'node.on-path', style: { 'background-color': '#ef5350', width: 30, height: 30, 'font-size': 11, 'font-weight': 'bold', color: '#ffffff', 'z-index': 10 } },
  { selector: 'edge.on-path', style: { 'line-color': '#ef5350', 'target-arrow-color': '#ef5350', width: 4, opacity: 1, 'z-index': 10, 'curve-style': 'straight' } },
  { selector: 'node.heat', style: { 'background-color': 'data(heatColour)' } },
  { selector: 'node.outlined', style: { 'border-width': 5, 'border-color': '#ffffff', 'border-style': 'double' } },
];

/** Most zone-to-zone links drawn in the collapsed view. */
const MAX_COLLAPSED_EDGES = 600;


/**
 * How a connection relates to captured traffic, once the plant holds any: seen (observed: true),
 * seen but not modeled (a shadow flow merged in from a capture, described "observed, not modeled"),
 * or modeled and never seen.
 */
export type Observation = 'observed' | 'shadow' | 'unseen';
export function observationOf(c: Connection, observing: boolean): Observation | undefined {
  if (c.observed) return c.description?.startsWith('observed, not modeled') ? 'shadow' : 'observed';
  return observing ? 'unseen' : undefined;
}

/** Large plants: one node per zone (with its asset count), one edge per linked zone pair. */
type Positions = ReadonlyMap<string, { x: number; y: number }>;

export function positionsOf(layout: GraphLayout): Positions {
  return new Map(layout.positions.map(([id, x, y]) => [id, { x, y }]));
}

export function collapsedElements(model: PlantModel, positions: Positions): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  for (const _ of collapsedSteps(model, positions, els));
  return els;
}

/** Links counted per step of collapsedSteps. */
const LINKS_PER_STEP = 10_000;

/** collapsedElements into `els`, yielding between slices of the links (tens of thousands on a large plant). */
function* collapsedSteps(model: PlantModel, positions: Positions, els: ElementDefinition[]): Generator<undefined> {
  // Zones by index and assets by zone index: the tens of thousands of links below are counted
  // under numeric pair keys (a string key per link made this one long task on a 5k-asset plant).
  const zoneIds = model.zones.map((z) => z.id);
  const zoneIndex = new Map(zoneIds.map((id, i) => [id, i]));
  const indexOf = (zone: string) => {
    let i = zoneIndex.get(zone);
    if (i === undefined) zoneIndex.set(zone, (i = zoneIds.push(zone) - 1));
    return i;
  };
  const zoneOf = new Map<string, number>();
  for (const a of model.assets) zoneOf.set(a.id, indexOf(a.zone));
  const zones = zoneIds.length;
  const count = new Int32Array(zones);
  for (const z of zoneOf.values()) count[z]!++;
  const entries = new Uint8Array(zones);
  const jewels = new Uint8Array(zones);
  for (const e of model.entryPoints) {
    const z = zoneOf.get(e.asset);
    if (z !== undefined) entries[z] = 1;
  }
  for (const j of model.crownJewels) {
    const z = zoneOf.get(j.asset);
    if (z !== undefined) jewels[z] = 1;
  }
  model.zones.forEach((z, i) => {
    if (count[i] === 0) return;
    const classes = ['zone-node', entries[i] ? 'entry' : '', jewels[i] ? 'jewel' : ''].filter(Boolean).join(' ');
    els.push({ group: 'nodes', data: { id: `zone:${z.id}`, label: `${z.name} (${count[i]})`, level: z.purdueLevel, shape: 'round-rectangle' }, position: { ...(positions.get(z.id) ?? { x: 0, y: 0 }) }, classes });
  });
  // Unordered zone pair → number of links, in the order the pairs are first met.
  const pairs = new Map<number, number>();
  const link = (a: string, b: string) => {
    const za = zoneOf.get(a);
    const zb = zoneOf.get(b);
    if (za === undefined || zb === undefined || za === zb) return;
    const key = za < zb ? za * zones + zb : zb * zones + za;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  };
  const { connections } = model;
  for (let start = 0; start < connections.length; start += LINKS_PER_STEP) {
    yield;
    for (let i = start; i < Math.min(connections.length, start + LINKS_PER_STEP); i++) link(connections[i]!.from, connections[i]!.to);
  }
  yield;
  for (const t of model.trust ?? []) link(t.from, t.to);
  for (const m of model.media ?? []) for (const f of m.from) for (const t of m.to) link(f, t);
  // Keep the links of entry and jewel zones first, then the strongest: a readable overview that
  // draws in one frame. The analysis always runs on the whole plant.
  const isKey = (key: number) => (entries[Math.floor(key / zones)] || jewels[Math.floor(key / zones)] || entries[key % zones] || jewels[key % zones] ? 1 : 0);
  const ranked = [...pairs].map(([key, n]) => ({ key, n, isKey: isKey(key) }));
  const kept = ranked.sort((a, b) => b.isKey - a.isKey || b.n - a.n).slice(0, MAX_COLLAPSED_EDGES);
  let i = 0;
  for (const { key, n } of kept) {
    const x = zoneIds[Math.floor(key / zones)]!;
    const y = zoneIds[key % zones]!;
    const [a, b] = x < y ? [x, y] : [y, x];
    els.push({ group: 'edges', data: { id: `zl${i++}`, source: `zone:${a}`, target: `zone:${b}`, weight: n }, classes: 'network' });
  }
}

export function toElements(model: PlantModel, positions: Positions): ElementDefinition[] {
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  const level = new Map(model.zones.map((z) => [z.id, z.purdueLevel]));
  const els: ElementDefinition[] = [];
  const usedZones = new Set(model.assets.map((a) => a.zone));
  for (const z of model.zones) {
    if (usedZones.has(z.id)) els.push({ group: 'nodes', data: { id: `zone:${z.id}`, label: `${z.name} (L${z.purdueLevel})` } });
  }
  for (const a of model.assets) {
    const classes = [entries.has(a.id) ? 'entry' : '', jewels.has(a.id) ? 'jewel' : ''].filter(Boolean).join(' ');
    els.push({
      group: 'nodes',
      data: { id: `asset:${a.id}`, parent: `zone:${a.zone}`, label: a.name, kind: a.kind, level: level.get(a.zone), shape: KIND_SHAPE[a.kind] ?? 'ellipse' },
      position: { ...(positions.get(a.id) ?? { x: 0, y: 0 }) },
      classes,
    });
  }
  const edge = (kind: string, key: string, from: string, to: string, directed: boolean) =>
    els.push({ group: 'edges', data: { id: key, source: `asset:${from}`, target: `asset:${to}` }, classes: `${kind}${directed ? ' directed' : ''}` });
  const observing = model.connections.some((c) => c.observed);
  model.connections.forEach((c, i) => {
    const seen = observationOf(c, observing);
    edge(seen ? `network ${seen}` : 'network', `c${i}`, c.from, c.to, c.direction === 'one-way');
  });
  (model.trust ?? []).forEach((t, i) => edge('trust', `t${i}`, t.from, t.to, t.direction === 'one-way'));
  (model.media ?? []).forEach((m, i) =>
    m.from.forEach((f, j) => m.to.forEach((t, k) => f !== t && edge('media', `m${i}.${j}.${k}`, f, t, true))),
  );
  return els;
}

export interface GraphViewProps {
  readonly model: PlantModel | undefined;
  /** Positions from the analysis worker; nothing is drawn until they arrive. */
  readonly layout: GraphLayout | undefined;
  readonly overlay?: Overlay;
  readonly selected?: string | undefined;
  readonly onSelectAsset?: (id: string | undefined) => void;
}

/** What an overlay makes of one element: the overlay classes it carries, and its heat colour. */
interface Look {
  readonly dim: boolean;
  readonly onPath: boolean;
  /** Set for heat-mapped nodes (class `heat`, colour in data `heatColour`). */
  readonly heat: string | undefined;
  readonly outlined: boolean;
}
type LookOf = (el: SingularElementArgument) => Look;

const PLAIN: Look = { dim: false, onPath: false, heat: undefined, outlined: false };
const DIMMED: Look = { ...PLAIN, dim: true };
const ON_PATH: Look = { ...PLAIN, onPath: true };

/**
 * The overlay as a function of the element: a path dims everything but its nodes and the edges
 * between consecutive ones; a heat map colours the nodes it rates, dims the others and outlines
 * some. Zone containers (compound parents) are never touched.
 */
function overlayLook(overlay: Overlay, elementOf: (assetId: string) => string, isContainer: (id: string) => boolean): LookOf {
  if (overlay.kind === 'path') {
    const nodes = overlay.nodes.map(elementOf).filter((id, i, all) => i === 0 || all[i - 1] !== id);
    const onPath = new Set(nodes);
    const steps = new Set<string>();
    for (let i = 0; i + 1 < nodes.length; i++) {
      steps.add(`${nodes[i]}\u0000${nodes[i + 1]}`);
      steps.add(`${nodes[i + 1]}\u0000${nodes[i]}`);
    }
    return (el) => {
      if (el.isEdge()) return steps.has(`${el.data('source')}\u0000${el.data('target')}`) ? ON_PATH : DIMMED;
      if (isContainer(el.id())) return PLAIN;
      return onPath.has(el.id()) ? ON_PATH : DIMMED;
    };
  }
  if (overlay.kind === 'heat') {
    const heat = new Map<string, number>();
    for (const [id, v] of overlay.heat) {
      const el = elementOf(id);
      heat.set(el, Math.max(v, heat.get(el) ?? 0));
    }
    const outline = new Set([...overlay.outline].map(elementOf));
    return (el) => {
      if (el.isEdge() || isContainer(el.id())) return PLAIN;
      const v = heat.get(el.id());
      return { dim: v === undefined, onPath: false, heat: v === undefined ? undefined : heatColour(v), outlined: outline.has(el.id()) };
    };
  }
  return () => PLAIN;
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
    const look = lookOf(el);
    if (look.heat !== undefined && el.data('heatColour') !== look.heat) el.data('heatColour', look.heat);
    toggle(el, 'dim', look.dim);
    toggle(el, 'on-path', look.onPath);
    toggle(el, 'heat', look.heat !== undefined);
    toggle(el, 'outlined', look.outlined);
  });
}

/** Hides or shows the nodes the filters ask for; `hidden` holds the ids hidden now (only changes are applied). */
function applyFilter(nodes: CollectionArgument, hide: (n: SingularElementArgument) => boolean, hidden: Set<string>): void {
  nodes.forEach((n) => {
    const id = n.id();
    const want = hide(n);
    if (want === hidden.has(id)) return;
    n.style('display', want ? 'none' : 'element');
    if (want) hidden.add(id);
    else hidden.delete(id);
  });
}

/** Main-thread time a drawing task may take (ms): elements are added and measured until it is spent, the next frame paints them. */
const DRAW_BUDGET_MS = 10;
/** Elements added per step of a drawing task (at least; see stepOf). */
const NODES_PER_STEP = 16;
const EDGES_PER_STEP = 48;
const COMPOUND_EDGES_PER_STEP = 24;
/** Compound (uncollapsed) plants drawn step by step up to this many elements; larger ones as before. */
const STEPWISE_COMPOUND_ELEMENTS = 1000;
/** Edges added per task on larger compound plants. */
const EDGES_PER_TASK = 1500;
/** Steps per kind of element at most: a large plant takes larger steps rather than hundreds of frames. */
const MAX_STEPS = 40;
const stepOf = (count: number, least: number) => Math.max(least, Math.ceil(count / MAX_STEPS));

/** What a drawing step asks for next: more work in this task if time is left, a new task, or a painted frame first. */
type Pause = undefined | 'task' | 'frame';

/** Runs the steps in tasks of about `budget` ms; the returned function stops them. */
function runSteps(steps: Iterator<Pause>, budget: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let stopped = false;
  const cancel = () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    timer = undefined;
    frame = undefined;
  };
  const run = () => {
    cancel();
    if (stopped) return;
    const start = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done || stopped) return;
      if (r.value === 'frame') {
        // The frame paints what was added; a hidden page paints no frames, hence the timer too.
        frame = requestAnimationFrame(() => {
          cancel();
          timer = setTimeout(run, 0);
        });
        timer = setTimeout(run, 100);
        return;
      }
      if (r.value === 'task' || performance.now() - start >= budget) {
        timer = setTimeout(run, 0);
        return;
      }
    }
  };
  timer = setTimeout(run, 0);
  return () => {
    stopped = true;
    cancel();
  };
}

/**
 * Where cytoscape's fit would put nodes at these positions, estimated without measuring a label
 * (measuring is what the drawing spreads over frames): the view is right from the first frame
 * and the exact fit at the end moves it only slightly.
 */
function roughFit(cy: Core, nodes: readonly ElementDefinition[], collapsed: boolean, padding: number): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodes) {
    if (!n.position) continue;
    x1 = Math.min(x1, n.position.x);
    y1 = Math.min(y1, n.position.y);
    x2 = Math.max(x2, n.position.x);
    y2 = Math.max(y2, n.position.y);
  }
  const w = cy.width();
  const h = cy.height();
  if (!(x2 >= x1) || w <= 2 * padding || h <= 2 * padding) return;
  // Half the extent of a node with its label beyond its position (measured on the sample plants):
  // zone tiles with wrapped labels, or assets labelled below, inside zone boxes.
  const [mx, my] = collapsed ? [44, 18] : [63, 40];
  x1 -= mx;
  x2 += mx;
  y1 -= my;
  y2 += my;
  const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), (w - 2 * padding) / (x2 - x1), (h - 2 * padding) / (y2 - y1)));
  cy.viewport({ zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
}

/** Elements above which the (uncollapsed) view switches cytoscape to its WebGL renderer. */
export const WEBGL_ABOVE_ELEMENTS = 3000;

let webglSupport: boolean | undefined;
/** Whether the browser offers WebGL 2 (asked once: each question creates a context). */
function webglAvailable(): boolean {
  if (webglSupport === undefined) {
    try {
      webglSupport = !!document.createElement('canvas').getContext('webgl2');
    } catch {
      webglSupport = false;
    }
  }
  return webglSupport;
}

/** The plant and layout whose elements cytoscape holds (or is adding). */
interface Drawn {
  readonly model: PlantModel;
  readonly layout: GraphLayout;
}

export function GraphView({ model, layout, overlay = NO_OVERLAY, selected, onSelectAsset }: GraphViewProps) {
  const elementCount = model ? model.assets.length + model.connections.length + (model.trust?.length ?? 0) : 0;
  const webgl = !!layout && !layout.collapsed && elementCount > WEBGL_ABOVE_ELEMENTS && webglAvailable();
  const container = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [hiddenLevels, setHiddenLevels] = useState<ReadonlySet<number>>(new Set());
  const [kindFilter, setKindFilter] = useState('');
  const [zoneFilter, setZoneFilter] = useState('');
  const cyRef = useRef<Core | null>(null);
  const traffic = useMemo(() => {
    if (!model?.connections.some((c) => c.observed)) return undefined;
    const n: Record<Observation, number> = { observed: 0, shadow: 0, unseen: 0 };
    for (const c of model.connections) n[observationOf(c, true)!]++;
    return n;
  }, [model]);
  const kinds = useMemo(() => [...new Set(model?.assets.map((a) => a.kind) ?? [])].sort(), [model]);
  const zoneOf = useMemo(() => new Map(model?.assets.map((a) => [a.id, a.zone])), [model]);
  const collapsed = layout?.collapsed ?? false;
  // In the collapsed view an asset is drawn as its zone; otherwise zones are the containers.
  const elementOf = useCallback((id: string) => (collapsed ? `zone:${zoneOf.get(id)}` : `asset:${id}`), [collapsed, zoneOf]);
  const isContainer = useCallback((id: string) => !collapsed && id.startsWith('zone:'), [collapsed]);
  const lookOf = useMemo(() => overlayLook(overlay, elementOf, isContainer), [overlay, elementOf, isContainer]);
  const hide = useMemo(() => {
    const kindOf = new Map(model?.assets.map((a) => [a.id, a.kind]));
    return (n: SingularElementArgument) => {
      const id = n.id();
      if (isContainer(id)) return !!zoneFilter && id !== `zone:${zoneFilter}`;
      const level = n.data('level') as number;
      const asset = id.startsWith('asset:') ? id.slice('asset:'.length) : undefined;
      const kindOk = !kindFilter || !asset || kindOf.get(asset) === kindFilter;
      const zoneOk = !zoneFilter || (asset ? zoneOf.get(asset) === zoneFilter : id === `zone:${zoneFilter}`);
      return hiddenLevels.has(level) || !kindOk || !zoneOk;
    };
  }, [model, zoneOf, isContainer, hiddenLevels, kindFilter, zoneFilter]);
  // What the drawing gives each element it adds: the overlay, the filters and the selection of the moment.
  const current = useRef({ lookOf, hide, selected });
  const drawn = useRef<Drawn>(undefined);
  // The plant whose drawing is complete (shown as data-drawn, which tests wait for).
  const [complete, setComplete] = useState<Drawn>();
  const hidden = useRef(new Set<string>());
  const onSelect = useRef(onSelectAsset);
  useEffect(() => {
    onSelect.current = onSelectAsset;
  }, [onSelectAsset]);
  useEffect(() => {
    current.current = { lookOf, hide, selected };
  }, [lookOf, hide, selected]);

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: STYLE,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      // Pan and zoom stay smooth on large plants: cached textures while the viewport moves.
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      // Beyond a few thousand elements the WebGL renderer draws them.
      ...(webgl ? { renderer: { name: 'canvas', webgl: true, webglBgColor: [19, 37, 56] } } : {}),
    } as cytoscape.CytoscapeOptions);
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      if (id.startsWith('asset:')) onSelect.current?.(evt.target.data('id').slice('asset:'.length));
    });
    cy.on('tap', (evt) => {
      if (evt.target === cy) onSelect.current?.(undefined);
    });
    cyRef.current = cy;
    // Keep cytoscape's viewport in step with its container (error panels and window resizes).
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      cy.destroy();
      cyRef.current = null;
    };
  }, [webgl]);

  // Drawing a plant: the old elements removed, then nodes, then edges, a few at a time in tasks
  // of a few ms. Each element is measured (style, label, edge geometry) in the task that adds it,
  // so the frames between mostly paint; one plant in one go was a long task of several hundred ms.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    drawn.current = undefined;
    function* draw(): Generator<Pause> {
      cy!.batch(() => cy!.elements().remove());
      hidden.current = new Set();
      if (!model || !layout) return;
      yield 'task';
      const positions = positionsOf(layout);
      let els: ElementDefinition[] = [];
      if (layout.collapsed) yield* collapsedSteps(model, positions, els);
      else els = toElements(model, positions);
      const nodes = els.filter((e) => e.group === 'nodes');
      const edges = els.filter((e) => e.group === 'edges');
      drawn.current = { model, layout };
      roughFit(cy!, nodes, layout.collapsed, 30);
      yield 'task';
      // Zones drawn as compound nodes make edges dear: an added edge restyles its ends and their
      // zones, and the next frame measures those again with all their edges. Small plants still
      // take small steps (at most about a plant's worth of measuring per frame); on larger ones
      // that is quadratic, and they are drawn as before: the nodes at once, the edges in slices of
      // EDGES_PER_TASK, each slice a task of its own and measured by the renderer.
      const stepwise = layout.collapsed || nodes.length + edges.length <= STEPWISE_COMPOUND_ELEMENTS;
      const add = (defs: ElementDefinition[]) => {
        const { lookOf, hide, selected } = current.current;
        let added: CollectionReturnValue | undefined;
        cy!.batch(() => {
          added = cy!.add(defs);
          applyLook(added, lookOf);
          applyFilter(added.nodes(), hide, hidden.current);
          if (selected) added.getElementById(`asset:${selected}`).select();
        });
        if (stepwise) added!.boundingBox(); // style, label and geometry now, not in the next frame
      };
      const nodeStep = stepwise ? stepOf(nodes.length, NODES_PER_STEP) : nodes.length;
      for (let i = 0; i < nodes.length; i += nodeStep) {
        add(nodes.slice(i, i + nodeStep));
        yield;
      }
      cy!.fit(cy!.nodes(), 30); // measures the nodes not measured yet
      // A painted frame before the edges: the renderer has then taken in the nodes and does not
      // measure the edges added next once more.
      yield 'frame';
      const edgeStep = !stepwise ? EDGES_PER_TASK : stepOf(edges.length, layout.collapsed ? EDGES_PER_STEP : COMPOUND_EDGES_PER_STEP);
      for (let i = 0; i < edges.length; i += edgeStep) {
        add(edges.slice(i, i + edgeStep));
        yield stepwise ? undefined : 'task';
      }
      setComplete({ model, layout });
    }
    return runSteps(draw(), DRAW_BUDGET_MS);
  }, [model, layout, webgl]);

  // The overlay and the filters change only the elements whose look changes. While a plant is
  // being drawn they apply to what is drawn so far; the drawing gives the rest the same look.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !model || drawn.current?.model !== model || drawn.current.layout !== layout) return;
    cy.batch(() => applyLook(cy.elements(), lookOf));
  }, [model, layout, lookOf]);

  // Filters by Purdue level and asset kind hide elements; the model and the analysis are untouched.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !model || drawn.current?.model !== model || drawn.current.layout !== layout) return;
    cy.batch(() => applyFilter(cy.nodes(), hide, hidden.current));
  }, [model, layout, hide]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selected) cy.getElementById(`asset:${selected}`).select();
  }, [model, selected]);

  return (
    <div className="graph-wrap">
      <div
        className="graph"
        ref={container}
        data-testid="graph-view"
        data-renderer={webgl ? 'webgl' : 'canvas'}
        data-drawn={!!model && complete?.model === model && complete.layout === layout}
        aria-label="Plant graph"
        role="img"
      />
      {model && layout?.collapsed ? (
        <div className="graph-note" data-testid="collapsed-note">
          {model.assets.length.toLocaleString('en')} assets: zones shown as single nodes (asset count in brackets)
        </div>
      ) : null}
      {traffic ? (
        <div className="observed-legend" data-testid="observed-legend">
          Captured traffic: <span className="seen">━ {traffic.observed.toLocaleString('en')} seen</span> · <span className="shadow">━ {traffic.shadow.toLocaleString('en')} seen, not modeled</span> · ┄{' '}
          {traffic.unseen.toLocaleString('en')} modeled, never seen
        </div>
      ) : null}
      <div className="graph-tools">
        <button type="button" onClick={() => cyRef.current?.fit(undefined, 30)} title="Fit the plant in view">
          Fit
        </button>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = query.trim().toLowerCase();
            const hit =
              model?.assets.find((a) => a.id.toLowerCase() === q) ??
              model?.assets.find((a) => a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q));
            setNotFound(!hit);
            if (!hit) return;
            onSelect.current?.(hit.id);
            const node = cyRef.current?.getElementById(`asset:${hit.id}`);
            if (node?.nonempty()) cyRef.current?.animate({ center: { eles: node }, zoom: Math.max(1, cyRef.current.zoom()) }, { duration: 250 });
          }}
        >
          <input
            className={notFound ? 'search not-found' : 'search'}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Find asset by name or id"
            aria-label="Find asset by name or id"
            data-testid="asset-search"
          />
        </form>
        <details className="filters">
          <summary>Filters{hiddenLevels.size || kindFilter || zoneFilter ? ' •' : ''}</summary>
          <fieldset>
            <legend>Purdue levels</legend>
            {[5, 4, 3.5, 3, 2, 1, 0].map((l) => (
              <label key={l}>
                <input
                  type="checkbox"
                  checked={!hiddenLevels.has(l)}
                  data-testid={`level-${l}`}
                  onChange={(e) =>
                    setHiddenLevels((h) => {
                      const next = new Set(h);
                      if (e.target.checked) next.delete(l);
                      else next.add(l);
                      return next;
                    })
                  }
                />{' '}
                L{l}
              </label>
            ))}
          </fieldset>
          <label>
            Kind{' '}
            <select value={kindFilter} onChange={(e) => setKindFilter(e.target.value)} data-testid="kind-filter">
              <option value="">all</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Zone{' '}
            <select value={zoneFilter} onChange={(e) => setZoneFilter(e.target.value)} data-testid="zone-filter">
              <option value="">all</option>
              {model?.zones.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.name}
                </option>
              ))}
            </select>
          </label>
        </details>
      </div>
    </div>
  );
}
