// Most likely attack paths: Dijkstra on -ln(likelihood) from one or many sources, and Yen's k most
// likely loopless paths (with A* guided by exact distances to the target). Paths are sequences of
// assets; between two consecutive assets the most likely parallel edge is the one taken.
import type { AttackGraph } from './attack-graph';
import { MinHeap } from './heap';

export interface ShortestTree {
  /** Sum of -ln(likelihood) from the nearest source; Infinity where unreachable. */
  readonly dist: Float64Array;
  /** Edge used to reach each node, -1 for sources and unreachable nodes. */
  readonly parentEdge: Int32Array;
}

export interface SearchOptions {
  /** Nodes the search may not enter (1 = banned). */
  readonly bannedNodes?: Uint8Array;
  /** Edges the search may not use. */
  readonly bannedEdge?: (e: number) => boolean;
  /** Stop as soon as this node is settled. */
  readonly target?: number;
  /** Stop as soon as all these nodes are settled (distances elsewhere may be unfinished). */
  readonly stopWhenSettled?: readonly number[];
  /** A*: a consistent lower bound of the distance from each node to the target. */
  readonly potential?: Float64Array;
  /** Edge weights to use instead of the graph's (Infinity closes an edge). */
  readonly weight?: Float64Array;
}

/** Multi-source Dijkstra over the attack graph. Ties prefer the edge found first (CSR order). */
export function shortestTree(ag: AttackGraph, sources: readonly number[], options: SearchOptions = {}): ShortestTree {
  const n = ag.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const parentEdge = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  // Lazy deletion: the heap holds one entry per improvement, usually a small multiple of the nodes
  // (it grows when needed); sizing it by the edges allocated 12 MB per search on L.
  const heap = new MinHeap(Math.min(ag.edgeCount, n) + sources.length + 16);
  const { bannedNodes, bannedEdge, target, potential, stopWhenSettled } = options;
  let waiting = 0;
  const awaited = stopWhenSettled ? new Uint8Array(n) : undefined;
  if (awaited) {
    for (const v of stopWhenSettled!) {
      if (!awaited[v]) {
        awaited[v] = 1;
        waiting++;
      }
    }
  }
  const h = (v: number) => (potential ? potential[v]! : 0);
  for (const s of sources) {
    if (bannedNodes?.[s] || dist[s] === 0) continue;
    if (potential && potential[s] === Infinity) continue;
    dist[s] = 0;
    heap.push(h(s), s);
  }
  const { offsets, edgeTarget } = ag;
  const weight = options.weight ?? ag.weight;
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    if (v === target) break;
    if (awaited?.[v] && --waiting === 0) break;
    const dv = dist[v]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = edgeTarget[e]!;
      if (done[w] || bannedNodes?.[w]) continue;
      if (bannedEdge && bannedEdge(e)) continue;
      const d = dv + weight[e]!;
      if (d < dist[w]!) {
        const hw = h(w);
        if (hw === Infinity) continue;
        dist[w] = d;
        parentEdge[w] = e;
        heap.push(d + hw, w);
      }
    }
  }
  return { dist, parentEdge };
}

/** Distances from every node to `target` (reverse Dijkstra), a consistent A* potential. */
export function distancesTo(ag: AttackGraph, target: number, bannedNodes?: Uint8Array): Float64Array {
  const n = ag.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new MinHeap(1024);
  if (bannedNodes?.[target]) return dist;
  dist[target] = 0;
  heap.push(0, target);
  const { inOffsets, inEdges, edgeSource, weight } = ag;
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    const dv = dist[v]!;
    for (let i = inOffsets[v]!, end = inOffsets[v + 1]!; i < end; i++) {
      const e = inEdges[i]!;
      const u = edgeSource[e]!;
      if (done[u] || bannedNodes?.[u]) continue;
      const d = dv + weight[e]!;
      if (d < dist[u]!) {
        dist[u] = d;
        heap.push(d, u);
      }
    }
  }
  return dist;
}

export interface NodePath {
  /** Node indexes from source to target. */
  readonly nodes: number[];
  /** Edge indexes (the most likely parallel edge between each pair). */
  readonly edges: number[];
  /** Product of the edge likelihoods (0 when it underflows: a long path of unlikely steps). */
  readonly likelihood: number;
  /**
   * Σ ln(edge likelihood): the path's likelihood on a log scale, finite for every path (a 200-step
   * path of 1e-6 steps has likelihood 0 in floating point but logLikelihood ≈ -2763). Rank by it.
   */
  readonly logLikelihood: number;
}

/** The path to `target` in a shortest-path tree, or undefined when unreachable. Iterative. */
export function pathTo(ag: AttackGraph, tree: ShortestTree, target: number): NodePath | undefined {
  if (tree.dist[target] === Infinity) return undefined;
  const nodes = [target];
  const edges: number[] = [];
  let v = target;
  let guard = ag.nodeCount;
  while (tree.parentEdge[v] !== -1) {
    const e = tree.parentEdge[v]!;
    edges.push(e);
    v = ag.edgeSource[e]!;
    nodes.push(v);
    if (--guard < 0) throw new Error('pathTo: parent chain does not end (corrupt tree)');
  }
  nodes.reverse();
  edges.reverse();
  return { nodes, edges, likelihood: productOf(ag, edges), logLikelihood: logProductOf(ag, edges) };
}

export function productOf(ag: AttackGraph, edges: readonly number[]): number {
  let p = 1;
  for (const e of edges) p *= ag.likelihood[e]!;
  return p;
}

/** Σ ln(likelihood) of the edges (the negated sum of their weights): no underflow. */
export function logProductOf(ag: AttackGraph, edges: readonly number[]): number {
  let s = 0;
  for (const e of edges) s -= ag.weight[e]!;
  return s === 0 ? 0 : s; // never -0
}

/** The most likely edge from u to v, or -1. */
export function bestEdge(ag: AttackGraph, u: number, v: number): number {
  let best = -1;
  for (let e = ag.offsets[u]!, end = ag.offsets[u + 1]!; e < end; e++) {
    if (ag.edgeTarget[e] === v && (best === -1 || ag.likelihood[e]! > ag.likelihood[best]!)) best = e;
  }
  return best;
}

export const MAX_K = 1000;

/**
 * Yen's algorithm: up to k most likely loopless paths from `source` to `target`, best first,
 * distinct by their asset sequence. `k` is bounded by MAX_K. `distances`: distancesTo(ag, target),
 * when the caller asks for several sources to one target (it is the same for all of them).
 */
export function kMostLikelyPaths(ag: AttackGraph, source: number, target: number, k: number, distances?: Float64Array): NodePath[] {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new RangeError(`kMostLikelyPaths: k must be an integer in 1..${MAX_K}, got ${k}`);
  if (source === target) return [{ nodes: [source], edges: [], likelihood: 1, logLikelihood: 0 }];
  const n = ag.nodeCount;
  const toTarget = distances ?? distancesTo(ag, target);
  if (toTarget[source] === Infinity) return [];
  const first = pathTo(ag, shortestTree(ag, [source], { target, potential: toTarget }), target)!;
  const found: NodePath[] = [first];
  const seen = new Set<string>([first.nodes.join(',')]);
  // Candidates, kept sorted by cost (sum of weights), then by sequence for determinism.
  const candidates: { cost: number; key: string; path: NodePath }[] = [];
  const banned = new Uint8Array(n);
  const bannedPairs = new Set<number>();
  while (found.length < k) {
    const prev = found[found.length - 1]!;
    for (let i = 0; i + 1 < prev.nodes.length; i++) {
      const spur = prev.nodes[i]!;
      bannedPairs.clear();
      for (const p of found) {
        if (p.nodes.length > i + 1 && samePrefix(p.nodes, prev.nodes, i)) bannedPairs.add(p.nodes[i]! * n + p.nodes[i + 1]!);
      }
      for (let j = 0; j < i; j++) banned[prev.nodes[j]!] = 1;
      const tree = shortestTree(ag, [spur], {
        target,
        bannedNodes: banned,
        bannedEdge: (e) => ag.edgeSource[e] === spur && bannedPairs.has(spur * n + ag.edgeTarget[e]!),
        potential: toTarget,
      });
      for (let j = 0; j < i; j++) banned[prev.nodes[j]!] = 0;
      const spurPath = pathTo(ag, tree, target);
      if (!spurPath) continue;
      const nodes = [...prev.nodes.slice(0, i), ...spurPath.nodes];
      const key = nodes.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const edges = [...prev.edges.slice(0, i), ...spurPath.edges];
      let cost = 0;
      for (const e of edges) cost += ag.weight[e]!;
      insertSorted(candidates, { cost, key, path: { nodes, edges, likelihood: productOf(ag, edges), logLikelihood: logProductOf(ag, edges) } });
    }
    const next = candidates.shift();
    if (!next) break;
    found.push(next.path);
  }
  return found;
}

function samePrefix(a: readonly number[], b: readonly number[], length: number): boolean {
  for (let i = 0; i <= length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function insertSorted(list: { cost: number; key: string }[], item: { cost: number; key: string; path: NodePath }): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    if (m.cost < item.cost || (m.cost === item.cost && m.key < item.key)) lo = mid + 1;
    else hi = mid;
  }
  (list as typeof item[]).splice(lo, 0, item);
}
