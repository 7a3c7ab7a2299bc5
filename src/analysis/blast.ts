// Blast radius: everything an attacker holding the given assets can reach, how likely (best path
// likelihood) and how far (fewest hops), and what that costs the business.
import { reachFrom } from './reach';
import { nodeOf, type PlantContext } from './context';
import { impactOfLoss, type LostAssetsImpact } from './impact';
import { shortestTree } from './paths';

/**
 * The reached assets in columns: row i is (ids[i], likelihood[i], hops[i]), for i < count.
 * Columns rather than one object per row: on a 100k-asset plant the row objects and the garbage
 * collection around them cost ~25–35 ms of a ~100 ms call; typed arrays also cross to the main
 * thread by transfer. Build rows only for what is shown (`reachedRows`).
 */
export interface ReachedColumns {
  readonly count: number;
  readonly ids: readonly string[];
  readonly likelihood: Float64Array;
  readonly hops: Int32Array;
}

export interface ReachedRow {
  readonly id: string;
  readonly likelihood: number;
  readonly hops: number;
}

export interface BlastResult {
  readonly from: readonly string[];
  /** Reachable assets (sources included), most likely first, then by hops and id. */
  readonly reached: ReachedColumns;
  readonly impact: LostAssetsImpact;
}

export function blastRadius(ctx: PlantContext, fromIds: readonly string[]): BlastResult {
  const sources = fromIds.map((id) => nodeOf(ctx, id));
  const tree = shortestTree(ctx.attack, sources);
  const { hops } = reachFrom(ctx.attack, sources);
  const likelihood = treeProducts(ctx, tree.parentEdge, hops);
  const order = reachedOrder(ctx, likelihood, hops, tree.dist);
  const count = order.length;
  // The id strings are ctx.ids' own: no string is created per row.
  const ids: string[] = new Array<string>(count);
  const l = new Float64Array(count);
  const h = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = order[i]!;
    ids[i] = ctx.ids[v]!;
    l[i] = likelihood[v]!;
    h[i] = hops[v]!;
  }
  const isLost = (id: string) => {
    const v = ctx.index.get(id);
    return v !== undefined && hops[v]! >= 0;
  };
  return { from: [...fromIds], reached: { count, ids, likelihood: l, hops: h }, impact: impactOfLoss(ctx.model, isLost) };
}

/** The first `limit` reached assets (all by default) as row objects, in the result's order. */
export function reachedRows(r: ReachedColumns, limit = r.count): ReachedRow[] {
  const n = Math.max(0, Math.min(r.count, limit));
  const rows: ReachedRow[] = new Array<ReachedRow>(n);
  for (let i = 0; i < n; i++) rows[i] = { id: r.ids[i]!, likelihood: r.likelihood[i]!, hops: r.hops[i]! };
  return rows;
}

/** Rows (already in the result's order) as columns: for results computed elsewhere, e.g. in Neo4j. */
export function reachedColumns(rows: readonly ReachedRow[]): ReachedColumns {
  const count = rows.length;
  const ids = rows.map((x) => x.id);
  const likelihood = new Float64Array(count);
  const hops = new Int32Array(count);
  rows.forEach((x, i) => {
    likelihood[i] = x.likelihood;
    hops[i] = x.hops;
  });
  return { count, ids, likelihood, hops };
}

/** The buffers to list in a comlink.transfer call (the id strings are cloned). */
export function blastBuffers(r: BlastResult): ArrayBuffer[] {
  return [r.reached.likelihood.buffer as ArrayBuffer, r.reached.hops.buffer as ArrayBuffer];
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

/**
 * Keys that order like the likelihood where it is positive, and below every positive likelihood
 * by -dist where it underflowed to 0 (more likely = smaller dist = larger key).
 */
function sortKeys(likelihood: Float64Array, hops: Int32Array, dist: Float64Array): Float64Array {
  let under = false;
  for (let v = 0; v < hops.length && !under; v++) under = hops[v]! >= 0 && likelihood[v] === 0;
  if (!under) return likelihood;
  const key = Float64Array.from(likelihood);
  for (let v = 0; v < hops.length; v++) if (hops[v]! >= 0 && likelihood[v] === 0) key[v] = -1 - dist[v]!;
  return key;
}

/** Asset indexes in id order (code units) and each asset's rank in it, computed once per plant. */
const idOrders = new WeakMap<PlantContext, { readonly byRank: Int32Array; readonly rank: Int32Array }>();
function idOrderOf(ctx: PlantContext): { readonly byRank: Int32Array; readonly rank: Int32Array } {
  let o = idOrders.get(ctx);
  if (o) return o;
  const n = ctx.ids.length;
  const byId = Array.from({ length: n }, (_, i) => i).sort((a, b) => (ctx.ids[a]! < ctx.ids[b]! ? -1 : ctx.ids[a]! > ctx.ids[b]! ? 1 : 0));
  const byRank = Int32Array.from(byId);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[byRank[r]!] = r;
  o = { byRank, rank };
  idOrders.set(ctx, o);
  return o;
}

/**
 * The reached nodes, most likely first, then by fewer hops, then by id. Sorting 100k result
 * objects with a comparator took ~30 ms on L. Plants have few distinct path likelihoods (49 on
 * L) and short hop counts, so this is a counting sort: walk the nodes in id order (computed once
 * per plant) and drop each into its (likelihood rank, hops) bucket — linear. With too many
 * buckets it falls back to a comparator sort on typed arrays. Likelihoods that underflow to 0
 * (very long paths of unlikely steps) are told apart by `dist` (Σ -ln likelihood), when given.
 */
export function reachedOrder(ctx: PlantContext, likelihoodIn: Float64Array, hops: Int32Array, dist?: Float64Array): Int32Array {
  const n = hops.length;
  const likelihood = dist ? sortKeys(likelihoodIn, hops, dist) : likelihoodIn;
  const { byRank, rank } = idOrderOf(ctx);
  let m = 0;
  let maxHops = 0;
  const distinct = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const h = hops[v]!;
    if (h < 0) continue;
    m++;
    if (h > maxHops) maxHops = h;
    if (!distinct.has(likelihood[v]!)) distinct.set(likelihood[v]!, 0);
  }
  const levels = [...distinct.keys()].sort((a, b) => b - a);
  const buckets = levels.length * (maxHops + 1);
  const out = new Int32Array(m);
  if (buckets > 4 * m + 1024) {
    for (let v = 0, i = 0; v < n; v++) if (hops[v]! >= 0) out[i++] = v;
    return out.sort((a, b) => likelihood[b]! - likelihood[a]! || hops[a]! - hops[b]! || rank[a]! - rank[b]!);
  }
  levels.forEach((l, i) => distinct.set(l, i));
  const key = new Int32Array(n);
  const start = new Int32Array(buckets + 1);
  for (let v = 0; v < n; v++) {
    if (hops[v]! < 0) continue;
    const k = distinct.get(likelihood[v]!)! * (maxHops + 1) + hops[v]!;
    key[v] = k;
    start[k + 1]!++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  for (let r = 0; r < n; r++) {
    const v = byRank[r]!;
    if (hops[v]! >= 0) out[start[key[v]!]!++] = v;
  }
  return out;
}
