// How an action changes the plant: the plant-graph arcs it drops or re-derives, the plant after it
// as an analysis context (contextAfter), plant risk after it without rebuilding the attack graph
// (riskAfter), and the filter to actions that touch a crown jewel's most likely path.
import {
  bestExploit, EDGE_MEDIA, EDGE_NETWORK, EDGE_TRUST, FLAG_AUTHENTICATED, FLAG_UNAUTHENTICATED, type CompactGraph,
} from '../../model/compact';
import { CONTROL_KINDS } from '../../model/schema';
import { rederiveAttackGraph, type AttackGraph } from '../attack-graph';
import { AnalysisError, type PlantContext } from '../context';
import { jewelImpact } from '../impact';
import { pathTo, shortestTree, type ShortestTree } from '../paths';
import { entryTree } from '../risk';
import { evaluateArc } from '../rules';
import { applyAction, assertNever, type RemediationAction } from './actions';

const RECORD_STRIDE = 2 ** 32;

interface RecordIndex {
  /** Plant-graph arcs of each record, keyed kind × 2^32 + record index. */
  readonly arcs: Map<number, number[]>;
  /** Arcs passing each `via` node. */
  readonly viaArcs: Map<number, number[]>;
  /** Attack edges derived from each arc: arcEdges[arcEdgeOffsets[a] .. arcEdgeOffsets[a+1]). */
  readonly arcEdgeOffsets: Int32Array;
  readonly arcEdges: Int32Array;
  readonly connection: Map<string, number>;
  readonly trust: Map<string, number>;
  readonly media: Map<string, number>;
}

const recordIndexes = new WeakMap<PlantContext, RecordIndex>();

/** Arcs per model record and record positions by id, built once per context. */
function recordIndexOf(ctx: PlantContext): RecordIndex {
  let idx = recordIndexes.get(ctx);
  if (idx) return idx;
  const arcs = new Map<number, number[]>();
  const g = ctx.graph;
  for (let a = 0; a < g.edgeCount; a++) {
    const key = g.edgeKind[a]! * RECORD_STRIDE + g.edgeRef[a]!;
    const list = arcs.get(key);
    if (list) list.push(a);
    else arcs.set(key, [a]);
  }
  const viaArcs = new Map<number, number[]>();
  for (let a = 0; a < g.edgeCount; a++) {
    const v = g.edgeVia[a]!;
    if (v < 0) continue;
    const list = viaArcs.get(v);
    if (list) list.push(a);
    else viaArcs.set(v, [a]);
  }
  const ag = ctx.attack;
  const arcEdgeOffsets = new Int32Array(g.edgeCount + 1);
  for (let e = 0; e < ag.edgeCount; e++) arcEdgeOffsets[ag.origin[e]! + 1]!++;
  for (let a = 0; a < g.edgeCount; a++) arcEdgeOffsets[a + 1]! += arcEdgeOffsets[a]!;
  const cursor = arcEdgeOffsets.slice(0, g.edgeCount);
  const arcEdges = new Int32Array(ag.edgeCount);
  for (let e = 0; e < ag.edgeCount; e++) arcEdges[cursor[ag.origin[e]!]!++] = e;
  const byId = (list: readonly { id: string }[] | undefined) => new Map((list ?? []).map((x, i) => [x.id, i]));
  idx = { arcs, viaArcs, arcEdgeOffsets, arcEdges, connection: byId(ctx.model.connections), trust: byId(ctx.model.trust), media: byId(ctx.model.media) };
  recordIndexes.set(ctx, idx);
  return idx;
}

/**
 * Keeps the actions that touch an edge of some crown jewel's most likely path. Every action only
 * lowers or removes edges, so one that touches none of those paths cannot lower plant risk: the
 * filter is exact, and it keeps the greedy loop small on large plants. `tree`: another tree of
 * paths to keep to (the quickest paths of the time ranking, remediation/time.ts).
 */
export function actionsOnBestPaths(ctx: PlantContext, actions: readonly RemediationAction[], tree: ShortestTree = entryTree(ctx)): RemediationAction[] {
  const records = new Set<number>();
  const targets = new Set<string>();
  const vias = new Set<string>();
  const g = ctx.graph;
  for (const j of ctx.jewels) {
    for (const e of pathTo(ctx.attack, tree, j)?.edges ?? []) {
      const arc = ctx.attack.origin[e]!;
      records.add(g.edgeKind[arc]! * RECORD_STRIDE + g.edgeRef[arc]!);
      targets.add(ctx.ids[ctx.attack.edgeTarget[e]!]!);
      if (g.edgeVia[arc]! >= 0) vias.add(ctx.ids[g.edgeVia[arc]!]!);
    }
  }
  const idx = recordIndexOf(ctx);
  const has = (kind: number, map: Map<string, number>, id: string) => {
    const i = map.get(id);
    return i !== undefined && records.has(kind * RECORD_STRIDE + i);
  };
  return actions.filter((a) => {
    switch (a.kind) {
      case 'remove-connection':
      case 'require-authentication':
        return has(EDGE_NETWORK, idx.connection, a.connection);
      case 'remove-trust':
        return has(EDGE_TRUST, idx.trust, a.trust);
      case 'isolate-media':
        return has(EDGE_MEDIA, idx.media, a.media);
      case 'patch-cve':
        return targets.has(a.asset);
      case 'add-control':
        return targets.has(a.asset) || vias.has(a.asset);
      default:
        return assertNever(a);
    }
  });
}

interface Change {
  /** The plant graph with the action applied (node or arc attributes patched). */
  readonly view: CompactGraph;
  /** Arcs whose attack edges disappear. */
  readonly drop: readonly number[];
  /** Arcs whose attack edges must go through the rules again on `view`. */
  readonly redo: readonly number[];
}

/** Plant-graph arcs that touch node v: into it, out of it, or passing it as `via`. */
function arcsAround(ctx: PlantContext, v: number, into: boolean, out: boolean, via: boolean): number[] {
  const g = ctx.graph;
  const arcs = new Set<number>();
  if (into) for (let k = g.inOffsets[v]!; k < g.inOffsets[v + 1]!; k++) arcs.add(g.inEdges[k]!);
  if (out) for (let a = g.offsets[v]!; a < g.offsets[v + 1]!; a++) arcs.add(a);
  if (via) for (const a of recordIndexOf(ctx).viaArcs.get(v) ?? []) arcs.add(a);
  return [...arcs].sort((a, b) => a - b);
}

function changeOf(ctx: PlantContext, action: RemediationAction): Change {
  const g = ctx.graph;
  const m = ctx.model;
  const index = recordIndexOf(ctx);
  const arcsOf = (kind: number, ref: number) => index.arcs.get(kind * RECORD_STRIDE + ref) ?? [];
  const record = (map: Map<string, number>, id: string, what: string) => {
    const i = map.get(id);
    if (i === undefined) throw new AnalysisError('BAD_PARAMETER', `unknown ${what} ${JSON.stringify(id)}`);
    return i;
  };
  const node = (id: string) => {
    const v = ctx.index.get(id);
    if (v === undefined) throw new AnalysisError('BAD_PARAMETER', `unknown asset ${JSON.stringify(id)}`);
    return v;
  };
  switch (action.kind) {
    case 'remove-connection':
      return { view: g, drop: arcsOf(EDGE_NETWORK, record(index.connection, action.connection, 'connection')), redo: [] };
    case 'isolate-media':
      return { view: g, drop: arcsOf(EDGE_MEDIA, record(index.media, action.media, 'media path')), redo: [] };
    case 'remove-trust':
      return { view: g, drop: arcsOf(EDGE_TRUST, record(index.trust, action.trust, 'trust relation')), redo: [] };
    case 'require-authentication': {
      const redo = arcsOf(EDGE_NETWORK, record(index.connection, action.connection, 'connection'));
      const edgeFlags = g.edgeFlags.slice();
      for (const a of redo) edgeFlags[a] = (edgeFlags[a]! | FLAG_AUTHENTICATED) & ~FLAG_UNAUTHENTICATED;
      return { view: { ...g, edgeFlags }, drop: [], redo };
    }
    case 'add-control': {
      const v = node(action.asset);
      const nodeControls = g.nodeControls.slice();
      nodeControls[v]! |= 1 << CONTROL_KINDS.indexOf(action.control);
      return { view: { ...g, nodeControls }, drop: [], redo: arcsAround(ctx, v, true, true, true) };
    }
    case 'patch-cve': {
      const v = node(action.asset);
      const best = bestExploit(m.assets[v]!.vulnerabilities, action.cve);
      const nodeExploit = g.nodeExploit.slice();
      const nodeVulnScore = g.nodeVulnScore.slice();
      const nodeKev = g.nodeKev.slice();
      nodeExploit[v] = best.exploit;
      nodeVulnScore[v] = best.cvss;
      nodeKev[v] = best.kev ? 1 : 0;
      return { view: { ...g, nodeExploit, nodeVulnScore, nodeKev }, drop: [], redo: arcsAround(ctx, v, true, false, false) };
    }
    default:
      return assertNever(action);
  }
}

/**
 * The plant after an action, as an analysis context (model included), without recompiling the
 * model: only the arcs the action touches go through the rules again. Its risk equals that of
 * buildContext(applyAction()). After a removal its plant graph still holds the removed record's
 * arcs (without attack edges): query it, but compile the model again before deriving further.
 */
export function contextAfter(ctx: PlantContext, action: RemediationAction): PlantContext {
  const { view, drop, redo } = changeOf(ctx, action);
  const dropMask = new Uint8Array(view.edgeCount);
  const redoMask = new Uint8Array(view.edgeCount);
  for (const a of drop) dropMask[a] = 1;
  for (const a of redo) redoMask[a] = 1;
  return { ...ctx, model: applyAction(ctx.model, action), graph: view, attack: rederiveAttackGraph(view, ctx.attack, dropMask, redoMask) };
}

/**
 * Plant risk after an action, fast: the attack graph is not rebuilt. Actions only lower or remove
 * edges and never open a new direction between two assets, so each touched arc's edges get the
 * new best likelihood per direction (one edge keeps it, the others are closed) and the most likely
 * paths are searched again with those weights.
 */
export function riskAfter(ctx: PlantContext, action: RemediationAction): number {
  const { view, drop, redo } = changeOf(ctx, action);
  const ag = ctx.attack;
  const { arcEdgeOffsets, arcEdges } = recordIndexOf(ctx);
  const weight = ag.weight.slice();
  for (const a of drop) for (let k = arcEdgeOffsets[a]!; k < arcEdgeOffsets[a + 1]!; k++) weight[arcEdges[k]!] = Infinity;
  for (const a of redo) reweighArc(view, ag, a, arcEdges, arcEdgeOffsets[a]!, arcEdgeOffsets[a + 1]!, (e, w) => (weight[e] = w));
  const tree = shortestTree(ag, ctx.entries, { weight, stopWhenSettled: ctx.jewels });
  const money = ctx.model.crownJewels.map((j) => jewelImpact(ctx.model, j).money);
  return riskOfDistances(money, (i) => tree.dist[ctx.jewels[i]!]!);
}

/**
 * New weights of the attack edges of one re-derived arc (its edges are arcEdges[first .. end), in
 * CSR order): the arc goes through the rules on `view` and, per direction, the first edge takes the
 * best new likelihood while the others close (Infinity). Actions never open a new direction, so
 * this gives the most likely paths of the re-derived plant. (They lower likelihoods; should one ever
 * raise one, the first edge carries the higher likelihood.)
 */
export function reweighArc(
  view: CompactGraph, ag: AttackGraph, arc: number, arcEdges: Int32Array, first: number, end: number, set: (edge: number, weight: number) => void,
): void {
  const s = view.edgeSource[arc]!;
  let forward = 0;
  let backward = 0;
  evaluateArc(view, arc, (_rule, from, _to, likelihood) => {
    if (from === s) forward = Math.max(forward, likelihood);
    else backward = Math.max(backward, likelihood);
  });
  let keptForward = false;
  let keptBackward = false;
  for (let k = first; k < end; k++) {
    const e = arcEdges[k]!;
    const isForward = ag.edgeSource[e] === s;
    const best = isForward ? forward : backward;
    const kept = isForward ? keptForward : keptBackward;
    set(e, !kept && best > 0 ? -Math.log(best) : Infinity);
    if (isForward) keptForward ||= best > 0;
    else keptBackward ||= best > 0;
  }
}

/** Plant risk from the jewels' path distances, Σ e^-d × money in jewel order (unreachable: nothing). */
export function riskOfDistances(money: readonly number[], distance: (jewel: number) => number): number {
  let total = 0;
  for (let i = 0; i < money.length; i++) {
    const d = distance(i);
    if (d !== Infinity) total += Math.exp(-d) * money[i]!;
  }
  return total;
}
