// The executive summary: KPI cards, the breach story of one entry point, before/after for the first
// N steps of the remediation plan (and for a what-if scenario model), risk by zone and the
// remediation risk curve. Serializable (it crosses the worker boundary) and computed only from the
// analysis results (risk, blast radius, chokepoints, remediation). Pure.
import { blastRadius } from '../analysis/blast';
import { dominatorsOfJewels, minimumVertexCut } from '../analysis/chokepoints';
import { AnalysisError, buildContext, withProfile, type PlantContext } from '../analysis/context';
import { pathTo, shortestTree } from '../analysis/paths';
import { applyAction, MAX_PLAN_STEPS, remediationPlan, type RemediationPlan } from '../analysis/remediation';
import { RISK_FORMULA, riskReport, type RiskReport } from '../analysis/risk';
import type { AttackerProfile, PlantModel } from '../model/schema';
import { formatMoney, formatPercent } from './format';
import { stepTexts } from './plan';
import { breachImpact, breachStory, withTimeToCompromise, type BreachStory } from './story';

/** Steps of the remediation plan computed for the curve (the before/after uses the first N). */
export const EXECUTIVE_PLAN_STEPS = 10;
/** Default N for the before/after picture. */
export const DEFAULT_BEFORE_AFTER_STEPS = 3;

export interface EntryChoice {
  readonly id: string;
  readonly name: string;
  readonly profile: string | null;
  readonly description: string | null;
}

export interface Kpis {
  /** Plant risk: Σ over crown jewels of likelihood × impact (riskReport.total). */
  readonly plantRisk: number;
  /** Σ impact of the crown jewels some entry point reaches, before weighting by likelihood. */
  readonly moneyAtRisk: number;
  /** Production lines an attacker holding every entry point can stop (blast radius of all entries). */
  readonly linesAtRisk: number;
  readonly linesTotal: number;
  readonly lineNames: readonly string[];
  /** Assets of the minimum cut (or the cut of every other path) and the jewels' dominators. */
  readonly chokepoints: number;
  readonly chokepointNames: readonly string[];
  readonly jewelsReachable: number;
  readonly jewelsTotal: number;
}

export interface BeforeAfter {
  readonly kind: 'plan' | 'scenario';
  /** "3 fixes" or the scenario's name. */
  readonly label: string;
  /** Each change in words (names only), its cost (null: not priced) and the model ids it acts on (for a tooltip). */
  readonly changes: readonly { description: string; cost: number | null; refs: readonly string[] }[];
  /** Total cost of the changes; null when they are not priced (a scenario model). */
  readonly cost: number | null;
  readonly riskBefore: number;
  readonly riskAfter: number;
  /** (before − after) / before; 0 when there was no risk. Negative when risk rises. */
  readonly cut: number;
  readonly headline: string;
  readonly jewelsNoLongerReachable: readonly string[];
  /** The breach story's entry before and after: path likelihood to its target, downtime, lines. */
  readonly story: {
    readonly entry: string;
    readonly target: string | null;
    readonly likelihoodBefore: number;
    readonly likelihoodAfter: number;
    readonly downtimePerHourBefore: number;
    readonly downtimePerHourAfter: number;
    readonly linesStoppedBefore: number;
    readonly linesStoppedAfter: number;
  } | null;
}

export interface ZoneRisk {
  readonly zone: string;
  readonly name: string;
  readonly level: number;
  readonly risk: number;
}

export interface ExecutiveSummary {
  readonly plant: { readonly id: string; readonly name: string; readonly site: string | null; readonly assets: number };
  /** The attacker profile of the plant-wide figures (KPIs, plan, risk by zone); null: none. The story names its own attacker. */
  readonly profile: AttackerProfile | null;
  readonly entries: readonly EntryChoice[];
  /** The story's entry point; the top story (largest expected loss) unless one was asked for. */
  readonly entry: string | null;
  readonly story: BreachStory | null;
  /** The KPIs of the plant as loaded (the baseline: every figure of the summary is about it). */
  readonly kpis: Kpis;
  /** The same KPIs for the what-if scenario, when one is compared (label both: the app shows the scenario). */
  readonly scenarioKpis: Kpis | null;
  readonly riskByZone: readonly ZoneRisk[];
  readonly plan: {
    /** Each step in words (names only) with the model ids it acts on (refs), its cost and effect. */
    readonly steps: readonly { description: string; refs: readonly string[]; cost: number; cumulativeCost: number; riskAfter: number; riskRemoved: number }[];
    /** (cumulative cost, plant risk) after 0, 1, 2, … steps. */
    readonly curve: readonly { cost: number; risk: number }[];
    readonly baselineRisk: number;
  };
  readonly beforeAfter: BeforeAfter | null;
  readonly scenario: BeforeAfter | null;
  readonly notes: readonly string[];
}

export interface ExecutiveOptions {
  /** Entry point of the story (default: the one with the largest expected loss). */
  readonly entry?: string;
  /** Remediation steps in the before/after picture (default 3). */
  readonly steps?: number;
  /** A changed model (what-if) to compare against the base. */
  readonly scenario?: { readonly name: string; readonly ctx: PlantContext; readonly changes?: readonly string[] };
}

export const MONEY_AT_RISK_DEFINITION =
  'Money at risk = Σ impact of every crown jewel an entry point can reach (downtime cost per hour × restore hours + safety value + data value), before weighting by likelihood.';

/** The entry point whose breach story carries the largest expected loss (first in the model on ties). */
export function topEntry(ctx: PlantContext): string | null {
  let best: { id: string; loss: number } | null = null;
  for (const e of ctx.model.entryPoints) {
    const loss = breachStory(ctx, e.asset).expectedLoss;
    if (!best || loss > best.loss) best = { id: e.asset, loss };
  }
  return best?.id ?? null;
}

export function kpis(ctx: PlantContext, risk: RiskReport = riskReport(ctx)): Kpis {
  const reachable = risk.jewels.filter((j) => j.reachable);
  const lines = ctx.entries.length ? blastRadius(ctx, ctx.model.entryPoints.map((e) => e.asset)).impact.productionLinesStopped : [];
  const cut = minimumVertexCut(ctx);
  const cutAssets = cut.kind === 'nothing-to-cut' ? [] : cut.assets;
  const choke = [...new Set([...cutAssets, ...dominatorsOfJewels(ctx).flatMap((d) => d.assets)])];
  const name = (id: string) => ctx.names[ctx.index.get(id)!] ?? id;
  return {
    plantRisk: risk.total,
    moneyAtRisk: reachable.reduce((s, j) => s + j.impact.money, 0),
    linesAtRisk: lines.length,
    linesTotal: ctx.model.productionLines?.length ?? 0,
    lineNames: lines.map((l) => l.name),
    chokepoints: choke.length,
    chokepointNames: choke.map(name),
    jewelsReachable: reachable.length,
    jewelsTotal: risk.jewels.length,
  };
}

/** Plant risk by the zone of the crown jewel that carries it, largest first (zones with risk only). */
export function riskByZone(ctx: PlantContext, risk: RiskReport = riskReport(ctx)): ZoneRisk[] {
  const zoneOf = new Map(ctx.model.assets.map((a) => [a.id, a.zone]));
  const zones = new Map(ctx.model.zones.map((z) => [z.id, z]));
  const sum = new Map<string, number>();
  for (const j of risk.jewels) {
    if (j.risk <= 0) continue;
    const z = zoneOf.get(j.asset)!;
    sum.set(z, (sum.get(z) ?? 0) + j.risk);
  }
  return [...sum]
    .map(([zone, r]) => ({ zone, name: zones.get(zone)?.name ?? zone, level: zones.get(zone)?.purdueLevel ?? 0, risk: r }))
    .sort((a, b) => b.risk - a.risk || (a.zone < b.zone ? -1 : 1));
}

/** Likelihood of the most likely path from `entry` to `target` in a plant (0 if either is missing or unreachable). */
function pathLikelihood(ctx: PlantContext, entry: string, target: string | null): number {
  const s = ctx.index.get(entry);
  const t = target === null ? undefined : ctx.index.get(target);
  if (s === undefined || t === undefined) return 0;
  if (s === t) return 1;
  return pathTo(ctx.attack, shortestTree(ctx.attack, [s]), t)?.likelihood ?? 0;
}

function compare(
  kind: BeforeAfter['kind'], label: string, changes: BeforeAfter['changes'], cost: number | null,
  baseRisk: RiskReport, after: PlantContext, story: BreachStory | null,
): BeforeAfter {
  const afterRisk = riskReport(after);
  const riskBefore = baseRisk.total;
  const riskAfter = afterRisk.total;
  const cut = riskBefore > 0 ? (riskBefore - riskAfter) / riskBefore : 0;
  const afterBy = new Map(afterRisk.jewels.map((j) => [j.asset, j]));
  const jewelsNoLongerReachable = baseRisk.jewels.filter((j) => j.reachable && !afterBy.get(j.asset)?.reachable).map((j) => j.name);
  const what = kind === 'plan' ? `${changes.length === 1 ? 'This fix' : `These ${changes.length} fixes`}${cost !== null ? ` costing ${formatMoney(cost)}` : ''}` : `Scenario “${label}”`;
  const effect = cut >= 0 ? `cut plant risk by ${formatPercent(cut)}` : `raises plant risk by ${formatPercent(-cut)}`;
  const verb = kind === 'plan' ? effect : effect.replace(/^cut /, 'cuts ');
  let storyAfter: BeforeAfter['story'] = null;
  if (story) {
    // The story's figures after the change, as the story's attacker.
    const told = withProfile(after, story.attacker.profile ?? undefined);
    const entryAfter = told.index.has(story.entry.id) ? breachImpact(told, story.entry.id) : null;
    storyAfter = {
      entry: story.entry.name,
      target: story.target?.name ?? null,
      likelihoodBefore: story.likelihood,
      likelihoodAfter: story.target ? pathLikelihood(told, story.entry.id, story.target.id) : 0,
      downtimePerHourBefore: story.impact.downtimePerHour,
      downtimePerHourAfter: entryAfter?.downtimePerHour ?? 0,
      linesStoppedBefore: story.impact.linesStopped.length,
      linesStoppedAfter: entryAfter?.linesStopped.length ?? 0,
    };
  }
  return {
    kind, label, changes, cost, riskBefore, riskAfter, cut,
    headline: `${what} ${verb}: ${formatMoney(riskBefore)} → ${formatMoney(riskAfter)}.`,
    jewelsNoLongerReachable, story: storyAfter,
  };
}

/** The model after the first `n` steps of a plan. */
export function modelAfterSteps(model: PlantModel, plan: RemediationPlan, n: number): PlantModel {
  let m = model;
  for (const s of plan.steps.slice(0, n)) m = applyAction(m, s.action);
  return m;
}

/** Before/after for the first `n` steps of a plan computed on `ctx`'s model. */
export function planBeforeAfter(ctx: PlantContext, plan: RemediationPlan, n: number, story: BreachStory | null, risk: RiskReport = riskReport(ctx)): BeforeAfter | null {
  const k = Math.min(n, plan.steps.length);
  if (k === 0) return null;
  const steps = plan.steps.slice(0, k);
  const after = buildContext(modelAfterSteps(ctx.model, plan, k), undefined, { profile: ctx.profile });
  const texts = stepTexts(ctx.model, steps.map((s) => s.action));
  const changes = steps.map((s, i) => ({ description: texts[i]!.text, cost: s.action.cost, refs: texts[i]!.refs }));
  return compare('plan', `${k} fix${k === 1 ? '' : 'es'}`, changes, steps.at(-1)!.cumulativeCost, risk, after, story);
}

export function executiveSummary(ctx: PlantContext, options: ExecutiveOptions = {}): ExecutiveSummary {
  const steps = options.steps ?? DEFAULT_BEFORE_AFTER_STEPS;
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_PLAN_STEPS) {
    throw new AnalysisError('BAD_PARAMETER', `executive: steps must be an integer in 0..${MAX_PLAN_STEPS}, got ${steps}`);
  }
  if (options.entry !== undefined && !ctx.index.has(options.entry)) throw new AnalysisError('UNKNOWN_ASSET', `unknown asset ${JSON.stringify(options.entry)}`);
  const risk = riskReport(ctx);
  const entry = options.entry ?? topEntry(ctx);
  const story = entry === null ? null : withTimeToCompromise(ctx, breachStory(ctx, entry));
  const plan = remediationPlan(ctx.model, { maxSteps: Math.max(EXECUTIVE_PLAN_STEPS, steps || 1), context: ctx });
  const m = ctx.model;
  const texts = stepTexts(m, plan.steps.map((s) => s.action));
  return {
    plant: { id: m.plant.id, name: m.plant.name, site: m.plant.site ?? null, assets: m.assets.length },
    profile: ctx.profile ?? null,
    entries: m.entryPoints.map((e) => ({ id: e.asset, name: ctx.names[ctx.index.get(e.asset)!]!, profile: e.profile ?? null, description: e.description ?? null })),
    entry,
    story,
    kpis: kpis(ctx, risk),
    scenarioKpis: options.scenario ? kpis(options.scenario.ctx) : null,
    riskByZone: riskByZone(ctx, risk),
    plan: {
      steps: plan.steps.map((s, i) => ({ description: texts[i]!.text, refs: texts[i]!.refs, cost: s.action.cost, cumulativeCost: s.cumulativeCost, riskAfter: s.riskAfter, riskRemoved: s.riskRemoved })),
      curve: plan.curve,
      baselineRisk: plan.baselineRisk,
    },
    beforeAfter: planBeforeAfter(ctx, plan, steps, story, risk),
    scenario: options.scenario ? compare('scenario', options.scenario.name, (options.scenario.changes ?? []).map((description) => ({ description, cost: null, refs: [] })), null, risk, options.scenario.ctx, story) : null,
    notes: [RISK_FORMULA, MONEY_AT_RISK_DEFINITION, ...plan.notes],
  };
}
