// Paths as analysts read them: every step with its technique, likelihood, rule, why and provenance.
import { explainEdge, type EdgeExplanation } from './attack-graph';
import type { PlantContext } from './context';
import type { NodePath } from './paths';

export interface PathStep extends EdgeExplanation {
  readonly fromName: string;
  readonly toName: string;
}

export interface ExplainedPath {
  readonly from: string;
  readonly to: string;
  readonly nodes: readonly string[];
  /** Product of the step likelihoods (0 when it underflows). */
  readonly likelihood: number;
  /** Σ ln(step likelihood): finite for every path; paths are ranked by it. */
  readonly logLikelihood: number;
  readonly edges: readonly PathStep[];
}

export function explainStep(ctx: PlantContext, e: number): PathStep {
  const x = explainEdge(ctx.graph, ctx.attack, e, { node: (v) => ctx.names[v]! });
  const from = ctx.attack.edgeSource[e]!;
  const to = ctx.attack.edgeTarget[e]!;
  return { ...x, fromName: ctx.names[from]!, toName: ctx.names[to]! };
}

export function explainPath(ctx: PlantContext, p: NodePath): ExplainedPath {
  return {
    from: ctx.ids[p.nodes[0]!]!,
    to: ctx.ids[p.nodes[p.nodes.length - 1]!]!,
    nodes: p.nodes.map((v) => ctx.ids[v]!),
    likelihood: p.likelihood,
    logLikelihood: p.logLikelihood,
    edges: p.edges.map((e) => explainStep(ctx, e)),
  };
}
