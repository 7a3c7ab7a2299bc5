// Risk per crown jewel and for the plant.
//   P(jewel) = likelihood of the most likely attack path from any entry point to the jewel
//              (a lower bound of the compromise probability; `simulate` estimates the full one)
//   risk(jewel) = P(jewel) × impact(jewel).money          (expected loss, currency units)
//   plant risk  = Σ risk(jewel)                           (jewels are summed, not de-duplicated)
// Every figure is finite: money fields are bounded by the schema (MAX_MONEY, MAX_RESTORE_HOURS), an
// unreachable jewel contributes exactly 0 (never 0 × a large impact), and a reachable jewel whose
// path likelihood underflows keeps its rank through logLikelihood.
import type { PlantContext } from './context';
import { jewelImpact, type JewelImpact } from './impact';
import { pathTo, shortestTree, type ShortestTree } from './paths';

export interface JewelRisk {
  readonly asset: string;
  readonly name: string;
  /** False when no entry point reaches the jewel (then likelihood and risk are 0). */
  readonly reachable: boolean;
  readonly likelihood: number;
  /** ln(likelihood) of the most likely path, finite even where likelihood underflows to 0; absent when unreachable. */
  readonly logLikelihood?: number;
  readonly impact: JewelImpact;
  readonly risk: number;
  /** The entry point the most likely path starts from ('' when unreachable). */
  readonly via: string;
}

export interface RiskReport {
  readonly jewels: readonly JewelRisk[];
  readonly total: number;
  readonly formula: string;
}

export const RISK_FORMULA =
  'risk(jewel) = P × impact; P = likelihood of the most likely attack path from any entry point (product of edge likelihoods); ' +
  'impact = downtime cost per hour (jewel + its production lines) × restore hours + safety value + data value; plant risk = Σ risk(jewel)';

/** Multi-source tree from all entry points; banned nodes are treated as removed from the plant. */
export function entryTree(ctx: PlantContext, bannedNodes?: Uint8Array): ShortestTree {
  return shortestTree(ctx.attack, ctx.entries, bannedNodes ? { bannedNodes } : {});
}

/** likelihood × money without 0 × ∞ and without losing an underflowed likelihood's product. */
export function expectedLoss(likelihood: number, logLikelihood: number | undefined, money: number): number {
  if (logLikelihood === undefined || !(money > 0)) return 0;
  if (likelihood > 0) return likelihood * money;
  return Math.exp(logLikelihood + Math.log(money));
}

export function riskReport(ctx: PlantContext, tree: ShortestTree = entryTree(ctx)): RiskReport {
  const jewels = ctx.model.crownJewels.map((j, i): JewelRisk => {
    const v = ctx.jewels[i]!;
    const path = pathTo(ctx.attack, tree, v);
    const impact = jewelImpact(ctx.model, j);
    const via = path ? ctx.ids[path.nodes[0]!]! : '';
    if (!path) return { asset: j.asset, name: ctx.names[v]!, reachable: false, likelihood: 0, impact, risk: 0, via };
    const risk = expectedLoss(path.likelihood, path.logLikelihood, impact.money);
    return { asset: j.asset, name: ctx.names[v]!, reachable: true, likelihood: path.likelihood, logLikelihood: path.logLikelihood, impact, risk, via };
  });
  return { jewels, total: jewels.reduce((s, j) => s + j.risk, 0), formula: RISK_FORMULA };
}

/** Plant risk only (for ranking and remediation loops). */
export function totalRisk(ctx: PlantContext, bannedNodes?: Uint8Array): number {
  return riskReport(ctx, entryTree(ctx, bannedNodes)).total;
}
