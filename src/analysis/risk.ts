// Risk per crown jewel and for the plant.
//   P(jewel) = likelihood of the most likely attack path from any entry point to the jewel
//              (a lower bound of the compromise probability; `simulate` estimates the full one)
//   risk(jewel) = P(jewel) × impact(jewel).money          (expected loss, currency units)
//   plant risk  = Σ risk(jewel)                           (jewels are summed, not de-duplicated)
import type { PlantContext } from './context';
import { jewelImpact, type JewelImpact } from './impact';
import { pathTo, shortestTree, type ShortestTree } from './paths';

export interface JewelRisk {
  readonly asset: string;
  readonly name: string;
  readonly likelihood: number;
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

export function riskReport(ctx: PlantContext, tree: ShortestTree = entryTree(ctx)): RiskReport {
  const jewels = ctx.model.crownJewels.map((j, i) => {
    const v = ctx.jewels[i]!;
    const path = pathTo(ctx.attack, tree, v);
    const likelihood = path?.likelihood ?? 0;
    const impact = jewelImpact(ctx.model, j);
    return { asset: j.asset, name: ctx.names[v]!, likelihood, impact, risk: likelihood * impact.money, via: path ? ctx.ids[path.nodes[0]!]! : '' };
  });
  return { jewels, total: jewels.reduce((s, j) => s + j.risk, 0), formula: RISK_FORMULA };
}

/** Plant risk only (for ranking and remediation loops). */
export function totalRisk(ctx: PlantContext, bannedNodes?: Uint8Array): number {
  return riskReport(ctx, entryTree(ctx, bannedNodes)).total;
}
