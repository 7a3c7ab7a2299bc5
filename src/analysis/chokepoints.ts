// Chokepoints: dominators of each crown jewel from the entry points (Cooper–Harvey–Kennedy,
// iterative), the minimum-cost vertex cut between all entry points and all crown jewels (Dinic on
// a node-split network), and assets ranked by the plant risk removed if hardened.
import type { PlantContext } from './context';
import { FlowNetwork } from './maxflow';
import { pathTo } from './paths';
import { entryTree, riskReport, totalRisk } from './risk';

/** Cost to harden an asset whose model gives no hardeningCost. */
export const DEFAULT_HARDENING_COST = 10_000;
/** Most assets the risk-removed ranking evaluates (each costs one search over the plant). */
export const MAX_RANKED_CANDIDATES = 64;

export interface Dominators {
  readonly jewel: string;
  /** False when no entry point reaches the jewel (then no asset is listed). */
  readonly reachable: boolean;
  /** Assets on every attack path to the jewel, nearest the jewel first; entries and the jewel excluded. */
  readonly assets: readonly string[];
}

export type MinCut =
  | { readonly kind: 'cut'; readonly assets: readonly string[]; readonly cost: number }
  | {
      readonly kind: 'no-cut';
      readonly reason: string;
      /** Entry → jewel pairs joined through entry points and jewels only (no asset to harden between them). */
      readonly direct: readonly { entry: string; jewel: string }[];
      /** The cheapest cut of every other path, when one exists. */
      readonly cutOtherwise?: { readonly assets: readonly string[]; readonly cost: number };
    }
  | { readonly kind: 'nothing-to-cut'; readonly reason: string };

export interface Chokepoints {
  readonly dominators: readonly Dominators[];
  readonly minCut: MinCut;
  readonly ranking: readonly { id: string; riskRemoved: number }[];
}

/**
 * Immediate dominators over the attack graph from a virtual root joined to every source.
 * idom[v] = -1 for unreachable nodes; the root's index is nodeCount.
 */
export function immediateDominators(ctx: PlantContext, sources: readonly number[]): Int32Array {
  const ag = ctx.attack;
  const n = ag.nodeCount;
  const root = n;
  // Iterative DFS from the root for a postorder numbering.
  const post = new Int32Array(n + 1).fill(-1);
  const order: number[] = []; // nodes in postorder
  const visited = new Uint8Array(n + 1);
  const stackNode: number[] = [root];
  const stackIt: number[] = [0];
  visited[root] = 1;
  const isSource = new Uint8Array(n);
  for (const s of sources) isSource[s] = 1;
  while (stackNode.length) {
    const top = stackNode.length - 1;
    const v = stackNode[top]!;
    let next = -1;
    if (v === root) {
      while (stackIt[top]! < sources.length) {
        const s = sources[stackIt[top]!++]!;
        if (!visited[s]) {
          next = s;
          break;
        }
      }
    } else {
      const end = ag.offsets[v + 1]!;
      while (ag.offsets[v]! + stackIt[top]! < end) {
        const w = ag.edgeTarget[ag.offsets[v]! + stackIt[top]!++]!;
        if (!visited[w]) {
          next = w;
          break;
        }
      }
    }
    if (next >= 0) {
      visited[next] = 1;
      stackNode.push(next);
      stackIt.push(0);
    } else {
      post[v] = order.length;
      order.push(v);
      stackNode.pop();
      stackIt.pop();
    }
  }
  const idom = new Int32Array(n + 1).fill(-1);
  idom[root] = root;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (post[a]! < post[b]!) a = idom[a]!;
      while (post[b]! < post[a]!) b = idom[b]!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = order.length - 2; i >= 0; i--) {
      const v = order[i]!; // reverse postorder, root (last) skipped
      let best = isSource[v] ? root : -1;
      for (let k = ag.inOffsets[v]!, end = ag.inOffsets[v + 1]!; k < end; k++) {
        const u = ag.edgeSource[ag.inEdges[k]!]!;
        if (idom[u] === -1 || post[u] === -1) continue;
        best = best === -1 ? u : intersect(u, best);
      }
      if (best !== -1 && idom[v] !== best) {
        idom[v] = best;
        changed = true;
      }
    }
  }
  return idom;
}

export function dominatorsOfJewels(ctx: PlantContext): Dominators[] {
  const idom = immediateDominators(ctx, ctx.entries);
  const root = ctx.attack.nodeCount;
  const isEntry = new Set(ctx.entries);
  return ctx.jewels.map((j) => {
    if (idom[j] === -1) return { jewel: ctx.ids[j]!, reachable: false, assets: [] };
    const assets: string[] = [];
    for (let v = idom[j]!; v !== root; v = idom[v]!) if (!isEntry.has(v) && v !== j) assets.push(ctx.ids[v]!);
    return { jewel: ctx.ids[j]!, reachable: true, assets };
  });
}

export function hardeningCost(ctx: PlantContext, v: number): number {
  const c = ctx.graph.nodeCost[v]!;
  return Number.isNaN(c) ? DEFAULT_HARDENING_COST : c;
}

/**
 * Cheapest set of assets (by hardening cost) whose hardening cuts every attack path from every
 * entry point to every crown jewel. Entry points and jewels are never cut.
 */
export function minimumVertexCut(ctx: PlantContext): MinCut {
  const n = ctx.attack.nodeCount;
  if (ctx.entries.length === 0 || ctx.jewels.length === 0) return { kind: 'nothing-to-cut', reason: 'the model has no entry points or no crown jewels' };
  const protectedNode = new Uint8Array(n);
  for (const v of ctx.entries) protectedNode[v] = 1;
  for (const v of ctx.jewels) protectedNode[v] = 1;
  const first = cutWith(ctx, protectedNode, false);
  if (first.flow === 0) return { kind: 'nothing-to-cut', reason: 'no crown jewel is reachable from any entry point' };
  if (first.flow !== Infinity) return { kind: 'cut', assets: first.assets, cost: first.cost };
  // Some jewel is joined to an entry through protected nodes only: name those pairs, then cut the rest.
  const direct = directPairs(ctx, protectedNode);
  const rest = cutWith(ctx, protectedNode, true);
  return {
    kind: 'no-cut',
    reason: 'a crown jewel is reachable from an entry point through entry points and crown jewels only (e.g. directly)',
    direct,
    ...(rest.flow !== Infinity && rest.flow > 0 ? { cutOtherwise: { assets: rest.assets, cost: rest.cost } } : {}),
  };
}

/**
 * Min cut over hardenable assets. Normal mode: every entry → jewel path. `otherPathsOnly`: the paths
 * that pass a hardenable asset. There, the attacker already holds every entry point and every jewel
 * reached through entries and jewels only (`held`); the source feeds their out-sides, jewels'
 * in-sides drain to the sink, protected nodes are not traversed (a path into one ends there: held,
 * or a jewel already protected by the cut before it) and edges between two protected nodes drop.
 */
function cutWith(ctx: PlantContext, protectedNode: Uint8Array, otherPathsOnly: boolean): { flow: number; assets: string[]; cost: number } {
  const ag = ctx.attack;
  const n = ag.nodeCount;
  const S = 2 * n;
  const T = 2 * n + 1;
  const net = new FlowNetwork(2 * n + 2, n + ag.edgeCount + 2 * n);
  for (let v = 0; v < n; v++) {
    if (!protectedNode[v]) net.addEdge(2 * v, 2 * v + 1, hardeningCost(ctx, v));
    else if (!otherPathsOnly) net.addEdge(2 * v, 2 * v + 1, Infinity);
  }
  for (let e = 0; e < ag.edgeCount; e++) {
    const u = ag.edgeSource[e]!;
    const v = ag.edgeTarget[e]!;
    if (otherPathsOnly && protectedNode[u] && protectedNode[v]) continue;
    net.addEdge(2 * u + 1, 2 * v, Infinity);
  }
  if (otherPathsOnly) {
    for (const v of heldThroughProtected(ctx, protectedNode)) net.addEdge(S, 2 * v + 1, Infinity);
    for (const v of ctx.jewels) net.addEdge(2 * v, T, Infinity);
  } else {
    for (const v of ctx.entries) net.addEdge(S, 2 * v, Infinity);
    for (const v of ctx.jewels) net.addEdge(2 * v + 1, T, Infinity);
  }
  const flow = net.maxFlow(S, T);
  if (flow === Infinity || flow === 0) return { flow, assets: [], cost: 0 };
  const side = net.sourceSide(S);
  const assets: string[] = [];
  let cost = 0;
  for (let v = 0; v < n; v++) {
    if (!protectedNode[v] && side[2 * v] && !side[2 * v + 1]) {
      assets.push(ctx.ids[v]!);
      cost += hardeningCost(ctx, v);
    }
  }
  return { flow, assets: assets.sort(), cost };
}

/** Entry points and the protected nodes reachable from them through protected nodes only. */
function heldThroughProtected(ctx: PlantContext, protectedNode: Uint8Array): number[] {
  const ag = ctx.attack;
  const seen = new Uint8Array(ag.nodeCount);
  const stack = [...ctx.entries];
  for (const v of stack) seen[v] = 1;
  const held: number[] = [];
  while (stack.length) {
    const v = stack.pop()!;
    held.push(v);
    for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) {
      const w = ag.edgeTarget[e]!;
      if (protectedNode[w] && !seen[w]) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return held;
}

function directPairs(ctx: PlantContext, protectedNode: Uint8Array): { entry: string; jewel: string }[] {
  const ag = ctx.attack;
  const isJewel = new Set(ctx.jewels);
  const out: { entry: string; jewel: string }[] = [];
  for (const s of ctx.entries) {
    const seen = new Set([s]);
    const stack = [s];
    while (stack.length) {
      const v = stack.pop()!;
      if (isJewel.has(v)) out.push({ entry: ctx.ids[s]!, jewel: ctx.ids[v]! });
      for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) {
        const w = ag.edgeTarget[e]!;
        if (protectedNode[w] && !seen.has(w)) {
          seen.add(w);
          stack.push(w);
        }
      }
    }
  }
  return out;
}

/** Assets ranked by plant risk removed when each alone is hardened (removed from the attack graph). */
export function rankByRiskRemoved(ctx: PlantContext, extraCandidates: readonly string[] = []): { id: string; riskRemoved: number }[] {
  const n = ctx.attack.nodeCount;
  const base = riskReport(ctx);
  const tree = entryTree(ctx);
  const excluded = new Set([...ctx.entries, ...ctx.jewels]);
  const candidates: number[] = [];
  const add = (v: number) => {
    if (!excluded.has(v) && !candidates.includes(v) && candidates.length < MAX_RANKED_CANDIDATES) candidates.push(v);
  };
  // Assets on the most likely path to each jewel, most valuable jewels first; then the extras.
  const order = ctx.jewels.map((j, i) => ({ j, risk: base.jewels[i]!.risk })).sort((a, b) => b.risk - a.risk);
  for (const { j } of order) for (const v of pathTo(ctx.attack, tree, j)?.nodes ?? []) add(v);
  for (const id of extraCandidates) {
    const v = ctx.index.get(id);
    if (v !== undefined) add(v);
  }
  const banned = new Uint8Array(n);
  const ranking = candidates.map((v) => {
    banned[v] = 1;
    const riskRemoved = base.total - totalRisk(ctx, banned);
    banned[v] = 0;
    return { id: ctx.ids[v]!, riskRemoved: Math.max(0, riskRemoved) };
  });
  return ranking.sort((a, b) => b.riskRemoved - a.riskRemoved || (a.id < b.id ? -1 : 1));
}

export function chokepoints(ctx: PlantContext): Chokepoints {
  const dominators = dominatorsOfJewels(ctx);
  const minCut = minimumVertexCut(ctx);
  const extra = [...dominators.flatMap((d) => d.assets), ...(minCut.kind === 'cut' ? minCut.assets : [])];
  return { dominators, minCut, ranking: rankByRiskRemoved(ctx, extra) };
}
