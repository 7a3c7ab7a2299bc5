// Thin React wrapper over one cytoscape instance: created once, updated in cy.batch, destroyed
// on unmount. Display is derived from the model; the model is never changed to drive the picture.
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
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

/** Edges added per task when a plant is drawn. */
const EDGES_PER_TASK = 1500;

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
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const count = new Map<string, number>();
  for (const a of model.assets) count.set(a.zone, (count.get(a.zone) ?? 0) + 1);
  const entries = new Set(model.entryPoints.map((e) => zoneOf.get(e.asset)));
  const jewels = new Set(model.crownJewels.map((j) => zoneOf.get(j.asset)));
  const els: ElementDefinition[] = [];
  for (const z of model.zones) {
    if (!count.has(z.id)) continue;
    const classes = ['zone-node', entries.has(z.id) ? 'entry' : '', jewels.has(z.id) ? 'jewel' : ''].filter(Boolean).join(' ');
    els.push({ group: 'nodes', data: { id: `zone:${z.id}`, label: `${z.name} (${count.get(z.id)})`, level: z.purdueLevel, shape: 'round-rectangle' }, position: { ...(positions.get(z.id) ?? { x: 0, y: 0 }) }, classes });
  }
  const pairs = new Map<string, number>();
  const link = (a: string, b: string) => {
    const za = zoneOf.get(a)!;
    const zb = zoneOf.get(b)!;
    if (za === zb) return;
    const key = za < zb ? `${za}\u0000${zb}` : `${zb}\u0000${za}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  };
  for (const c of model.connections) link(c.from, c.to);
  for (const t of model.trust ?? []) link(t.from, t.to);
  for (const m of model.media ?? []) for (const f of m.from) for (const t of m.to) link(f, t);
  // Keep the links of entry and jewel zones first, then the strongest: a readable overview that
  // draws in one frame. The analysis always runs on the whole plant.
  const keyZones = new Set([...entries, ...jewels]);
  const isKey = (key: string) => (key.split('\u0000').some((z) => keyZones.has(z)) ? 1 : 0);
  const kept = [...pairs].sort((a, b) => isKey(b[0]) - isKey(a[0]) || b[1] - a[1]).slice(0, MAX_COLLAPSED_EDGES);
  let i = 0;
  for (const [key, n] of kept) {
    const [a, b] = key.split('\u0000') as [string, string];
    els.push({ group: 'edges', data: { id: `zl${i++}`, source: `zone:${a}`, target: `zone:${b}`, weight: n }, classes: 'network' });
  }
  return els;
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

/** Applies an overlay as classes and data on the elements (inside one batch). */
function applyOverlay(cy: Core, overlay: Overlay, elementOf: (assetId: string) => string): void {
  cy.batch(() => {
    cy.elements().removeClass('dim on-path heat outlined');
    if (overlay.kind === 'path') {
      const nodes = overlay.nodes.map(elementOf).filter((id, i, all) => i === 0 || all[i - 1] !== id);
      const onPath = new Set(nodes);
      cy.nodes().forEach((n) => {
        if (!n.isParent() && !onPath.has(n.id())) n.addClass('dim');
      });
      cy.edges().addClass('dim');
      for (const id of nodes) cy.getElementById(id).removeClass('dim').addClass('on-path');
      for (let i = 0; i + 1 < nodes.length; i++) {
        const a = cy.getElementById(nodes[i]!);
        const b = cy.getElementById(nodes[i + 1]!);
        a.edgesWith(b).removeClass('dim').addClass('on-path');
      }
    } else if (overlay.kind === 'heat') {
      const heat = new Map<string, number>();
      for (const [id, v] of overlay.heat) {
        const el = elementOf(id);
        heat.set(el, Math.max(v, heat.get(el) ?? 0));
      }
      const outline = new Set([...overlay.outline].map(elementOf));
      cy.nodes().forEach((n) => {
        if (n.isParent()) return;
        const v = heat.get(n.id());
        if (v === undefined) n.addClass('dim');
        else n.data('heatColour', heatColour(v)).addClass('heat');
        if (outline.has(n.id())) n.addClass('outlined');
      });
    }
  });
}

/** Elements above which the (uncollapsed) view switches cytoscape to its WebGL renderer. */
export const WEBGL_ABOVE_ELEMENTS = 3000;

function webglAvailable(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

export function GraphView({ model, layout, overlay = NO_OVERLAY, selected, onSelectAsset }: GraphViewProps) {
  const elementCount = model ? model.assets.length + model.connections.length + (model.trust?.length ?? 0) : 0;
  const webgl = !!layout && !layout.collapsed && elementCount > WEBGL_ABOVE_ELEMENTS && webglAvailable();
  const container = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [edgesShown, setEdgesShown] = useState(0);
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
  const onSelect = useRef(onSelectAsset);
  useEffect(() => {
    onSelect.current = onSelectAsset;
  }, [onSelectAsset]);

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

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => cy.elements().remove());
    if (!model || !layout) return;
    // Nodes first, then edges in slices, one slice per task: a large plant never blocks the page.
    const positions = positionsOf(layout);
    const els = layout.collapsed ? collapsedElements(model, positions) : toElements(model, positions);
    const nodes = els.filter((e) => e.group === 'nodes');
    const edges = els.filter((e) => e.group === 'edges');
    let next = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const addNodes = () => {
      cy.batch(() => cy.add(nodes));
      cy.layout({ name: 'preset', fit: true, padding: 30 }).run();
      setEdgesShown(0);
      if (edges.length) timer = setTimeout(addSlice, 0);
    };
    const addSlice = () => {
      const slice = edges.slice(next, next + EDGES_PER_TASK);
      next += slice.length;
      cy.batch(() => cy.add(slice));
      setEdgesShown(next);
      if (next < edges.length) timer = setTimeout(addSlice, 0);
    };
    timer = setTimeout(addNodes, 0); // out of React's commit: its own task
    return () => clearTimeout(timer);
  }, [model, layout, webgl]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !model) return;
    void edgesShown; // re-apply as edges arrive
    const collapsed = layout?.collapsed ?? false;
    const zoneOf = collapsed ? new Map(model.assets.map((a) => [a.id, a.zone])) : undefined;
    applyOverlay(cy, overlay, (id) => (zoneOf ? `zone:${zoneOf.get(id)}` : `asset:${id}`));
  }, [model, layout, overlay, edgesShown]);

  // Filters by Purdue level and asset kind hide elements; the model and the analysis are untouched.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !model) return;
    const kindOf = new Map(model.assets.map((a) => [a.id, a.kind]));
    const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const id = n.id();
        if (n.isParent()) {
          n.style('display', zoneFilter && id !== `zone:${zoneFilter}` ? 'none' : 'element');
          return;
        }
        const level = n.data('level') as number;
        const asset = id.startsWith('asset:') ? id.slice('asset:'.length) : undefined;
        const kindOk = !kindFilter || !asset || kindOf.get(asset) === kindFilter;
        const zoneOk = !zoneFilter || (asset ? zoneOf.get(asset) === zoneFilter : id === `zone:${zoneFilter}`);
        n.style('display', hiddenLevels.has(level) || !kindOk || !zoneOk ? 'none' : 'element');
      });
    });
  }, [model, layout, hiddenLevels, kindFilter, zoneFilter, edgesShown]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selected) cy.getElementById(`asset:${selected}`).select();
  }, [model, selected]);

  return (
    <div className="graph-wrap">
      <div className="graph" ref={container} data-testid="graph-view" data-renderer={webgl ? 'webgl' : 'canvas'} aria-label="Plant graph" role="img" />
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
              {[...new Set(model?.assets.map((a) => a.kind) ?? [])].sort().map((k) => (
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
