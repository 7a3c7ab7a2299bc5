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
  const likelihood = treeProducts(ctx, tree.parentEdge, hops);
  const reached: { id: string; likelihood: number; hops: number }[] = [];
  for (let v = 0; v < ctx.attack.nodeCount; v++) {
    if (hops[v]! >= 0) reached.push({ id: ctx.ids[v]!, likelihood: likelihood[v]!, hops: hops[v]! });
  }
  reached.sort((a, b) => b.likelihood - a.likelihood || a.hops - b.hops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const isLost = (id: string) => {
    const v = ctx.index.get(id);
    return v !== undefined && hops[v]! >= 0;
  };
  return { from: [...fromIds], reached, impact: impactOfLoss(ctx.model, isLost) };
}

/**
 * Exact likelihood of every reached node: the product along its tree path (not exp of a float
 * sum), each node computed once from its parent — linear, iterative.
 */
function treeProducts(ctx: PlantContext, parentEdge: Int32Array, hops: Int32Array): Float64Array {
  const n = ctx.attack.nodeCount;
  const p = new Float64Array(n).fill(NaN);
  const stack: number[] = [];
  for (let v = 0; v < n; v++) {
    if (hops[v]! < 0 || !Number.isNaN(p[v]!)) continue;
    let u = v;
    while (Number.isNaN(p[u]!) && parentEdge[u] !== -1) {
      stack.push(u);
      u = ctx.attack.edgeSource[parentEdge[u]!]!;
    }
    if (Number.isNaN(p[u]!)) p[u] = 1; // a source
    while (stack.length) {
      const w = stack.pop()!;
      p[w] = p[ctx.attack.edgeSource[parentEdge[w]!]!]! * ctx.attack.likelihood[parentEdge[w]!]!;
    }
  }
  return p;
}
