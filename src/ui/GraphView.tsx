// Thin React wrapper over one cytoscape instance: created once, updated in cy.batch, destroyed
// on unmount. Display is derived from the model; the model is never changed to drive the picture.
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { PlantModel } from '../model/schema';
import { purdueLayout } from './layout';
import { heatColour, NO_OVERLAY, type Overlay } from './overlay';

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
      label: 'data(label)', 'font-size': 9, color: '#dce6f0', 'text-valign': 'bottom', 'text-margin-y': 3,
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
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffffff' } },
  { selector: '.dim', style: { opacity: 0.18 } },
  { selector: 'node.on-path', style: { 'background-color': '#ef5350', width: 30, height: 30, 'font-size': 11, 'font-weight': 'bold', color: '#ffffff', 'z-index': 10 } },
  { selector: 'edge.on-path', style: { 'line-color': '#ef5350', 'target-arrow-color': '#ef5350', width: 4, opacity: 1, 'z-index': 10, 'curve-style': 'straight' } },
  { selector: 'node.heat', style: { 'background-color': 'data(heatColour)' } },
  { selector: 'node.outlined', style: { 'border-width': 5, 'border-color': '#ffffff', 'border-style': 'double' } },
];

export function toElements(model: PlantModel): ElementDefinition[] {
  const { positions } = purdueLayout(model);
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
      position: { ...positions.get(a.id)! },
      classes,
    });
  }
  const edge = (kind: string, key: string, from: string, to: string, directed: boolean) =>
    els.push({ group: 'edges', data: { id: key, source: `asset:${from}`, target: `asset:${to}` }, classes: `${kind}${directed ? ' directed' : ''}` });
  model.connections.forEach((c, i) => edge('network', `c${i}`, c.from, c.to, c.direction === 'one-way'));
  (model.trust ?? []).forEach((t, i) => edge('trust', `t${i}`, t.from, t.to, t.direction === 'one-way'));
  (model.media ?? []).forEach((m, i) =>
    m.from.forEach((f, j) => m.to.forEach((t, k) => f !== t && edge('media', `m${i}.${j}.${k}`, f, t, true))),
  );
  return els;
}

export interface GraphViewProps {
  readonly model: PlantModel | undefined;
  readonly overlay?: Overlay;
  readonly selected?: string | undefined;
  readonly onSelectAsset?: (id: string | undefined) => void;
}

/** Applies an overlay as classes and data on the elements (inside one batch). */
function applyOverlay(cy: Core, overlay: Overlay): void {
  cy.batch(() => {
    cy.elements().removeClass('dim on-path heat outlined');
    if (overlay.kind === 'path') {
      const nodes = overlay.nodes.map((id) => `asset:${id}`);
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
      cy.nodes().forEach((n) => {
        if (n.isParent()) return;
        const id = n.id().slice('asset:'.length);
        const v = overlay.heat.get(id);
        if (v === undefined) n.addClass('dim');
        else n.data('heatColour', heatColour(v)).addClass('heat');
        if (overlay.outline.has(id)) n.addClass('outlined');
      });
    }
  });
}

export function GraphView({ model, overlay = NO_OVERLAY, selected, onSelectAsset }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const cyRef = useRef<Core | null>(null);
  const onSelect = useRef(onSelectAsset);
  useEffect(() => {
    onSelect.current = onSelectAsset;
  }, [onSelectAsset]);

  useEffect(() => {
    const cy = cytoscape({ container: container.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4 });
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
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().remove();
      if (model) cy.add(toElements(model));
    });
    cy.layout({ name: 'preset', fit: true, padding: 30 }).run();
  }, [model]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy) applyOverlay(cy, overlay);
  }, [model, overlay]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selected) cy.getElementById(`asset:${selected}`).select();
  }, [model, selected]);

  return (
    <div className="graph-wrap">
      <div className="graph" ref={container} data-testid="graph-view" aria-label="Plant graph" role="img" />
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
      </div>
    </div>
  );
}
