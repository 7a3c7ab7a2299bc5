// The greedy remediation plan as written before #18 — every candidate evaluated by a full search at
// every step, the plant recompiled after each removal — kept unchanged as the oracle the fast plan
// (src/analysis/remediation/plan.ts) must equal: same actions, same order, same risk figures. Its
// primitives (candidates, best-path filter, riskAfter, contextAfter) are the ones src exports,
// each checked against a full rebuild in test/unit/analysis/remediation.test.ts.
import { AnalysisError, buildContext } from '../../src/analysis/context';
import {
  actionsOnBestPaths, applyAction, candidateActions, contextAfter, describeAction, MAX_CANDIDATES, MAX_PLAN_STEPS, riskAfter,
  type PlanOptions, type PlanStep, type RemediationAction, type RemediationPlan,
} from '../../src/analysis/remediation';
import { riskReport } from '../../src/analysis/risk';
import type { PlantModel } from '../../src/model/schema';

/** Greedy plan: at each step the affordable action with the most risk removed per cost. */
export function referenceRemediationPlan(model: PlantModel, options: PlanOptions = {}): RemediationPlan {
  const maxSteps = options.maxSteps ?? 10;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > MAX_PLAN_STEPS) {
    throw new AnalysisError('BAD_PARAMETER', `remediationPlan: maxSteps must be an integer in 1..${MAX_PLAN_STEPS}, got ${maxSteps}`);
  }
  const budget = options.budget;
  if (budget !== undefined && !(budget >= 0)) throw new AnalysisError('BAD_PARAMETER', `remediationPlan: budget must be ≥ 0, got ${budget}`);
  let current = model;
  let ctx = buildContext(current);
  const baselineRisk = riskReport(ctx).total;
  let risk = baselineRisk;
  let spent = 0;
  const steps: PlanStep[] = [];
  const curve = [{ cost: 0, risk }];
  let considered = 0;
  const skippedUnpatchable = model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length;
  for (let step = 0; step < maxSteps; step++) {
    options.onProgress?.(step, maxSteps);
    const candidates = actionsOnBestPaths(ctx, candidateActions(ctx)).slice(0, MAX_CANDIDATES);
    considered = Math.max(considered, candidates.length);
    let best: { action: RemediationAction; score: number } | undefined;
    for (const action of candidates) {
      if (budget !== undefined && spent + action.cost > budget) continue;
      const r = riskAfter(ctx, action);
      const removed = risk - r;
      if (removed <= 1e-6 * Math.max(1, risk)) continue;
      const score = removed / action.cost;
      if (!best || score > best.score * (1 + 1e-12)) best = { action, score };
    }
    if (!best) break;
    spent += best.action.cost;
    const description = describeAction(best.action, current);
    // Actions that only re-weigh arcs keep record positions: patch the context in place. Removals
    // shift the positions of the model's records, so the plant is compiled again.
    const removes = best.action.kind === 'remove-connection' || best.action.kind === 'remove-trust' || best.action.kind === 'isolate-media';
    ctx = removes ? buildContext(applyAction(current, best.action)) : contextAfter(ctx, best.action);
    current = ctx.model;
    const after = riskReport(ctx).total;
    steps.push({ action: best.action, description, riskBefore: risk, riskAfter: after, riskRemoved: risk - after, cumulativeCost: spent });
    risk = after;
    curve.push({ cost: spent, risk });
  }
  const notes = [
    `${skippedUnpatchable} asset(s) marked patchable: false: their CVEs are never proposed for patching.`,
    `${model.connections.filter((c) => c.required).length} connection(s) marked required: never proposed for removal.`,
    'Maintenance windows are not modeled yet; every action is assumed possible now.',
  ];
  return { baselineRisk, finalRisk: risk, budget: budget ?? null, steps, curve, candidatesConsidered: considered, notes };
}
