// Scenario diff: a baseline plant against a changed one — paths that appear and disappear, risk
// delta per crown jewel and for the plant, jewels newly reachable or no longer reachable — and, for
// reading it, what happened to each entry point × crown jewel pair (route-changes.ts) and why a
// change that moves no money moves none (diff-why.ts).
import type { PlantContext } from './context';
import { explainPath, type ExplainedPath } from './explain';
import { bestEdge, distancesTo, kMostLikelyPaths, logProductOf, productOf, type NodePath } from './paths';
import { riskReport, type RiskReport } from './risk';
import { routeChanges, type RouteChanges } from './route-changes';
import type { ScenarioEdit } from './scenario';
import { whyUnchanged, type UnchangedReason } from './diff-why';

/** Paths compared per entry × jewel pair. */
export const DIFF_PATHS_PER_PAIR = 3;

export interface ScenarioDiff {
  readonly risk: { readonly base: number; readonly changed: number; readonly delta: number };
  readonly jewels: readonly {
    asset: string; baseRisk: number; changedRisk: number; delta: number; baseLikelihood: number; changedLikelihood: number;
    baseReachable: boolean; changedReachable: boolean;
  }[];
  readonly newlyReachable: readonly string[];
  readonly noLongerReachable: readonly string[];
  readonly newPaths: readonly ExplainedPath[];
  readonly removedPaths: readonly ExplainedPath[];
}

/** The k most likely paths of every entry × jewel pair, best first, by pair (`entry`, `jewel` ids). */
export type PairPaths = ReadonlyMap<string, { readonly entry: string; readonly jewel: string; readonly paths: readonly ExplainedPath[] }>;

const pathKey = (p: ExplainedPath) => p.nodes.join('\u0000');

/** A baseline's pair paths a changed plant's may take over (pairPaths, `from`). */
export interface PairPathsFrom {
  readonly base: PlantContext;
  readonly pairs: PairPaths;
}

/**
 * The k most likely paths of every entry point × crown jewel pair, by pair. With `from` (the
 * baseline's, when `ctx` is a what-if scenario of it), a pair whose baseline paths use no arc the
 * scenario weakened keeps them (weakenedArcs: only when the scenario gains and strengthens no arc
 * over the same assets): every other path only lost likelihood, so none overtakes them — up to a
 * tie with the k-th, which a search may break either way; the paths are explained anew in `ctx`.
 */
export function pairPaths(ctx: PlantContext, k: number, from?: PairPathsFrom): PairPaths {
  const weakened = from ? weakenedArcs(from.base, ctx) : undefined;
  const n = ctx.attack.nodeCount;
  const basePair = (s: number, t: number) => from!.base.entries.includes(s) && from!.base.jewels.includes(t);
  // A pair's kept paths, as node paths of `ctx` (undefined: searched again).
  const kept = (s: number, t: number): NodePath[] | undefined => {
    if (!weakened || !basePair(s, t)) return undefined;
    const held = from!.pairs.get(JSON.stringify([ctx.ids[s], ctx.ids[t]]))?.paths ?? [];
    const out: NodePath[] = [];
    for (const p of held) {
      const nodes = p.nodes.map((id) => ctx.index.get(id)!);
      for (let i = 0; i + 1 < nodes.length; i++) if (weakened.has(nodes[i]! * n + nodes[i + 1]!)) return undefined;
      const edges: number[] = [];
      for (let i = 0; i + 1 < nodes.length; i++) edges.push(bestEdge(ctx.attack, nodes[i]!, nodes[i + 1]!));
      out.push({ nodes, edges, likelihood: productOf(ctx.attack, edges), logLikelihood: logProductOf(ctx.attack, edges) });
    }
    return out;
  };
  // Jewel by jewel: the distances to a jewel serve every entry's search (one at a time is held).
  const found = new Map<number, NodePath[]>();
  const jewels = ctx.jewels.length;
  ctx.jewels.forEach((t, j) => {
    let toTarget: Float64Array | undefined;
    ctx.entries.forEach((s, i) => {
      if (s === t) return;
      const reused = kept(s, t);
      if (reused) return found.set(i * jewels + j, reused);
      toTarget ??= distancesTo(ctx.attack, t);
      found.set(i * jewels + j, kMostLikelyPaths(ctx.attack, s, t, k, toTarget));
    });
  });
  const out = new Map<string, { entry: string; jewel: string; paths: ExplainedPath[] }>();
  ctx.entries.forEach((s, i) => {
    ctx.jewels.forEach((t, j) => {
      const paths = (found.get(i * jewels + j) ?? []).map((p) => explainPath(ctx, p));
      if (!paths.length) return;
      const entry = ctx.ids[s]!;
      const jewel = ctx.ids[t]!;
      out.set(JSON.stringify([entry, jewel]), { entry, jewel, paths });
    });
  });
  return out;
}

/** The best likelihood of every arc u → v of an attack graph, keyed u·n + v (kept per context). */
const arcsOf = new WeakMap<PlantContext, Map<number, number>>();
function bestArcs(ctx: PlantContext): Map<number, number> {
  let arcs = arcsOf.get(ctx);
  if (arcs) return arcs;
  const ag = ctx.attack;
  const n = ag.nodeCount;
  arcs = new Map();
  for (let u = 0; u < n; u++)
    for (let e = ag.offsets[u]!, end = ag.offsets[u + 1]!; e < end; e++) {
      const key = u * n + ag.edgeTarget[e]!;
      const l = ag.likelihood[e]!;
      if (!(arcs.get(key)! >= l)) arcs.set(key, l);
    }
  arcsOf.set(ctx, arcs);
  return arcs;
}

/**
 * The arcs (u·n + v) whose best likelihood is lower in `changed` than in `base`, or gone — when
 * `changed` holds the same assets in the same order and no arc base lacks or holds less likely;
 * undefined otherwise (a scenario that adds or strengthens a step: every pair is searched again).
 */
export function weakenedArcs(base: PlantContext, changed: PlantContext): Set<number> | undefined {
  if (base.ids.length !== changed.ids.length || base.ids.some((id, i) => changed.ids[i] !== id)) return undefined;
  const before = bestArcs(base);
  const after = bestArcs(changed);
  for (const [key, l] of after) {
    const b = before.get(key);
    if (b === undefined || l > b) return undefined;
  }
  const out = new Set<number>();
  for (const [key, l] of before) if (after.get(key) !== l) out.add(key);
  return out;
}

function byKey(pairs: PairPaths): Map<string, ExplainedPath> {
  const out = new Map<string, ExplainedPath>();
  for (const { paths } of pairs.values()) for (const p of paths) out.set(pathKey(p), p);
  return out;
}

function diffOf(rb: RiskReport, rc: RiskReport, pb: PairPaths, pc: PairPaths): ScenarioDiff {
  const byAsset = new Map(rb.jewels.map((j) => [j.asset, j]));
  const jewelIds = new Set([...rb.jewels.map((j) => j.asset), ...rc.jewels.map((j) => j.asset)]);
  const changedBy = new Map(rc.jewels.map((j) => [j.asset, j]));
  const jewels = [...jewelIds].sort().map((asset) => {
    const b = byAsset.get(asset);
    const c = changedBy.get(asset);
    return {
      asset,
      baseRisk: b?.risk ?? 0,
      changedRisk: c?.risk ?? 0,
      delta: (c?.risk ?? 0) - (b?.risk ?? 0),
      baseLikelihood: b?.likelihood ?? 0,
      changedLikelihood: c?.likelihood ?? 0,
      baseReachable: b?.reachable ?? false,
      changedReachable: c?.reachable ?? false,
    };
  });
  const kb = byKey(pb);
  const kc = byKey(pc);
  const order = (a: ExplainedPath, b: ExplainedPath) => b.logLikelihood - a.logLikelihood;
  return {
    risk: { base: rb.total, changed: rc.total, delta: rc.total - rb.total },
    jewels,
    newlyReachable: jewels.filter((j) => !j.baseReachable && j.changedReachable).map((j) => j.asset),
    noLongerReachable: jewels.filter((j) => j.baseReachable && !j.changedReachable).map((j) => j.asset),
    newPaths: [...kc].filter(([key]) => !kb.has(key)).map(([, p]) => p).sort(order),
    removedPaths: [...kb].filter(([key]) => !kc.has(key)).map(([, p]) => p).sort(order),
  };
}

export function diffScenarios(base: PlantContext, changed: PlantContext, k = DIFF_PATHS_PER_PAIR): ScenarioDiff {
  const b = baseline(base, k);
  return diffOf(b.risk, riskReport(changed), b.pairs, pairPaths(changed, k, { base, pairs: b.pairs }));
}

/**
 * The baseline's side of a diff, kept per plant context (contexts are immutable): every edit of a
 * what-if scenario is diffed against the same plant as loaded, whose paths need not be searched
 * again each time (about half of a diff's cost: 5k-asset plant, 124 pairs).
 */
const baselines = new WeakMap<PlantContext, { readonly k: number; readonly risk: RiskReport; readonly pairs: PairPaths }>();

function baseline(ctx: PlantContext, k: number): { readonly risk: RiskReport; readonly pairs: PairPaths } {
  const kept = baselines.get(ctx);
  if (kept && kept.k === k) return kept;
  const made = { k, risk: riskReport(ctx), pairs: pairPaths(ctx, k) };
  baselines.set(ctx, made);
  return made;
}

/**
 * Attack edges × crown jewels above which the baseline's side is not searched ahead of a what-if
 * edit (prepareDiff): the search runs a reverse Dijkstra per jewel and Yen's k paths per pair,
 * about 90 ms on the 5k-asset plant (55k edges × 31 jewels = 1.7 M), ~20 s on the 100k one (1.1 M
 * × 420), which would hold the worker from the user's next query. An assumption.
 */
export const PREPARE_DIFF_MAX_WORK = 10_000_000;

/**
 * Searches the baseline's side of a diff ahead of the first what-if edit, when it is cheap
 * (PREPARE_DIFF_MAX_WORK): answers whether it is now kept.
 */
export function prepareDiff(base: PlantContext, k = DIFF_PATHS_PER_PAIR, maxWork = PREPARE_DIFF_MAX_WORK): boolean {
  if (base.attack.edgeSource.length * base.jewels.length > maxWork) return baselines.get(base)?.k === k;
  baseline(base, k);
  return true;
}

/** The diff as the app reads it: the figures, each pair's route change, and why ±0 is ±0. */
export interface ScenarioReport {
  readonly diff: ScenarioDiff;
  readonly routes: RouteChanges;
  /** Why the plant risk did not move (empty when it did). */
  readonly whyUnchanged: readonly UnchangedReason[];
}

/**
 * The diff of `changed` (the baseline with `edits` applied) against `base`, with each entry point ×
 * crown jewel pair classified (new, cut off, re-routed, likelihood changed) and, when the plant
 * risk does not move, the reasons why.
 */
export function scenarioReport(base: PlantContext, changed: PlantContext, edits: readonly ScenarioEdit[], k = DIFF_PATHS_PER_PAIR): ScenarioReport {
  const { risk: rb, pairs: pb } = baseline(base, k);
  const rc = riskReport(changed);
  const pc = pairPaths(changed, k, { base, pairs: pb });
  const diff = diffOf(rb, rc, pb, pc);
  return { diff, routes: routeChanges(base, changed, pb, pc), whyUnchanged: unchangedMoney(diff.risk.delta) ? whyUnchanged(base, changed, edits, rb, rc) : [] };
}

/** A change of plant risk that shows as ±0 € (below half a currency unit). */
export function unchangedMoney(delta: number): boolean {
  return Math.abs(delta) < 0.5;
}
