// The breach story for executives: from one entry point, the most likely attack path to the crown
// jewel with the largest expected loss, told step by step with asset and technique names, ending in
// the business impact of the breach — computed by the analysis (blast radius, impact, risk), never
// by a second formula here. Pure: no DOM, no Node, no React.
import { blastRadius } from '../analysis/blast';
import { nodeOf, type PlantContext } from '../analysis/context';
import { explainPath, type PathStep } from '../analysis/explain';
import { jewelImpact, type SafetyLevel } from '../analysis/impact';
import { pathTo, shortestTree } from '../analysis/paths';
import { TECHNIQUES, type TechniqueId } from '../analysis/techniques';

/** Hours in the "per day" downtime figure: a stopped line loses its hourly cost around the clock. */
export const HOURS_PER_DAY = 24;

export interface StoryStep {
  /** 1-based position in the story. */
  readonly n: number;
  readonly fromId: string;
  readonly toId: string;
  readonly fromName: string;
  readonly toName: string;
  /** ATT&CK for ICS technique id (T0866) and name (Exploitation of Remote Services). */
  readonly technique: string;
  readonly techniqueName: string;
  /** The step in plain language, with asset names. */
  readonly sentence: string;
  /** Likelihood of this step, and of the whole path up to and including it. */
  readonly likelihood: number;
  readonly cumulative: number;
  /** The analyst's one-line explanation of the edge (for the curious). */
  readonly why: string;
}

export interface BreachImpact {
  /** Assets an attacker holding the entry point can reach (blast radius, the entry included). */
  readonly assetsReached: number;
  readonly crownJewels: readonly { id: string; name: string }[];
  readonly linesStopped: readonly { id: string; name: string; costPerHour: number; restoreHours: number }[];
  readonly linesTotal: number;
  /** blastRadius(...).impact.downtimeCostPerHour, and the same × HOURS_PER_DAY. */
  readonly downtimePerHour: number;
  readonly downtimePerDay: number;
  readonly worstSafety: SafetyLevel;
  /** The worst safety consequence in words, with the crown jewel that carries it. */
  readonly safetyText: string;
  readonly dataExposed: readonly { id: string; name: string; dataLoss: string; label: string }[];
}

export interface BreachStory {
  readonly entry: { readonly id: string; readonly name: string; readonly profile: string | null; readonly description: string | null };
  /** The crown jewel the story ends at (largest likelihood × impact from this entry); null when none is reachable. */
  readonly target: {
    readonly id: string;
    readonly name: string;
    readonly description: string | null;
    readonly safety: SafetyLevel;
    /** jewelImpact(...).money: the impact the risk formula uses for this jewel. */
    readonly impactMoney: number;
  } | null;
  /** Likelihood of the story's path (product of its steps); 0 without a target. */
  readonly likelihood: number;
  /** likelihood × the target's impact (the expected loss the story stands for). */
  readonly expectedLoss: number;
  readonly headline: string;
  readonly steps: readonly StoryStep[];
  readonly impact: BreachImpact;
}

const SAFETY_TEXT: Record<SafetyLevel, string> = {
  none: 'No safety consequence',
  injury: 'Injury possible',
  fatality: 'Fatality possible',
};

const DATA_LABEL: Record<string, string> = {
  operational: 'operational data',
  confidential: 'confidential business data',
  'intellectual-property': 'intellectual property',
};

/** Plain-language sentence for one attack step, by the rule that derived it (else its technique). */
const BY_RULE: Record<string, (from: string, to: string) => string> = {
  'program-download': (f, t) => `From ${f}, the attacker downloads altered control logic to ${t}.`,
  'unauthenticated-command': (f, t) => `From ${f}, the attacker sends commands to ${t}, which does not ask who is talking.`,
  'authenticated-command': (f, t) => `Using the session credentials on ${f}, the attacker sends commands to ${t}.`,
  'exploit-public-facing': (f, t) => `From ${f}, the attacker exploits a known flaw in ${t}, which is reachable from outside.`,
  'exploit-remote-service': (f, t) => `From ${f}, the attacker exploits a known flaw in ${t}.`,
  'remote-admin-service': (f, t) => `With credentials taken on ${f}, the attacker logs in remotely to ${t}.`,
  'external-remote-access': (f, t) => `From ${f}, the attacker comes in through the remote access of ${t} with stolen or shared credentials.`,
  'application-service': (f, t) => `From ${f}, the attacker abuses an application service on ${t}.`,
  phishing: (f, t) => `Through ${f}, a malicious e-mail attachment compromises ${t}.`,
  'drive-by': (f, t) => `Through ${f}, a malicious web page compromises ${t}.`,
  'shared-credentials': (f, t) => `Passwords harvested on ${f} also open ${t} (shared credentials).`,
  'domain-membership': (f, t) => `Holding ${f}, the attacker administers ${t}, a member of its domain.`,
  'domain-trust': (f, t) => `A domain trust lets the attacker's accounts from ${f} log on at ${t}.`,
  'removable-media': (f, t) => `Removable media written on ${f} carry the malware to ${t}.`,
  'transient-laptop': (f, t) => `A laptop infected at ${f} brings the attack to ${t} on its rounds.`,
};

const BY_TECHNIQUE: Record<TechniqueId, (from: string, to: string) => string> = {
  T0819: BY_RULE['exploit-public-facing']!,
  T0822: BY_RULE['external-remote-access']!,
  T0817: BY_RULE['drive-by']!,
  T0843: BY_RULE['program-download']!,
  T0847: BY_RULE['removable-media']!,
  T0855: (f, t) => `From ${f}, the attacker sends commands to ${t}.`,
  T0859: (f, t) => `Accounts obtained on ${f} let the attacker log on at ${t}.`,
  T0864: BY_RULE['transient-laptop']!,
  T0865: BY_RULE.phishing!,
  T0866: BY_RULE['exploit-remote-service']!,
  T0886: BY_RULE['remote-admin-service']!,
};

export function stepSentence(step: Pick<PathStep, 'rule' | 'technique' | 'fromName' | 'toName'>): string {
  const say = BY_RULE[step.rule] ?? BY_TECHNIQUE[step.technique as TechniqueId] ?? ((f: string, t: string) => `From ${f}, the attacker takes ${t}.`);
  return say(step.fromName, step.toName);
}

/** The business impact of holding `entryId`, from the blast radius. */
export function breachImpact(ctx: PlantContext, entryId: string): BreachImpact {
  const blast = blastRadius(ctx, [entryId]);
  const name = (id: string) => ctx.names[nodeOf(ctx, id)]!;
  const i = blast.impact;
  const jewelOf = new Map(ctx.model.crownJewels.map((j) => [j.asset, j]));
  const carrier = i.worstSafety === 'none' ? undefined : i.crownJewels.find((id) => (jewelOf.get(id)?.impact.safety ?? 'none') === i.worstSafety);
  const carrierText = carrier ? ` — ${name(carrier)}${jewelOf.get(carrier)?.impact.description ? `: ${jewelOf.get(carrier)!.impact.description}` : ''}` : '';
  return {
    assetsReached: blast.reached.count,
    crownJewels: i.crownJewels.map((id) => ({ id, name: name(id) })),
    linesStopped: i.productionLinesStopped.map((l) => ({ id: l.id, name: l.name, costPerHour: l.costPerHour, restoreHours: l.restoreHours })),
    linesTotal: ctx.model.productionLines?.length ?? 0,
    downtimePerHour: i.downtimeCostPerHour,
    downtimePerDay: i.downtimeCostPerHour * HOURS_PER_DAY,
    worstSafety: i.worstSafety,
    safetyText: `${SAFETY_TEXT[i.worstSafety]}${carrierText}`,
    dataExposed: i.dataExposed.map((d) => ({ id: d.asset, name: name(d.asset), dataLoss: d.dataLoss, label: DATA_LABEL[d.dataLoss] ?? d.dataLoss })),
  };
}

/**
 * The breach story from one entry point (any asset id works; entry points are the usual choice).
 * One search from the entry gives the most likely path to every crown jewel; the story follows the
 * one with the largest likelihood × impact (ties: more likely, then model order).
 */
export function breachStory(ctx: PlantContext, entryId: string): BreachStory {
  const s = nodeOf(ctx, entryId);
  const tree = shortestTree(ctx.attack, [s]);
  let best: { jewel: number; path: NonNullable<ReturnType<typeof pathTo>>; money: number; loss: number } | undefined;
  ctx.model.crownJewels.forEach((j, i) => {
    const v = ctx.jewels[i]!;
    if (v === s) return;
    const path = pathTo(ctx.attack, tree, v);
    if (!path) return;
    const money = jewelImpact(ctx.model, j).money;
    const loss = path.likelihood * money;
    if (!best || loss > best.loss || (loss === best.loss && path.likelihood > best.path.likelihood)) best = { jewel: i, path, money, loss };
  });
  const entryRecord = ctx.model.entryPoints.find((e) => e.asset === entryId);
  const entry = { id: entryId, name: ctx.names[s]!, profile: entryRecord?.profile ?? null, description: entryRecord?.description ?? null };
  const impact = breachImpact(ctx, entryId);
  if (!best) {
    return {
      entry, target: null, likelihood: 0, expectedLoss: 0, steps: [], impact,
      headline: `${entry.name}: no crown jewel can be reached from here.`,
    };
  }
  const found = best;
  const jewel = ctx.model.crownJewels[found.jewel]!;
  const explained = explainPath(ctx, found.path);
  let cumulative = 1;
  const steps = explained.edges.map((e, k): StoryStep => {
    cumulative *= e.likelihood;
    return {
      n: k + 1, fromId: e.from, toId: e.to, fromName: e.fromName, toName: e.toName,
      technique: e.technique, techniqueName: TECHNIQUES[e.technique].name,
      sentence: stepSentence(e), likelihood: e.likelihood, cumulative, why: e.why,
    };
  });
  const targetName = ctx.names[ctx.jewels[found.jewel]!]!;
  return {
    entry,
    target: { id: jewel.asset, name: targetName, description: jewel.impact.description ?? null, safety: jewel.impact.safety ?? 'none', impactMoney: found.money },
    likelihood: found.path.likelihood,
    expectedLoss: found.loss,
    headline: `${entry.name} breached: ${steps.length} step${steps.length === 1 ? '' : 's'} to ${targetName}.`,
    steps,
    impact,
  };
}
