// Containment: for a compromised asset, the cheapest set of connections, trust relations, media
// paths and assets to isolate so that no crown jewel stays reachable from it. Minimum cut on a
// network where each asset and each model record is a node with its isolation cost.
import { EDGE_MEDIA, EDGE_NETWORK, EDGE_TRUST } from '../model/compact';
import { hardeningCost } from './chokepoints';
import { AnalysisError, nodeOf, type PlantContext } from './context';
import { FlowNetwork } from './maxflow';
import { reachFrom } from './reach';

/** Documented cost of isolating one record: a firewall rule, a credential split, a media ban. */
export const ISOLATION_COSTS = { connection: 500, trust: 1000, media: 1500 } as const;

export type Containment =
  | {
      readonly kind: 'contained';
      readonly from: string;
      readonly jewelsAtRisk: readonly string[];
      readonly isolate: { readonly assets: readonly string[]; readonly connections: readonly string[]; readonly trust: readonly string[]; readonly media: readonly string[] };
      readonly cost: number;
    }
  | { readonly kind: 'nothing-at-risk'; readonly from: string }
  | { readonly kind: 'impossible'; readonly from: string; readonly reason: string };

export function contain(ctx: PlantContext, fromId: string): Containment {
  const x = nodeOf(ctx, fromId);
  const ag = ctx.attack;
  const n = ag.nodeCount;
  const reach = reachFrom(ag, [x]).hops;
  const jewelsAtRisk = ctx.jewels.filter((j) => reach[j]! >= 0).map((j) => ctx.ids[j]!);
  if (ctx.jewels.includes(x)) return { kind: 'impossible', from: fromId, reason: 'the compromised asset is itself a crown jewel' };
  if (jewelsAtRisk.length === 0) return { kind: 'nothing-at-risk', from: fromId };
  const m = ctx.model;
  const recordCount = [m.connections.length, m.trust?.length ?? 0, m.media?.length ?? 0];
  const recordBase = [2 * n, 2 * n + 2 * recordCount[0]!, 2 * n + 2 * (recordCount[0]! + recordCount[1]!)];
  const totalRecords = recordCount[0]! + recordCount[1]! + recordCount[2]!;
  const T = 2 * n + 2 * totalRecords;
  const net = new FlowNetwork(T + 1, n + totalRecords + 2 * ag.edgeCount + ctx.jewels.length);
  const isJewel = new Uint8Array(n);
  for (const j of ctx.jewels) isJewel[j] = 1;
  for (let v = 0; v < n; v++) net.addEdge(2 * v, 2 * v + 1, v === x || isJewel[v] ? Infinity : hardeningCost(ctx, v));
  const costOf = [ISOLATION_COSTS.connection, ISOLATION_COSTS.trust, ISOLATION_COSTS.media];
  for (let k = 0; k < 3; k++) for (let r = 0; r < recordCount[k]!; r++) net.addEdge(recordBase[k]! + 2 * r, recordBase[k]! + 2 * r + 1, costOf[k]!);
  for (let e = 0; e < ag.edgeCount; e++) {
    const arc = ag.origin[e]!;
    const k = ctx.graph.edgeKind[arc]!;
    const rec = recordBase[k]! + 2 * ctx.graph.edgeRef[arc]!;
    net.addEdge(2 * ag.edgeSource[e]! + 1, rec, Infinity);
    net.addEdge(rec + 1, 2 * ag.edgeTarget[e]!, Infinity);
  }
  for (const j of ctx.jewels) net.addEdge(2 * j, T, Infinity);
  const flow = net.maxFlow(2 * x, T);
  if (flow === Infinity) throw new AnalysisError('BAD_PARAMETER', 'contain: no finite isolation exists (unexpected: every record is cuttable)');
  const side = net.sourceSide(2 * x);
  const assets: string[] = [];
  for (let v = 0; v < n; v++) if (side[2 * v] && !side[2 * v + 1]) assets.push(ctx.ids[v]!);
  const pick = (k: number, ids: readonly { id: string }[]) =>
    ids.filter((_, r) => side[recordBase[k]! + 2 * r] && !side[recordBase[k]! + 2 * r + 1]).map((x) => x.id);
  return {
    kind: 'contained',
    from: fromId,
    jewelsAtRisk,
    isolate: { assets: assets.sort(), connections: pick(EDGE_NETWORK, m.connections), trust: pick(EDGE_TRUST, m.trust ?? []), media: pick(EDGE_MEDIA, m.media ?? []) },
    cost: flow,
  };
}
