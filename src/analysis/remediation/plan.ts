// The greedy remediation plan: at each step the affordable action with the most risk removed per
// cost, under an optional budget, and the cumulative risk curve.
import { connectionCount } from '../../model/connections';
import type { PlantModel } from '../../model/schema';
import { AnalysisError, buildContext, type PlantContext } from '../context';
import { shortestTree } from '../paths';
import { riskReport } from '../risk';
import { ShortestTreeRepair } from '../shortest-tree-repair';
import { MAX_CANDIDATES, MAX_PLAN_STEPS, type RemediationAction } from './actions';
import { chooseAction, type StepWork } from './choose';
import { PlanState, requiredConnections } from './plan-state';
import { TIME_CAP_DAYS, timeRankedSteps } from './time';

export interface PlanStep {
  readonly action: RemediationAction;
  readonly description: string;
  readonly riskBefore: number;
  readonly riskAfter: number;
  readonly riskRemoved: number;
  readonly cumulativeCost: number;
  /** Ranked by time (rank: 'time') only: the plant's expected days to compromise before and after, and the days bought. */
  readonly daysBefore?: number;
  readonly daysAfter?: number;
  readonly daysBought?: number;
}

/** What the greedy plan maximises per cost: plant risk removed (the default) or time bought. */
export const PLAN_RANKS = ['risk', 'time'] as const;
export type PlanRank = (typeof PLAN_RANKS)[number];

export interface RemediationPlan {
  readonly baselineRisk: number;
  readonly finalRisk: number;
  readonly budget: number | null;
  readonly steps: readonly PlanStep[];
  /** (cumulative cost, plant risk) after 0, 1, 2, … steps. */
  readonly curve: readonly { cost: number; risk: number }[];
  readonly candidatesConsidered: number;
  /** Constraints honoured, said plainly. */
  readonly notes: readonly string[];
  /** Ranked by time only: 'time', and the plant's expected days to compromise before and after the plan. */
  readonly rank?: 'time';
  readonly baselineDays?: number;
  readonly finalDays?: number;
}

/** Hears of each plan step as soon as it is decided (index from 0), before the next one is searched. */
export type PlanStepListener = (step: PlanStep, index: number) => void;

export interface PlanOptions {
  readonly budget?: number;
  readonly maxSteps?: number;
  /** The model's plant context when the caller holds one (built for another model: ignored). */
  readonly context?: PlantContext;
  readonly onProgress?: (step: number, of: number) => void;
  readonly onStep?: PlanStepListener;
  /** How many candidates each step had and how many it evaluated exactly (benchmarks, tests). */
  readonly onWork?: (step: number, work: StepWork) => void;
  /** 'time': greedy by days bought per cost (remediation/time.ts); absent or 'risk': by risk removed. */
  readonly rank?: PlanRank;
}

/**
 * Greedy plan: at each step the affordable action with the most risk removed per cost. The same
 * plan as evaluating every candidate on its best path by a full search at every step and compiling
 * the plant again after each removal (test/helpers/remediation-reference.ts): the plant is changed
 * in place (PlanState), candidates are bounded and the few that matter evaluated by repairing the
 * shortest-path tree (chooseAction). `onStep` hears of each step as soon as it is decided.
 */
export function remediationPlan(model: PlantModel, options: PlanOptions = {}): RemediationPlan {
  const maxSteps = options.maxSteps ?? 10;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > MAX_PLAN_STEPS) {
    throw new AnalysisError('BAD_PARAMETER', `remediationPlan: maxSteps must be an integer in 1..${MAX_PLAN_STEPS}, got ${maxSteps}`);
  }
  const budget = options.budget;
  if (budget !== undefined && !(budget >= 0)) throw new AnalysisError('BAD_PARAMETER', `remediationPlan: budget must be ≥ 0, got ${budget}`);
  const ctx = options.context?.model === model ? options.context : buildContext(model);
  if (options.rank === 'time') return timeRankedPlan(model, ctx, maxSteps, options);
  if (options.rank !== undefined && options.rank !== 'risk') throw new AnalysisError('BAD_PARAMETER', `remediationPlan: rank must be one of ${PLAN_RANKS.join(', ')}, got ${String(options.rank)}`);
  const state = new PlanState(ctx);
  let tree = shortestTree(state.attack, ctx.entries); // entryTree(ctx): the tree riskReport uses
  const baselineRisk = riskReport(ctx, tree).total;
  let risk = baselineRisk;
  let spent = 0;
  const steps: PlanStep[] = [];
  const curve = [{ cost: 0, risk }];
  let considered = 0;
  const skippedUnpatchable = model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length;
  let repair: ShortestTreeRepair | undefined;
  for (let step = 0; step < maxSteps; step++) {
    options.onProgress?.(step, maxSteps);
    const relevant = state.relevant(tree);
    const candidates = state.candidates(tree, relevant).slice(0, MAX_CANDIDATES);
    considered = Math.max(considered, candidates.length);
    // Only nodes on some entry → jewel path can carry a jewel's new path: the repair keeps to them.
    repair = new ShortestTreeRepair(state.attack, tree, { within: relevant, ...(repair ? { reuse: repair } : {}) });
    const work: StepWork = { candidates: 0, evaluated: 0, fullSearches: 0 };
    const best = chooseAction({ state, tree, repair, entries: ctx.entries, jewels: ctx.jewels, risk, spent, budget }, candidates, work);
    options.onWork?.(step, work);
    if (!best) break;
    const action = best.candidate.action;
    spent += action.cost;
    const description = state.describe(best.candidate);
    state.apply(best.candidate);
    tree = shortestTree(state.attack, ctx.entries);
    const after = riskReport(state.context(), tree).total;
    const decided: PlanStep = { action, description, riskBefore: risk, riskAfter: after, riskRemoved: risk - after, cumulativeCost: spent };
    steps.push(decided);
    risk = after;
    curve.push({ cost: spent, risk });
    options.onStep?.(decided, step);
  }
  return { baselineRisk, finalRisk: risk, budget: budget ?? null, steps, curve, candidatesConsidered: considered, notes: planNotes(model, skippedUnpatchable) };
}

/** The constraints a plan honours, said plainly. */
function planNotes(model: PlantModel, skippedUnpatchable: number): string[] {
  const required = requiredConnections(model);
  let requiredCount = 0;
  for (let i = 0, n = connectionCount(model); i < n; i++) if (required(i)) requiredCount++;
  return [
    `${skippedUnpatchable} asset(s) marked patchable: false: their CVEs are never proposed for patching.`,
    `${requiredCount} connection(s) marked required: never proposed for removal.`,
    'Maintenance windows are not modeled yet; every action is assumed possible now.',
  ];
}

/** The plan ranked by time bought per cost (remediation/time.ts), in the plan's shape. */
function timeRankedPlan(model: PlantModel, ctx: PlantContext, maxSteps: number, options: PlanOptions): RemediationPlan {
  const budget = options.budget;
  const r = timeRankedSteps({
    context: ctx, maxSteps, ...(budget !== undefined ? { budget } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  const skippedUnpatchable = model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length;
  const notes = [...planNotes(model, skippedUnpatchable), `Ranked by time bought: each step adds the most impact-weighted expected days to compromise per cost (quickest paths, each jewel capped at ${TIME_CAP_DAYS} days).`];
  return {
    rank: 'time', baselineRisk: r.baselineRisk, finalRisk: r.finalRisk, baselineDays: r.baselineDays, finalDays: r.finalDays, budget: budget ?? null,
    steps: r.steps, curve: r.curve, candidatesConsidered: r.candidatesConsidered, notes,
  };
}
