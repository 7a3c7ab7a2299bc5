// Dynamic shortest paths: distances after some edges get heavier, found by repairing the
// shortest-path tree below the changed edges instead of searching the whole graph again.
//
// Given the full multi-source tree of an attack graph (shortestTree without a stop), a change makes
// some edges heavier (a removal is an edge of weight Infinity). A node whose tree path uses none of
// the heavier edges keeps its distance: its path is still there with the same weights, and no path
// got lighter. Only the subtrees below the heavier tree edges ("affected" nodes) can move; their
// new distances come from a Dijkstra over the affected nodes alone, seeded through the edges that
// enter them from unaffected nodes. The result is the same floating-point number a full search
// gives: both are the least left-to-right sum of weights over the paths (addition is monotone).
import type { AttackGraph } from './attack-graph';
import { MinHeap } from './heap';
import type { ShortestTree } from './paths';

/** Edges whose weights change, and their new weights (parallel lists). */
export interface EdgeChanges {
  readonly edges: ArrayLike<number>;
  readonly weights: ArrayLike<number>;
}

export class ShortestTreeRepair {
  private readonly childOffsets: Int32Array;
  private readonly children: Int32Array;
  /** Preorder interval of each node's subtree: v is below u when enter[u] <= enter[v] < leave[u]. */
  private readonly enter: Int32Array;
  private readonly leave: Int32Array;
  // Scratch state of one query, reset in O(1) by bumping the stamp.
  private stamp: number;
  private readonly changedAt: Int32Array;
  private readonly changedWeight: Float64Array;
  private readonly affectedAt: Int32Array;
  private readonly doneAt: Int32Array;
  private readonly awaitedAt: Int32Array;
  private readonly dist: Float64Array;
  private readonly heap: MinHeap;
  private affected: Int32Array;
  /** Nodes the tree reaches (within the nodes that matter). */
  private readonly reached: number;
  private readonly within: Uint8Array | undefined;

  /**
   * `tree` must be the complete tree of `ag` (every reachable node settled), as shortestTree gives
   * without a stop. `within`: the nodes that matter (1), when the caller knows that no other node
   * lies on a path to a target (nodes that reach no target): the search leaves the others out.
   * `reuse`: a repair no longer needed, whose scratch arrays this one takes over.
   */
  constructor(private readonly ag: AttackGraph, private readonly tree: ShortestTree, options: { within?: Uint8Array; reuse?: ShortestTreeRepair } = {}) {
    const n = ag.nodeCount;
    const childOffsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) {
      const e = tree.parentEdge[v]!;
      if (e >= 0) childOffsets[ag.edgeSource[e]! + 1]!++;
    }
    for (let v = 0; v < n; v++) childOffsets[v + 1]! += childOffsets[v]!;
    const cursor = childOffsets.slice(0, n);
    const children = new Int32Array(childOffsets[n]!);
    for (let v = 0; v < n; v++) {
      const e = tree.parentEdge[v]!;
      if (e >= 0) children[cursor[ag.edgeSource[e]!]!++] = v;
    }
    this.childOffsets = childOffsets;
    this.children = children;
    // Preorder numbering from the roots (sources and unreached nodes), iteratively.
    const enter = new Int32Array(n);
    const leave = new Int32Array(n);
    const stack = new Int32Array(n);
    const next = new Int32Array(n); // next child to visit, per node on the stack
    let clock = 0;
    for (let r = 0; r < n; r++) {
      if (tree.parentEdge[r] !== -1) continue;
      let top = 0;
      stack[0] = r;
      next[r] = childOffsets[r]!;
      enter[r] = clock++;
      while (top >= 0) {
        const v = stack[top]!;
        if (next[v]! < childOffsets[v + 1]!) {
          const c = children[next[v]!++]!;
          enter[c] = clock++;
          next[c] = childOffsets[c]!;
          stack[++top] = c;
        } else {
          leave[v] = clock;
          top--;
        }
      }
    }
    this.enter = enter;
    this.leave = leave;
    const within = options.within;
    this.within = within;
    let reached = 0;
    for (let v = 0; v < n; v++) if (tree.dist[v] !== Infinity && (!within || within[v])) reached++;
    this.reached = reached;
    // Scratch of a previous repair, when it is large enough: the stamps start above its last one.
    const old = options.reuse;
    const fits = old !== undefined && old.changedAt.length >= ag.edgeCount && old.dist.length >= n;
    this.stamp = fits ? old.stamp : 0;
    this.changedAt = fits ? old.changedAt : new Int32Array(ag.edgeCount);
    this.changedWeight = fits ? old.changedWeight : new Float64Array(ag.edgeCount);
    this.affectedAt = fits ? old.affectedAt : new Int32Array(n);
    this.doneAt = fits ? old.doneAt : new Int32Array(n);
    this.awaitedAt = fits ? old.awaitedAt : new Int32Array(n);
    this.dist = fits ? old.dist : new Float64Array(n);
    this.heap = fits ? old.heap : new MinHeap(1024);
    this.affected = fits ? old.affected : new Int32Array(1024);
  }

  /** True when edge e is the tree edge into its target. */
  isTreeEdge(e: number): boolean {
    return this.tree.parentEdge[this.ag.edgeTarget[e]!] === e;
  }

  /** True when node v lies in the subtree of node u (u itself included). */
  inSubtree(u: number, v: number): boolean {
    return this.enter[u]! <= this.enter[v]! && this.enter[v]! < this.leave[u]!;
  }

  /**
   * Distances of `targets` once the edges in `changes` take their new weights. Precondition, which
   * the caller checks: no edge gets lighter than the lightest edge between the same two nodes had
   * been (weights only grow, or an edge takes at least the weight of a parallel one), so no path
   * gets shorter. Only the subtrees below tree edges that got heavier are searched, and the search
   * stops once every affected target is settled.
   */
  distancesAfter(changes: EdgeChanges, targets: readonly number[]): Float64Array {
    const { ag, tree } = this;
    const stamp = ++this.stamp;
    const out = new Float64Array(targets.length);
    for (let i = 0; i < targets.length; i++) out[i] = tree.dist[targets[i]!]!;
    for (let i = 0; i < changes.edges.length; i++) {
      const e = changes.edges[i]!;
      this.changedAt[e] = stamp;
      this.changedWeight[e] = changes.weights[i]!;
    }
    // The affected nodes: every subtree below a tree edge that got heavier.
    let count = 0;
    for (let i = 0; i < changes.edges.length; i++) {
      const e = changes.edges[i]!;
      if (!this.isTreeEdge(e) || !(changes.weights[i]! > ag.weight[e]!)) continue;
      const root = ag.edgeTarget[e]!;
      if (this.affectedAt[root] === stamp || (this.within && !this.within[root])) continue;
      count = this.markSubtree(root, stamp, count);
    }
    let waiting = 0;
    for (const t of targets) {
      if (this.affectedAt[t] === stamp && this.awaitedAt[t] !== stamp) {
        this.awaitedAt[t] = stamp;
        waiting++;
      }
    }
    if (waiting === 0) return out;
    // Seeds: the best way into each affected node from an unaffected one, read from whichever side
    // is smaller: the affected nodes' in-edges, or the unaffected nodes' out-edges (a change near an
    // entry point leaves most of the plant affected).
    const { inOffsets, inEdges, edgeSource, offsets, edgeTarget } = ag;
    const dist = this.dist;
    const heap = this.heap;
    heap.clear();
    if (2 * count <= this.reached) {
      for (let i = 0; i < count; i++) {
        const v = this.affected[i]!;
        let best = Infinity;
        for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
          const e = inEdges[k]!;
          const u = edgeSource[e]!;
          if (this.affectedAt[u] === stamp) continue;
          const d = tree.dist[u]! + this.weightOf(e, stamp);
          if (d < best) best = d;
        }
        dist[v] = best;
        if (best !== Infinity) heap.push(best, v);
      }
    } else {
      for (let i = 0; i < count; i++) dist[this.affected[i]!] = Infinity;
      for (let u = 0; u < ag.nodeCount; u++) {
        const du = tree.dist[u]!;
        if (du === Infinity || this.affectedAt[u] === stamp) continue;
        for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
          const w = edgeTarget[e]!;
          if (this.affectedAt[w] !== stamp) continue;
          const d = du + this.weightOf(e, stamp);
          if (d < dist[w]!) dist[w] = d;
        }
      }
      for (let i = 0; i < count; i++) {
        const v = this.affected[i]!;
        if (dist[v] !== Infinity) heap.push(dist[v]!, v);
      }
    }
    // Dijkstra over the affected nodes; unaffected nodes are final and cannot improve.
    while (heap.size > 0) {
      const v = heap.pop();
      if (this.doneAt[v] === stamp) continue;
      this.doneAt[v] = stamp;
      if (this.awaitedAt[v] === stamp && --waiting === 0) break;
      const dv = dist[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = edgeTarget[e]!;
        if (this.affectedAt[w] !== stamp || this.doneAt[w] === stamp) continue;
        const d = dv + this.weightOf(e, stamp);
        if (d < dist[w]!) {
          dist[w] = d;
          heap.push(d, w);
        }
      }
    }
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      if (this.affectedAt[t] === stamp) out[i] = this.doneAt[t] === stamp ? dist[t]! : Infinity;
    }
    return out;
  }

  private weightOf(e: number, stamp: number): number {
    return this.changedAt[e] === stamp ? this.changedWeight[e]! : this.ag.weight[e]!;
  }

  /** Marks the subtree of `root` as affected, breadth first, appending to the affected list. */
  private markSubtree(root: number, stamp: number, count: number): number {
    const start = count;
    count = this.push(root, stamp, count);
    for (let i = start; i < count; i++) {
      const v = this.affected[i]!;
      for (let k = this.childOffsets[v]!, end = this.childOffsets[v + 1]!; k < end; k++) {
        const c = this.children[k]!;
        // A node outside `within` reaches no target, nor do the nodes below it in the tree.
        if (this.affectedAt[c] !== stamp && (!this.within || this.within[c])) count = this.push(c, stamp, count);
      }
    }
    return count;
  }

  private push(v: number, stamp: number, count: number): number {
    if (count === this.affected.length) {
      const grown = new Int32Array(this.affected.length * 2);
      grown.set(this.affected);
      this.affected = grown;
    }
    this.affectedAt[v] = stamp;
    this.affected[count] = v;
    return count + 1;
  }
}
