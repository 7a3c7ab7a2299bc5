// The cytoscape stylesheet of the plant graph: how element data and classes look (shape by asset
// kind, colour by Purdue level, entry points red, crown jewels gold, the minimum cut cyan,
// network / trust / media / attack edges, captured traffic, and the overlay classes). Names are
// not drawn on the canvas (the label layer writes them as page text). Only types come from cytoscape.
import type { StylesheetJson } from 'cytoscape';
import type { AssetKind } from '../../model/schema';

/** Node shape per asset kind (element data `shape`). */
export const KIND_SHAPE: Readonly<Record<AssetKind, string>> = {
  plc: 'round-rectangle', sis: 'octagon', rtu: 'round-rectangle', ied: 'round-rectangle',
  sensor: 'ellipse', actuator: 'ellipse', drive: 'ellipse', robot: 'pentagon',
  hmi: 'rectangle', 'scada-server': 'barrel', ews: 'rectangle', 'opc-server': 'barrel', 'protocol-gateway': 'diamond',
  historian: 'barrel', mes: 'barrel', 'patch-server': 'barrel', 'domain-controller': 'star', database: 'barrel', 'file-server': 'barrel',
  'jump-host': 'hexagon', 'remote-access-gateway': 'hexagon',
  firewall: 'vee', router: 'diamond', switch: 'diamond', 'data-diode': 'triangle', 'wireless-ap': 'diamond',
  workstation: 'rectangle', laptop: 'cut-rectangle', server: 'barrel', erp: 'barrel', email: 'barrel',
  'cloud-service': 'round-tag', supplier: 'tag', internet: 'round-tag',
};

/** Colours the graph and its page overlays share. */
export const COLOUR = {
  entry: '#ef5350',
  jewel: '#f5a524',
  cut: '#26c6da',
  path: '#ef5350',
  edge: '#58718c',
  trust: '#b48ead',
  attack: '#e0735f',
} as const;

/** Node radius in model units (the label layer places names just below it). */
export const NODE_SIZE = 22;
export const JEWEL_SIZE = 28;

/**
 * The stylesheet. `large`: a plant with thousands of edges draws them as haystacks (the cheapest
 * edges cytoscape has, no arrows); smaller ones draw straight edges with an arrow at the end that
 * accepts the session (or the attacker's step).
 */
export function graphStyle({ large = false }: { readonly large?: boolean } = {}): StylesheetJson {
  return [
    {
      selector: 'node',
      style: { width: NODE_SIZE, height: NODE_SIZE, 'background-color': '#5b7a99', 'border-width': 1, 'border-color': '#20374d' },
    },
    // Zone boxes have no shape in their data (:parent below gives theirs): mapped only where there
    // is one, or cytoscape warns for every box.
    { selector: 'node[shape]', style: { shape: 'data(shape)' as never } },
    { selector: 'node[level = 0]', style: { 'background-color': '#4f8a8b' } },
    { selector: 'node[level = 1]', style: { 'background-color': '#3f88c5' } },
    { selector: 'node[level = 2]', style: { 'background-color': '#6c8ebf' } },
    { selector: 'node[level >= 3]', style: { 'background-color': '#8a7fb8' } },
    { selector: 'node[level >= 4]', style: { 'background-color': '#9a9a9a' } },
    { selector: 'node.entry', style: { 'border-width': 4, 'border-color': COLOUR.entry } },
    { selector: 'node.jewel', style: { 'border-width': 4, 'border-color': COLOUR.jewel, width: JEWEL_SIZE, height: JEWEL_SIZE } },
    {
      selector: ':parent',
      style: {
        'background-opacity': 0.05, 'background-color': '#9fb6cc', 'border-color': '#3b556e', 'border-width': 1,
        padding: '14px', shape: 'round-rectangle',
      },
    },
    // The collapsed view's zone tiles, sized by asset count (elements.ts).
    {
      selector: 'node.zone-node',
      style: { width: 'data(width)', height: 'data(height)', 'background-opacity': 0.55, 'border-color': '#8fb3d6', 'border-width': 1 },
    },
    // A zone group's tile (many zones of one site and level): a double border, a stack of zones.
    { selector: 'node.zone-group', style: { 'border-width': 4, 'border-style': 'double', 'background-opacity': 0.7 } },
    { selector: 'node.zone-node.entry', style: { 'border-width': 4, 'border-color': COLOUR.entry } },
    { selector: 'node.zone-node.jewel', style: { 'border-width': 4, 'border-color': COLOUR.jewel } },
    {
      selector: 'edge',
      style: large
        ? { width: 1, 'line-color': COLOUR.edge, 'curve-style': 'haystack', opacity: 0.5 }
        : {
            width: 1, 'line-color': COLOUR.edge, opacity: 0.5, 'target-arrow-color': COLOUR.edge, 'arrow-scale': 0.7,
            // Between bands, edges run down and across (taxi): a node's edges share their first leg, so a fan-out reads as one.
            'curve-style': 'taxi', 'taxi-direction': 'vertical', 'taxi-turn': '50%', 'taxi-turn-min-distance': 8,
          },
    },
    // The arrow: at the end that accepts the session (every connection), or where a one-way relation points.
    ...(large ? [] : [{ selector: 'edge.network, edge.directed', style: { 'target-arrow-shape': 'triangle' as const } }]),
    // Zone-to-zone links: thicker for more links.
    { selector: 'edge[weight]', style: { width: 'mapData(weight, 1, 200, 1, 9)' as never, 'target-arrow-shape': 'none', 'curve-style': 'straight', opacity: 0.45 } },
    { selector: 'edge.trust', style: { 'line-style': 'dashed', 'line-color': COLOUR.trust, 'target-arrow-color': COLOUR.trust } },
    { selector: 'edge.media', style: { 'line-style': 'dotted', 'line-color': COLOUR.jewel, 'target-arrow-color': COLOUR.jewel, width: 2 } },
    // Captured traffic (src/import/pcap/model.ts): seen solid, modeled but never seen dashed, seen but not modeled magenta.
    { selector: 'edge.observed', style: { 'line-color': '#5fb3a1', 'target-arrow-color': '#5fb3a1', width: 1.5, opacity: 0.8 } },
    { selector: 'edge.unseen', style: { 'line-style': 'dashed' } },
    { selector: 'edge.shadow', style: { 'line-color': '#e040fb', 'target-arrow-color': '#e040fb', width: 2, opacity: 0.9 } },
    // Attack steps (the chokepoints view): stronger for more likely steps; the most likely paths
    // boldest, with arrows. The others are haystacks (no arrow): hundreds of them redraw cheaply.
    {
      selector: 'edge.attack',
      style: { 'line-color': COLOUR.attack, width: 'mapData(likelihood, 0, 1, 0.6, 2)' as never, opacity: 0.3, 'curve-style': 'haystack', 'target-arrow-shape': 'none' },
    },
    {
      selector: 'edge.attack.main',
      style: { width: 3.5, opacity: 0.95, 'line-color': '#ff8a65', 'target-arrow-color': '#ff8a65', 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8 },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffffff' } },
    // Overlay classes (look.ts); later rules win, so a zone tile on a path takes the on-path colour.
    { selector: '.dim', style: { opacity: 0.15 } },
    { selector: 'node.on-path', style: { 'background-color': COLOUR.path, width: 30, height: 30, 'z-index': 10 } },
    { selector: 'edge.on-path', style: { 'line-color': COLOUR.path, 'target-arrow-color': COLOUR.path, width: 4, opacity: 1, 'z-index': 10, 'curve-style': 'straight' } },
    { selector: 'node.heat', style: { 'background-color': 'data(heatColour)' } },
    { selector: 'node.outlined', style: { 'border-width': 5, 'border-color': '#ffffff', 'border-style': 'double' } },
    { selector: 'node.dominator', style: { 'border-width': 3, 'border-color': '#ffffff', 'border-style': 'dashed' } },
    { selector: 'node.cut', style: { 'border-width': 5, 'border-color': COLOUR.cut, 'border-style': 'solid', width: 30, height: 30 } },
    // The chokepoints view sizes assets by the risk they remove if hardened.
    { selector: 'node[size]', style: { width: 'data(size)', height: 'data(size)' } },
    // Zone tiles keep their size whatever they are marked with.
    { selector: 'node.zone-node.cut, node.zone-node.on-path', style: { width: 'data(width)', height: 'data(height)' } },
  ];
}

/** The stylesheet of plants small enough for arrows. */
export const GRAPH_STYLE: StylesheetJson = graphStyle();
