// The cytoscape stylesheet of the plant graph: how element data and classes look (shape by asset
// kind, colour by Purdue level, entry points red, crown jewels gold, network / trust / media edges,
// captured traffic, and the overlay classes). Only types come from cytoscape.
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

export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7, color: '#dce6f0', 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-max-width': '90px', 'text-wrap': 'ellipsis', width: 22, height: 22, 'background-color': '#5b7a99',
      'border-width': 1, 'border-color': '#20374d',
    },
  },
  // Zone boxes have no shape in their data (:parent below gives theirs): mapped only where there
  // is one, or cytoscape warns for every box.
  { selector: 'node[shape]', style: { shape: 'data(shape)' as never } },
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
  // Overlay classes (look.ts) and the collapsed view's zone tiles; later rules win, so a zone tile
  // on a path takes the on-path size.
  { selector: '.dim', style: { opacity: 0.18 } },
  { selector: 'node.zone-node', style: { width: 60, height: 30, 'font-size': 8, 'text-valign': 'center', 'text-max-width': '110px', 'text-wrap': 'wrap' } },
  { selector: 'node.on-path', style: { 'background-color': '#ef5350', width: 30, height: 30, 'font-size': 11, 'font-weight': 'bold', color: '#ffffff', 'z-index': 10 } },
  { selector: 'edge.on-path', style: { 'line-color': '#ef5350', 'target-arrow-color': '#ef5350', width: 4, opacity: 1, 'z-index': 10, 'curve-style': 'straight' } },
  { selector: 'node.heat', style: { 'background-color': 'data(heatColour)' } },
  { selector: 'node.outlined', style: { 'border-width': 5, 'border-color': '#ffffff', 'border-style': 'double' } },
];
