// Reachability over the compact graph: breadth-first, iterative, typed-array queue.

export interface ReachResult {
  /** Hop count from the nearest source, -1 where unreachable. */
  readonly hops: Int32Array;
  /** Number of nodes reached, sources included. */
  readonly reached: number;
}

/** Nodes reachable from `sources` along out-edges. Linear in nodes + edges. */
/** Any CSR graph: the plant graph or the attack graph. */
export interface CsrGraph {
  readonly nodeCount: number;
  readonly offsets: Int32Array;
  readonly edgeTarget: Int32Array;
}

export function reachFrom(g: CsrGraph, sources: readonly number[]): ReachResult {
  const hops = new Int32Array(g.nodeCount).fill(-1);
  const queue = new Int32Array(g.nodeCount);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    if (!Number.isInteger(s) || s < 0 || s >= g.nodeCount) {
      throw new RangeError(`reachFrom: source ${String(s)} is not a node of a graph of ${g.nodeCount} nodes`);
    }
    if (hops[s] === -1) {
      hops[s] = 0;
      queue[tail++] = s;
    }
  }
  const { offsets, edgeTarget } = g;
  while (head < tail) {
    const v = queue[head++]!;
    const next = hops[v]! + 1;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = edgeTarget[e]!;
      if (hops[w] === -1) {
        hops[w] = next;
        queue[tail++] = w;
      }
    }
  }
  return { hops, reached: tail };
}
