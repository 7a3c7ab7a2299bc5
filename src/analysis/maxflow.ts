// Maximum flow (Dinic) on a small adjacency-list network of typed arrays, with an iterative
// blocking-flow search (no recursion on graph size), and the source side of the minimum cut.
/** Residual capacities at or below this count as zero (capacities are costs, floating point). */
export const FLOW_EPSILON = 1e-9;
const EPS = FLOW_EPSILON;

export class FlowNetwork {
  private to: Int32Array;
  private cap: Float64Array;
  private next: Int32Array;
  private readonly head: Int32Array;
  edgeCount = 0;

  constructor(readonly nodeCount: number, edgeCapacity = 16) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.to = new Int32Array(Math.max(4, edgeCapacity * 2));
    this.cap = new Float64Array(this.to.length);
    this.next = new Int32Array(this.to.length);
  }

  /** Adds u→v with capacity c (Infinity allowed) and its residual twin; returns the forward index. */
  addEdge(u: number, v: number, c: number): number {
    if (this.edgeCount + 2 > this.to.length) this.grow();
    const e = this.edgeCount;
    this.to[e] = v;
    this.cap[e] = c;
    this.next[e] = this.head[u]!;
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.next[e + 1] = this.head[v]!;
    this.head[v] = e + 1;
    this.edgeCount += 2;
    return e;
  }

  private grow(): void {
    const n = this.to.length * 2;
    const to = new Int32Array(n);
    to.set(this.to);
    const cap = new Float64Array(n);
    cap.set(this.cap);
    const next = new Int32Array(n);
    next.set(this.next);
    this.to = to;
    this.cap = cap;
    this.next = next;
  }

  /**
   * Max flow from s to t. Returns Infinity as soon as an augmenting path of infinite capacity
   * exists (then no finite cut separates s from t).
   */
  maxFlow(s: number, t: number): number {
    const n = this.nodeCount;
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    const stackNode = new Int32Array(n);
    const stackEdge = new Int32Array(n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const v = queue[qh++]!;
        for (let e = this.head[v]!; e !== -1; e = this.next[e]!) {
          const w = this.to[e]!;
          if (this.cap[e]! > EPS && level[w] === -1) {
            level[w] = level[v]! + 1;
            queue[qt++] = w;
          }
        }
      }
      if (level[t] === -1) return total;
      it.set(this.head);
      // Blocking flow: repeated iterative DFS along level-increasing edges.
      for (;;) {
        let depth = 0;
        stackNode[0] = s;
        let reached = false;
        while (depth >= 0) {
          const v = stackNode[depth]!;
          if (v === t) {
            reached = true;
            break;
          }
          let advanced = false;
          for (let e = it[v]!; e !== -1; e = this.next[e]!) {
            const w = this.to[e]!;
            if (this.cap[e]! > EPS && level[w] === level[v]! + 1) {
              it[v] = e;
              stackEdge[depth] = e;
              stackNode[++depth] = w;
              advanced = true;
              break;
            }
          }
          if (!advanced) {
            it[v] = -1;
            level[v] = -1; // dead end: prune for the rest of this phase
            depth--;
            if (depth >= 0) it[stackNode[depth]!] = this.next[stackEdge[depth]!]!;
          }
        }
        if (!reached) break;
        let push = Infinity;
        for (let d = 0; d < depth; d++) push = Math.min(push, this.cap[stackEdge[d]!]!);
        if (push === Infinity) return Infinity;
        for (let d = 0; d < depth; d++) {
          const e = stackEdge[d]!;
          this.cap[e]! -= push;
          this.cap[e ^ 1]! += push;
        }
        total += push;
      }
    }
  }

  /** After maxFlow: nodes reachable from s in the residual network (the source side of a min cut). */
  sourceSide(s: number): Uint8Array {
    const seen = new Uint8Array(this.nodeCount);
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      for (let e = this.head[v]!; e !== -1; e = this.next[e]!) {
        const w = this.to[e]!;
        if (this.cap[e]! > EPS && !seen[w]) {
          seen[w] = 1;
          stack.push(w);
        }
      }
    }
    return seen;
  }
}
