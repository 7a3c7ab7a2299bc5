// Chokepoints: dominators of each crown jewel from the entry points (Cooper–Harvey–Kennedy,
// iterative), the minimum-cost vertex cut between all entry points and all crown jewels (Dinic on
// a node-split network), and assets ranked by the plant risk removed if hardened.
import type { PlantContext } from './context';
import { FLOW_EPSILON, FlowNetwork } from './maxflow';
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

/**
 * The cheapest set of assets to harden. `cut`: it cuts every attack path from every entry point
 * to every crown jewel. `partial-cut`: some jewels cannot be protected by hardening any asset —
 * an entry point reaches them through entry points and jewels only — and the cut protects every
 * jewel that can still be protected (`protects`), at the lowest cost; paths into the jewels that
 * cannot be protected are left alone (cutting them buys nothing). A cost may be 0: hardening
 * that costs nothing is the best news. `nothing-to-cut`: no jewel is reachable (or none is named).
 */
export type MinCut =
  | {
      readonly kind: 'cut';
      readonly assets: readonly string[];
      readonly cost: number;
      /** The reachable crown jewels, each cut off from every entry point by hardening `assets`. */
      readonly protects: readonly string[];
    }
  | {
      readonly kind: 'partial-cut';
      readonly reason: string;
      readonly assets: readonly string[];
      readonly cost: number;
      /** Reachable jewels that hardening `assets` cuts off from every entry point. */
      readonly protects: readonly string[];
      /** Jewels no hardening can protect: reached through entry points and jewels only. */
      readonly cannotProtect: readonly string[];
      /** Entry → jewel pairs joined through entry points and jewels only (no asset to harden between them). */
      readonly direct: readonly { entry: string; jewel: string }[];
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
  // Reachability is decided by a search, never by the flow's value: a cut may cost 0.
  const reached = reachableFrom(ctx, ctx.entries);
  const reachableJewels = ctx.jewels.filter((v) => reached[v]);
  if (reachableJewels.length === 0) return { kind: 'nothing-to-cut', reason: 'no crown jewel is reachable from any entry point' };
  const protectedNode = new Uint8Array(n);
  for (const v of ctx.entries) protectedNode[v] = 1;
  for (const v of ctx.jewels) protectedNode[v] = 1;
  const held = heldThroughProtected(ctx, protectedNode);
  const isHeld = new Uint8Array(n);
  for (const v of held) isHeld[v] = 1;
  const lost = ctx.jewels.filter((v) => isHeld[v]);
  const ids = (vs: readonly number[]) => [...new Set(vs)].map((v) => ctx.ids[v]!);
  if (lost.length === 0) {
    const all = cutWith(ctx, protectedNode, undefined);
    return { kind: 'cut', assets: all.assets, cost: all.cost, protects: ids(reachableJewels) };
  }
  // Some jewels are joined to an entry through protected nodes only: name those pairs, then
  // protect every jewel that can still be protected, from everything the attacker then holds.
  const rest = cutWith(ctx, protectedNode, isHeld);
  return {
    kind: 'partial-cut',
    reason: 'a crown jewel is reachable from an entry point through entry points and crown jewels only (e.g. directly): no hardening protects it',
    assets: rest.assets,
    cost: rest.cost,
    protects: ids(reachableJewels.filter((v) => !isHeld[v])),
    cannotProtect: ids(lost),
    direct: directPairs(ctx, protectedNode),
  };
}

/** Nodes reachable from the sources over attack edges (iterative). */
function reachableFrom(ctx: PlantContext, sources: readonly number[]): Uint8Array {
  const ag = ctx.attack;
  const seen = new Uint8Array(ag.nodeCount);
  const stack: number[] = [];
  for (const s of sources) {
    if (!seen[s]) {
      seen[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length) {
    const v = stack.pop()!;
    for (let e = ag.offsets[v]!, end = ag.offsets[v + 1]!; e < end; e++) {
      const w = ag.edgeTarget[e]!;
      if (!seen[w]) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return seen;
}

/**
 * Min cut over hardenable assets (capacity = hardening cost, 0 allowed). Without `held`: every
 * entry → jewel path (protected nodes are traversed, never cut). With `held` — the entry points
 * and the jewels they reach through protected nodes only, which the attacker holds whatever is
 * hardened — the paths from anything held to the jewels not held: the source feeds the held
 * nodes' out-sides, the other jewels' in-sides drain to the sink, protected nodes are not
 * traversed (a path into one ends there: held, or a jewel the cut before it protects already) and
 * edges between two protected nodes drop. The cut is the source side of the residual network
 * after max flow, so an asset of cost 0 on a path is cut like any other; free assets the attacker
 * cannot reach, or that lead to no jewel, are then dropped from it (pruneFree).
 */
function cutWith(ctx: PlantContext, protectedNode: Uint8Array, held: Uint8Array | undefined): { flow: number; assets: string[]; cost: number } {
  const otherPathsOnly = held !== undefined;
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
  if (held) {
    for (let v = 0; v < n; v++) if (held[v]) net.addEdge(S, 2 * v + 1, Infinity);
    for (const v of ctx.jewels) if (!held[v]) net.addEdge(2 * v, T, Infinity);
  } else {
    for (const v of ctx.entries) net.addEdge(S, 2 * v, Infinity);
    for (const v of ctx.jewels) net.addEdge(2 * v + 1, T, Infinity);
  }
  const flow = net.maxFlow(S, T);
  if (flow === Infinity) throw new Error('minimumVertexCut: an entry → jewel path through protected nodes only was not found beforehand');
  const side = net.sourceSide(S);
  const inCut = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (!protectedNode[v] && side[2 * v] && !side[2 * v + 1]) inCut[v] = 1;
  pruneFree(ctx, protectedNode, held, inCut);
  const assets: string[] = [];
  let cost = 0;
  for (let v = 0; v < n; v++) {
    if (inCut[v]) {
      assets.push(ctx.ids[v]!);
      cost += hardeningCost(ctx, v);
    }
  }
  return { flow, assets: assets.sort(), cost };
}

/**
 * Drops free assets (cost ≤ FLOW_EPSILON) that the cut does not need. The residual source side
 * lists every free asset the source reaches, needed or not; an asset that costs something is
 * always needed (else a cheaper cut would exist). Two linear passes keep a free asset only when
 * (1) some predecessor is reachable by the attacker with the whole cut hardened, then (2) some
 * successor still leads to a jewel to protect with what is left hardened. What remains is still
 * a cut: a path avoiding it would meet a dropped asset, and the first (for 1) or last (for 2) such
 * asset on it would have been kept.
 */
function pruneFree(ctx: PlantContext, protectedNode: Uint8Array, held: Uint8Array | undefined, inCut: Uint8Array): void {
  const ag = ctx.attack;
  const n = ag.nodeCount;
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (inCut[v] && hardeningCost(ctx, v) <= FLOW_EPSILON) free.push(v);
  if (free.length === 0) return;
  // In the held network, protected nodes end a path (see cutWith); in the other, they are passed.
  const passes = (v: number) => !inCut[v] && (!held || !protectedNode[v]);
  const starts: number[] = [];
  if (held) {
    for (let v = 0; v < n; v++) if (held[v]) starts.push(v);
  } else starts.push(...ctx.entries);
  const attacker = search(n, starts, passes, (v, visit) => {
    for (let e = ag.offsets[v]!, end = ag.offsets[v + 1]!; e < end; e++) visit(ag.edgeTarget[e]!);
  });
  for (const v of free) {
    let kept = false;
    for (let k = ag.inOffsets[v]!, end = ag.inOffsets[v + 1]!; k < end && !kept; k++) kept = attacker[ag.edgeSource[ag.inEdges[k]!]!] === 1;
    if (!kept) inCut[v] = 0;
  }
  const targets = ctx.jewels.filter((v) => !held?.[v]);
  const leads = search(n, targets, passes, (v, visit) => {
    for (let k = ag.inOffsets[v]!, end = ag.inOffsets[v + 1]!; k < end; k++) visit(ag.edgeSource[ag.inEdges[k]!]!);
  });
  for (const v of free) {
    if (!inCut[v]) continue;
    let kept = false;
    for (let e = ag.offsets[v]!, end = ag.offsets[v + 1]!; e < end && !kept; e++) kept = leads[ag.edgeTarget[e]!] === 1;
    if (!kept) inCut[v] = 0;
  }
}

/** Iterative search: the starts, then every node reached through nodes that `pass`. */
function search(n: number, starts: readonly number[], passes: (v: number) => boolean, each: (v: number, visit: (w: number) => void) => void): Uint8Array {
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  const visit = (w: number) => {
    if (seen[w] || !passes(w)) return;
    seen[w] = 1;
    stack.push(w);
  };
  for (const s of starts) {
    if (!seen[s]) {
      seen[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length) each(stack.pop()!, visit);
  return seen;
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
  const extra = [...dominators.flatMap((d) => d.assets), ...(minCut.kind === 'nothing-to-cut' ? [] : minCut.assets)];
  return { dominators, minCut, ranking: rankByRiskRemoved(ctx, extra) };
}
