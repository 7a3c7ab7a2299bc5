// Blast radius: everything an attacker holding the given assets can reach, how likely (best path
// likelihood) and how far (fewest hops), and what that costs the business.
import { reachFrom } from './reach';
import { nodeOf, type PlantContext } from './context';
import { impactOfLoss, type LostAssetsImpact } from './impact';
import { shortestTree } from './paths';

export interface BlastResult {
  readonly from: readonly string[];
  /** Reachable assets (sources included), most likely first, then by hops and id. */
  readonly reached: readonly { id: string; likelihood: number; hops: number }[];
  readonly impact: LostAssetsImpact;
}

export function blastRadius(ctx: PlantContext, fromIds: readonly string[]): BlastResult {
  const sources = fromIds.map((id) => nodeOf(ctx, id));
  const tree = shortestTree(ctx.attack, sources);
  const { hops } = reachFrom(ctx.attack, sources);
  const reached: { id: string; likelihood: number; hops: number }[] = [];
  for (let v = 0; v < ctx.attack.nodeCount; v++) {
    if (hops[v]! < 0) continue;
    reached.push({ id: ctx.ids[v]!, likelihood: productAlongTree(ctx, tree.parentEdge, v), hops: hops[v]! });
  }
  reached.sort((a, b) => b.likelihood - a.likelihood || a.hops - b.hops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { from: [...fromIds], reached, impact: impactOfLoss(ctx.model, new Set(reached.map((r) => r.id))) };
}

/** Exact likelihood: the product along the tree path, not exp of a float sum. */
function productAlongTree(ctx: PlantContext, parentEdge: Int32Array, v: number): number {
  let p = 1;
  for (let e = parentEdge[v]!; e !== -1; e = parentEdge[ctx.attack.edgeSource[e]!]!) p *= ctx.attack.likelihood[e]!;
  return p;
}
