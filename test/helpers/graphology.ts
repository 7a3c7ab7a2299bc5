// A plant as a graphology graph, the independent reference the compact graph is checked against
// (test/unit/model/graphs.test.ts): assets as nodes, connections and trust relations as edges
// (undirected when "both"), media paths as one directed edge per from × to.
import { MultiGraph } from 'graphology';
import type { EdgeKind } from '../../src/model/compact';
import type { AssetKind, PlantModel, PurdueLevel } from '../../src/model/schema';

export interface AssetNodeAttributes {
  name: string;
  kind: AssetKind;
  zone: string;
  level: PurdueLevel;
}

export interface PlantEdgeAttributes {
  kind: EdgeKind;
  /** Id of the connection, trust relation or media path this edge comes from. */
  record: string;
  /** Index of that record in its collection. */
  index: number;
  protocol?: string;
  likelihood?: number;
}

export type PlantGraph = MultiGraph<AssetNodeAttributes, PlantEdgeAttributes>;

export function toGraphology(model: PlantModel): PlantGraph {
  const g: PlantGraph = new MultiGraph<AssetNodeAttributes, PlantEdgeAttributes>({ allowSelfLoops: false });
  const level = new Map<string, PurdueLevel>(model.zones.map((z) => [z.id, z.purdueLevel]));
  for (const a of model.assets) {
    g.addNode(a.id, { name: a.name, kind: a.kind, zone: a.zone, level: level.get(a.zone)! });
  }
  model.connections.forEach((c, index) => {
    const attrs: PlantEdgeAttributes = { kind: 'network', record: c.id, index, protocol: c.protocol };
    if (c.likelihood !== undefined) attrs.likelihood = c.likelihood;
    if (c.direction === 'both') g.addUndirectedEdge(c.from, c.to, attrs);
    else g.addDirectedEdge(c.from, c.to, attrs);
  });
  (model.trust ?? []).forEach((t, index) => {
    const attrs: PlantEdgeAttributes = { kind: 'trust', record: t.id, index };
    if (t.likelihood !== undefined) attrs.likelihood = t.likelihood;
    if (t.direction === 'both') g.addUndirectedEdge(t.from, t.to, attrs);
    else g.addDirectedEdge(t.from, t.to, attrs);
  });
  (model.media ?? []).forEach((m, index) => {
    for (const f of m.from) {
      for (const t of m.to) {
        if (f === t) continue;
        const attrs: PlantEdgeAttributes = { kind: 'media', record: m.id, index };
        if (m.likelihood !== undefined) attrs.likelihood = m.likelihood;
        g.addDirectedEdge(f, t, attrs);
      }
    }
  });
  return g;
}
