// The remediation plan ranked by time bought (#19, opt-in: remediationPlan(model, { rank: 'time' })).
// Each crown jewel's expected time to compromise is the length of its quickest path from any entry
// point, each attack step weighing its expected days until it succeeds (ttc.ts expectedEdgeDays:
// mean days per attempt / likelihood); the plant's time is the impact-weighted mean of the jewels'
// times, each capped at TIME_CAP_DAYS (an unreachable jewel counts as the cap). At each step the
// affordable action with the most days bought per cost is taken. Every candidate is evaluated
// exactly on the plant after it (contextAfter, the risk plan's former evaluation), which is simple
// and deterministic but costs a full derivation per candidate: meant for plants of thousands of
// assets, not millions. docs/attack-rules.md, "Time bought", gives the formula.
import { AnalysisError, buildContext, type PlantContext } from '../context';
import { jewelImpact } from '../impact';
import { shortestTree, type ShortestTree } from '../paths';
import { riskReport } from '../risk';
import { edgeTimesOf, expectedEdgeDays } from '../ttc';
import { applyAction, candidateActions, describeAction, MAX_CANDIDATES, MAX_PLAN_STEPS, type RemediationAction } from './actions';
import { actionsOnBestPaths, contextAfter } from './changes';
import type { PlanStep } from './plan';

/**
 * Days at which a jewel's expected time to compromise is capped (and an unreachable jewel's time):
 * ten years, the longest horizon of the timed Monte Carlo (simulate.ts MAX_HORIZON_DAYS).
 * **Assumption**: holding an attacker off longer than ten years buys nothing more.
 */
export const TIME_CAP_DAYS = 3650;
/** A step must buy more than this many days to be taken (float noise of equal sums is far below). */
const MIN_DAYS_BOUGHT = 1e-9;
/** The risk plan's tie factor: a later candidate wins only with a score above best × TIE. */
const TIE = 1 + 1e-12;

/** The plant's expected time to compromise, and each crown jewel's (model order, uncapped: Infinity when unreachable). */
export interface PlantTime {
  /** Σ share × min(days, TIME_CAP_DAYS) over the jewels; share = impact money / Σ impact money (equal shares when all are 0). */
  readonly days: number;
  readonly jewelDays: readonly number[];
}

/** Each jewel's share of the plant's time: its impact money over the total; equal when the total is 0. */
export function jewelShares(ctx: Pick<PlantContext, 'model'>): number[] {
  const money = ctx.model.crownJewels.map((j) => jewelImpact(ctx.model, j).money);
  const total = money.reduce((s, x) => s + x, 0);
  return money.map((m) => (total > 0 ? m / total : 1 / money.length));
}

/**
 * The quickest-path tree of the plant: each attack edge weighs its expected days until it succeeds.
 * `timesFrom`: the model whose media rounds the graph's arcs refer to (the context's own by default).
 */
export function quickestTree(ctx: PlantContext, timesFrom: Pick<PlantContext, 'model'> = ctx): ShortestTree {
  const weight = expectedEdgeDays(ctx.attack, edgeTimesOf({ graph: ctx.graph, model: timesFrom.model }, ctx.attack));
  return shortestTree(ctx.attack, ctx.entries, { weight, stopWhenSettled: ctx.jewels });
}

/** The plant's time from a quickest-path tree. */
export function plantTime(ctx: Pick<PlantContext, 'jewels'>, tree: ShortestTree, shares: readonly number[]): PlantTime {
  const jewelDays = ctx.jewels.map((j) => tree.dist[j]!);
  let days = 0;
  jewelDays.forEach((d, i) => (days += shares[i]! * Math.min(d, TIME_CAP_DAYS)));
  return { days, jewelDays };
}

/** A plan step of the time ranking: the risk step's figures and the plant's time before and after. */
export interface TimeStepFigures {
  readonly daysBefore: number;
  readonly daysAfter: number;
  /** daysAfter − daysBefore: the impact-weighted expected days the step adds to a compromise. */
  readonly daysBought: number;
}

export type TimePlanStep = PlanStep & TimeStepFigures;

export interface TimePlanOptions {
  readonly budget?: number;
  readonly maxSteps: number;
  readonly context: PlantContext;
  readonly onProgress?: (step: number, of: number) => void;
  readonly onStep?: (step: TimePlanStep, index: number) => void;
}

export interface TimePlanResult {
  readonly baselineRisk: number;
  readonly finalRisk: number;
  readonly baselineDays: number;
  readonly finalDays: number;
  readonly steps: readonly TimePlanStep[];
  readonly curve: readonly { cost: number; risk: number; days: number }[];
  readonly candidatesConsidered: number;
}

/**
 * Greedy by days bought per cost. Candidates: the actions on some jewel's quickest path (as the
 * risk plan takes those on the most likely paths), at most MAX_CANDIDATES, in candidateActions'
 * order; ties fall to the earlier one, as in the risk plan.
 */
export function timeRankedSteps(options: TimePlanOptions): TimePlanResult {
  const { maxSteps, budget } = options;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > MAX_PLAN_STEPS) {
    throw new AnalysisError('BAD_PARAMETER', `remediationPlan: maxSteps must be an integer in 1..${MAX_PLAN_STEPS}, got ${maxSteps}`);
  }
  let ctx = options.context;
  const profile = ctx.profile;
  const shares = jewelShares(ctx);
  let tree = quickestTree(ctx);
  const baselineDays = plantTime(ctx, tree, shares).days;
  const baselineRisk = riskReport(ctx).total;
  let days = baselineDays;
  let risk = baselineRisk;
  let spent = 0;
  let considered = 0;
  const steps: TimePlanStep[] = [];
  const curve = [{ cost: 0, risk, days }];
  for (let step = 0; step < maxSteps; step++) {
    options.onProgress?.(step, maxSteps);
    const candidates = actionsOnBestPaths(ctx, candidateActions(ctx), tree).slice(0, MAX_CANDIDATES);
    considered = Math.max(considered, candidates.length);
    let best: { action: RemediationAction; score: number } | undefined;
    for (const action of candidates) {
      if (budget !== undefined && spent + action.cost > budget) continue;
      // The plant after the action keeps the arcs' positions: their media rounds are the current model's.
      const after = plantTime(ctx, quickestTree(contextAfter(ctx, action), ctx), shares).days;
      const bought = after - days;
      if (!(bought > MIN_DAYS_BOUGHT)) continue;
      const score = bought / action.cost;
      if (!best || score > best.score * TIE) best = { action, score };
    }
    if (!best) break;
    const action = best.action;
    spent += action.cost;
    const description = describeAction(action, ctx.model);
    // As the risk plan's former evaluation: removals shift record positions, so the plant is compiled again.
    const removes = action.kind === 'remove-connection' || action.kind === 'remove-trust' || action.kind === 'isolate-media';
    ctx = removes ? buildContext(applyAction(ctx.model, action), undefined, { profile }) : contextAfter(ctx, action);
    tree = quickestTree(ctx);
    const daysAfter = plantTime(ctx, tree, shares).days;
    const riskAfter = riskReport(ctx).total;
    const decided: TimePlanStep = {
      action, description, riskBefore: risk, riskAfter, riskRemoved: risk - riskAfter, cumulativeCost: spent, daysBefore: days, daysAfter, daysBought: daysAfter - days,
    };
    steps.push(decided);
    risk = riskAfter;
    days = daysAfter;
    curve.push({ cost: spent, risk, days });
    options.onStep?.(decided, step);
  }
  return { baselineRisk, finalRisk: risk, baselineDays, finalDays: days, steps, curve, candidatesConsidered: considered };
}
