// Scenario diff: a baseline plant against a changed one — paths that appear and disappear, risk
// delta per crown jewel and for the plant, jewels newly reachable or no longer reachable.
import type { PlantContext } from './context';
import { explainPath, type ExplainedPath } from './explain';
import { kMostLikelyPaths } from './paths';
import { riskReport } from './risk';

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

function topPaths(ctx: PlantContext, k: number): Map<string, ExplainedPath> {
  const out = new Map<string, ExplainedPath>();
  for (const s of ctx.entries) {
    for (const t of ctx.jewels) {
      if (s === t) continue;
      for (const p of kMostLikelyPaths(ctx.attack, s, t, k)) {
        const e = explainPath(ctx, p);
        out.set(e.nodes.join('\u0000'), e);
      }
    }
  }
  return out;
}

export function diffScenarios(base: PlantContext, changed: PlantContext, k = DIFF_PATHS_PER_PAIR): ScenarioDiff {
  const rb = riskReport(base);
  const rc = riskReport(changed);
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
  const pb = topPaths(base, k);
  const pc = topPaths(changed, k);
  const order = (a: ExplainedPath, b: ExplainedPath) => b.logLikelihood - a.logLikelihood;
  return {
    risk: { base: rb.total, changed: rc.total, delta: rc.total - rb.total },
    jewels,
    newlyReachable: jewels.filter((j) => !j.baseReachable && j.changedReachable).map((j) => j.asset),
    noLongerReachable: jewels.filter((j) => j.baseReachable && !j.changedReachable).map((j) => j.asset),
    newPaths: [...pc].filter(([key]) => !pb.has(key)).map(([, p]) => p).sort(order),
    removedPaths: [...pb].filter(([key]) => !pc.has(key)).map(([, p]) => p).sort(order),
  };
}
