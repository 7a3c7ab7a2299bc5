// Serializable results with stable keys, shared by the CLI (`--json`), the worker API and tests.
import { connectionCount } from '../model/connections';
import { explainEdge } from '../analysis/attack-graph';
import { attackPaths } from '../analysis/attack-paths';
import { blastRadius, reachedRows, type BlastResult, type ReachedRow } from '../analysis/blast';
import { chokepoints, type Chokepoints, type MinCut } from '../analysis/chokepoints';
import type { PlantContext } from '../analysis/context';
import type { ExplainedPath } from '../analysis/explain';
import type { LostAssetsImpact } from '../analysis/impact';
import { riskReport, type RiskReport } from '../analysis/risk';
import { simulate, type SimulationResult } from '../analysis/simulate';
import { remediationPlan, type RemediationPlan } from '../analysis/remediation';
import { purdueLevelOf } from '../model/compact';

export interface GraphJson {
  readonly nodes: readonly { id: string; kind: string; zone: string; level: number }[];
  readonly edges: readonly { from: string; to: string; likelihood: number; technique: string; rule: string; why: string; provenance: string }[];
}

/** The derived attack graph, every edge explained. */
export function graphJson(ctx: PlantContext): GraphJson {
  const names = { node: (v: number) => ctx.names[v]! };
  const nodes = ctx.model.assets.map((a, v) => ({ id: a.id, kind: a.kind, zone: a.zone, level: purdueLevelOf(ctx.graph, v) }));
  const edges = [];
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    const x = explainEdge(ctx.graph, ctx.attack, e, names);
    edges.push({ from: x.from, to: x.to, likelihood: x.likelihood, technique: x.technique, rule: x.rule, why: x.why, provenance: x.provenance });
  }
  return { nodes, edges };
}

export interface BlastJson {
  readonly from: readonly string[];
  readonly reached: readonly ReachedRow[];
  readonly impact: LostAssetsImpact;
}

/** A blast radius with the documented keys: the reached columns as {id, likelihood, hops} rows. */
export function blastJson(r: BlastResult): BlastJson {
  return { from: r.from, reached: reachedRows(r.reached), impact: r.impact };
}

/** MinCut with the stable keys the CLI documents: every kind has assets, cost and protects; a partial cut says why and what it cannot protect. */
export type MinCutJson =
  | { readonly kind: 'cut'; readonly assets: readonly string[]; readonly cost: number; readonly protects: readonly string[] }
  | {
      readonly kind: 'partial-cut';
      readonly assets: readonly string[];
      readonly cost: number;
      readonly protects: readonly string[];
      readonly cannotProtect: readonly string[];
      readonly reason: string;
      readonly direct: readonly { entry: string; jewel: string }[];
    }
  | { readonly kind: 'nothing-to-cut'; readonly assets: readonly string[]; readonly cost: number; readonly protects: readonly string[]; readonly reason: string };

export interface ChokepointsJson {
  readonly dominators: Chokepoints['dominators'];
  readonly minCut: MinCutJson;
  readonly ranking: Chokepoints['ranking'];
}

export function minCutJson(c: MinCut): MinCutJson {
  switch (c.kind) {
    case 'cut':
      return { kind: 'cut', assets: c.assets, cost: c.cost, protects: c.protects };
    case 'partial-cut':
      return { kind: 'partial-cut', assets: c.assets, cost: c.cost, protects: c.protects, cannotProtect: c.cannotProtect, reason: c.reason, direct: c.direct };
    case 'nothing-to-cut':
      return { kind: 'nothing-to-cut', assets: [], cost: 0, protects: [], reason: c.reason };
  }
}

export function chokepointsJson(c: Chokepoints): ChokepointsJson {
  return { dominators: c.dominators, minCut: minCutJson(c.minCut), ranking: c.ranking };
}

export interface AnalysisDocument {
  readonly plant: { id: string; name: string; assets: number; connections: number; attackEdges: number };
  readonly risk: RiskReport;
  readonly paths: readonly ExplainedPath[];
  readonly chokepoints: ChokepointsJson;
  readonly blast: readonly BlastJson[];
  readonly remediation: RemediationPlan;
  readonly simulation: SimulationResult;
}

export interface AnalyzeOptions {
  readonly samples?: number;
  readonly seed?: number;
  readonly budget?: number;
}

/** Every key result in one document (`twinpath analyze`). */
export function analyzeAll(ctx: PlantContext, options: AnalyzeOptions = {}): AnalysisDocument {
  const cp: Chokepoints = chokepoints(ctx);
  return {
    plant: { id: ctx.model.plant.id, name: ctx.model.plant.name, assets: ctx.model.assets.length, connections: connectionCount(ctx.model), attackEdges: ctx.attack.edgeCount },
    risk: riskReport(ctx),
    paths: attackPaths(ctx),
    chokepoints: chokepointsJson(cp),
    blast: ctx.model.entryPoints.map((e) => blastJson(blastRadius(ctx, [e.asset]))),
    // The plan from this context: as its attacker profile when it has one.
    remediation: remediationPlan(ctx.model, { context: ctx, ...(options.budget !== undefined ? { budget: options.budget } : {}) }),
    simulation: simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, options.samples ?? 10_000, options.seed ?? 1),
  };
}
