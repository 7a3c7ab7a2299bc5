// Independent brute-force references for property tests on tiny attack graphs: enumerate every
// simple path, every subset, every removal. Deliberately naive.
import type { AttackGraph } from '../../src/analysis/attack-graph';

/** Best (max) likelihood of each ordered pair's parallel edges: a dense matrix. */
export function bestPairLikelihood(ag: AttackGraph): number[][] {
  const n = ag.nodeCount;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let e = 0; e < ag.edgeCount; e++) {
    const u = ag.edgeSource[e]!;
    const v = ag.edgeTarget[e]!;
    m[u]![v] = Math.max(m[u]![v]!, ag.likelihood[e]!);
  }
  return m;
}

/** Every simple path from s to t with its likelihood, most likely first. */
export function allSimplePaths(ag: AttackGraph, s: number, t: number): { nodes: number[]; likelihood: number }[] {
  const p = bestPairLikelihood(ag);
  const n = ag.nodeCount;
  const out: { nodes: number[]; likelihood: number }[] = [];
  const onPath = new Array<boolean>(n).fill(false);
  const walk = (v: number, nodes: number[], lik: number) => {
    if (v === t) {
      out.push({ nodes: [...nodes], likelihood: lik });
      return;
    }
    for (let w = 0; w < n; w++) {
      if (p[v]![w]! > 0 && !onPath[w]) {
        onPath[w] = true;
        nodes.push(w);
        walk(w, nodes, lik * p[v]![w]!);
        nodes.pop();
        onPath[w] = false;
      }
    }
  };
  onPath[s] = true;
  walk(s, [s], 1);
  return out.sort((a, b) => b.likelihood - a.likelihood);
}

/** Nodes reachable from the sources, avoiding removed ones. */
export function reachable(ag: AttackGraph, sources: readonly number[], removed: ReadonlySet<number> = new Set()): Set<number> {
  const seen = new Set<number>();
  const stack = sources.filter((s) => !removed.has(s));
  for (const s of stack) seen.add(s);
  while (stack.length) {
    const v = stack.pop()!;
    for (let e = 0; e < ag.edgeCount; e++) {
      if (ag.edgeSource[e] !== v) continue;
      const w = ag.edgeTarget[e]!;
      if (!seen.has(w) && !removed.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen;
}
